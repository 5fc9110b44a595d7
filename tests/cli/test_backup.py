"""mgr backup: a consistent copy while other commands write, complete or absent, private, and
restorable the way the README says."""

import glob
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import time
import unittest

from mgr_harness import MGR_BIN, ROOT, UMASK_022, MgrTestCase

FIXTURE = os.path.join(ROOT, "tests", "fixtures", "release-0.1.0.db")


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def connect(path, live=False):
    """Reads a copy without leaving -wal/-shm files beside it (nothing writes to it meanwhile);
    the live database is read through its WAL."""
    return sqlite3.connect("file:%s?mode=ro%s" % (path, "" if live else "&immutable=1"), uri=True)


def integrity(path):
    conn = connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def query(path, sql):
    conn = connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def dump(path, live=False):
    conn = connect(path, live)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Backup(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice Example")
        self.log("note", "alice", "the first note")
        self.backups = os.path.join(os.path.dirname(self.db), "backups")

    def test_default_is_a_timestamped_private_file_beside_the_database(self):
        _, out, _ = self.mgr("backup", wrapper=UMASK_022)
        first = os.path.join(self.backups, "mgr-backup-20261126-100000.db")
        self.assertIn("backed up %s to %s" % (self.db, first), out)
        self.assertEqual(oct(mode(self.backups)), oct(0o700))
        self.assertEqual(oct(mode(first)), oct(0o600))
        self.assertEqual(integrity(first), ["ok"])
        self.assertEqual(dump(first), dump(self.db, live=True))
        # A second backup within the same second does not replace the first.
        _, out, _ = self.mgr("backup", wrapper=UMASK_022)
        second = os.path.join(self.backups, "mgr-backup-20261126-100000-2.db")
        self.assertIn(second, out)
        self.assertEqual(sorted(os.listdir(self.backups)),
                         ["mgr-backup-20261126-100000-2.db", "mgr-backup-20261126-100000.db"])

    def test_the_name_is_the_local_time(self):
        self.mgr("backup", env={"TZ": "Asia/Tokyo", "MGR_NOW": "2026-11-26T23:30:00Z"})
        self.assertEqual(os.listdir(self.backups), ["mgr-backup-20261127-083000.db"])

    def test_to_a_folder_and_to_a_file(self):
        folder = os.path.join(self.tmp, "elsewhere")
        os.mkdir(folder)
        self.mgr("backup", folder, wrapper=UMASK_022)
        copy = os.path.join(folder, "mgr-backup-20261126-100000.db")
        self.assertEqual(dump(copy), dump(self.db, live=True))
        self.assertEqual(mode(copy), 0o600)
        named = os.path.join(folder, "latest.db")
        self.mgr("backup", named, wrapper=UMASK_022)
        self.assertEqual(mode(named), 0o600)
        # Replacing an earlier backup is how a nightly `mgr backup latest.db` works.
        self.log("note", "alice", "the second note")
        self.mgr("backup", named)
        notes = [row[0] for row in query(named, "SELECT note FROM entries ORDER BY id")]
        self.assertEqual(notes, ["the first note", "the second note"])
        self.assertFalse(os.path.exists(self.backups))
        self.assertEqual(sorted(os.listdir(folder)), ["latest.db", "mgr-backup-20261126-100000.db"])

    def test_refuses_to_overwrite_what_is_not_a_backup(self):
        notes = os.path.join(self.tmp, "notes.txt")
        with open(notes, "w") as f:
            f.write("my own notes\n")
        foreign = os.path.join(self.tmp, "other.db")
        conn = sqlite3.connect(foreign)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
        for target in (notes, foreign):
            with self.subTest(target=target):
                digest = file_digest(target)
                self.fail_usage("backup", target, mentions=[target, "not an mgr database"])
                self.assertEqual(file_digest(target), digest)
        self.fail_usage("backup", self.db, mentions=[self.db, "the database itself"])
        missing = os.path.join(self.tmp, "no-such-folder", "copy.db")
        self.fail_usage("backup", missing, mentions=["no-such-folder", "does not exist"])
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "no-such-folder")))

    def test_missing_database_is_an_error_and_creates_nothing(self):
        other = os.path.join(self.tmp, "none", "mgr.db")
        _, _, err = self.mgr("backup", env={"MGR_DB": other}, expect_code=1)
        self.assert_error_line(err, [other])
        self.assertFalse(os.path.exists(os.path.dirname(other)))

    def test_an_older_database_is_copied_as_it_is(self):
        shutil.copy(FIXTURE, self.db)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.remove(self.db + suffix)
        before = file_digest(self.db)
        self.mgr("backup")
        copy = os.path.join(self.backups, "mgr-backup-20261126-100000.db")
        self.assertEqual(query(copy, "PRAGMA user_version"), [(1,)])
        self.assertEqual(file_digest(self.db), before, "backup migrated the database")

    def test_restore_as_the_readme_says(self):
        self.mgr("backup")
        self.log("note", "alice", "written after the backup")
        copy = os.path.join(self.backups, "mgr-backup-20261126-100000.db")
        folder = os.path.dirname(self.db)
        # README: keep the current file and its -wal/-shm aside, then copy the backup over it.
        subprocess.run(
            'cd "%s" && mkdir before-restore && mv mgr.db* before-restore/ && cp "%s" mgr.db'
            % (folder, copy), shell=True, check=True)
        notes = [e["note"] for e in self.history()]
        self.assertEqual(notes, ["the first note"])
        self.log("note", "alice", "after the restore")
        self.assertEqual(len(self.history()), 2)


