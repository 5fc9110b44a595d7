"""The first run: whatever interrupts the command that creates the database (a failing system
call, kill -9), the next command works and nothing acknowledged is lost; the creation lock cannot
be held by another user; what older versions of mgr left behind is recognised where it provably
holds nothing."""

import concurrent.futures
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import time
import unittest

from mgr_harness import MGR_BIN, MgrTestCase

# The error each system call fails with: a full disk for what writes or creates, an I/O error
# for what flushes, renames or removes.
INJECTED_ERRORS = {
    "write": "ENOSPC",
    "pwrite64": "ENOSPC",
    "fsync": "EIO",
    "fdatasync": "EIO",
    "ftruncate": "EIO",
    "openat": "ENOSPC",  # only the calls that create a file (O_CREAT)
    "rename": "EIO",
    "renameat": "EIO",
    "renameat2": "EIO",
    "unlink": "EIO",
    "unlinkat": "EIO",
    "mkdir": "ENOSPC",
    "mkdirat": "ENOSPC",
    "chmod": "EPERM",
    "fchmod": "EPERM",
    "fchmodat": "EPERM",
}

SYSCALL_LINE = re.compile(r"^(?:\d+ +)?(\w+)\((.*)$")


def strace_usable():
    if not shutil.which("strace"):
        return False
    probe = subprocess.run(["strace", "-o", "/dev/null", "true"], capture_output=True)
    return probe.returncode == 0


STRACE_REASON = "needs strace able to trace (contrib/install-deps.sh installs it; ptrace allowed)"


def traced(*strace_options):
    """The argv prefix that runs a command under `strace -f -qq OPTIONS`. LeakSanitizer cannot
    work under ptrace, so a sanitizer build is told not to try."""
    asan = ":".join(filter(None, [os.environ.get("ASAN_OPTIONS"), "detect_leaks=0"]))
    return ["strace", "-f", "-qq", "-E", "ASAN_OPTIONS=" + asan] + list(strace_options)


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


class FirstRunCase(MgrTestCase):
    """Helpers to run many first runs, each in its own folder, and check what they left."""

    def case_env(self, name):
        folder = os.path.join(self.tmp, name)
        return folder, dict(self.env, MGR_DB=os.path.join(folder, "mgr.db"))

    def problems_after(self, folder, env, acknowledged):
        """What is wrong after an interrupted `mgr person add alice` in `folder` (which printed
        its confirmation when `acknowledged`): an empty list when the next read command and the
        next write work and nothing acknowledged is lost."""
        problems = []
        listing = subprocess.run([MGR_BIN, "person", "list", "--format", "json"], env=env,
                                 capture_output=True, cwd=self.tmp, timeout=60)
        if listing.returncode != 0:
            problems.append("next read failed: %s" % listing.stderr.decode()[:300])
        elif acknowledged and "alice" not in [p["handle"] for p in json.loads(listing.stdout)]:
            problems.append("acknowledged alice is missing")
        adding = subprocess.run([MGR_BIN, "person", "add", "bob"], env=env, capture_output=True,
                                cwd=self.tmp, timeout=60)
        if adding.returncode != 0:
            problems.append("next write failed: %s" % adding.stderr.decode()[:300])
            return problems
        db = env["MGR_DB"]
        conn = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        try:
            handles = [row[0] for row in conn.execute("SELECT handle FROM people")]
            integrity = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
        if "bob" not in handles:
            problems.append("bob was confirmed but is missing")
        if acknowledged and "alice" not in handles:
            problems.append("acknowledged alice is missing after the next write")
        if integrity != [("ok",)]:
            problems.append("integrity_check: %r" % integrity)
        leftovers = [n for n in os.listdir(folder) if ".creating-" in n]
        if leftovers:
            problems.append("build files left behind: %r" % leftovers)
        return problems


