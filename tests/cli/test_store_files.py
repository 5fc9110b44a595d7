"""Files mgr is given rather than makes: one it may not read, may not write, in a folder it may
not write, random bytes; and the modes of every file and folder it does make. Each refusal names
the path and leaves the file as it was. (Empty, foreign, newer-schema files: test_store.py;
a garbled page met by a read: test_ids_and_upgrade.py.)

Mode bits do not bind root, so as root these tests run mgr as the unprivileged user `nobody`
(uid 65534) through setpriv, on a sandbox handed over to that user."""

import hashlib
import os
import sqlite3
import stat
import subprocess
import unittest

from mgr_harness import MGR_BIN, UMASK_022, MgrTestCase

NOBODY = 65534
AS_NOBODY = ["setpriv", "--reuid=%d" % NOBODY, "--regid=%d" % NOBODY, "--clear-groups"]


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def snapshot(folder):
    """Every file in `folder` with its mode and content digest (read as the test runner)."""
    found = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        saved = mode(path)
        os.chmod(path, saved | stat.S_IRUSR)  # a mode 200 file is read by its owner here too
        with open(path, "rb") as f:
            found[name] = (oct(saved), hashlib.sha256(f.read()).hexdigest())
        os.chmod(path, saved)
    return found


def can_run_as_nobody():
    if os.geteuid() != 0:
        return True  # not root: the mode bits bind the user running the tests
    probe = subprocess.run(AS_NOBODY + [MGR_BIN, "--help"], capture_output=True)
    return probe.returncode == 0


class UnprivilegedCase(MgrTestCase):
    def setUp(self):
        super().setUp()
        if not can_run_as_nobody():
            self.skipTest("running as root, and user nobody cannot run %s (a folder on its "
                          "path is private?)" % MGR_BIN)
        self.folder = os.path.dirname(self.db)
        self.user_mgr("person", "add", "alice")
        self.user_mgr("log", "note", "alice", "kept")

    def hand_over(self):
        if os.geteuid() == 0:
            for folder, dirs, files in os.walk(self.tmp):
                for name in [folder] + [os.path.join(folder, n) for n in dirs + files]:
                    os.lchown(name, NOBODY, NOBODY)

    def user_mgr(self, *args, **kwargs):
        """Runs mgr as the unprivileged user (the sandbox is theirs first)."""
        self.hand_over()
        return self.mgr(*args, wrapper=AS_NOBODY if os.geteuid() == 0 else None, **kwargs)

    def assert_refused(self, args, *mentions):
        before = snapshot(self.folder)
        _, out, err = self.user_mgr(*args, expect_code=1)
        self.assertEqual(out, "")
        self.assert_error_line(err, mentions)
        self.assertEqual(snapshot(self.folder), before, "mgr %s changed the folder" % args)
        return err

    def assert_reads(self):
        _, out, _ = self.user_mgr("history")
        self.assertIn("kept", out)
        _, out, _ = self.user_mgr("person", "show", "alice")
        self.assertIn("kept", out)


class UnreadableDatabase(UnprivilegedCase):
    def test_mode_200_names_the_permission_error(self):
        os.chmod(self.db, 0o200)
        for args in (["history"], ["person", "list"], ["log", "note", "alice", "x"],
                     ["person", "add", "bob"]):
            with self.subTest(args=args):
                err = self.assert_refused(args, "cannot read database '%s'" % self.db,
                                          "Permission denied")
                self.assertNotIn("not an SQLite database", err)
                self.assertNotIn("not an mgr database", err)


class ReadOnlyDatabase(UnprivilegedCase):
    def test_read_commands_read_and_write_commands_say_why_not(self):
        os.chmod(self.db, 0o400)
        self.assert_reads()
        for args in (["log", "note", "alice", "x"], ["person", "add", "bob"]):
            with self.subTest(args=args):
                self.assert_refused(args, "cannot change database '%s'" % self.db,
                                    "Permission denied")
        # Made writable again, it takes writes at once (a -shm left read-only by the reads
        # above does not stand in the way).
        os.chmod(self.db, 0o600)
        self.user_mgr("log", "note", "alice", "writable again")
        self.assertEqual(self.sql("SELECT note FROM entries ORDER BY id"),
                         [("kept",), ("writable again",)])


