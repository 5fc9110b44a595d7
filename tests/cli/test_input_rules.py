"""Input that means what it says: options take one value per use, dates of what happened are not
in the future, durations and dates in every documented form, and errors in mgr's own words."""

import unittest

from mgr_harness import MgrTestCase


class OptionsDoNotSwallowText(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("kenji")

    def test_my_action_takes_one_value(self):
        eid = self.log("1on1", "kenji", "--my-action", "Book flights", "Intro chat")
        self.assertEqual(self.entry(eid)["note"], "Intro chat")
        actions = self.run_json("action", "list", "--format", "json")
        self.assertEqual([a["text"] for a in actions], ["Book flights"])

    def test_their_action_and_repeats(self):
        eid = self.log("1on1", "kenji", "--their-action", "Draft doc", "--my-action", "Review",
                       "--my-action", "Book room", "Notes here")
        self.assertEqual(self.entry(eid)["note"], "Notes here")
        actions = self.run_json("action", "list", "--format", "json")
        self.assertEqual(sorted((a["owner"], a["text"]) for a in actions),
                         [("me", "Book room"), ("me", "Review"), ("them", "Draft doc")])

    def test_tag_takes_one_value(self):
        eid = self.log("mgmt", "1h", "--tag", "hiring", "Debrief with recruiter")
        e = self.entry(eid)
        self.assertEqual((e["tags"], e["note"]), (["hiring"], "Debrief with recruiter"))
        eid = self.log("note", "--tag", "a", "--tag", "b", "two tags")
        e = self.entry(eid)
        self.assertEqual((sorted(e["tags"]), e["note"]), (["a", "b"], "two tags"))

    def test_covered_is_repeatable(self):
        first = self.logged_id(self.mgr("topic", "add", "kenji", "one")[1])
        second = self.logged_id(self.mgr("topic", "add", "kenji", "two")[1])
        third = self.logged_id(self.mgr("topic", "add", "kenji", "three")[1])
        _, out, err = self.mgr("log", "1on1", "kenji", "--covered", str(first), "--covered",
                               str(second), "notes")
        self.assertIn("2 talking points covered", out)
        self.assertNotIn("At Most", err)
        open_topics = self.run_json("topic", "list", "--format", "json")
        self.assertEqual([t["id"] for t in open_topics], [third])
        self.log("1on1", "kenji", "--covered", "%d,%d" % (third, third))
        self.assertEqual(self.run_json("topic", "list", "--format", "json"), [])

    def test_text_after_dashes_for_every_kind(self):
        self.add_person("bob")
        concern = self.log("concern", "bob", "late")
        delegation = self.log("delegate", "bob", "ship it")
        forms = [
            ["1on1", "bob"], ["feedback", "bob", "--positive"], ["concern", "bob"],
            ["talk", "bob", "--about", str(concern)], ["delegate", "bob"],
            ["checkin", str(delegation)], ["ic", "1h"], ["mgmt", "1h"], ["learn", "1h"],
            ["note", "bob"],
        ]
        for args in forms:
            with self.subTest(kind=args[0]):
                eid = self.log(*args, "--", "-1 on that idea", "--not-an-option")
                self.assertEqual(self.entry(eid)["note"], "-1 on that idea --not-an-option")
        note = self.entry(self.log("note", "bob", "--", "-1 on that idea"))
        self.assertEqual((note["people"], note["note"]), (["bob"], "-1 on that idea"))


class DatesOfWhatHappened(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("bob")

    def test_future_dates_refused_for_every_kind(self):
        concern = self.log("concern", "bob", "late")
        delegation = self.log("delegate", "bob", "ship it")
        kinds = [["1on1", "bob", "typo"], ["feedback", "bob", "--positive"],
                 ["concern", "bob", "x"], ["talk", "bob", "x", "--about", str(concern)],
                 ["delegate", "bob", "x"], ["checkin", str(delegation)], ["ic", "1h"],
                 ["mgmt", "1h"], ["learn", "1h"], ["note", "x"]]
        for args in kinds:
            for date in ("2062-11-18", "tomorrow", "+1d", "+2w"):
                with self.subTest(kind=args[0], date=date):
                    err = self.fail_usage("log", *args, "--date", date, mentions=[date])
                    self.assertIn("future", err)

    def test_entry_edit_date_in_the_future_refused(self):
        eid = self.log("note", "x")
        self.fail_usage("entry", "edit", str(eid), "--date", "tomorrow", mentions=["tomorrow"])
        self.mgr("entry", "edit", str(eid), "--date", "yesterday")
        self.assertEqual(self.entry(eid)["date"], "2026-11-25")

    def test_due_dates_may_be_ahead(self):
        did = self.log("delegate", "bob", "ship it", "--due", "+30d")
        d = self.run_json("delegation", "show", str(did), "--format", "json")
        self.assertEqual(d["due"], "2026-12-26")
        self.mgr("action", "add", "bob", "Write it up", "--due", "2027-03-01")
        self.assertEqual(self.run_json("action", "list", "--format", "json")[0]["due"],
                         "2027-03-01")

    def test_years_outside_1900_to_2999(self):
        for date in ("1899-12-31", "0001-01-01", "-50000d"):
            with self.subTest(date=date):
                self.fail_usage("log", "note", "x", "--date", date, mentions=[date])
        self.fail_usage("log", "delegate", "bob", "x", "--due", "3000-01-01",
                        mentions=["3000-01-01"])
        err = self.fail_usage("log", "delegate", "bob", "x", "--due", "+30d",
                              env={"MGR_NOW": "2999-12-20T10:00"}, mentions=["+30d"])
        self.assertIn("3000-01-19", err)
        err = self.fail_usage("log", "delegate", "bob", "x", "--due", "+30d",
                              env={"MGR_NOW": "9999-12-31T23:00"}, mentions=["MGR_NOW"])
        self.assertIn("1900 to 2999", err)
        self.mgr("today")  # nothing stored that breaks the agenda

    def test_relative_forms(self):
        for form, date in {"-0d": "2026-11-26", "-2w": "2026-11-12", "-1w": "2026-11-19"}.items():
            with self.subTest(form=form):
                self.assertEqual(self.entry(self.log("note", "x", "--date", form))["date"], date)
        did = self.log("delegate", "bob", "x", "--due", "+2w")
        self.assertEqual(
            self.run_json("delegation", "show", str(did), "--format", "json")["due"],
            "2026-12-10")


class Durations(MgrTestCase):
    def test_every_documented_form(self):
        forms = {"45m": 45, "90min": 90, "1h": 60, "1hr": 60, "1h30m": 90, "1h30": 90,
                 "1:30": 90, "1.5h": 90, "1h 30m": 90, "90": 90}
        for form, minutes in forms.items():
            with self.subTest(form=form):
                eid = self.log("ic", form, "work")
                e = self.entry(eid)
                self.assertEqual((e["minutes"], e["note"]), (minutes, "work"))

    def test_a_duration_split_in_two_words_is_refused_with_a_hint(self):
        err = self.fail_usage("log", "mgmt", "1h", "30m", "Hiring", mentions=["30m"])
        self.assertIn('"1h 30m"', err)
        self.fail_usage("log", "ic", "1h", "30", "x", mentions=["30"])
        eid = self.log("mgmt", "1h", "Hiring", "30m", "later")
        self.assertEqual(self.entry(eid)["note"], "Hiring 30m later")

    def test_length_and_time_forms(self):
        self.add_person("bob", "--day", "mon", "--time", "9:00", "--length", "1h 15m")
        p = self.run_json("person", "list", "--format", "json")[0]
        self.assertEqual((p["time"], p["length"]), ("09:00", 75))
        self.fail_usage("person", "edit", "bob", "--time", "9:5", mentions=["9:5"])


class BareHandleNote(MgrTestCase):
    def test_a_known_handle_alone_is_refused(self):
        self.add_person("alice")
        before = self.db_dump_hash()
        err = self.fail_usage("log", "note", "alice", mentions=["alice"])
        self.assertIn("hint:", err)
        self.assertIn("mgr log note alice TEXT", err)
        self.assertEqual(self.db_dump_hash(), before)
        e = self.entry(self.log("note", "alice", "is", "out"))
        self.assertEqual((e["people"], e["note"]), (["alice"], "is out"))


class AboutAConcern(MgrTestCase):
    def setUp(self):
        super().setUp()
        for handle in ("alice", "bob", "carol"):
            self.add_person(handle)
        self.concern = self.log("concern", "bob", "misses stand-ups")

    def test_about_must_involve_one_of_the_people(self):
        for args in (["1on1", "alice"], ["feedback", "alice", "--positive"],
                     ["talk", "alice,carol", "x"]):
            with self.subTest(kind=args[0]):
                err = self.fail_usage("log", *args, "--about", str(self.concern),
                                      mentions=["#%d" % self.concern])
                self.assertIn("bob", err)
        self.log("talk", "alice,bob", "mediated", "--about", str(self.concern))
        c = self.run_json("concern", "show", str(self.concern), "--format", "json")
        self.assertTrue(c["addressed"])

    def test_about_a_closed_concern_refused(self):
        self.mgr("concern", "resolve", str(self.concern), "sorted")
        err = self.fail_usage("log", "1on1", "bob", "--about", str(self.concern),
                              mentions=["#%d" % self.concern])
        self.assertIn("resolved", err)


class ClearErrors(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")

    def test_unknown_command_at_every_level(self):
        cases = [(["histroy"], "unknown command 'histroy'; did you mean 'history'?"),
                 (["person", "ad", "x"], "did you mean 'add'?"),
                 (["topic", "lst"], "did you mean 'list'?"),
                 (["entry", "shwo", "1"], "did you mean 'show'?"),
                 (["concern", "reslove", "1"], "did you mean 'resolve'?"),
                 (["schedule", "skp", "alice"], "did you mean 'skip'?"),
                 (["log", "1o1", "alice"], "did you mean '1on1'?")]
        for args, expected in cases:
            with self.subTest(args=args):
                err = self.fail_usage(*args, mentions=[args[-2] if len(args) > 2 else args[-1]])
                self.assertIn(expected, err.splitlines()[0])
                self.assertNotIn("subcommand", err)

    def test_missing_command(self):
        for args in (["person"], ["log"], ["topic"], []):
            with self.subTest(args=args):
                err = self.fail_usage(*args)
                self.assertNotIn("A subcommand is required", err)
                self.assertIn("needs", err)

    def test_limit_zero(self):
        err = self.fail_usage("history", "--limit", "0", mentions=["--limit", "'0'"])
        self.assertNotIn(" id", err.splitlines()[0])

    def test_an_option_given_twice(self):
        err = self.fail_usage("log", "note", "x", "--date", "today", "--date", "yesterday",
                              mentions=["--date"])
        self.assertIn("more than once", err)
        self.assertNotIn("At Most", err)

    def test_unexpected_words_in_the_order_given(self):
        err = self.fail_usage("topic", "done", "5", "6", "7", mentions=["'6', '7'"])
        self.assertNotIn("7 6", err)

    def test_unknown_option_named(self):
        err = self.fail_usage("history", "--persn", "alice", mentions=["--persn"])
        self.assertIn("did you mean '--person'?", err)

    def test_a_value_outside_the_choices(self):
        err = self.fail_usage("history", "--format", "xml", mentions=["--format", "'xml'"])
        self.assertIn("text|json", err)

    def test_person_edit_without_options(self):
        err = self.fail_usage("person", "edit", "alice", mentions=["nothing to change"])
        self.assertNotIn("updated", err)

    def test_long_input_is_quoted_briefly(self):
        novel = "x" * 100000
        for args, env in ((["log", "note", "y", "--date", novel], None),
                          (["log", "ic", novel], None),
                          (["person", "add", novel], None),
                          (["history"], {"MGR_NOW": novel}),
                          (["history", "--format", novel], None),
                          (["topic", "done", "1", novel], None)):
            with self.subTest(args=args[:2], env=bool(env)):
                _, _, err = self.mgr(*args, env=env, expect_code=2)
                self.assertLess(len(err), 600, err[:300])


class TimeZoneFromTheEnvironment(MgrTestCase):
    def test_a_typo_in_tz_is_a_usage_error_naming_tz(self):
        err = self.fail_usage("history", env={"TZ": "Europe/Berln"}, mentions=["Europe/Berln",
                                                                               "TZ"])
        self.assertIn("Europe/Berlin", err)

    def test_a_posix_tz_string_falls_back_with_a_warning(self):
        _, out, err = self.mgr("person", "add", "alice", env={"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"})
        self.assertTrue(out.startswith("added alice"))
        warnings = [line for line in err.splitlines() if line.startswith("mgr: warning:")]
        self.assertEqual(len(warnings), 1, err)
        self.assertIn("timezone", warnings[0])
        self.log("note", "still usable", env={"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"})
        # a timezone in the config wins, silently
        with open(self.config, "w") as f:
            f.write('timezone = "Europe/Berlin"\n')
        _, _, err = self.mgr("history", env={"TZ": "CET-1CEST,M3.5.0,M10.5.0/3"})
        self.assertNotIn("warning", err)

    def test_a_zone_file_that_does_not_exist_is_refused(self):
        for tz in ("/nonexistent/Europe/Berlin", ":/nonexistent/zoneinfo/Europe/Berlin"):
            with self.subTest(tz=tz):
                self.fail_usage("history", env={"TZ": tz}, mentions=[tz.lstrip(":")])
        _, out, _ = self.mgr("config", env={"TZ": "/usr/share/zoneinfo/Asia/Tokyo"})
        self.assertIn("Asia/Tokyo", out)


class HelpTexts(MgrTestCase):
    def help(self, *args):
        return self.mgr(*args, "--help")[1]

    def test_placeholders_name_what_is_expected(self):
        text = self.help("log", "1on1")
        for placeholder in ("HANDLE", "--date DATE", "--mood N", "--covered ID",
                            "--length DURATION", "--about ID", "--tag TAG"):
            self.assertIn(placeholder, text)
        self.assertNotIn("--mood TEXT", text)
        self.assertIn("--limit N", self.help("history"))
        self.assertIn("DURATION", self.help("log", "ic"))
        for args in (["topic", "done"], ["entry", "show"], ["action", "edit"]):
            self.assertRegex(self.help(*args), r"\bID\b")

    def test_environment_footer_only_on_the_top_help(self):
        self.assertIn("MGR_NOW", self.help())
        self.assertIn("Exit codes", self.help())
        for args in (["log"], ["log", "1on1"], ["person", "add"], ["history"]):
            with self.subTest(args=args):
                self.assertNotIn("Exit codes", self.help(*args))


if __name__ == "__main__":
    unittest.main()
