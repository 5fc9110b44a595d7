"""mgr import: an export read back byte for byte, twice without change, every bad record refused
before anything is written, and all or nothing when the process is killed."""

import copy
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


class ImportCase(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.source_db = self.db
        self.ids = test_export.seed(self)
        _, self.exported, _ = self.mgr("export")
        self.data = json.loads(self.exported)
        self.use_database(os.path.join(self.tmp, "target", "mgr.db"))

    def use_database(self, path):
        """Points this test (and the harness's dump and sql helpers) at another database."""
        self.db = path
        self.env["MGR_DB"] = path

    def write(self, name, content):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content if isinstance(content, str) else json.dumps(content, indent=1))
        return path


class RoundTrip(ImportCase):
    def test_an_empty_database_exports_the_same_bytes(self):
        path = self.write("all.json", self.exported)
        _, out, _ = self.mgr("import", path)
        self.assertIn("imported", out)
        self.assertIn("3 people", out)
        _, again, _ = self.mgr("export")
        self.assertEqual(again, self.exported)
        # And the CSV form of both agrees too.
        csv_here = self.mgr("export", "--format", "csv")[1]
        csv_there = self.mgr("export", "--format", "csv", env={"MGR_DB": self.source_db})[1]
        self.assertEqual(csv_here, csv_there)

    def test_the_imported_database_works_and_never_reuses_an_id(self):
        self.mgr("import", self.write("all.json", self.exported))
        new_id = self.log("note", "alice", "after the import")
        self.assertGreater(new_id, self.data["last_id"])
        self.assertEqual(self.sql("PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(self.sql("PRAGMA foreign_key_check"), [])
        # The derived index of each person's entries follows the imported entries.
        bob_entries = {e["id"] for e in self.history("--person", "bob")}
        self.assertIn(self.ids["feedback"], bob_entries)
        self.assertIn(self.ids["concern"], bob_entries)

    def test_importing_twice_changes_nothing(self):
        path = self.write("all.json", self.exported)
        self.mgr("import", path)
        before = self.db_dump_hash()
        _, out, _ = self.mgr("import", path)
        self.assertIn("added nothing", out)
        self.assertEqual(self.db_dump_hash(), before)
        # Into the database it came from, too.
        self.use_database(self.source_db)
        before = self.db_dump_hash()
        _, out, _ = self.mgr("import", path)
        self.assertIn("added nothing", out)
        self.assertEqual(self.db_dump_hash(), before)

    def test_from_standard_input(self):
        _, out, _ = self.mgr("import", "-", stdin=self.exported.encode())
        self.assertIn("imported standard input", out)
        self.assertEqual(self.mgr("export")[1], self.exported)

    def test_dry_run_writes_nothing(self):
        path = self.write("all.json", self.exported)
        _, out, _ = self.mgr("import", path, "--dry-run")
        self.assertIn("would add", out)
        self.assertIn("3 people", out)
        self.assertFalse(self.db_exists())
        self.mgr("import", path)
        before = self.db_dump_hash()
        _, out, _ = self.mgr("import", path, "--dry-run")
        self.assertIn("would add nothing", out)
        self.assertEqual(self.db_dump_hash(), before)

    def test_an_import_is_one_change_for_undo(self):
        path = self.write("all.json", self.exported)
        _, out, _ = self.mgr("import", path)
        imported, hint = out.splitlines()
        self.assertTrue(imported.startswith("imported "), out)
        self.assertEqual(hint, "`mgr undo` takes them out again")
        _, out, _ = self.mgr("undo")
        # The change undone, as the import confirmed it, without the hint that led here.
        self.assertEqual(out, "undid: " + imported + "\n")
        for table in test_export.SECTIONS:
            self.assertEqual(self.sql("SELECT count(*) FROM %s" % table), [(0,)], table)

    def test_a_person_already_there_with_another_id_is_refused(self):
        self.add_person("alice")
        self.add_person("zed")
        self.fail_usage("import", self.write("all.json", self.exported),
                        mentions=["people[0] ('alice')"])

    def test_a_record_that_differs_from_the_stored_one_is_refused(self):
        self.mgr("import", self.write("all.json", self.exported))
        changed = copy.deepcopy(self.data)
        changed["topics"][0]["text"] = "something else"
        self.fail_usage("import", self.write("changed.json", changed),
                        mentions=["topics[0] (#%d)" % changed["topics"][0]["id"], "differs"])


class BadInput(ImportCase):
    """Every bad file: exit 2, the first bad record named, the target database unchanged."""

    def setUp(self):
        super().setUp()
        self.add_person("zed")  # the target exists, so that its dump can be compared

    def refused(self, data, *mentions):
        path = self.write("bad.json", data)
        return self.fail_usage("import", path, mentions=mentions)

    def test_bad_date(self):
        data = copy.deepcopy(self.data)
        data["entries"][2]["date"] = "2026-02-30"
        self.refused(data, "entries[2] (#%d)" % data["entries"][2]["id"], "2026-02-30", "date")

    def test_unknown_person_reference(self):
        data = copy.deepcopy(self.data)
        data["topics"][0]["person"] = "nobody"
        self.refused(data, "topics[0] (#%d)" % data["topics"][0]["id"], "unknown person",
                     "nobody")
        data = copy.deepcopy(self.data)
        data["entries"][1]["people"] = ["alice", "ghost"]
        self.refused(data, "entries[1]", "ghost")

    def test_duplicate_id(self):
        data = copy.deepcopy(self.data)
        data["actions"][0]["id"] = data["entries"][0]["id"]
        self.refused(data, "actions[0] (#%d)" % data["entries"][0]["id"], "used twice")
        data = copy.deepcopy(self.data)
        data["entries"].append(copy.deepcopy(data["entries"][0]))
        self.refused(data, "entries[%d]" % (len(data["entries"]) - 1), "used twice")

    def test_only_the_first_bad_record_is_named(self):
        data = copy.deepcopy(self.data)
        data["entries"][1]["date"] = "yesterday"
        data["entries"][3]["date"] = "tomorrow"
        err = self.refused(data, "entries[1]", "yesterday")
        self.assertNotIn("tomorrow", err)

    def test_truncated_json(self):
        cut = self.exported[: len(self.exported) * 2 // 3]
        err = self.refused(cut, "not complete JSON")
        self.assertRegex(err.splitlines()[0], r"\((after|at the start of) [a-z_]+")
        self.refused(self.exported[:-3], "not complete JSON")
        self.refused("", "not complete JSON")

    def test_other_files(self):
        self.refused({"format": "mgr-export", "version": 99, "last_id": 0}, "version 99")
        self.refused({"hello": 1}, "unknown field", "hello")
        self.refused([1, 2, 3], "not an mgr export")
        self.refused('{"format": "mgr-export", "version": 1, "last_id": 1e999}', "not valid JSON")
        data = copy.deepcopy(self.data)
        data["people"][0]["colour"] = "blue"
        self.refused(data, "people[0]", "colour")
        data = copy.deepcopy(self.data)
        data["entries"][0]["mood"] = 9
        self.refused(data, "entries[0]", "mood")
        data = copy.deepcopy(self.data)
        data["people"][1]["handle"] = "Not A Handle"
        self.refused(data, "people[1]", "handle")
        data = copy.deepcopy(self.data)
        data["last_id"] = 1
        self.refused(data, "last_id")
        self.fail_usage("import", os.path.join(self.tmp, "missing.json"), mentions=["missing.json"])

    def test_dry_run_names_the_bad_record_too(self):
        data = copy.deepcopy(self.data)
        data["skips"][0]["date"] = "2026-13-01"
        self.fail_usage("import", self.write("bad.json", data), "--dry-run",
                        mentions=["skips[0]", "2026-13-01"])


def big_export(data, entries):
    """The seed's export with `entries` more notes about alice, each with its own id."""
    big = copy.deepcopy(data)
    template = next(e for e in big["entries"] if e["kind"] == "note")
    next_id = big["last_id"] + 1
    for i in range(entries):
        entry = dict(template, id=next_id + i, people=["alice"], note="note number %d" % i)
        big["entries"].append(entry)
    big["last_id"] = next_id + entries - 1
    return big


class BigFile(ImportCase):
    """A file of more records than one statement writes: every entry with its people and tags
    read back, a late bad record still named with nothing written, a re-import all unchanged."""

    ENTRIES = 1000 + 37  # not a whole number of statements' worth

    def setUp(self):
        super().setUp()
        self.big = big_export(self.data, self.ENTRIES)
        added = self.big["entries"][-self.ENTRIES:]
        for i, entry in enumerate(added):
            entry["people"] = [[], ["alice"], ["bob", "alice"]][i % 3]
            entry["tags"] = [[], ["big"], ["alpha", "big"]][(i // 3) % 3]
        self.path = self.write("big.json", self.big)
        self.records = sum(len(self.big[table]) for table in test_export.SECTIONS)

    def test_every_record_is_read_back_and_a_reimport_changes_nothing(self):
        _, out, _ = self.mgr("import", self.path)
        self.assertIn("%d entries" % len(self.big["entries"]), out)
        self.assertEqual(json.loads(self.mgr("export")[1]), self.big)
        self.assertEqual(self.sql("SELECT count(*) FROM person_entries"),
                         self.sql("SELECT count(*) FROM entry_people"))
        before = self.db_dump_hash()
        _, out, _ = self.mgr("import", self.path)
        self.assertIn("added nothing; %d records were already there" % self.records, out)
        self.assertEqual(self.db_dump_hash(), before)
        self.mgr("undo")
        for table in test_export.SECTIONS + ["entry_people", "entry_tags", "person_entries"]:
            self.assertEqual(self.sql("SELECT count(*) FROM %s" % table), [(0,)], table)

    def test_a_late_bad_record_is_named_and_nothing_is_written(self):
        self.add_person("zed")
        index = len(self.big["entries"]) - 5
        self.big["entries"][index]["people"] = ["alice", "ghost"]
        self.fail_usage("import", self.write("bad.json", self.big),
                        mentions=["entries[%d] (#%d)" % (index, self.big["entries"][index]["id"]),
                                  "ghost"])

    def test_a_late_record_that_differs_from_the_database_is_refused_whole(self):
        self.mgr("import", self.path)
        index = len(self.big["entries"]) - 3
        self.big["entries"][index]["note"] = "changed"
        more = big_export(self.big, 100)  # and new records after it
        self.fail_usage("import", self.write("changed.json", more),
                        mentions=["entries[%d] (#%d)" % (index, self.big["entries"][index]["id"]),
                                  "differs"])

    def schema(self):
        return self.sql("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")

    def test_a_newer_export_adds_to_an_older_copy_whether_larger_or_smaller(self):
        # Into a database holding part of the file, less of it than the file adds: the entry
        # tables' indexes and triggers are set aside and rebuilt. Then into one holding more
        # than the file adds: row by row. Both ways end in the same database.
        self.mgr("import", self.write("small.json", self.exported))
        schema = self.schema()
        _, out, _ = self.mgr("import", self.path)
        self.assertIn("%d entries" % self.ENTRIES, out)
        self.assertEqual(json.loads(self.mgr("export")[1]), self.big)
        self.assertEqual(self.schema(), schema)
        self.assertEqual(self.sql("PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(self.sql("PRAGMA foreign_key_check"), [])
        alice_notes = self.history("--person", "alice", "--kind", "note", "--limit", "2000")
        self.assertEqual(len(alice_notes),
                         sum("alice" in e["people"] and e["kind"] == "note"
                             for e in self.big["entries"]))
        newer = big_export(self.big, 100)
        _, out, _ = self.mgr("import", self.write("newer.json", newer))
        self.assertIn("added 100 entries", out)
        self.assertEqual(json.loads(self.mgr("export")[1]), newer)
        self.assertEqual(self.schema(), schema)
        # Both imports are single changes for undo, and the triggers are back: logging and
        # undoing work as before.
        self.mgr("undo")
        self.mgr("undo")
        undone = json.loads(self.mgr("export")[1])
        self.assertGreater(undone.pop("last_id"), self.data["last_id"])  # ids are never reused
        self.assertEqual(undone, {k: v for k, v in self.data.items() if k != "last_id"})
        note = self.log("note", "bob", "after both imports")
        self.assertIn(note, {e["id"] for e in self.history("--person", "bob")})


class KilledImport(ImportCase):
    ROUNDS = 15
    ENTRIES = 20000

    def count(self, sql):
        conn = sqlite3.connect(self.db)  # read-write: a hot WAL is recovered as mgr would
        try:
            return conn.execute(sql).fetchone()[0]
        finally:
            conn.close()

    def wal_size(self):
        try:
            return os.path.getsize(self.db + "-wal")
        except FileNotFoundError:
            return 0

    def test_kill_9_imports_all_or_nothing(self):
        big = big_export(self.data, self.ENTRIES)
        path = self.write("big.json", big)
        expected_entries = len(big["entries"])
        # Someone already there, with an id the file does not use.
        self.add_person("zed")
        test_export.write_sql(self.db, [("UPDATE people SET id = 999 WHERE handle = 'zed'", ())])
        started = time.monotonic()
        self.mgr("import", path, timeout=120)
        duration = (time.monotonic() - started) * 1.2
        self.mgr("undo", timeout=120)
        rng = random.Random(7)
        outcomes = {"nothing": 0, "all": 0}
        killed_while_writing = 0
        # Parsing comes first and writing last (in a few large statements), so the kills start in
        # the later part of a run. The range then follows what each round met: later after a kill
        # that came before anything was written, earlier after an import that finished first, so
        # that the rounds find the writing however loaded the machine is.
        earliest, latest = 0.4 * duration, duration
        for round_number in range(self.ROUNDS):
            proc = subprocess.Popen([MGR_BIN, "import", path], env=self.env, cwd=self.tmp,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            delay = rng.uniform(earliest, latest)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            out, _ = proc.communicate()
            # Frames left in the -wal by a process that wrote nothing it committed.
            wal_left = self.wal_size()
            with self.subTest(round=round_number):
                self.assertEqual(self.count("PRAGMA integrity_check"), "ok")
                entries = self.count("SELECT count(*) FROM entries")
                people = self.count("SELECT count(*) FROM people")
                if entries == 0:
                    self.assertEqual(people, 1)
                    self.assertNotIn(b"imported", out)
                    outcomes["nothing"] += 1
                    killed_while_writing += wal_left > 0
                    if wal_left == 0:
                        earliest, latest = delay, max(latest, delay * 1.25)
                else:
                    self.assertEqual((entries, people), (expected_entries, 4))
                    outcomes["all"] += 1
                    earliest, latest = min(earliest, delay * 0.8), delay
                    self.mgr("undo", timeout=120)  # back to nothing for the next round
                    self.assertEqual(self.count("SELECT count(*) FROM entries"), 0)
        self.assertGreater(outcomes["nothing"], 0, outcomes)
        self.assertGreater(killed_while_writing, 0, "no round killed an import while it wrote")
        # Whatever happened, the import completes once run to the end.
        self.mgr("import", path, timeout=120)
        self.assertEqual(self.count("SELECT count(*) FROM entries"), expected_entries)


if __name__ == "__main__":
    unittest.main()
