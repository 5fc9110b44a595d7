"""Editing anything: entry edit of every attribute, topic edit, action edit/drop/reopen, time
away listed and cancelled, person rename, closing notes everywhere, history --tag/--grep."""

import unittest

from mgr_harness import MgrTestCase


class EntryEdit(MgrTestCase):
    def setUp(self):
        super().setUp()
        for handle in ("alice", "bob", "carol"):
            self.add_person(handle)

    def edit(self, eid, *options):
        _, out, _ = self.mgr("entry", "edit", str(eid), *options)
        self.assertTrue(out.startswith("updated #%d" % eid), out)
        return self.entry(eid)

    def test_date_note_and_tags(self):
        eid = self.log("note", "x", "--tag", "a")
        e = self.edit(eid, "--date", "-3d", "--note", "corrected", "--tag", "b", "--tag", "c")
        self.assertEqual((e["date"], e["note"], sorted(e["tags"])),
                         ("2026-11-23", "corrected", ["b", "c"]))
        self.assertEqual(self.edit(eid, "--tag", "none")["tags"], [])

    def test_one_on_one_length_mood_and_person(self):
        eid = self.log("1on1", "alice", "notes", "--mood", "2", "--my-action", "follow up")
        e = self.edit(eid, "--length", "45m", "--mood", "4")
        self.assertEqual((e["minutes"], e["mood"]), (45, 4))
        self.assertIsNone(self.edit(eid, "--mood", "none")["mood"])
        e = self.edit(eid, "--people", "bob")
        self.assertEqual(e["people"], ["bob"])
        actions = self.run_json("action", "list", "--format", "json")
        self.assertEqual([(a["person"], a["text"]) for a in actions], [("bob", "follow up")])
        self.assertEqual([x["id"] for x in self.history("--person", "bob")], [eid])
        self.assertEqual(self.history("--person", "alice"), [])

    def test_feedback_polarity(self):
        eid = self.log("feedback", "alice", "--positive", "good")
        self.assertEqual(self.edit(eid, "--constructive")["polarity"], "constructive")
        self.assertEqual(self.edit(eid, "--positive")["polarity"], "positive")
        self.fail_usage("entry", "edit", str(eid), "--positive", "--constructive")

    def test_checkin_status_and_learn_type(self):
        did = self.log("delegate", "alice", "ship")
        cid = self.log("checkin", str(did), "--status", "on-track")
        self.assertEqual(self.edit(cid, "--status", "blocked")["status"], "blocked")
        self.assertIsNone(self.edit(cid, "--status", "none")["status"])
        lid = self.log("learn", "30m", "--type", "reading")
        e = self.edit(lid, "--type", "course", "--length", "1h")
        self.assertEqual((e["type"], e["minutes"]), ("course", 60))

    def test_people_of_a_talk_concern_and_delegation(self):
        tid = self.log("talk", "alice", "mediated")
        self.assertEqual(self.edit(tid, "--people", "alice,bob")["people"], ["alice", "bob"])
        cid = self.log("concern", "alice", "friction")
        self.edit(cid, "--people", "alice,carol", "--note", "friction between them")
        c = self.run_json("concern", "show", str(cid), "--format", "json")
        self.assertEqual((c["people"], c["text"]), (["alice", "carol"], "friction between them"))
        did = self.log("delegate", "alice", "ship")
        check = self.log("checkin", str(did))
        self.edit(did, "--people", "bob")
        self.assertEqual(self.run_json("delegation", "show", str(did), "--format", "json")[
            "person"], "bob")
        self.assertEqual(self.entry(check)["people"], ["bob"])
        nid = self.log("note", "alice", "about her")
        self.assertEqual(self.edit(nid, "--people", "none")["people"], [])

    def test_what_a_kind_does_not_have_is_refused(self):
        note = self.log("note", "x")
        cancelled = self.log("1on1", "alice", "--cancelled")
        ic = self.log("ic", "1h")
        did = self.log("delegate", "alice", "ship")
        check = self.log("checkin", str(did))
        cases = [
            ([note, "--mood", "3"], "--mood"), ([note, "--length", "1h"], "--length"),
            ([note, "--positive"], "--positive"), ([note, "--status", "blocked"], "--status"),
            ([note, "--type", "course"], "--type"), ([cancelled, "--mood", "3"], "cancelled"),
            ([ic, "--people", "alice"], "--people"), ([check, "--people", "bob"], "check-in"),
            ([did, "--people", "alice,bob"], "one person"), ([note, "--people", "nobody"],
                                                              "nobody"),
            ([note, "--mood", "9"], "9"), ([note, "--date", "tomorrow"], "future"),
        ]
        for (eid, *options), mention in cases:
            with self.subTest(options=options):
                self.fail_usage("entry", "edit", str(eid), *options, mentions=[mention])

    def test_nothing_to_change(self):
        eid = self.log("note", "x")
        self.fail_usage("entry", "edit", str(eid), mentions=["nothing to change"])

    def test_a_concern_keeps_its_text(self):
        cid = self.log("concern", "alice", "friction")
        self.fail_usage("entry", "edit", str(cid), "--note", "", mentions=["concern"])


