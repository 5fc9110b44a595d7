"""mgr log KIND …: every kind, every option, date and duration forms."""

import re
import unittest

from mgr_harness import ENTRY_KEYS, MgrTestCase

# MGR_NOW is Thursday 2026-11-26.


class LogKinds(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice", "--length", "50m")
        self.add_person("bob")

    def test_confirmation_is_one_line_with_the_new_id(self):
        _, out, err = self.mgr("log", "note", "alice", "hello")
        self.assertEqual(err, "")
        self.assertEqual(len(out.splitlines()), 1, out)
        m = re.match(r"logged #(\d+) ", out)
        self.assertIsNotNone(m, out)
        entry = self.entry(int(m.group(1)))
        self.assertEqual(entry["note"], "hello")
        self.assertEqual(self.history()[0]["id"], int(m.group(1)))

    def test_1on1_with_every_option(self):
        t1 = self.logged_id(self.mgr("topic", "add", "alice", "career")[1])
        t2 = self.logged_id(self.mgr("topic", "add", "alice", "promo")[1])
        t3 = self.logged_id(self.mgr("topic", "add", "alice", "kept for later")[1])
        concern = self.log("concern", "alice", "misses standups")
        _, out, _ = self.mgr("log", "1on1", "alice", "went", "well", "--length", "45m", "--mood",
                             "4", "--covered", "%d,%d" % (t1, t2), "--my-action", "send doc",
                             "--my-action", "book room", "--their-action", "write plan",
                             "--about", str(concern), "--date", "yesterday", "--tag", "growth",
                             "--tag", "q4")
        self.assertIn("2026-11-25", out)
        self.assertIn("2 talking points covered", out)
        self.assertIn("3 actions recorded", out)
        one = self.logged_id(out)
        e = self.entry(one)
        self.assertLessEqual(ENTRY_KEYS, set(e))
        self.assertEqual(e["kind"], "1on1")
        self.assertEqual(e["date"], "2026-11-25")
        self.assertEqual(e["person"], "alice")
        self.assertEqual(e["people"], ["alice"])
        self.assertEqual(e["note"], "went well")
        self.assertEqual(e["minutes"], 45)
        self.assertEqual(e["mood"], 4)
        self.assertIs(e["cancelled"], False)
        self.assertEqual(e["about"], concern)
        self.assertEqual(sorted(e["tags"]), ["growth", "q4"])
        topics = {t["id"]: t["status"] for t in
                  self.run_json("topic", "list", "--all", "--format", "json")}
        self.assertEqual(topics, {t1: "done", t2: "done", t3: "open"})
        actions = self.run_json("action", "list", "--format", "json")
        self.assertEqual(sorted((a["owner"], a["text"], a["person"], a["done"]) for a in actions),
                         [("me", "book room", "alice", None), ("me", "send doc", "alice", None),
                          ("them", "write plan", "alice", None)])
        c = self.run_json("concern", "list", "--format", "json")[0]
        self.assertIs(c["addressed"], True)
        self.assertEqual(c["first_conversation"], "2026-11-25")

    def test_1on1_length_defaults_to_the_persons(self):
        self.assertEqual(self.entry(self.log("1on1", "alice"))["minutes"], 50)
        self.assertEqual(self.entry(self.log("1on1", "bob"))["minutes"], 30)

    def test_1on1_cancelled(self):
        _, out, _ = self.mgr("log", "1on1", "alice", "--cancelled", "sick")
        self.assertIn("cancelled", out)
        e = self.entry(self.logged_id(out))
        self.assertIs(e["cancelled"], True)
        self.assertIsNone(e["minutes"])
        self.assertEqual(e["note"], "sick")

    def test_a_second_held_1on1_on_a_day_is_logged_with_a_warning(self):
        _, out, err = self.mgr("log", "1on1", "alice", "--cancelled", "moved")
        self.assertEqual(err, "")
        _, out, err = self.mgr("log", "1on1", "alice", "held after all")
        self.assertEqual(err, "")
        first = self.logged_id(out)
        _, out, err = self.mgr("log", "1on1", "alice", "the same, by mistake")
        second = self.logged_id(out)
        self.assertTrue(out.startswith("logged #%d" % second), out)
        self.assertIn("mgr: warning: this is the second 1:1 with alice held on 2026-11-26 "
                      "(#%d is the other)" % first, err)
        self.assertEqual(len([e for e in self.history() if e["kind"] == "1on1"]), 3)
        # Another day, or another person, is no second one.
        _, _, err = self.mgr("log", "1on1", "alice", "--date", "yesterday", "earlier")
        self.assertEqual(err, "")
        _, _, err = self.mgr("log", "1on1", "bob", "hi")
        self.assertEqual(err, "")

    def test_1on1_cancelled_cannot_cover_or_agree_actions(self):
        t = self.logged_id(self.mgr("topic", "add", "alice", "x")[1])
        self.fail_usage("log", "1on1", "alice", "--cancelled", "--covered", str(t))
        self.fail_usage("log", "1on1", "alice", "--cancelled", "--my-action", "y")
        self.assertEqual(self.run_json("topic", "list", "--format", "json")[0]["status"], "open")

    def test_1on1_covered_must_be_theirs_and_open(self):
        t = self.logged_id(self.mgr("topic", "add", "bob", "bob's point")[1])
        self.fail_usage("log", "1on1", "alice", "--covered", str(t), mentions=["#%d" % t])
        self.fail_usage("log", "1on1", "bob", "--covered", "99", mentions=["99"])
        self.mgr("topic", "done", str(t))
        self.fail_usage("log", "1on1", "bob", "--covered", str(t), mentions=["#%d" % t])

    def test_1on1_covering_the_same_point_twice_counts_once(self):
        t = self.logged_id(self.mgr("topic", "add", "alice", "x")[1])
        _, out, _ = self.mgr("log", "1on1", "alice", "--covered", "%d,#%d" % (t, t))
        self.assertIn(", 1 talking point covered", out)
        self.assertEqual(self.run_json("topic", "list", "--all", "--format", "json")[0]["status"],
                         "done")

    def test_1on1_mood_range(self):
        for mood in ("1", "5"):
            self.assertEqual(self.entry(self.log("1on1", "alice", "--mood", mood))["mood"],
                             int(mood))
        for mood in ("0", "6", "3.5", "x"):
            self.fail_usage("log", "1on1", "alice", "--mood", mood, mentions=[mood])

    def test_feedback(self):
        pos = self.log("feedback", "alice", "--positive", "great demo")
        con = self.log("feedback", "bob", "--constructive", "--note", "late PRs")
        self.assertEqual((self.entry(pos)["polarity"], self.entry(pos)["note"]),
                         ("positive", "great demo"))
        self.assertEqual((self.entry(con)["polarity"], self.entry(con)["note"], self.entry(con)[
            "person"]), ("constructive", "late PRs", "bob"))
        self.assertIsNone(self.entry(pos)["minutes"])

    def test_feedback_about_a_concern(self):
        concern = self.log("concern", "bob", "late PRs")
        fb = self.log("feedback", "bob", "--constructive", "--about", str(concern), "told him")
        self.assertEqual(self.entry(fb)["about"], concern)
        self.assertTrue(self.run_json("concern", "list", "--format", "json")[0]["addressed"])

    def test_feedback_needs_exactly_one_polarity(self):
        err = self.fail_usage("log", "feedback", "alice", "--positive", "--constructive", "x")
        self.assertIn("--positive", err)
        err = self.fail_usage("log", "feedback", "alice", "x")
        self.assertIn("--positive", err)

    def test_concern_with_several_people(self):
        _, out, _ = self.mgr("log", "concern", "bob,alice", "they", "clash")
        cid = self.logged_id(out)
        self.assertIn("concern #%d" % cid, out)
        e = self.entry(cid)
        self.assertEqual((e["kind"], e["people"], e["person"], e["note"]),
                         ("concern", ["bob", "alice"], "bob", "they clash"))
        c = self.run_json("concern", "list", "--format", "json")
        self.assertEqual([(x["id"], x["people"], x["text"], x["status"], x["addressed"])
                          for x in c], [(cid, ["bob", "alice"], "they clash", "open", False)])

    def test_concern_needs_text_and_known_people(self):
        self.fail_usage("log", "concern", "alice")
        err = self.fail_usage("log", "concern", "alice,bobb", "x", mentions=["bobb"])
        self.assertIn("did you mean 'bob'?", err)

    def test_talk(self):
        concern = self.log("concern", "alice,bob", "conflict")
        talk = self.log("talk", "alice,bob", "mediated", "it", "--about", str(concern))
        e = self.entry(talk)
        self.assertEqual((e["kind"], e["people"], e["note"], e["about"]),
                         ("talk", ["alice", "bob"], "mediated it", concern))
        plain = self.log("talk", "bob", "said no to the reorg")
        self.assertIsNone(self.entry(plain)["about"])
        self.fail_usage("log", "talk", "bob")

    def test_delegate_with_every_option(self):
        _, out, _ = self.mgr("log", "delegate", "bob", "ship", "the", "release", "--why",
                             "growth for bob", "--due", "+7d", "--checkin", "biweekly",
                             "--constraints", "no new deps", "--note", "context", "--tag",
                             "release")
        did = self.logged_id(out)
        self.assertIn("delegation #%d" % did, out)
        e = self.entry(did)
        self.assertEqual((e["kind"], e["person"], e["note"], e["tags"]),
                         ("delegate", "bob", "ship the release\ncontext", ["release"]))
        d = self.run_json("delegation", "list", "--format", "json")
        self.assertEqual(len(d), 1)
        d = d[0]
        self.assertEqual(
            {k: d[k] for k in ("id", "person", "outcome", "why", "due", "checkin", "status",
                               "last_checkin")},
            {"id": did, "person": "bob", "outcome": "ship the release", "why": "growth for bob",
             "due": "2026-12-03", "checkin": "biweekly", "status": "open", "last_checkin": None})
        _, show, _ = self.mgr("delegation", "show", str(did))
        self.assertIn("no new deps", show)

    def test_delegate_defaults_and_errors(self):
        did = self.log("delegate", "alice", "write ADR")
        d = self.run_json("delegation", "list", "--format", "json")[0]
        self.assertEqual((d["id"], d["why"], d["due"], d["checkin"]), (did, None, None, "weekly"))
        self.fail_usage("log", "delegate", "alice")  # no outcome
        self.fail_usage("log", "delegate", "alice", "x", "--checkin", "hourly",
                        mentions=["hourly"])
        self.fail_usage("log", "delegate", "alice", "x", "--due", "2026-02-30",
                        mentions=["2026-02-30"])
        did2 = self.log("delegate", "alice", "y", "--checkin", "10d")
        self.assertEqual(self.run_json("delegation", "list", "--format", "json")[1]["checkin"],
                         "10d")
        self.assertNotEqual(did, did2)

    def test_checkin(self):
        did = self.log("delegate", "bob", "ship it")
        _, out, _ = self.mgr("log", "checkin", str(did), "going", "ok", "--status", "at-risk",
                             env={"MGR_NOW": "2026-11-27T10:00:00"})
        cid = self.logged_id(out)
        e = self.entry(cid)
        self.assertEqual((e["kind"], e["person"], e["status"], e["delegation"], e["note"],
                          e["date"]),
                         ("checkin", "bob", "at-risk", did, "going ok", "2026-11-27"))
        for status in ("on-track", "blocked"):
            self.assertEqual(self.entry(self.log("checkin", str(did), "--status", status))[
                "status"], status)
        nostatus = self.log("checkin", "#%d" % did)
        self.assertIsNone(self.entry(nostatus)["status"])
        d = self.run_json("delegation", "list", "--format", "json")[0]
        self.assertEqual(d["last_checkin"], "2026-11-27")

    def test_checkin_errors(self):
        did = self.log("delegate", "bob", "ship it")
        self.fail_usage("log", "checkin", str(did), "--status", "fine", mentions=["fine"])
        self.fail_usage("log", "checkin", "999", mentions=["999"])
        self.fail_usage("log", "checkin", "abc", mentions=["abc"])
        self.mgr("delegation", "done", str(did))
        self.fail_usage("log", "checkin", str(did), mentions=["#%d" % did])

    def test_time_kinds(self):
        for kind in ("ic", "mgmt", "learn"):
            _, out, _ = self.mgr("log", kind, "1h30m", "some", "work")
            e = self.entry(self.logged_id(out))
            self.assertEqual((e["kind"], e["minutes"], e["note"], e["person"], e["people"]),
                             (kind, 90, "some work", None, []))
        learn = self.history("--kind", "learn")[0]
        self.assertEqual(learn["type"], "other")

    def test_learn_types(self):
        for t in ("reading", "course", "coaching", "peer-group", "mentoring", "feedback-request",
                  "other"):
            self.assertEqual(self.entry(self.log("learn", "30m", "--type", t))["type"], t)
        self.fail_usage("log", "learn", "30m", "--type", "napping", mentions=["napping"])

    def test_time_kinds_need_a_duration(self):
        for kind in ("ic", "mgmt", "learn"):
            self.fail_usage("log", kind)
            self.fail_usage("log", kind, "lots", mentions=["lots"])

    def test_note_with_and_without_person(self):
        about = self.log("note", "alice", "likes", "tea")
        e = self.entry(about)
        self.assertEqual((e["people"], e["note"]), (["alice"], "likes tea"))
        free = self.log("note", "nobody", "in", "particular")
        e = self.entry(free)
        self.assertEqual((e["people"], e["person"], e["note"]), ([], None, "nobody in particular"))
        # A known handle alone is a note whose text was forgotten (the spec changed here: it was
        # logged as the note "alice").
        err = self.fail_usage("log", "note", "alice", mentions=["alice"])
        self.assertIn("hint:", err)
        only = self.log("note", "nobody")  # a single word that is no handle is the text
        self.assertEqual((self.entry(only)["people"], self.entry(only)["note"]), ([], "nobody"))
        via_option = self.log("note", "Alice", "--note", "with --note")
        self.assertEqual((self.entry(via_option)["people"], self.entry(via_option)["note"]),
                         (["alice"], "with --note"))
        self.fail_usage("log", "note")

    def test_common_options_on_every_kind(self):
        concern = self.log("concern", "bob", "c")
        did = self.log("delegate", "bob", "d")
        forms = {
            "1on1": ["1on1", "alice"],
            "feedback": ["feedback", "alice", "--positive"],
            "concern": ["concern", "alice", "text"],
            "talk": ["talk", "alice,bob", "text", "--about", str(concern)],
            "delegate": ["delegate", "alice", "outcome"],
            "checkin": ["checkin", str(did)],
            "ic": ["ic", "1h"],
            "mgmt": ["mgmt", "1h"],
            "learn": ["learn", "1h"],
            "note": ["note", "alice", "text"],
        }
        for kind, args in forms.items():
            with self.subTest(kind=kind):
                eid = self.log(*(args + ["--date", "2026-11-02", "--note", "extra words",
                                         "--tag", "a", "--tag", "b"]))
                e = self.entry(eid)
                self.assertEqual(e["kind"], kind)
                self.assertEqual(e["date"], "2026-11-02")
                self.assertIn("extra words", e["note"])
                self.assertEqual(sorted(e["tags"]), ["a", "b"])

    def test_bad_tags(self):
        self.fail_usage("log", "note", "x", "--tag", "two words", mentions=["two words"])
        self.fail_usage("log", "note", "x", "--tag", "a,b", mentions=["a,b"])

    def test_unknown_person_everywhere(self):
        for args in (["1on1", "alicee"], ["feedback", "alicee", "--positive"],
                     ["concern", "alicee", "x"], ["talk", "alicee", "x"],
                     ["delegate", "alicee", "x"]):
            with self.subTest(kind=args[0]):
                err = self.fail_usage("log", *args, mentions=["alicee"])
                self.assertIn("hint: did you mean 'alice'?", err)

    def test_a_log_command_named_alone_answers_as_the_whole_tree_does(self):
        # `mgr log KIND` builds only KIND's command; an option before KIND builds all of them.
        # Every misuse must read the same either way.
        for args in (["ic"], ["ic", "30m", "--bogus"], ["ic", "abc"], ["1on1"],
                     ["1on1", "alice", "--mood", "9"], ["feedback", "alice"], ["checkin", "999"],
                     ["note"], ["learn", "1h", "--type", "xyz"], ["delegate", "alice"],
                     ["talk"], ["concern", "alice"], ["mgmt", "1h", "--date", "soon"]):
            with self.subTest(args=args):
                alone = self.fail_usage("log", *args)
                whole = self.fail_usage("log", "--no-color", *args)
                self.assertEqual(alone, whole)


class LogDates(MgrTestCase):
    """Every date form of the contract, for logging (past direction)."""

    def date_of(self, form):
        return self.entry(self.log("note", "x", "--date", form))["date"]

    def test_date_forms(self):
        expected = {
            "2026-03-01": "2026-03-01",
            "2024-02-29": "2024-02-29",
            "today": "2026-11-26",
            "yesterday": "2026-11-25",
            "-3d": "2026-11-23",
            "-0d": "2026-11-26",
            "-30d": "2026-10-27",
            "-2w": "2026-11-12",
            # most recent such day, today (a Thursday) included
            "thu": "2026-11-26",
            "wed": "2026-11-25",
            "tue": "2026-11-24",
            "mon": "2026-11-23",
            "sun": "2026-11-22",
            "sat": "2026-11-21",
            "fri": "2026-11-20",
        }
        for form, date in expected.items():
            with self.subTest(form=form):
                self.assertEqual(self.date_of(form), date)

    def test_default_date_is_today(self):
        self.assertEqual(self.entry(self.log("note", "x"))["date"], "2026-11-26")


class LogDurations(MgrTestCase):
    def test_duration_forms(self):
        for form, minutes in [("45m", 45), ("1h", 60), ("1h30m", 90), ("1.5h", 90), ("90", 90),
                              ("24h", 1440), ("1", 1)]:
            with self.subTest(form=form):
                self.assertEqual(self.entry(self.log("ic", form))["minutes"], minutes)

    def test_1on1_length_forms(self):
        self.add_person("alice")
        for form, minutes in [("45m", 45), ("1h", 60), ("1h30m", 90), ("1.5h", 90), ("90", 90)]:
            with self.subTest(form=form):
                self.assertEqual(self.entry(self.log("1on1", "alice", "--length", form))[
                    "minutes"], minutes)


if __name__ == "__main__":
    unittest.main()
