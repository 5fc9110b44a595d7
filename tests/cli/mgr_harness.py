"""Shared prelude for the end-to-end tests of the built `mgr` binary.

Every test gets a fresh temp dir with its own database and config path, an environment reset to
a known state (no MGR_* or XDG_* variables, LC_ALL=C, NO_COLOR=1, HOME=the temp dir) and a fixed
MGR_NOW. The binary comes from env MGR_BIN (ctest sets it); the default is the build-e2e tree.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MGR_BIN = os.environ.get("MGR_BIN") or os.path.join(ROOT, "build-e2e", "mgr")
SCHEMA_DIR = os.path.join(ROOT, "schema")

DEFAULT_NOW = "2026-11-26T10:00:00"  # a Thursday
DEFAULT_TZ = "UTC"
APPLICATION_ID = 1296519729

# Runs the binary under a permissive umask, as a user's shell would.
UMASK_022 = ["sh", "-c", 'umask 022; exec "$0" "$@"']

PERSON_KEYS = {"handle", "name", "relation", "cadence", "day", "time", "tz", "since", "archived"}
ENTRY_KEYS = {"id", "kind", "date", "person", "people", "note", "minutes", "tags"}

# Variables that would leak the developer's setup into a test.
_DROP_PREFIXES = ("MGR_", "XDG_")
_DROP_NAMES = ("TZ", "NO_COLOR", "LANG", "LANGUAGE", "HOME")


def migration_count():
    return len([n for n in os.listdir(SCHEMA_DIR) if n.endswith(".sql") and n[:4].isdigit()])


class MgrTestCase(unittest.TestCase):
    """Base class: a private sandbox per test and helpers to drive the binary."""

    maxDiff = None
    now = DEFAULT_NOW
    tz = DEFAULT_TZ

    def setUp(self):
        if not os.access(MGR_BIN, os.X_OK):
            self.fail("mgr binary not found at %r (set MGR_BIN)" % MGR_BIN)
        self.tmp = tempfile.mkdtemp(prefix="mgr-e2e-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.addCleanup(self.check_derived_tables)  # runs before the sandbox is removed
        self.db = os.path.join(self.tmp, "data", "mgr.db")
        self.config = os.path.join(self.tmp, "config.toml")  # absent: all defaults
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(_DROP_PREFIXES) and k not in _DROP_NAMES and not k.startswith("LC_")
        }
        env.update(
            {
                "LC_ALL": "C",
                "HOME": self.tmp,
                "NO_COLOR": "1",
                "TZ": self.tz,
                "MGR_DB": self.db,
                "MGR_CONFIG": self.config,
                "MGR_NOW": self.now,
            }
        )
        self.env = env

    # ---- running the binary ----

    def run_mgr(self, *args, ok=None, expect_code=None, env=None, stdin=None, timeout=30,
                wrapper=None):
        """Runs mgr; returns (code, stdout, stderr) as str (surrogateescape for odd bytes).

        `env` adds variables (None removes one); `wrapper` is argv put in front of the binary.

        ok=True (the default when expect_code is None) asserts exit 0; expect_code=N asserts N.
        """
        run_env = dict(self.env)
        if env:
            for key, value in env.items():
                if value is None:
                    run_env.pop(key, None)
                else:
                    run_env[key] = value
        argv = [MGR_BIN] + [str(a) for a in args]
        if wrapper:
            argv = list(wrapper) + argv
        proc = subprocess.run(
            argv,
            env=run_env,
            input=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=timeout,
            cwd=self.tmp,
        )
        out = proc.stdout.decode("utf-8", "surrogateescape")
        err = proc.stderr.decode("utf-8", "surrogateescape")
        desc = "mgr %s\n--- exit %d\n--- stdout:\n%s--- stderr:\n%s" % (
            " ".join(repr(a) if len(a) < 200 else repr(a[:60]) + "..." for a in argv[1:]),
            proc.returncode,
            out[:4000],
            err[:4000],
        )
        if expect_code is not None:
            self.assertEqual(proc.returncode, expect_code, desc)
        elif ok is None or ok:
            self.assertEqual(proc.returncode, 0, desc)
        return proc.returncode, out, err

    # `run` itself would shadow unittest.TestCase.run, which the test runner calls.
    mgr = run_mgr

    def run_json(self, *args, **kwargs):
        _, out, _ = self.run_mgr(*args, **kwargs)
        try:
            return json.loads(out)
        except ValueError as error:
            self.fail("not JSON from mgr %s: %s\n%s" % (" ".join(args), error, out[:2000]))

    def fail_usage(self, *args, mentions=(), **kwargs):
        """Runs a command that must fail with exit 2 and `mgr: error: ...` naming each of
        `mentions`, and leave the database dump unchanged. Returns stderr."""
        before = self.db_dump_hash()
        code, out, err = self.run_mgr(*args, expect_code=2, **kwargs)
        self.assert_error_line(err, mentions)
        self.assertEqual(self.db_dump_hash(), before, "database changed by a failing command")
        return err

    def assert_error_line(self, err, mentions=()):
        lines = err.splitlines()
        self.assertTrue(lines, "nothing on stderr")
        self.assertTrue(lines[0].startswith("mgr: error: "), "stderr: %r" % err)
        for text in mentions:
            self.assertIn(text, lines[0], "error line does not name %r: %r" % (text, err))

    # ---- database inspection ----

    def db_exists(self):
        return os.path.exists(self.db)

    def db_dump_hash(self):
        """sha256 of the logical dump (plus user_version and application_id); a fixed value when
        there is no database file."""
        if not os.path.exists(self.db):
            return hashlib.sha256(b"<no database>").hexdigest()
        uri = "file:%s?mode=ro" % self.db
        conn = sqlite3.connect(uri, uri=True)
        try:
            text = "\n".join(conn.iterdump())
            extra = "\nuser_version=%d application_id=%d" % (
                conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("PRAGMA application_id").fetchone()[0],
            )
        finally:
            conn.close()
        return hashlib.sha256((text + extra).encode("utf-8", "surrogateescape")).hexdigest()

    def check_derived_tables(self):
        """After every test: what triggers derive agrees with what it is derived from, whatever
        the test did (log, edit, undo, import, forget). A test without a database, or with one
        it damaged on purpose, has nothing to check."""
        if not os.path.exists(self.db):
            return
        try:
            conn = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True)
            try:
                kept = dict(conn.execute(
                    "SELECT person_id, entries FROM person_entry_counts WHERE entries <> 0"))
                counted = dict(conn.execute(
                    "SELECT person_id, count(*) FROM person_entries GROUP BY person_id"))
                linked = conn.execute(
                    "SELECT ep.person_id, ep.entry_id FROM entry_people ep "
                    "EXCEPT SELECT person_id, entry_id FROM person_entries").fetchall()
                unlinked = conn.execute(
                    "SELECT person_id, entry_id FROM person_entries "
                    "EXCEPT SELECT person_id, entry_id FROM entry_people").fetchall()
                minutes_kept = dict(conn.execute(
                    "SELECT kind || ' ' || date, minutes FROM day_minutes WHERE minutes <> 0"))
                minutes_summed = dict(conn.execute(
                    "SELECT kind || ' ' || date, sum(minutes) FROM entries "
                    "WHERE kind IN ('ic', 'mgmt', 'learn', '1on1') AND cancelled = 0 "
                    "AND minutes IS NOT NULL GROUP BY kind, date"))
                stale = conn.execute(
                    "SELECT pe.entry_id FROM person_entries pe JOIN entries e "
                    "ON e.id = pe.entry_id WHERE pe.kind IS NOT e.kind OR pe.date IS NOT e.date "
                    "OR pe.cancelled IS NOT e.cancelled").fetchall()
            finally:
                conn.close()
        except sqlite3.Error:
            return
        self.assertEqual(kept, counted, "person_entry_counts disagrees with person_entries")
        self.assertEqual(linked, [], "entry_people rows missing from person_entries")
        self.assertEqual(unlinked, [], "person_entries rows with no entry_people row")
        self.assertEqual(stale, [], "person_entries rows that disagree with their entry")
        self.assertEqual(minutes_kept, minutes_summed, "day_minutes disagrees with entries")

    def sql(self, query, params=()):
        conn = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True)
        try:
            return conn.execute(query, params).fetchall()
        finally:
            conn.close()

    # ---- common set-ups ----

    def add_person(self, handle, *options, **kwargs):
        self.run_mgr("person", "add", handle, *options, **kwargs)

    def logged_id(self, out):
        """The id in a `logged #N ...` / `added ... #N` confirmation."""
        import re

        match = re.search(r"#(\d+)", out)
        self.assertIsNotNone(match, "no #id in %r" % out)
        return int(match.group(1))

    def log(self, *args, **kwargs):
        """Runs `mgr log ARGS`; returns the new entry's id."""
        _, out, _ = self.run_mgr("log", *args, **kwargs)
        self.assertTrue(out.startswith("logged #"), out)
        return self.logged_id(out)

    def history(self, *args):
        return self.run_json("history", "--format", "json", *args)

    def entry(self, entry_id):
        return self.run_json("entry", "show", str(entry_id), "--format", "json")
