"""One id space for everything mgr numbers, `mgr show ID`, and upgrading a database written by
the previous release (schema version 1) on the first command, read or write."""

import os
import re
import shutil
import sqlite3

from mgr_harness import ROOT, MgrTestCase, migration_count

FIXTURE = os.path.join(ROOT, "tests", "fixtures", "release-0.1.0.db")


class OneIdSpace(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")

    def test_an_undone_id_is_never_given_again(self):
        first = self.log("ic", "1h", "a")
        _, out, _ = self.mgr("undo")
        self.assertIn("#%d" % first, out)
        second = self.log("ic", "1h", "b")
        self.assertGreater(second, first)
        deleted = self.log("note", "c")
        self.mgr("entry", "delete", str(deleted))
        self.assertGreater(self.log("note", "d"), deleted)

    def test_topic_action_and_entry_in_a_row_take_consecutive_ids(self):
        _, out, _ = self.mgr("topic", "add", "alice", "Promotion timeline")
        topic = self.logged_id(out)
        _, out, _ = self.mgr("action", "add", "alice", "Send the rubric")
        action = self.logged_id(out)
        entry = self.log("note", "alice", "a note")
        self.assertEqual([action - topic, entry - action], [1, 1])

        self.assertIn("Promotion timeline", self.mgr("show", str(topic))[1])
        self.assertEqual(self.run_json("show", str(topic), "--format", "json")["text"],
                         "Promotion timeline")
        doc = self.run_json("show", str(action), "--format", "json")
        self.assertEqual((doc["id"], doc["text"], doc["owner"]), (action, "Send the rubric", "me"))
        doc = self.run_json("show", "#%d" % entry, "--format", "json")
        self.assertEqual((doc["id"], doc["kind"], doc["note"]), (entry, "note", "a note"))

    def test_show_names_a_concern_and_a_delegation_by_their_id(self):
        concern = self.log("concern", "alice", "Missed stand-ups")
        delegation = self.log("delegate", "alice", "Own the rotation", "--why", "growth")
        self.log("checkin", str(delegation), "on track", "--status", "on-track")
        doc = self.run_json("show", str(concern), "--format", "json")
        self.assertEqual((doc["id"], doc["text"], doc["status"]),
                         (concern, "Missed stand-ups", "open"))
        doc = self.run_json("show", str(delegation), "--format", "json")
        self.assertEqual((doc["outcome"], doc["why"]), ("Own the rotation", "growth"))
        self.assertEqual([c["status"] for c in doc["checkins"]], ["on-track"])
        _, text, _ = self.mgr("show", str(delegation))
        self.assertIn("Delegation #%d" % delegation, text)

    def test_show_an_unknown_or_deleted_id(self):
        deleted = self.log("note", "gone")
        self.mgr("undo")
        err = self.fail_usage("show", str(deleted), mentions=["#%d" % deleted])
        self.assertIn("hint:", err)
        self.fail_usage("show", "999", mentions=["#999"])
        self.fail_usage("show", "abc", mentions=["'abc'"])


class UpgradeFromTheFirstRelease(MgrTestCase):
    tz = "Europe/Berlin"
    now = "2026-10-16T09:00"

    def setUp(self):
        super().setUp()
        os.makedirs(os.path.dirname(self.db), mode=0o700)
        shutil.copy(FIXTURE, self.db)
        os.chmod(self.db, 0o600)

    def ids(self, table):
        return [row[0] for row in self.sql("SELECT id FROM %s ORDER BY id" % table)]

    def test_a_read_command_upgrades_first_and_keeps_every_entry_id(self):
        before = sqlite3.connect(FIXTURE).execute(
            "SELECT id, kind, date, note FROM entries ORDER BY id").fetchall()
        _, out, err = self.mgr("history", "--format", "json")
        self.assertIn("renumbered", err)
        self.assertEqual(self.sql("PRAGMA user_version")[0][0], migration_count())
        listed = sorted((e["id"], e["kind"], e["date"], e["note"] or None)
                        for e in __import__("json").loads(out))
        self.assertEqual(listed, before)
        # Talking points and actions now come after the entries, in the order they were made.
        self.assertEqual(self.ids("topics"), [12, 13, 14])
        self.assertEqual(self.ids("actions"), [15, 16, 17])
        topics = self.run_json("topic", "list", "--all", "--format", "json")
        self.assertEqual([(t["id"], t["text"]) for t in topics],
                         [(12, "Promotion timeline"), (13, "On-call load"),
                          (14, "Conference talk")])
        # The notice is said once, by the command that upgraded.
        _, _, err = self.mgr("today")
        self.assertNotIn("renumbered", err)
        self.assertGreater(self.log("note", "after the upgrade"), 17)

    def test_the_concern_and_delegation_keep_their_links(self):
        concern = self.run_json("concern", "show", "3", "--format", "json")
        self.assertEqual((concern["status"], concern["first_conversation"]),
                         ("resolved", "2026-10-08"))
        delegation = self.run_json("delegation", "show", "5", "--format", "json")
        self.assertEqual([c["id"] for c in delegation["checkins"]], [6])
        actions = self.run_json("action", "list", "--format", "json")
        self.assertEqual([(a["id"], a["owner"]) for a in actions],
                         [(15, "me"), (16, "them"), (17, "me")])

    def test_a_write_command_upgrades_too(self):
        _, out, err = self.mgr("log", "note", "first after upgrade")
        self.assertIn("renumbered", err)
        self.assertEqual(self.logged_id(out), 18)


class DamagedValues(MgrTestCase):
    """Values edited into the file by hand are a damaged database (exit 1), not a usage error."""

    def setUp(self):
        super().setUp()
        self.add_person("alice", "--day", "mon")
        self.entry_id = self.log("note", "alice", "hello")

    def edit(self, sql):
        conn = sqlite3.connect(self.db)
        try:
            conn.execute("PRAGMA ignore_check_constraints = 1")
            conn.execute(sql)
            conn.commit()
        finally:
            conn.close()

    def fails_naming(self, args, *mentions):
        before = self.db_dump_hash()
        _, _, err = self.mgr(*args, expect_code=1)
        first = err.splitlines()[0]
        self.assertTrue(first.startswith("mgr: error: "), err)
        for text in mentions + (self.db,):
            self.assertIn(text, first)
        self.assertIn("mgr doctor", err)
        self.assertEqual(self.db_dump_hash(), before)

    def test_an_unknown_time_zone(self):
        self.edit("UPDATE people SET tz = 'Mars/Base'")
        self.fails_naming(["person", "show", "alice"], "people", "row 1", "Mars/Base")
        self.fails_naming(["today"], "people", "Mars/Base")
        self.fails_naming(["log", "note", "alice", "x"], "people", "Mars/Base")

    def test_an_unknown_cadence(self):
        self.edit("UPDATE people SET cadence = 'sometimes'")
        self.fails_naming(["schedule"], "people", "row 1", "cadence", "sometimes")

    def test_an_unknown_entry_kind(self):
        self.edit("UPDATE entries SET kind = 'bogus'")
        self.fails_naming(["history"], "entries", "row %d" % self.entry_id, "bogus")


class DamagedPages(MgrTestCase):
    def test_a_garbled_page_on_a_read_command_names_the_file(self):
        self.add_person("alice")
        for i in range(200):
            self.log("note", "alice", "note %d %s" % (i, "x" * 300))
        root = self.sql("SELECT rootpage FROM sqlite_schema WHERE name = 'entries'")[0][0]
        page_size = self.sql("PRAGMA page_size")[0][0]
        with open(self.db, "r+b") as f:
            f.seek((root - 1) * page_size)
            f.write(b"\xa5" * page_size)
        with open(self.db, "rb") as f:
            damaged = f.read()
        _, _, err = self.mgr("history", expect_code=1)
        self.assertRegex(err.splitlines()[0], "^mgr: error: database '%s' is damaged" % re.escape(self.db))
        self.assertIn("mgr doctor", err)
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), damaged, "a read command changed the damaged file")