class TopicsAndActions(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")

    def test_topic_edit(self):
        tid = self.logged_id(self.mgr("topic", "add", "alice", "promo")[1])
        _, out, _ = self.mgr("topic", "edit", str(tid), "promotion", "timeline")
        self.assertIn("promotion timeline", out)
        self.assertEqual(self.run_json("topic", "list", "--format", "json")[0]["text"],
                         "promotion timeline")
        self.fail_usage("topic", "edit", str(tid), mentions=["TEXT"])
        self.fail_usage("topic", "edit", "999", "x", mentions=["999"])

    def test_action_edit_drop_and_reopen(self):
        aid = self.logged_id(self.mgr("action", "add", "alice", "send rubric")[1])
        self.mgr("action", "edit", str(aid), "--text", "send the rubric", "--due", "+7d")
        a = self.run_json("show", str(aid), "--format", "json")
        self.assertEqual((a["text"], a["due"]), ("send the rubric", "2026-12-03"))
        self.mgr("action", "edit", str(aid), "--due", "none")
        self.assertIsNone(self.run_json("show", str(aid), "--format", "json")["due"])
        self.fail_usage("action", "edit", str(aid), mentions=["nothing to change"])
        self.fail_usage("action", "reopen", str(aid), mentions=["already open"])
        self.mgr("action", "drop", str(aid))
        a = self.run_json("show", str(aid), "--format", "json")
        self.assertEqual((a["status"], a["done"]), ("dropped", None))
        self.assertEqual(self.run_json("action", "list", "--format", "json"), [])
        self.fail_usage("action", "drop", str(aid), mentions=["dropped"])
        _, out, _ = self.mgr("action", "list", "--all")
        self.assertIn("(dropped)", out)
        self.mgr("action", "reopen", str(aid))
        self.assertEqual(self.run_json("action", "list", "--format", "json")[0]["status"], "open")
        self.mgr("action", "done", str(aid))
        self.mgr("action", "reopen", str(aid))
        a = self.run_json("show", str(aid), "--format", "json")
        self.assertEqual((a["status"], a["done"]), ("open", None))


class PeopleEdits(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("bob")

    def test_time_away_listed_cancelled_and_never_overlapping(self):
        _, out, _ = self.mgr("person", "away", "bob")
        self.assertIn("no time away", out)
        self.mgr("person", "away", "bob", "--from", "2026-12-21", "--to", "2027-01-01",
                 "--reason", "winter")
        self.mgr("person", "away", "bob", "--from", "2027-02-01", "--to", "2027-02-05")
        away = self.run_json("person", "show", "bob", "--format", "json")["away"]
        self.assertEqual(len(away), 2)
        _, out, _ = self.mgr("person", "away", "bob")
        for stretch in away:
            self.assertRegex(out, r"\b%d\s+%s to %s" % (stretch["id"], stretch["from"],
                                                         stretch["to"]))
        self.assertIn("winter", out)
        for start, end in (("2026-12-31", "2027-01-03"), ("2026-12-01", "2027-03-01"),
                           ("2027-02-05", "2027-02-05")):
            with self.subTest(start=start, end=end):
                self.fail_usage("person", "away", "bob", "--from", start, "--to", end,
                                mentions=["overlaps"])
        self.mgr("person", "away", "bob", "--cancel", str(away[0]["id"]))
        left = self.run_json("person", "show", "bob", "--format", "json")["away"]
        self.assertEqual([a["id"] for a in left], [away[1]["id"]])
        self.fail_usage("person", "away", "bob", "--cancel", str(away[0]["id"]),
                        mentions=[str(away[0]["id"])])
        self.mgr("person", "away", "bob", "--from", "2026-12-31", "--to", "2027-01-03")

    def test_rename_and_everything_follows(self):
        self.add_person("alice")
        eid = self.log("1on1", "bob", "notes", "--my-action", "x")
        self.mgr("topic", "add", "bob", "career")
        cid = self.log("concern", "bob", "late")
        self.mgr("person", "rename", "bob", "robert")
        self.assertEqual(self.entry(eid)["people"], ["robert"])
        self.assertEqual([e["id"] for e in self.history("--person", "robert")], [cid, eid])
        self.assertEqual(self.run_json("topic", "list", "robert", "--format", "json")[0]["person"],
                         "robert")
        self.assertEqual(self.run_json("action", "list", "--format", "json")[0]["person"],
                         "robert")
        self.assertEqual(self.run_json("concern", "show", str(cid), "--format", "json")["people"],
                         ["robert"])
        self.fail_usage("person", "show", "bob", mentions=["bob"])
        self.fail_usage("person", "rename", "robert", "alice", mentions=["alice"])
        self.fail_usage("person", "rename", "robert", "Bad Handle", mentions=["Bad Handle"])
        self.fail_usage("person", "rename", "nobody", "x", mentions=["nobody"])


class ClosingNotesAndFilters(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")

    def test_closing_notes_shown_everywhere(self):
        cid = self.log("concern", "alice", "misses reviews")
        did = self.log("delegate", "alice", "own the release")
        self.mgr("concern", "resolve", str(cid), "talked it through")
        self.mgr("delegation", "reclaim", str(did), "took it back for the deadline")
        for args in (["show", str(cid)], ["concern", "show", str(cid)],
                     ["concern", "list", "--all"], ["person", "show", "alice"]):
            with self.subTest(args=args):
                self.assertIn("talked it through", self.mgr(*args)[1])
        for args in (["show", str(did)], ["delegation", "show", str(did)],
                     ["delegation", "list", "--all"], ["person", "show", "alice"]):
            with self.subTest(args=args):
                self.assertIn("took it back for the deadline", self.mgr(*args)[1])
        self.assertEqual(self.run_json("concern", "list", "--all", "--format", "json")[0][
            "close_note"], "talked it through")
        person = self.run_json("person", "show", "alice", "--format", "json")
        self.assertEqual([c["close_note"] for c in person["concerns"]], ["talked it through"])
        self.assertEqual([d["close_note"] for d in person["delegations"]],
                         ["took it back for the deadline"])
        self.assertEqual((person["open_concerns"], person["open_delegations"]), ([], []))

    def test_concern_list_for_one_person(self):
        about_alice = self.log("concern", "alice", "a")
        about_both = self.log("concern", "alice,bob", "b")
        self.log("concern", "bob", "c")
        self.assertEqual([c["id"] for c in self.run_json("concern", "list", "alice", "--format",
                                                         "json")], [about_alice, about_both])
        self.fail_usage("concern", "list", "nobody", mentions=["nobody"])

    def test_history_by_tag_and_text(self):
        hiring = self.log("mgmt", "1h", "Debrief with recruiter", "--tag", "hiring")
        self.log("note", "unrelated", "--tag", "misc")
        budget = self.log("note", "Budget for RECRUITER fees")
        self.assertEqual([e["id"] for e in self.history("--tag", "hiring")], [hiring])
        self.assertEqual([e["id"] for e in self.history("--grep", "recruiter")], [budget, hiring])
        self.assertEqual([e["id"] for e in self.history("--grep", "recruiter", "--tag",
                                                        "hiring")], [hiring])
        self.assertEqual(self.history("--grep", "100%_"), [])
        _, out, _ = self.mgr("history", "--tag", "nothing-like-it")
        self.assertIn("Nothing logged matches", out)


if __name__ == "__main__":
    unittest.main()
