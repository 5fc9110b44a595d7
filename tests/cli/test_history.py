"""Looking back and fixing mistakes: history, entry show|edit|delete, undo; note round trips."""

import unittest

from mgr_harness import ENTRY_KEYS, MgrTestCase


class History(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")
        # Logged out of date order on purpose: history sorts by date, then id, newest first.
        self.n1 = self.log("note", "alice", "oldest", "--date", "2026-11-01")
        self.one = self.log("1on1", "alice", "weekly", "--date", "2026-11-20", "--mood", "3")
        self.fb = self.log("feedback", "bob", "--positive", "nice", "--date", "2026-11-20")
        self.ic = self.log("ic", "2h", "coding", "--date", "2026-11-10", "--tag", "deep")
        self.c = self.log("concern", "alice,bob", "clash", "--date", "2026-11-24")
        self.lrn = self.log("learn", "45m", "--type", "course", "--date", "2026-11-26")

    def test_newest_first_with_the_contract_keys(self):
        entries = self.history()
        self.assertEqual([e["id"] for e in entries],
                         [self.lrn, self.c, self.fb, self.one, self.ic, self.n1])
        for e in entries:
            self.assertLessEqual(ENTRY_KEYS, set(e))
        by_id = {e["id"]: e for e in entries}
        self.assertEqual(by_id[self.ic]["minutes"], 120)
        self.assertEqual(by_id[self.ic]["tags"], ["deep"])
        self.assertIsNone(by_id[self.ic]["person"])
        self.assertEqual(by_id[self.ic]["people"], [])
        self.assertIsNone(by_id[self.n1]["minutes"])
        self.assertEqual(by_id[self.c]["person"], "alice")
        self.assertEqual(by_id[self.c]["people"], ["alice", "bob"])
        self.assertEqual(by_id[self.fb]["polarity"], "positive")
        self.assertEqual((by_id[self.one]["mood"], by_id[self.one]["cancelled"]), (3, False))
        self.assertEqual(by_id[self.lrn]["type"], "course")
        self.assertEqual(by_id[self.lrn]["date"], "2026-11-26")

    def test_kind_attributes(self):
        d = self.log("delegate", "bob", "own the pager")
        ci = self.log("checkin", str(d), "--status", "blocked")
        talk = self.log("talk", "alice,bob", "mediated", "--about", str(self.c))
        cancelled = self.log("1on1", "bob", "--cancelled")
        by_id = {e["id"]: e for e in self.history()}
        self.assertEqual((by_id[ci]["status"], by_id[ci]["delegation"], by_id[ci]["person"]),
                         ("blocked", d, "bob"))
        self.assertEqual((by_id[talk]["about"], by_id[talk]["people"]), (self.c, ["alice", "bob"]))
        self.assertEqual((by_id[cancelled]["cancelled"], by_id[cancelled]["minutes"]), (True, None))
        self.assertIsNone(by_id[self.one]["about"])

    def test_text(self):
        _, out, _ = self.mgr("history")
        headers = [line for line in out.splitlines() if line.startswith("#")]
        self.assertEqual([int(h.split()[0][1:]) for h in headers],
                         [self.lrn, self.c, self.fb, self.one, self.ic, self.n1])
        self.assertIn("coding", out)
        self.assertIn("2026-11-10 ic", out)

    def test_filter_by_person(self):
        self.assertEqual([e["id"] for e in self.history("--person", "alice")],
                         [self.c, self.one, self.n1])
        self.assertEqual([e["id"] for e in self.history("--person", "BOB")], [self.c, self.fb])
        err = self.fail_usage("history", "--person", "alicee", mentions=["alicee"])
        self.assertIn("did you mean 'alice'?", err)

    def test_filter_by_kind(self):
        self.assertEqual([e["id"] for e in self.history("--kind", "1on1")], [self.one])
        self.assertEqual(self.history("--kind", "talk"), [])
        err = self.fail_usage("history", "--kind", "1on2", mentions=["1on2"])
        self.assertIn("1on1", err)

    def test_since_and_until_are_inclusive(self):
        self.assertEqual([e["id"] for e in self.history("--since", "2026-11-20")],
                         [self.lrn, self.c, self.fb, self.one])
        self.assertEqual([e["id"] for e in self.history("--until", "2026-11-20")],
                         [self.fb, self.one, self.ic, self.n1])
        self.assertEqual([e["id"] for e in self.history("--since", "2026-11-10", "--until",
                                                        "2026-11-20")],
                         [self.fb, self.one, self.ic])
        self.assertEqual([e["id"] for e in self.history("--since", "-2d")], [self.lrn, self.c])
        self.fail_usage("history", "--since", "2026-13-01", mentions=["2026-13-01"])

    def test_limit_and_combined(self):
        self.assertEqual([e["id"] for e in self.history("--limit", "2")], [self.lrn, self.c])
        self.assertEqual([e["id"] for e in self.history("--person", "alice", "--kind", "note",
                                                        "--limit", "5")], [self.n1])
        self.fail_usage("history", "--limit", "0", mentions=["0"])
        self.fail_usage("history", "--limit", "many", mentions=["many"])


class Entries(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.e = self.log("note", "alice", "first version", "--tag", "t")

    def test_show_text_and_json(self):
        _, out, _ = self.mgr("entry", "show", str(self.e))
        self.assertIn("#%d 2026-11-26 note alice" % self.e, out)
        self.assertIn("first version", out)
        doc = self.entry(self.e)
        self.assertEqual((doc["id"], doc["kind"], doc["note"], doc["tags"]),
                         (self.e, "note", "first version", ["t"]))

    def test_edit_date_and_note(self):
        _, out, _ = self.mgr("entry", "edit", str(self.e), "--date", "yesterday", "--note",
                             "second version")
        self.assertIn("updated #%d" % self.e, out)
        doc = self.entry(self.e)
        self.assertEqual((doc["date"], doc["note"], doc["people"]),
                         ("2026-11-25", "second version", ["alice"]))
        self.mgr("entry", "edit", str(self.e), "--note", "")
        self.assertEqual(self.entry(self.e)["note"], "")

    def test_edit_errors(self):
        self.fail_usage("entry", "edit", str(self.e))  # nothing to change
        self.fail_usage("entry", "edit", str(self.e), "--date", "2026-02-30",
                        mentions=["2026-02-30"])
        self.fail_usage("entry", "edit", "404", "--note", "x", mentions=["404"])

    def test_delete(self):
        other = self.log("note", "keep me")
        _, out, _ = self.mgr("entry", "delete", str(self.e))
        self.assertIn("deleted #%d" % self.e, out)
        self.assertIn("first version", out)
        self.assertEqual([e["id"] for e in self.history()], [other])
        self.fail_usage("entry", "delete", str(self.e), mentions=[str(self.e)])
        self.fail_usage("entry", "show", str(self.e), mentions=[str(self.e)])

    def test_unknown_or_invalid_id(self):
        for verb in ("show", "delete"):
            self.fail_usage("entry", verb, "999", mentions=["999"])
            self.fail_usage("entry", verb, "abc", mentions=["abc"])
            self.fail_usage("entry", verb, "0", mentions=["0"])

    def test_editing_a_concern_entry_updates_the_concern(self):
        c = self.log("concern", "alice", "typo concren")
        self.mgr("entry", "edit", str(c), "--note", "fixed concern", "--date", "-2d")
        concern = self.run_json("concern", "list", "--format", "json")[0]
        self.assertEqual((concern["id"], concern["text"], concern["opened"]),
                         (c, "fixed concern", "2026-11-24"))
        self.fail_usage("entry", "edit", str(c), "--note", "")

    def test_editing_a_delegate_entry_date_moves_the_hand_off(self):
        d = self.log("delegate", "alice", "do x")
        self.mgr("entry", "edit", str(d), "--date", "-5d")
        delegation = self.run_json("delegation", "list", "--format", "json")[0]
        self.assertEqual(delegation["created"], "2026-11-21")
        self.assertEqual(delegation["outcome"], "do x")

    def test_deleting_a_concern_entry_removes_the_concern(self):
        c = self.log("concern", "alice", "worry")
        talk = self.log("talk", "alice", "chat", "--about", str(c))
        self.mgr("entry", "delete", str(c))
        self.assertEqual(self.run_json("concern", "list", "--all", "--format", "json"), [])
        self.assertIsNone(self.entry(talk)["about"])

    def test_deleting_a_delegation_with_checkins_is_refused(self):
        d = self.log("delegate", "alice", "own it")
        ci = self.log("checkin", str(d))
        self.fail_usage("entry", "delete", str(d), mentions=["#%d" % d])
        self.mgr("entry", "delete", str(ci))
        self.mgr("entry", "delete", str(d))
        self.assertEqual(self.run_json("delegation", "list", "--all", "--format", "json"), [])


class Undo(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")

    def test_undo_reverts_the_newest_change_and_prints_it(self):
        first = self.log("note", "alice", "first")
        last = self.log("note", "alice", "backfilled", "--date", "2026-01-01")
        _, out, _ = self.mgr("undo")
        self.assertEqual(out, "undid: logged #%d note about alice on 2026-01-01\n" % last)
        self.assertEqual([e["id"] for e in self.history()], [first])
        _, out, _ = self.mgr("undo")
        self.assertIn("#%d" % first, out)
        self.assertEqual(self.history(), [])
        # The change before the notes: alice was added.
        _, out, _ = self.mgr("undo")
        self.assertIn("added alice", out)
        self.assertEqual(self.run_json("person", "list", "--all", "--format", "json"), [])
        self.fail_usage("undo", mentions=["nothing to undo"])

    def test_undo_reverts_any_kind_of_change(self):
        concern = self.log("concern", "alice", "worry")
        self.mgr("concern", "resolve", str(concern), "talked it through")
        self.mgr("schedule", "skip", "alice")
        _, out, _ = self.mgr("undo")
        self.assertIn("skipped alice's 1:1", out)
        self.assertEqual(self.sql("SELECT count(*) FROM skips"), [(0,)])
        _, out, _ = self.mgr("undo")
        self.assertIn("concern #%d resolved" % concern, out)
        self.assertEqual(self.run_json("concern", "show", str(concern), "--format", "json")
                         ["status"], "open")
        # The concern itself is still there: only the resolve was undone.
        self.assertEqual(len(self.history()), 1)

    def test_undo_dry_run_changes_nothing(self):
        self.log("note", "alice", "keep")
        before = self.db_dump_hash()
        _, out, _ = self.mgr("undo", "--dry-run")
        self.assertTrue(out.startswith("would undo: logged #"), out)
        self.assertEqual(self.db_dump_hash(), before)

    def test_undo_an_edit_and_a_delete(self):
        e = self.log("note", "alice", "original")
        self.mgr("entry", "edit", str(e), "--note", "changed")
        self.mgr("entry", "delete", str(e))
        self.assertEqual(self.history(), [])
        self.mgr("undo")
        self.assertEqual(self.entry(e)["note"], "changed")
        self.mgr("undo")
        self.assertEqual(self.entry(e)["note"], "original")

    def test_undo_a_1on1_reopens_topics_and_removes_its_actions(self):
        t1 = self.logged_id(self.mgr("topic", "add", "alice", "career")[1])
        t2 = self.logged_id(self.mgr("topic", "add", "alice", "promo")[1])
        self.mgr("action", "add", "alice", "independent action")
        one = self.log("1on1", "alice", "--covered", "%d,%d" % (t1, t2), "--my-action", "mine",
                       "--their-action", "theirs")
        self.assertEqual(self.run_json("topic", "list", "--format", "json"), [])
        self.assertEqual(len(self.run_json("action", "list", "--format", "json")), 3)
        _, out, _ = self.mgr("undo")
        self.assertIn("#%d" % one, out)
        self.assertIn("1:1 with alice", out)
        topics = self.run_json("topic", "list", "--all", "--format", "json")
        self.assertEqual({(t["id"], t["status"]) for t in topics}, {(t1, "open"), (t2, "open")})
        actions = self.run_json("action", "list", "--all", "--format", "json")
        self.assertEqual([a["text"] for a in actions], ["independent action"])

    def test_undo_a_conversation_unaddresses_the_concern(self):
        c = self.log("concern", "alice", "worry")
        self.log("talk", "alice", "chat", "--about", str(c))
        self.assertTrue(self.run_json("concern", "list", "--format", "json")[0]["addressed"])
        self.mgr("undo")
        concern = self.run_json("concern", "list", "--format", "json")[0]
        self.assertEqual((concern["addressed"], concern["first_conversation"]), (False, None))

    def test_undo_on_a_new_database(self):
        self.mgr("undo")  # alice was added
        self.fail_usage("undo", mentions=["nothing to undo"])
        self.mgr("undo", "--dry-run", expect_code=2)


class NotesRoundTrip(MgrTestCase):
    """Notes come back byte for byte, never truncated, through JSON and text."""

    NOTES = {
        "quotes": "He said \"no\", then 'maybe' — `x` $HOME \\back\\slash %s %d {}",
        "sql": "'); DROP TABLE entries; --",
        "emoji": "🎉 café 日本語 👩‍💻 ∑ \u00a0nbsp",
        "multiline": "line one\nline two\n\n  indented line\ttab",
        "padded": "  leading and trailing spaces  ",
    }

    def setUp(self):
        super().setUp()
        self.add_person("alice")

    def roundtrip(self, note):
        ids = [self.log("note", "alice", note), self.log("1on1", "alice", "--note", note),
               self.log("note", "--note", note)]
        history = {e["id"]: e["note"] for e in self.history()}
        for entry_id in ids:
            self.assertEqual(self.entry(entry_id)["note"], note)
            self.assertEqual(history[entry_id], note)
        _, text, _ = self.mgr("entry", "show", str(ids[0]))
        self.assertIn("\n\n" + note, text)  # the note itself, exactly, after the header
        return ids

    def test_special_notes(self):
        for name, note in self.NOTES.items():
            with self.subTest(name=name):
                self.roundtrip(note)
        # the SQL-looking note did no harm
        self.assertEqual(len(self.history()), 3 * len(self.NOTES))

    def test_100_kib_note(self):
        chunk = "0123456789abcdef" * 63 + "é€😀\n"  # 1008 + 2 + 3 + 4 + 1 bytes
        note = (chunk * 200).encode("utf-8")[: 100 * 1024].decode("utf-8", "ignore")
        note = note + "x" * (100 * 1024 - len(note.encode("utf-8")))
        self.assertEqual(len(note.encode("utf-8")), 100 * 1024)
        eid = self.log("note", "alice", note)
        self.assertEqual(self.entry(eid)["note"], note)
        self.assertEqual(self.history()[0]["note"], note)
        _, text, _ = self.mgr("history")
        for line in note.split("\n"):
            self.assertIn(line, text)
        _, show, _ = self.mgr("person", "show", "alice")
        self.assertIn(note.split("\n")[-1], show)
        doc = self.run_json("person", "show", "alice", "--format", "json")
        self.assertEqual(doc["timeline"][0]["note"], note)


if __name__ == "__main__":
    unittest.main()