class BackupWhileWriting(MgrTestCase):
    WRITES = 150

    def test_each_backup_holds_a_prefix_of_the_log(self):
        self.add_person("alice")
        writer = subprocess.Popen(
            ["sh", "-c", 'i=0; while [ $i -lt %d ]; do "%s" log note alice "n$i" >/dev/null || '
             'exit 1; i=$((i+1)); done' % (self.WRITES, MGR_BIN)],
            env=self.env, cwd=self.tmp, stderr=subprocess.PIPE)
        folder = os.path.join(self.tmp, "copies")
        os.mkdir(folder)
        copies = []
        while writer.poll() is None:
            copy = os.path.join(folder, "copy-%03d.db" % len(copies))
            self.mgr("backup", copy)
            copies.append(copy)
        _, writer_err = writer.communicate()
        self.assertEqual(writer.returncode, 0, writer_err.decode())
        self.assertGreater(len(copies), 2)
        counts = []
        for copy in copies:
            with self.subTest(copy=os.path.basename(copy)):
                self.assertEqual(integrity(copy), ["ok"])
                notes = [row[0] for row in query(copy, "SELECT note FROM entries ORDER BY id")]
                self.assertEqual(notes, ["n%d" % i for i in range(len(notes))])
                counts.append(len(notes))
        self.assertEqual(counts, sorted(counts))
        self.assertTrue(any(0 < n < self.WRITES for n in counts),
                        "no backup ran while the writer was writing: %s" % counts)


class BackupKilled(MgrTestCase):
    ROUNDS = 20

    def fill(self):
        """A database large enough that a backup takes a noticeable moment."""
        self.add_person("alice")
        self.log("note", "alice", "marker")
        conn = sqlite3.connect(self.db)
        conn.execute("CREATE TABLE filler (blob BLOB)")
        conn.executemany("INSERT INTO filler VALUES (randomblob(65536))", [()] * 600)
        conn.commit()
        conn.close()
        return query(self.db, "SELECT count(*) FROM filler")[0][0]

    def assert_complete(self, path, filler_rows):
        self.assertEqual(integrity(path), ["ok"])
        self.assertEqual(query(path, "SELECT count(*) FROM filler"), [(filler_rows,)])
        self.assertEqual(query(path, "SELECT note FROM entries"), [("marker",)])

    def test_kill_9_leaves_the_destination_complete_or_absent(self):
        rows = self.fill()
        target = os.path.join(self.tmp, "copy.db")
        started = time.monotonic()
        self.mgr("backup", target)
        duration = time.monotonic() - started
        os.remove(target)
        rng = random.Random(11)
        outcomes = {"absent": 0, "complete": 0}
        killed_while_copying = 0
        for round_number in range(self.ROUNDS):
            # Half the rounds write a new file, half replace the copy of an earlier round.
            if round_number % 2 == 0 and os.path.exists(target):
                os.remove(target)
            partials_before = len(glob.glob(os.path.join(self.tmp, ".copy.db.partial-*")))
            proc = subprocess.Popen([MGR_BIN, "backup", target], env=self.env, cwd=self.tmp,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            partials = len(glob.glob(os.path.join(self.tmp, ".copy.db.partial-*")))
            killed_while_copying += partials - partials_before
            with self.subTest(round=round_number):
                if os.path.exists(target):
                    self.assert_complete(target, rows)
                    self.assertEqual(mode(target), 0o600)
                    outcomes["complete"] += 1
                else:
                    outcomes["absent"] += 1
        self.assertGreater(killed_while_copying, 0, "no round killed a backup while it copied")
        self.assertGreater(outcomes["absent"], 0, outcomes)
        # What a killed backup left behind is removed by the next one once it is clearly
        # abandoned (nobody holds it, not written for a while).
        leftovers = glob.glob(os.path.join(self.tmp, ".copy.db.partial-*"))
        long_ago = time.time() - 3600
        for path in leftovers:
            os.utime(path, (long_ago, long_ago))
        self.mgr("backup", target)
        self.assert_complete(target, rows)
        self.assertEqual(glob.glob(os.path.join(self.tmp, ".copy.db.partial-*")), [])


if __name__ == "__main__":
    unittest.main()
