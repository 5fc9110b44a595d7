"""mgr export: every table as JSON (stable bytes, every id) or RFC 4180 CSV, one person's data
for a subject-access request, and private output files."""

import csv
import io
import json
import os
import sqlite3
import stat
import unittest

from mgr_harness import UMASK_022, MgrTestCase

# The tables of an export, in the order they are written.
SECTIONS = [
    "people", "time_away", "entries", "concerns", "delegations", "topics", "actions", "skips",
    "moves", "reminders_sent", "self_checks",
]

# Text that CSV must quote and JSON must escape.
AWKWARD = 'Roadmap, "quoted" and\na second line'


def write_sql(db, statements):
    """Writes rows no command of this build writes on its own (self-checks, reminder records)."""
    conn = sqlite3.connect(db)
    try:
        with conn:
            for sql, params in statements:
                conn.execute(sql, params)
    finally:
        conn.close()


def seed(case):
    """A database with at least one record in every table, and an id deleted so that the
    sequence is ahead of the highest id held. Returns the ids by name."""
    ids = {}
    case.add_person("alice", "--name", "Alice Example", "--day", "mon", "--time", "10:00",
                    "--tz", "Europe/Berlin", "--since", "2026-01-05")
    case.add_person("bob", "--name", "Bob Builder", "--day", "wed", "--cadence", "biweekly")
    case.add_person("carol", "--relation", "peer")
    ids["one_on_one"] = case.log("1on1", "alice", AWKWARD, "--mood", "4", "--tag", "growth",
                                 "--date", "2026-11-23", "--my-action", "send the plan",
                                 "--their-action", "draft the doc")
    _, out, _ = case.mgr("topic", "add", "alice", "career path")
    ids["topic"] = case.logged_id(out)
    _, out, _ = case.mgr("action", "add", "bob", "review the doc", "--due", "2026-12-01")
    ids["action"] = case.logged_id(out)
    ids["concern"] = case.log("concern", "alice,bob", "friction in code review")
    ids["feedback"] = case.log("feedback", "bob", "--positive", "great demo",
                               "--about", str(ids["concern"]))
    ids["delegation"] = case.log("delegate", "bob", "Ship the release", "--why", "growth",
                                 "--due", "2026-12-15", "--constraints", "no overtime")
    ids["checkin"] = case.log("checkin", str(ids["delegation"]), "going fine",
                              "--status", "at-risk")
    ids["learn"] = case.log("learn", "1h", "a book on coaching", "--type", "reading")
    ids["note"] = case.log("note", "carol", "carol says Alice Example gave a good talk")
    ids["deleted"] = case.log("ic", "2h", "a bug fix")
    case.mgr("entry", "delete", str(ids["deleted"]))
    case.mgr("person", "away", "alice", "--from", "2026-12-07", "--to", "2026-12-11",
             "--reason", "holiday")
    case.mgr("schedule", "skip", "alice", "--date", "2026-11-30", "--reason", "offsite")
    case.mgr("schedule", "move", "bob", "--to", "2026-12-04", "--time", "15:00")
    write_sql(case.db, [
        ("INSERT INTO self_checks (month, date, coaching, systems, letting_go, hard_talks, "
         "ambiguity, craft_pull, focus_pull, note, logged_at) "
         "VALUES ('2026-10', '2026-10-30', 4, 2, 5, 3, 4, 2, 3, 'more coaching', "
         "'2026-10-30T09:00:00Z')", ()),
        ("INSERT INTO reminders_sent (day, item, person_id, sent_at, message_id) "
         "SELECT '2026-11-23', '1on1:2026-11-23', id, '2026-11-23T07:00:00Z', '<m1@mgr>' "
         "FROM people WHERE handle = 'alice'", ()),
        ("INSERT INTO reminders_sent (day, item, person_id, sent_at, message_id) "
         "VALUES ('2026-11-24', 'review', NULL, '2026-11-24T07:00:00Z', '<m2@mgr>')", ()),
    ])
    return ids


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