@unittest.skipUnless(strace_usable(), STRACE_REASON)
class InjectedFaults(FirstRunCase):
    def trace_first_run(self):
        """Every traced call of a clean first `mgr person add`, in order: [(name, arguments)]."""
        folder, env = self.case_env("traced")
        log = os.path.join(self.tmp, "trace.log")
        subprocess.run(traced("-o", log, "-e", "trace=" + ",".join(INJECTED_ERRORS)) +
                       [MGR_BIN, "person", "add", "alice"],
                       env=env, check=True, capture_output=True, cwd=self.tmp, timeout=60)
        calls = []
        with open(log) as lines:
            for line in lines:
                match = SYSCALL_LINE.match(line)
                if match and match.group(1) in INJECTED_ERRORS:
                    calls.append((match.group(1), match.group(2)))
        return calls

    def injection_points(self):
        """(syscall, nth call of it) for every call that writes, flushes, renames, removes or
        creates a file in a first run."""
        seen = {}
        points = []
        for name, arguments in self.trace_first_run():
            seen[name] = seen.get(name, 0) + 1
            if name == "openat" and "O_CREAT" not in arguments:
                continue
            points.append((name, seen[name]))
        return points

    def run_with_fault(self, syscall, nth):
        folder, env = self.case_env("%s-%d" % (syscall, nth))
        inject = "inject=%s:error=%s:when=%d" % (syscall, INJECTED_ERRORS[syscall], nth)
        run = subprocess.run(traced("-o", "/dev/null", "-e", "trace=" + syscall, "-e", inject) +
                             [MGR_BIN, "person", "add", "alice"],
                             env=env, capture_output=True, cwd=self.tmp, timeout=60)
        acknowledged = b"added alice" in run.stdout
        problems = []
        if run.returncode != 0 and acknowledged:
            problems.append("confirmed, then failed")
        if run.returncode == 0 and not acknowledged and syscall != "write":
            problems.append("exit 0 without a confirmation")
        if run.returncode not in (0, 1):
            problems.append("exit %d: %s" % (run.returncode, run.stderr.decode()[:300]))
        elif run.returncode == 1 and not run.stderr.startswith(b"mgr: error: "):
            problems.append("no error line: %r" % run.stderr[:300])
        problems += self.problems_after(folder, env, acknowledged)
        return problems

    def test_every_write_call_of_the_first_run_failing_in_turn(self):
        points = self.injection_points()
        names = {name for name, _ in points}
        # The run creates files, writes them, flushes them, renames the build into place.
        for expected in ("openat", "pwrite64", "fdatasync", "fsync", "renameat2"):
            self.assertIn(expected, names)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda point: (point, self.run_with_fault(*point)), points))
        failures = ["%s call %d fails: %s" % (point[0], point[1], "; ".join(problems))
                    for point, problems in results if problems]
        self.assertEqual(failures, [], "%d of %d injected faults" % (len(failures), len(points)))

    def test_no_locks_available_warns_once_and_goes_on(self):
        _, _, err = self.mgr("person", "add", "alice", wrapper=traced(
            "-o", "/dev/null", "-e", "trace=flock", "-e", "inject=flock:error=ENOLCK"))
        self.assertEqual(err.splitlines(), [
            "mgr: note: cannot lock '%s.lock' (No locks available); relying on SQLite's own "
            "locking" % self.db])
        self.assertEqual([p["handle"] for p in self.run_json("person", "list", "--format", "json")],
                         ["alice"])


class KilledFirstRuns(FirstRunCase):
    def test_kill_9_at_random_points_of_50_first_runs(self):
        seed = random.randrange(1 << 30)
        chance = random.Random(seed)
        # How long a first run takes here, so that the kills land all along it.
        durations = []
        for attempt in range(3):
            folder, env = self.case_env("timing%d" % attempt)
            start = time.monotonic()
            subprocess.run([MGR_BIN, "person", "add", "alice"], env=env, check=True,
                           capture_output=True, cwd=self.tmp)
            durations.append(time.monotonic() - start)
        longest = max(durations)
        failures = []
        acknowledged_rounds = 0
        killed_before_the_database_appeared = 0
        for round_number in range(50):
            folder, env = self.case_env("round%d" % round_number)
            proc = subprocess.Popen([MGR_BIN, "person", "add", "alice"], env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp)
            time.sleep(chance.uniform(0, longest * 1.2))
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate(timeout=60)
            acknowledged = b"added alice" in out
            acknowledged_rounds += acknowledged
            killed_before_the_database_appeared += not os.path.exists(env["MGR_DB"])
            problems = self.problems_after(folder, env, acknowledged)
            if problems:
                failures.append("round %d: %s" % (round_number, "; ".join(problems)))
        self.assertEqual(failures, [], "random seed %d" % seed)
        # The kills landed while the database was being created, not only before or after.
        self.assertGreater(killed_before_the_database_appeared, 0,
                           "random seed %d; %d rounds acknowledged" % (seed, acknowledged_rounds))


