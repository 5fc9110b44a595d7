"""The SQLite store: where it lives, file modes, refusing files that are not ours, schema stamps,
foreign keys and concurrent writers."""

import hashlib
import os
import sqlite3
import stat
import subprocess
import unittest

from mgr_harness import APPLICATION_ID, MGR_BIN, UMASK_022, MgrTestCase, migration_count


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tree(root):
    found = []
    for folder, dirs, files in os.walk(root):
        found += [os.path.join(folder, name) for name in dirs + files]
    return sorted(found)


class Permissions(MgrTestCase):
    def test_created_private_even_under_umask_022(self):
        folder = os.path.dirname(self.db)
        self.assertFalse(os.path.exists(folder))
        self.mgr("person", "add", "alice", wrapper=UMASK_022)
        self.assertEqual(oct(mode(folder)), oct(0o700))
        self.assertEqual(oct(mode(self.db)), oct(0o600))
        # Hold a read transaction open so the -wal and -shm files outlive the next mgr run.
        reader = sqlite3.connect(self.db, isolation_level=None)
        try:
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM people").fetchall()
            self.mgr("log", "note", "alice", "hello", wrapper=UMASK_022)
            for suffix in ("", "-wal", "-shm"):
                path = self.db + suffix
                self.assertTrue(os.path.exists(path), path)
                self.assertEqual(oct(mode(path)), oct(0o600), path)
        finally:
            reader.close()
        for path in tree(folder):
            self.assertEqual(mode(path) & 0o077, 0, "%s is %o" % (path, mode(path)))

    def test_nested_folders_are_created(self):
        deep = os.path.join(self.tmp, "a", "b", "c", "mgr.db")
        self.mgr("person", "add", "alice", env={"MGR_DB": deep}, wrapper=UMASK_022)
        self.assertEqual(mode(deep), 0o600)
        self.assertEqual(mode(os.path.dirname(deep)), 0o700)

    def test_default_location_is_xdg_data_home(self):
        xdg = os.path.join(self.tmp, "xdg-data")
        self.mgr("person", "add", "alice", env={"MGR_DB": None, "XDG_DATA_HOME": xdg})
        self.assertTrue(os.path.isfile(os.path.join(xdg, "mgr", "mgr.db")))

    def test_default_location_under_home(self):
        self.mgr("person", "add", "alice", env={"MGR_DB": None})
        path = os.path.join(self.tmp, ".local", "share", "mgr", "mgr.db")
        self.assertTrue(os.path.isfile(path))
        self.assertEqual(mode(os.path.dirname(path)), 0o700)

    def test_db_flag_wins_over_env(self):
        other = os.path.join(self.tmp, "flag.db")
        self.mgr("--db", other, "person", "add", "alice")
        self.assertTrue(os.path.exists(other))
        self.assertFalse(self.db_exists())
        self.mgr("person", "list", "--db", other)  # global options after the command work too