class ExportJson(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.ids = seed(self)

    def export(self, *args):
        _, out, _ = self.mgr("export", *args)
        return out

    def test_every_table_is_there_with_its_ids(self):
        data = json.loads(self.export())
        self.assertEqual(data["format"], "mgr-export")
        self.assertEqual(data["version"], 1)
        self.assertEqual([key for key in data if key in SECTIONS], SECTIONS)
        for section in SECTIONS:
            self.assertTrue(data[section], "no %s in the export" % section)
        # The deleted entry's id is not reused by an import: the sequence travels with the file.
        self.assertEqual(data["last_id"], self.ids["deleted"])
        entry_ids = [entry["id"] for entry in data["entries"]]
        self.assertNotIn(self.ids["deleted"], entry_ids)
        for name in ("one_on_one", "concern", "feedback", "delegation", "checkin", "note"):
            self.assertIn(self.ids[name], entry_ids)
        one = next(e for e in data["entries"] if e["id"] == self.ids["one_on_one"])
        self.assertEqual(one["note"], AWKWARD)
        self.assertEqual(one["people"], ["alice"])
        self.assertEqual(one["tags"], ["growth"])
        self.assertEqual(one["mood"], 4)
        self.assertEqual([c["id"] for c in data["concerns"]], [self.ids["concern"]])
        self.assertEqual([d["id"] for d in data["delegations"]], [self.ids["delegation"]])
        self.assertIn(self.ids["topic"], [t["id"] for t in data["topics"]])
        self.assertIn(self.ids["action"], [a["id"] for a in data["actions"]])
        alice = data["people"][0]
        self.assertEqual((alice["handle"], alice["name"], alice["day"], alice["time"], alice["tz"]),
                         ("alice", "Alice Example", "mon", "10:00", "Europe/Berlin"))
        self.assertEqual(data["self_checks"][0]["month"], "2026-10")
        self.assertEqual(data["self_checks"][0]["coaching"], 4)
        self.assertEqual([r["person"] for r in data["reminders_sent"]], ["alice", None])
        self.assertEqual(data["skips"][0]["date"], "2026-11-30")
        self.assertEqual(data["moves"][0]["to"], "2026-12-04")
        self.assertEqual(data["moves"][0]["time"], "15:00")

    def test_the_same_database_gives_the_same_bytes(self):
        first = self.export()
        self.mgr("history")  # a read changes nothing
        self.assertEqual(self.export(), first)

    def test_output_file_is_private_under_umask_022(self):
        target = os.path.join(self.tmp, "out", "all.json")
        os.mkdir(os.path.dirname(target))
        _, out, _ = self.mgr("export", "--output", target, wrapper=UMASK_022)
        self.assertEqual(mode(target), 0o600)
        self.assertIn("exported", out)
        self.assertIn("people", out)
        with open(target, encoding="utf-8") as f:
            self.assertEqual(f.read(), self.export())
        # Writing it again replaces it, still private; no temporary file stays behind.
        self.mgr("export", "--format", "csv", "--output", target, wrapper=UMASK_022)
        self.assertEqual(mode(target), 0o600)
        self.assertEqual(os.listdir(os.path.dirname(target)), ["all.json"])

    def test_output_to_the_database_itself_is_refused(self):
        self.fail_usage("export", "--output", self.db, mentions=["database"])

    def test_output_into_a_missing_folder_is_refused(self):
        self.fail_usage("export", "--output", os.path.join(self.tmp, "nope", "x.json"),
                        mentions=["nope"])

    def test_unknown_person_and_format_are_usage_errors(self):
        self.fail_usage("export", "--person", "zed", mentions=["zed"])
        self.fail_usage("export", "--format", "xml", mentions=["xml"])


class ExportNothing(MgrTestCase):
    def test_without_a_database_the_export_is_empty_and_creates_nothing(self):
        data = json.loads(self.mgr("export")[1])
        self.assertEqual((data["format"], data["version"], data["last_id"]), ("mgr-export", 1, 0))
        for section in SECTIONS:
            self.assertEqual(data[section], [], section)
        self.assertFalse(self.db_exists())


class ExportPerson(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.ids = seed(self)

    def test_everything_about_one_person_and_nothing_else(self):
        _, out, _ = self.mgr("export", "--person", "alice")
        data = json.loads(out)
        self.assertEqual(data["subject"], "alice")
        self.assertEqual([p["handle"] for p in data["people"]], ["alice"])
        entry_ids = {e["id"] for e in data["entries"]}
        # Their 1:1, the concern they are one of the people of, and carol's note that names
        # Alice Example; not bob's feedback, delegation and check-in, nor the learning.
        self.assertEqual(entry_ids, {self.ids["one_on_one"], self.ids["concern"], self.ids["note"]})
        self.assertEqual([c["id"] for c in data["concerns"]], [self.ids["concern"]])
        self.assertEqual(data["delegations"], [])
        self.assertEqual({t["person"] for t in data["topics"]}, {"alice"})
        self.assertEqual({a["person"] for a in data["actions"]}, {"alice"})
        self.assertEqual(len(data["actions"]), 2)  # the two agreed in the 1:1
        self.assertEqual([t["reason"] for t in data["time_away"]], ["holiday"])
        self.assertEqual([s["person"] for s in data["skips"]], ["alice"])
        self.assertEqual(data["moves"], [])
        self.assertEqual([r["person"] for r in data["reminders_sent"]], ["alice"])
        self.assertEqual(data["self_checks"], [])

    def test_a_person_export_is_not_imported(self):
        _, out, _ = self.mgr("export", "--person", "bob")
        path = os.path.join(self.tmp, "bob.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(out)
        empty = os.path.join(self.tmp, "other", "mgr.db")
        err = self.fail_usage("import", path, env={"MGR_DB": empty}, mentions=["one person"])
        self.assertFalse(os.path.exists(empty), err)


class ExportCsv(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.ids = seed(self)

    def sections(self, text):
        """The CSV export split into its sections: {name: [rows]} (each an RFC 4180 file)."""
        self.assertTrue(text.endswith("\r\n"))
        result = {}
        for block in text.split("\r\n\r\n"):
            if not block:
                continue
            title, _, body = block.partition("\r\n")
            self.assertTrue(title.startswith("# "), title)
            result[title[2:]] = list(csv.reader(io.StringIO(body, newline="")))
        return result

    def test_one_rfc_4180_section_per_table(self):
        _, out, _ = self.mgr("export", "--format", "csv")
        # Every line ends in CRLF; a bare LF only occurs inside a quoted field.
        quoted_note = '"Roadmap, ""quoted"" and\na second line"'
        self.assertIn(quoted_note, out)
        self.assertNotIn("\n", out.replace(quoted_note, "").replace("\r\n", ""))
        sections = self.sections(out)
        self.assertEqual(list(sections), ["export"] + SECTIONS)
        data = json.loads(self.mgr("export")[1])
        for section in SECTIONS:
            header, *rows = sections[section]
            self.assertEqual(header, list(data[section][0].keys()), section)
            self.assertEqual(len(rows), len(data[section]), section)
        entries = sections["entries"]
        header = entries[0]
        one = next(row for row in entries[1:] if row[0] == str(self.ids["one_on_one"]))
        self.assertEqual(one[header.index("note")], AWKWARD)


if __name__ == "__main__":
    unittest.main()