class LeftoversOfOlderVersions(MgrTestCase):
    """An older mgr created the file in place; killed early, it left a 0-byte file (with a
    -journal of nothing), which every later command refused."""

    def setUp(self):
        super().setUp()
        self.folder = os.path.dirname(self.db)
        os.makedirs(self.folder, mode=0o700)

    def leave(self, journal=None, file_mode=0o600):
        open(self.db, "wb").close()
        os.chmod(self.db, file_mode)
        if journal is not None:
            with open(self.db + "-journal", "wb") as f:
                f.write(journal)

    # The header SQLite writes to a -journal before the first page of a new database: its
    # magic, no records, a nonce, and 0 pages in the database before the transaction.
    HOT_JOURNAL_OF_NOTHING = (bytes.fromhex("d9d505f920a163d7") + bytes(4) +
                              bytes.fromhex("7ea3cfc2") + bytes(4) +
                              bytes.fromhex("0000020000001000")).ljust(512, b"\0")

    def assert_taken_over(self):
        _, out, _ = self.mgr("person", "list")
        self.assertIn("No mgr database at %s yet" % self.db, out)
        self.assertEqual(os.path.getsize(self.db), 0, "a read command changed the file")
        _, out, err = self.mgr("person", "add", "alice")
        self.assertEqual(out, "added alice (report, weekly, 30m)\n")
        self.assertEqual(err, "mgr: note: '%s' was an empty file left by an interrupted first "
                              "run; created the database in its place\n" % self.db)
        self.assertEqual(sorted(os.listdir(self.folder)), ["mgr.db", "mgr.db.lock"])
        self.assertEqual(self.sql("SELECT handle FROM people"), [("alice",)])
        self.assertEqual(mode(self.db), 0o600)

    def test_an_empty_file_alone(self):
        self.leave()
        self.assert_taken_over()

    def test_an_empty_file_with_a_journal_of_nothing(self):
        self.leave(journal=self.HOT_JOURNAL_OF_NOTHING)
        self.assert_taken_over()

    def test_an_empty_file_with_a_committed_journal(self):
        # Once committed, SQLite zeroes the journal's header.
        self.leave(journal=bytes(12) + self.HOT_JOURNAL_OF_NOTHING[12:])
        self.assert_taken_over()

    def test_an_empty_file_with_empty_side_files(self):
        self.leave(journal=b"")
        for suffix in ("-wal", "-shm"):
            open(self.db + suffix, "wb").close()
        self.assert_taken_over()

    def refused(self):
        listing = sorted(os.listdir(self.folder))
        contents = {}
        for name in listing:
            with open(os.path.join(self.folder, name), "rb") as f:
                contents[name] = f.read()
        for args in (["person", "list"], ["person", "add", "alice"]):
            _, _, err = self.mgr(*args, expect_code=1)
            self.assert_error_line(err, [self.db])
        self.assertEqual(sorted(os.listdir(self.folder)), listing)
        for name, content in contents.items():
            with open(os.path.join(self.folder, name), "rb") as f:
                self.assertEqual(f.read(), content, name)
        return err

    def test_an_empty_file_others_may_read_is_not_ours(self):
        # mgr always made its file 0600; this one someone else made, for whatever reason.
        self.leave(file_mode=0o644)
        self.assertIn("empty file", self.refused())

    def test_an_empty_file_beside_a_journal_that_could_restore_pages_is_refused(self):
        journal = bytearray(self.HOT_JOURNAL_OF_NOTHING)
        journal[16:20] = (3).to_bytes(4, "big")  # three pages before the transaction
        self.leave(journal=bytes(journal) + bytes(3 * 4100))
        self.refused()

    def test_a_wal_left_beside_a_missing_database_is_refused(self):
        # A -wal whose database was moved away would be applied to a new one.
        with open(self.db + "-wal", "wb") as f:
            f.write(b"\x37\x7f\x06\x82" + bytes(4092))
        _, _, err = self.mgr("person", "add", "alice", expect_code=1)
        self.assert_error_line(err, [self.db + "-wal"])
        self.assertEqual(sorted(os.listdir(self.folder)), ["mgr.db-wal", "mgr.db.lock"])

    def test_builds_left_by_an_interrupted_creation_are_removed(self):
        names = ["mgr.db.creating-Ab12Cd", "mgr.db.creating-Ab12Cd-wal",
                 "mgr.db.creating-xyz789-journal"]
        for name in names:
            open(os.path.join(self.folder, name), "wb").close()
        unrelated = ["mgr.db.creating-notes.txt", "other.db.creating-Ab12Cd", "notes.txt"]
        for name in unrelated:
            open(os.path.join(self.folder, name), "wb").close()
        self.add_person("alice")
        self.assertEqual(sorted(os.listdir(self.folder)),
                         sorted(["mgr.db", "mgr.db.lock"] + unrelated))