class MissingDatabase(MgrTestCase):
    def assert_nothing_created(self, *args, env=None):
        before = tree(self.tmp)
        _, out, err = self.mgr(*args, env=env)
        self.assertEqual(tree(self.tmp), before, "files were created by mgr %s" % " ".join(args))
        return out, err

    def test_read_only_commands_create_nothing_and_say_how_to_start(self):
        for args in (["person", "list"], ["history"], ["topic", "list"], ["action", "list"],
                     ["delegation", "list"], ["concern", "list"]):
            with self.subTest(args=args):
                out, _ = self.assert_nothing_created(*args)
                self.assertIn("mgr person add", out)
                self.assertIn(self.db, out)
        self.assertFalse(os.path.exists(os.path.dirname(self.db)))

    def test_json_stays_json(self):
        out, err = self.assert_nothing_created("history", "--format", "json")
        self.assertEqual(out.strip(), "[]")
        self.assertIn("mgr person add", err)
        out, _ = self.assert_nothing_created("person", "list", "--format", "json")
        self.assertEqual(out.strip(), "[]")

    def test_default_location_creates_no_folder(self):
        out, _ = self.assert_nothing_created("person", "list", env={"MGR_DB": None})
        self.assertIn("mgr person add", out)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, ".local")))
        self.assert_nothing_created("history", env={"MGR_DB": None})

    def test_config_creates_nothing(self):
        self.assert_nothing_created("config")

    def test_changing_what_does_not_exist_creates_nothing(self):
        cases = [(["log", "1on1", "bob"], "unknown person 'bob'"),
                 (["log", "concern", "bob,carol", "late"], "unknown person"),
                 (["person", "edit", "bob", "--name", "Bob"], "unknown person 'bob'"),
                 (["topic", "add", "bob", "agenda"], "unknown person 'bob'"),
                 (["topic", "done", "3"], "unknown talking point #3"),
                 (["action", "done", "4"], "unknown action #4"),
                 (["log", "checkin", "5"], "unknown delegation #5"),
                 (["concern", "resolve", "6"], "unknown concern #6"),
                 (["entry", "delete", "7"], "unknown entry #7"),
                 (["undo"], "nothing to undo")]
        for args, message in cases:
            with self.subTest(args=args):
                before = tree(self.tmp)
                _, _, err = self.mgr(*args, expect_code=2)
                self.assertIn("mgr: error: " + message, err)
                self.assertEqual(tree(self.tmp), before)


class ForeignFiles(MgrTestCase):
    """Files that are not an mgr database: exit 1, naming the path, the file left as it was."""

    def setUp(self):
        super().setUp()
        os.makedirs(os.path.dirname(self.db))

    def check_refused(self, *commands):
        digest = file_digest(self.db)
        size = os.path.getsize(self.db)
        for args in commands or (["person", "list"], ["history"], ["log", "note", "hello"],
                                 ["person", "add", "alice"]):
            with self.subTest(args=args):
                _, out, err = self.mgr(*args, expect_code=1)
                self.assert_error_line(err, [self.db])
                self.assertEqual(file_digest(self.db), digest)
                self.assertEqual(os.path.getsize(self.db), size)
        leftovers = [p for p in os.listdir(os.path.dirname(self.db)) if p != "mgr.db"]
        self.assertEqual(leftovers, [])

    def test_empty_file(self):
        # Readable by others, so not what an interrupted mgr leaves (test_first_run.py).
        open(self.db, "wb").close()
        os.chmod(self.db, 0o644)
        self.check_refused()

    def test_text_file(self):
        with open(self.db, "w") as f:
            f.write("these are my notes, not a database\n" * 20)
        self.check_refused()

    def test_foreign_sqlite_file(self):
        conn = sqlite3.connect(self.db)
        conn.execute("CREATE TABLE x (a)")
        conn.execute("INSERT INTO x VALUES (1)")
        conn.commit()
        conn.close()
        self.check_refused()

    def test_newer_schema_version(self):
        os.rmdir(os.path.dirname(self.db))
        self.add_person("alice")
        conn = sqlite3.connect(self.db)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
        dump = self.db_dump_hash()
        for args in (["person", "list"], ["history"], ["log", "note", "hello"]):
            with self.subTest(args=args):
                _, _, err = self.mgr(*args, expect_code=1)
                self.assert_error_line(err, [self.db, "999", str(migration_count())])
                self.assertEqual(self.db_dump_hash(), dump)