class ReadOnlyFolder(UnprivilegedCase):
    def test_read_commands_read_and_create_nothing(self):
        self.assertEqual(sorted(os.listdir(self.folder)), ["mgr.db", "mgr.db.lock"])
        os.chmod(self.folder, 0o500)
        before = snapshot(self.folder)
        self.assert_reads()
        self.assertEqual(snapshot(self.folder), before)

    def test_write_commands_name_the_folder(self):
        os.chmod(self.folder, 0o500)
        for args in (["log", "note", "alice", "x"], ["person", "add", "bob"]):
            with self.subTest(args=args):
                self.assert_refused(args, self.db, "its folder '%s' is not writable" % self.folder)

    def leave_changes_in_the_wal(self):
        """A writer (as the same user) that died with its change still in the -wal."""
        script = ("import os, sqlite3, sys\n"
                  "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                  "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
                  "conn.execute(\"UPDATE entries SET note = 'kept, then edited'\")\n"
                  "os._exit(0)\n")
        self.hand_over()
        subprocess.run((AS_NOBODY if os.geteuid() == 0 else []) +
                       ["/usr/bin/python3", "-c", script, self.db], check=True)
        self.assertGreater(os.path.getsize(self.db + "-wal"), 0)

    def test_changes_still_in_the_wal_are_read(self):
        self.leave_changes_in_the_wal()
        os.chmod(self.folder, 0o500)
        _, out, _ = self.user_mgr("history")
        self.assertIn("kept, then edited", out)

    def test_changes_in_the_wal_without_its_shm_are_not_silently_skipped(self):
        # Without a -shm (which cannot be created here), SQLite could read only the file and
        # would show the entry as it was before the change: refused instead, with a way out.
        self.leave_changes_in_the_wal()
        os.remove(self.db + "-shm")
        os.chmod(self.folder, 0o500)
        err = self.assert_refused(["history"], "cannot read database '%s'" % self.db, "-wal")
        self.assertIn("hint:", err)


class RandomBytes(MgrTestCase):
    def test_random_bytes_are_refused_untouched(self):
        os.makedirs(os.path.dirname(self.db))
        content = b"\x00" + os.urandom(8191)  # never the SQLite header
        with open(self.db, "wb") as f:
            f.write(content)
        os.chmod(self.db, 0o600)
        for args in (["history"], ["log", "note", "x"], ["person", "add", "alice"]):
            with self.subTest(args=args):
                _, out, err = self.mgr(*args, expect_code=1)
                self.assertEqual(out, "")
                self.assert_error_line(err, [self.db, "not an SQLite database"])
                with open(self.db, "rb") as f:
                    self.assertEqual(f.read(), content)
                self.assertEqual(os.listdir(os.path.dirname(self.db)), ["mgr.db"])


class PrivateFiles(MgrTestCase):
    def test_everything_mgr_creates_is_private_under_umask_022(self):
        top = os.path.join(self.tmp, "new")
        db = os.path.join(top, "a", "b", "mgr.db")
        env = {"MGR_DB": db}
        self.mgr("person", "add", "alice", "--day", "mon", "--time", "10:00", env=env,
                 wrapper=UMASK_022)
        # A reader keeps -wal and -shm alive past the next write.
        reader = sqlite3.connect(db, isolation_level=None)
        try:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM people").fetchall()
            self.mgr("log", "note", "alice", "hello", env=env, wrapper=UMASK_022)
            ics = os.path.join(self.tmp, "mgr.ics")
            self.mgr("schedule", "--ics", "--output", ics, env=env, wrapper=UMASK_022)
            created = {
                top: 0o700,
                os.path.join(top, "a"): 0o700,
                os.path.join(top, "a", "b"): 0o700,
                db: 0o600,
                db + "-wal": 0o600,
                db + "-shm": 0o600,
                db + ".lock": 0o600,
                ics: 0o600,
            }
            self.assertEqual({path: oct(mode(path)) for path in created},
                             {path: oct(want) for path, want in created.items()})
        finally:
            reader.close()


if __name__ == "__main__":
    unittest.main()
