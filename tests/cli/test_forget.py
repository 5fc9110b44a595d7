"""mgr person forget: the person and everything about them go, their handle and name leave other
people's text, and no byte of them stays in the database file, its WAL or its dump."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
import unittest

import test_export
from mgr_harness import MGR_BIN, MgrTestCase

# In every field of the person to forget and in other people's notes; nowhere else.
MARKER = "Zqxvmark"
HANDLE = "zqxvmark"


def grep_count(path, pattern):
    """`grep -c -a -i PATTERN FILE`: the lines holding it; 0 for a file that is not there."""
    if not os.path.exists(path):
        return 0
    proc = subprocess.run(["grep", "-c", "-a", "-i", pattern, path], stdout=subprocess.PIPE)
    return int(proc.stdout.decode() or "0")


def sqlite_dump(db):
    proc = subprocess.run(["sqlite3", "-readonly", db, ".dump"], stdout=subprocess.PIPE,
                          check=True)
    return proc.stdout.decode("utf-8", "surrogateescape")


class ForgetCase(MgrTestCase):
    def seed_marked(self):
        """The marked person with a record of every kind, and two others who mention them."""
        test_export.seed(self)
        self.add_person(HANDLE, "--name", "%s Quill" % MARKER, "--day", "tue", "--time", "09:30")
        ids = {}
        ids["own"] = self.log("1on1", HANDLE, "%s talked about %s goals" % (MARKER, HANDLE),
                              "--tag", HANDLE, "--my-action", "ask %s" % MARKER,
                              "--their-action", "%s writes it up" % MARKER)
        self.mgr("topic", "add", HANDLE, "%s promotion" % MARKER)
        self.mgr("action", "add", HANDLE, "%s: book the room" % MARKER, "--theirs")
        ids["concern"] = self.log("concern", HANDLE, "%s misses reviews" % MARKER)
        ids["shared_concern"] = self.log("concern", "bob,%s" % HANDLE,
                                         "bob and %s disagree" % MARKER)
        ids["delegation"] = self.log("delegate", HANDLE, "%s runs the demo" % MARKER,
                                     "--why", "%s asked" % MARKER, "--constraints", MARKER)
        self.log("checkin", str(ids["delegation"]), "%s on track" % MARKER)
        self.mgr("person", "away", HANDLE, "--from", "2027-01-04", "--to", "2027-01-08",
                 "--reason", "%s holiday" % MARKER)
        self.mgr("schedule", "skip", HANDLE, "--date", "2026-12-08", "--reason", MARKER)
        self.mgr("schedule", "move", HANDLE, "--to", "2026-12-16", "--time", "11:00",
                 "--from", "2026-12-15")
        # Other people's records that mention them.
        ids["bob_note"] = self.log("note", "bob", "bob paired with %s today" % HANDLE)
        ids["bob_1on1"] = self.log("1on1", "bob", "asked about %s Quill's project" % MARKER)
        self.mgr("topic", "add", "alice", "pair with %s" % MARKER)
        self.mgr("action", "add", "alice", "intro to %s" % HANDLE)
        self.mgr("person", "away", "bob", "--from", "2026-12-21", "--to", "2026-12-24",
                 "--reason", "covering for %s" % MARKER)
        test_export.write_sql(self.db, [
            ("UPDATE self_checks SET note = 'coached %s' WHERE month = '2026-10'" % MARKER, ()),
            ("INSERT INTO reminders_sent (day, item, person_id, sent_at, message_id) "
             "SELECT '2026-11-24', '1on1:2026-11-24', id, '2026-11-24T07:00:00Z', '<m3@mgr>' "
             "FROM people WHERE handle = ?", (HANDLE,)),
        ])
        # Edits leave old values in the undo history.
        self.mgr("person", "edit", HANDLE, "--time", "09:45")
        return ids

    def assert_no_trace(self):
        # The file and its WAL first (reading the dump does not write, but checks them as left).
        self.assertEqual(grep_count(self.db, MARKER), 0, "marker in the database file")
        self.assertEqual(grep_count(self.db + "-wal", MARKER), 0, "marker in the WAL")
        dump = sqlite_dump(self.db)
        self.assertNotIn(MARKER.lower(), dump.lower())
        self.assertNotIn("Quill", dump)
        for path in (self.db, self.db + "-wal"):
            if os.path.exists(path):
                with open(path, "rb") as f:
                    self.assertNotIn(MARKER.lower().encode(), f.read().lower())


class Forget(ForgetCase):
    def setUp(self):
        super().setUp()
        self.ids = self.seed_marked()

    def test_the_marker_is_found_nowhere_afterwards(self):
        self.assertGreater(grep_count(self.db, MARKER) + grep_count(self.db + "-wal", MARKER), 0)
        _, out, _ = self.mgr("person", "forget", HANDLE, "--yes")
        self.assertTrue(out.startswith("forgot %s" % HANDLE), out)
        self.assertIn("not found", out)
        self.assert_no_trace()
        self.assertEqual(self.sql("PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(self.sql("PRAGMA foreign_key_check"), [])

    def test_what_goes_and_what_stays(self):
        self.mgr("person", "forget", HANDLE, "--yes")
        self.fail_usage("person", "show", HANDLE, mentions=[HANDLE])
        handles = [p["handle"] for p in self.run_json("person", "list", "--all", "--format",
                                                      "json")]
        self.assertEqual(sorted(handles), ["alice", "bob", "carol"])
        # Their own entries are gone; the shared concern stays, without them and scrubbed.
        for name in ("own", "concern", "delegation"):
            self.mgr("show", str(self.ids[name]), expect_code=2)
        shared = self.entry(self.ids["shared_concern"])
        self.assertEqual(shared["people"], ["bob"])
        self.assertEqual(shared["note"], "bob and [removed] disagree")
        self.assertEqual(self.entry(self.ids["bob_note"])["note"], "bob paired with [removed] today")
        # "Zqxvmark Quill's": the full name went before its words.
        self.assertEqual(self.entry(self.ids["bob_1on1"])["note"],
                         "asked about [removed]'s project")
        for table in ("time_away", "skips", "moves", "topics", "actions", "delegations"):
            self.assertEqual(
                self.sql("SELECT count(*) FROM %s t JOIN people p ON p.id = t.person_id "
                         "WHERE p.handle = ?" % table, (HANDLE,)), [(0,)], table)
        self.assertEqual(self.sql("SELECT count(*) FROM skips"), [(1,)])  # alice's
        self.assertEqual(self.sql("SELECT count(*) FROM moves"), [(1,)])  # bob's
        self.assertEqual(self.sql("SELECT reason FROM time_away ORDER BY from_date"),
                         [("holiday",), ("covering for [removed]",)])
        self.assertEqual(self.sql("SELECT note FROM self_checks"), [("coached [removed]",)])
        self.assertEqual(self.sql("SELECT count(*) FROM reminders_sent WHERE item = "
                                  "'1on1:2026-11-24'"), [(0,)])
        self.assertEqual(self.sql("SELECT count(*) FROM journal"), [(0,)])
        self.assertEqual(self.sql("SELECT count(*) FROM journal_rows"), [(0,)])
        # The rest of the database still works.
        self.log("note", "alice", "still here")

    def test_without_yes_only_lists_what_would_go(self):
        before = self.db_dump_hash()
        _, out, _ = self.mgr("person", "forget", HANDLE)
        self.assertIn("would remove", out)
        self.assertIn("the profile of %s" % HANDLE, out)
        self.assertIn("Nothing was changed", out)
        self.assertEqual(self.db_dump_hash(), before)

    def test_the_receipt_names_earlier_backups(self):
        _, out, _ = self.mgr("backup")
        backups = os.path.join(os.path.dirname(self.db), "backups")
        [backup] = os.listdir(backups)
        _, out, _ = self.mgr("person", "forget", HANDLE, "--yes")
        self.assertIn("Backups and exports made earlier still hold them. These in", out)
        self.assertIn(backup, out)

    def test_the_receipt_says_earlier_copies_hold_them_without_backups_here(self):
        _, out, _ = self.mgr("person", "forget", HANDLE, "--yes")
        self.assertIn("Backups and exports made earlier still hold them; none is in", out)

    def test_a_handle_too_short_to_search_for(self):
        self.add_person("al")
        self.log("note", "al", "al and alice")
        _, out, _ = self.mgr("person", "forget", "al", "--yes")
        self.assertIn("No byte search", out)
        self.assertIn("'al' is too short", out)
        self.assertNotIn("Byte search of", out)

    def test_unknown_person_is_a_usage_error(self):
        self.fail_usage("person", "forget", "nobody", "--yes", mentions=["nobody"])
        self.fail_usage("person", "forget", "nobody", mentions=["nobody"])

    def test_the_person_export_shows_what_forget_takes(self):
        _, out, _ = self.mgr("export", "--person", HANDLE)
        about = json.loads(out)
        self.mgr("person", "forget", HANDLE, "--yes")
        after = json.loads(self.mgr("export")[1])
        remaining = {e["id"] for e in after["entries"]}
        for entry in about["entries"]:
            if entry["id"] in remaining:
                kept = next(e for e in after["entries"] if e["id"] == entry["id"])
                self.assertNotIn(HANDLE, kept["people"])
                self.assertNotIn(MARKER.lower(), (kept["note"] or "").lower())


class KilledForget(ForgetCase):
    ROUNDS = 15
    ENTRIES = 20000

    def test_kill_9_leaves_the_person_wholly_there_or_wholly_gone(self):
        self.add_person("bob")
        self.add_person(HANDLE, "--name", "%s Quill" % MARKER)
        _, out, _ = self.mgr("export")
        data = json.loads(out)
        template = {"kind": "note", "date": "2026-11-20", "logged_at": "2026-11-20T10:00:00Z",
                    "minutes": None, "tags": [], "mood": None, "cancelled": False,
                    "polarity": None, "status": None, "type": None, "about": None,
                    "delegation": None}
        for i in range(self.ENTRIES):
            shared = i % 2 == 0
            data["entries"].append(dict(
                template, id=i + 1, people=["bob", HANDLE] if shared else [HANDLE],
                note="note %d about %s" % (i, MARKER)))
        data["last_id"] = self.ENTRIES
        path = os.path.join(self.tmp, "many.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        self.mgr("import", path, timeout=120)
        template_db = os.path.join(self.tmp, "template.db")
        subprocess.run(["sqlite3", self.db, ".backup '%s'" % template_db], check=True)
        started = time.monotonic()
        self.mgr("person", "forget", HANDLE, "--yes", timeout=120)
        # Past its end now and then: the rounds that kill it after the commit, while it clears the
        # freed space, and those that let it finish all find the person gone.
        duration = (time.monotonic() - started) * 1.5
        rng = random.Random(3)
        outcomes = {"there": 0, "gone": 0, "gone, receipt printed": 0}
        for round_number in range(self.ROUNDS):
            for suffix in ("-wal", "-shm"):
                if os.path.exists(self.db + suffix):
                    os.remove(self.db + suffix)
            subprocess.run(["cp", template_db, self.db], check=True)
            proc = subprocess.Popen([MGR_BIN, "person", "forget", HANDLE, "--yes"],
                                    env=self.env, cwd=self.tmp, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration))
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate()
            conn = sqlite3.connect(self.db)
            try:
                with self.subTest(round=round_number):
                    self.assertEqual(conn.execute("PRAGMA integrity_check").fetchone(), ("ok",))
                    people = conn.execute("SELECT count(*) FROM people WHERE handle = ?",
                                          (HANDLE,)).fetchone()[0]
                    entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
                    linked = conn.execute("SELECT count(*) FROM entry_people").fetchone()[0]
                    mentioned = conn.execute("SELECT count(*) FROM entries WHERE note LIKE ?",
                                             ("%" + MARKER + "%",)).fetchone()[0]
                    if people == 1:
                        self.assertEqual((entries, linked, mentioned),
                                         (self.ENTRIES, self.ENTRIES * 3 // 2, self.ENTRIES))
                        self.assertNotIn(b"forgot", out)
                        outcomes["there"] += 1
                    else:
                        self.assertEqual((entries, linked, mentioned),
                                         (self.ENTRIES // 2, self.ENTRIES // 2, 0))
                        outcomes["gone, receipt printed" if b"forgot" in out else "gone"] += 1
            finally:
                conn.close()
        self.assertGreater(outcomes["there"], 0, outcomes)
        self.assertGreater(outcomes["gone"] + outcomes["gone, receipt printed"], 0, outcomes)


if __name__ == "__main__":
    unittest.main()