class CreationLock(MgrTestCase):
    def test_the_lock_is_a_private_file_beside_the_database(self):
        self.add_person("alice")
        lock = self.db + ".lock"
        self.assertEqual(mode(lock), 0o600)
        self.assertEqual(os.path.getsize(lock), 0)

    def test_a_lock_file_others_could_open_is_made_private(self):
        os.makedirs(os.path.dirname(self.db), mode=0o700)
        open(self.db + ".lock", "wb").close()
        os.chmod(self.db + ".lock", 0o666)
        self.add_person("alice")
        self.assertEqual(mode(self.db + ".lock"), 0o600)

    def test_a_lock_held_by_another_user_on_the_folder_changes_nothing(self):
        # mgr used to lock the folder itself, which anyone who can read it can lock too.
        if os.geteuid() != 0:
            self.skipTest("needs root to run the other user's process")
        folder = os.path.dirname(self.db)
        os.makedirs(folder)
        os.chmod(self.tmp, 0o755)
        os.chmod(folder, 0o755)
        holder = subprocess.Popen(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                   "flock", "--exclusive", folder, "sleep", "60"],
                                  start_new_session=True)
        try:
            deadline = time.monotonic() + 10
            while subprocess.run(["flock", "--nonblock", "--shared", folder, "true"]).returncode == 0:
                self.assertLess(time.monotonic(), deadline, "the other user never got the lock")
                time.sleep(0.02)
            start = time.monotonic()
            self.add_person("alice")
            self.log("note", "alice", "still works")
            self.assertLess(time.monotonic() - start, 5)
        finally:
            os.killpg(holder.pid, signal.SIGKILL)  # flock and the sleep holding the lock
            holder.wait()

    def test_a_creation_that_outwaits_the_lock_is_temporary(self):
        os.makedirs(os.path.dirname(self.db), mode=0o700)
        holder = subprocess.Popen(["flock", "--exclusive", self.db + ".lock", "sleep", "60"],
                                  start_new_session=True)
        try:
            deadline = time.monotonic() + 10
            while subprocess.run(["flock", "--nonblock", self.db + ".lock", "true"]).returncode == 0:
                self.assertLess(time.monotonic(), deadline, "the holder never got the lock")
                time.sleep(0.02)
            _, out, err = self.mgr("person", "add", "alice", expect_code=75, timeout=60)
            self.assert_error_line(err, [self.db, self.db + ".lock"])
            self.assertEqual(out, "")
            self.assertFalse(os.path.exists(self.db))
        finally:
            os.killpg(holder.pid, signal.SIGKILL)  # flock and the sleep holding the lock
            holder.wait()
        self.add_person("alice")


if __name__ == "__main__":
    unittest.main()