class Schema(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")

    def pragma(self, name):
        return self.sql("PRAGMA %s" % name)[0][0]

    def test_stamps(self):
        self.assertEqual(self.pragma("journal_mode"), "wal")
        self.assertEqual(self.pragma("application_id"), APPLICATION_ID)
        self.assertEqual(self.pragma("user_version"), migration_count())

    def test_foreign_keys_are_enforced(self):
        # ON DELETE CASCADE only runs when mgr's connection enforces foreign keys.
        self.mgr("topic", "add", "alice", "t")
        self.log("1on1", "alice", "--covered", "1", "--my-action", "a")
        c = self.log("concern", "alice", "c")
        self.log("delegate", "alice", "d")
        self.mgr("undo")
        self.mgr("entry", "delete", str(c))
        one = [e["id"] for e in self.history("--kind", "1on1")][0]
        self.mgr("entry", "delete", str(one))
        self.assertEqual(self.sql("SELECT count(*) FROM actions")[0][0], 0)
        self.assertEqual(self.sql("SELECT count(*) FROM concerns")[0][0], 0)
        self.assertEqual(self.sql("SELECT count(*) FROM delegations")[0][0], 0)
        self.assertEqual(self.sql("SELECT count(*) FROM entry_people")[0][0], 0)
        self.assertEqual(self.sql("PRAGMA foreign_key_check"), [])
        self.assertEqual(self.sql("PRAGMA integrity_check"), [("ok",)])

    def test_reads_do_not_write(self):
        self.log("note", "alice", "x")
        digest = file_digest(self.db)
        mtime = os.stat(self.db).st_mtime_ns
        for args in (["person", "list"], ["person", "show", "alice"], ["history"],
                     ["topic", "list"], ["concern", "list"], ["config"]):
            self.mgr(*args)
        self.assertEqual(file_digest(self.db), digest)
        self.assertEqual(os.stat(self.db).st_mtime_ns, mtime)


class Concurrency(MgrTestCase):
    def test_writer_gives_up_with_75_when_the_lock_is_held_too_long(self):
        self.add_person("alice")
        before = self.db_dump_hash()
        holder = sqlite3.connect(self.db, isolation_level=None, timeout=1)
        holder.execute("BEGIN IMMEDIATE")
        try:
            _, out, err = self.mgr("log", "note", "blocked", expect_code=75, timeout=60)
            self.assertEqual(out, "")
            self.assert_error_line(err, [self.db, "busy"])
            self.assertIn("hint: another mgr is writing; try again in a moment", err)
            # reading is not blocked by a writer
            self.assertIn("alice", self.mgr("person", "list")[1])
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertEqual(self.db_dump_hash(), before)
        # Once the lock is gone, the same command goes through.
        self.log("note", "blocked")
        self.assertEqual([e["note"] for e in self.history()], ["blocked"])

    def spawn(self, args):
        return subprocess.Popen([MGR_BIN] + args, env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def test_parallel_writers_all_succeed(self):
        self.add_person("alice")
        procs = [self.spawn(["log", "note", "alice", "parallel note %d" % i]) for i in range(20)]
        procs += [self.spawn(["topic", "add", "alice", "parallel topic %d" % i]) for i in range(4)]
        results = [(p.wait(timeout=60), p.stdout.read(), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        for code, out, err in results:
            self.assertEqual(code, 0, err.decode())
        notes = sorted(e["note"] for e in self.history())
        self.assertEqual(notes, sorted("parallel note %d" % i for i in range(20)))
        ids = sorted(int(out.split()[1].lstrip(b"#")) for _, out, _ in results[:20])
        self.assertEqual(len(set(ids)), 20)
        self.assertEqual(len(self.run_json("topic", "list", "--format", "json")), 4)

    def test_writer_and_reader_at_once(self):
        self.add_person("alice")
        writers = [self.spawn(["log", "note", "w%d" % i]) for i in range(5)]
        readers = [self.spawn(["history", "--format", "json"]) for _ in range(5)]
        for p in writers + readers:
            out, err = p.communicate(timeout=60)
            self.assertEqual(p.returncode, 0, err.decode())
        self.assertEqual(len(self.history()), 5)

    def test_parallel_writers_on_a_new_database(self):
        # The first writes race to create the file: one sees it at 0 bytes (or locked while
        # switching to WAL) and fails instead of waiting.
        failures = []
        for round_number in range(5):
            db = os.path.join(self.tmp, "race%d" % round_number, "mgr.db")
            env = dict(self.env, MGR_DB=db)
            procs = [subprocess.Popen([MGR_BIN, "log", "note", "n%d" % i], env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                     for i in range(4)]
            for p in procs:
                _, err = p.communicate(timeout=60)
                if p.returncode != 0:
                    failures.append((p.returncode, err.decode()))
        self.assertEqual(failures, [])


if __name__ == "__main__":
    unittest.main()
