"""Faults around an existing database: many writers at once, kill -9 in the middle of `mgr log`,
a full disk and failing flushes, damage a write must not build upon, and temporary data that
must not leave memory. In none of them is anything acknowledged lost."""

import concurrent.futures
import hashlib
import os
import random
import re
import signal
import sqlite3
import shutil
import subprocess
import threading
import time
import unittest

from mgr_harness import MGR_BIN, MgrTestCase
from test_first_run import INJECTED_ERRORS, STRACE_REASON, SYSCALL_LINE, strace_usable, traced


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def notes_in(db):
    conn = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT note FROM entries ORDER BY id")]
    finally:
        conn.close()


def integrity(db):
    conn = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


class ManyWriters(MgrTestCase):
    def test_two_processes_each_log_500_entries_at_once(self):
        self.add_person("alice")
        errors = []

        def writer(name):
            for i in range(500):
                proc = subprocess.run([MGR_BIN, "log", "note", "alice", "%s %d" % (name, i)],
                                      env=self.env, capture_output=True, cwd=self.tmp, timeout=60)
                if proc.returncode != 0 or not proc.stdout.startswith(b"logged #"):
                    errors.append((name, i, proc.returncode, proc.stderr.decode()[:300]))

        threads = [threading.Thread(target=writer, args=(name,)) for name in ("first", "second")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        notes = notes_in(self.db)
        self.assertEqual(len(notes), 1000)
        self.assertEqual(sorted(notes), sorted("%s %d" % (name, i) for name in ("first", "second")
                                               for i in range(500)))
        # Each writer's entries in the order it wrote them: nothing reordered or lost.
        for name in ("first", "second"):
            self.assertEqual([n for n in notes if n.startswith(name + " ")],
                             ["%s %d" % (name, i) for i in range(500)])
        self.assertEqual(integrity(self.db), [("ok",)])


class KilledWrites(MgrTestCase):
    def test_kill_9_at_random_moments_of_50_logs(self):
        self.add_person("alice")
        self.log("note", "alice", "before")
        seed = random.randrange(1 << 30)
        chance = random.Random(seed)
        start = time.monotonic()
        self.log("note", "alice", "timing")
        longest = time.monotonic() - start
        confirmed = ["before", "timing"]
        for round_number in range(50):
            note = "round %d" % round_number
            proc = subprocess.Popen([MGR_BIN, "log", "note", "alice", note], env=self.env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp)
            time.sleep(chance.uniform(0, longest * 1.5))
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate(timeout=60)
            if out.startswith(b"logged #"):
                confirmed.append(note)
            self.assertEqual(integrity(self.db), [("ok",)], "seed %d, round %d" % (seed,
                                                                                round_number))
        stored = notes_in(self.db)
        self.assertEqual([n for n in confirmed if n not in stored], [], "seed %d" % seed)
        self.log("note", "alice", "after")
        self.assertEqual(integrity(self.db), [("ok",)])
        self.assertLess(len(confirmed), 52, "no log was ever killed (seed %d)" % seed)


@unittest.skipUnless(strace_usable(), STRACE_REASON)
class InjectedFaults(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.log("note", "alice", "earlier")
        self.dump = self.db_dump_hash()

    def under_fault(self, inject, *args):
        syscalls = inject.split(":")[0]
        return self.mgr(*args, expect_code=1, wrapper=traced(
            "-o", "/dev/null", "-e", "trace=" + syscalls, "-e", "inject=" + inject))

    def assert_failed_cleanly(self, out, err, *mentions):
        self.assertEqual(out, "")
        self.assert_error_line(err, (self.db,) + mentions)
        self.assertEqual(self.db_dump_hash(), self.dump)
        self.assertEqual(integrity(self.db), [("ok",)])
        self.assertEqual(notes_in(self.db), ["earlier"])
        self.log("note", "alice", "next run")
        self.assertEqual(notes_in(self.db), ["earlier", "next run"])

    def test_disk_full(self):
        _, out, err = self.under_fault("pwrite64:error=ENOSPC", "log", "note", "alice", "lost")
        self.assert_failed_cleanly(out, err, "No space left on device")

    def test_io_error_when_flushing(self):
        _, out, err = self.under_fault("fsync,fdatasync:error=EIO", "log", "note", "alice", "x")
        self.assert_failed_cleanly(out, err, "flushing to disk failed")

    def test_every_write_call_of_a_log_failing_in_turn(self):
        """Each call that writes, flushes, creates or removes a file during `mgr log`, failed
        alone: either the entry is confirmed and stored, or the command fails (exit 1), prints
        no confirmation and stores nothing; the next run works."""
        log = os.path.join(self.tmp, "trace.log")
        template = os.path.join(self.tmp, "template.db")
        subprocess.run(["sqlite3", self.db, ".backup %s" % template], check=True)
        self.mgr("log", "note", "alice", "traced",
                 wrapper=traced("-o", log, "-e", "trace=" + ",".join(INJECTED_ERRORS)))
        seen, points = {}, []
        with open(log) as lines:
            for line in lines:
                match = SYSCALL_LINE.match(line)
                if not match or match.group(1) not in INJECTED_ERRORS:
                    continue
                name = match.group(1)
                seen[name] = seen.get(name, 0) + 1
                if name != "openat" or "O_CREAT" in match.group(2):
                    points.append((name, seen[name]))
        self.assertIn(("fdatasync", 1), points)
        self.assertIn(("pwrite64", 1), points)

        def one_case(point):
            name, nth = point
            folder = os.path.join(self.tmp, "%s-%d" % point)
            os.mkdir(folder, 0o700)
            db = os.path.join(folder, "mgr.db")
            # A plain copy: the template's sqlite3 has closed, so its -wal is folded in. Two
            # sqlite3 processes opening the template at once could meet each other's locks.
            shutil.copyfile(template, db)
            os.chmod(db, 0o600)
            env = dict(self.env, MGR_DB=db)
            inject = "inject=%s:error=%s:when=%d" % (name, INJECTED_ERRORS[name], nth)
            run = subprocess.run(traced("-o", "/dev/null", "-e", "trace=" + name, "-e", inject) +
                                 [MGR_BIN, "log", "note", "alice", "faulty"],
                                 env=env, capture_output=True, cwd=self.tmp, timeout=60)
            problems = []
            confirmed = run.stdout.startswith(b"logged #")
            stored = notes_in(db)
            if confirmed and stored != ["earlier", "faulty"]:
                problems.append("confirmed but stored %r" % stored)
            output_failed = b"the change was saved, but its confirmation" in run.stderr
            if run.returncode == 1 and output_failed:
                # Only printing the confirmation failed: the entry was committed first, as the
                # error says; mgr must not claim anything else.
                if stored != ["earlier", "faulty"]:
                    problems.append("output failed but stored %r" % stored)
            elif run.returncode == 1:
                if confirmed:
                    problems.append("confirmed, then exit 1")
                if stored != ["earlier"]:
                    problems.append("failed but stored %r" % stored)
                first_line = run.stderr.decode().split("\n")[0]
                if not first_line.startswith("mgr: error: ") or db not in first_line:
                    problems.append("unclear error %r" % run.stderr[:200])
            elif run.returncode != 0:
                problems.append("exit %d: %r" % (run.returncode, run.stderr[:200]))
            elif not confirmed and name != "write":  # `write` prints the confirmation
                problems.append("exit 0 without a confirmation")
            after = subprocess.run([MGR_BIN, "log", "note", "alice", "after"], env=env,
                                   capture_output=True, cwd=self.tmp, timeout=60)
            if after.returncode != 0:
                problems.append("next run failed: %r" % after.stderr[:200])
            if integrity(db) != [("ok",)]:
                problems.append("integrity_check fails")
            return point, problems

        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(one_case, points))
        failures = ["%s call %d fails: %s" % (p[0], p[1], "; ".join(problems))
                    for p, problems in results if problems]
        self.assertEqual(failures, [], "%d of %d injected faults" % (len(failures), len(points)))


class DamagedFile(MgrTestCase):
    """A write into a damaged file fails and writes nothing, whether or not the damage is on the
    pages the write touches. (A read meeting damage: test_ids_and_upgrade.DamagedPages.)"""

    def setUp(self):
        super().setUp()
        self.add_person("alice")
        for i in range(60):
            self.log("note", "alice", "note %d %s" % (i, "x" * 300))
        self.leaves = [row[0] for row in self.sql(
            "SELECT pageno FROM dbstat WHERE name = 'entries' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
        self.root = self.sql("SELECT rootpage FROM sqlite_schema WHERE name = 'entries'")[0][0]
        self.page_size = self.sql("PRAGMA page_size")[0][0]
        self.assertGreaterEqual(len(self.leaves), 3)

    def garble(self, page):
        with open(self.db, "r+b") as f:
            f.seek((page - 1) * self.page_size)
            f.write(b"\xa5" * self.page_size)

    def assert_write_refused(self):
        digest = file_digest(self.db)
        for args in (["log", "note", "alice", "into damage"], ["person", "add", "bob"]):
            with self.subTest(args=args):
                _, out, err = self.mgr(*args, expect_code=1)
                self.assertEqual(out, "")
                self.assertRegex(err.splitlines()[0],
                                 "^mgr: error: database '%s' is damaged" % re.escape(self.db))
                self.assertIn("mgr doctor", err)
                self.assertEqual(file_digest(self.db), digest)
                self.assertFalse(os.path.exists(self.db + "-wal") and
                                 os.path.getsize(self.db + "-wal") > 0)

    def test_damage_on_the_pages_the_write_touches(self):
        self.garble(self.root)
        self.assert_write_refused()

    def test_damage_elsewhere_in_the_file(self):
        # An old page, far from where a new entry goes: only a check of the whole file sees it.
        self.garble(self.leaves[1])
        self.assert_write_refused()


class TemporaryData(MgrTestCase):
    @unittest.skipUnless(strace_usable(), STRACE_REASON)
    def test_sorting_thousands_of_notes_never_spills_to_temporary_files(self):
        # SQLite's sorter writes to unlinked files in SQLITE_TMPDIR (else /var/tmp) once what it
        # sorts outgrows its cache; note text must not land there.
        self.add_person("alice")
        conn = sqlite3.connect(self.db)
        with conn:
            conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         "WHERE i < 6000) INSERT INTO ids (id, kind) SELECT i + 10, 'entry' FROM n")
            conn.execute("INSERT INTO entries (id, kind, date, logged_at, note) SELECT id, "
                         "'note', date('2020-01-01', '+' || (id % 2000) || ' days'), "
                         "'2026-01-01T00:00:00Z', 'secret ' || hex(randomblob(500)) FROM ids")
            conn.execute("INSERT INTO entry_people (entry_id, person_id, position) "
                         "SELECT id, 1, 0 FROM entries")
        conn.close()
        spill = os.path.join(self.tmp, "spill")
        os.mkdir(spill)
        trace = os.path.join(self.tmp, "trace.log")
        for args in (["person", "show", "alice"], ["history", "--person", "alice"],
                     ["history", "--format", "json"]):
            with self.subTest(args=args):
                self.mgr(*args, env={"SQLITE_TMPDIR": spill, "TMPDIR": spill},
                         wrapper=traced("-o", trace, "-e", "trace=open,openat,creat"))
                with open(trace) as f:
                    opened = [line for line in f if spill in line or "O_TMPFILE" in line]
                self.assertEqual(opened, [])


if __name__ == "__main__":
    unittest.main()
