"""End-to-end tests of `mgr review`: a scripted month of logging, then the review of its last
week in JSON (key by key, against values worked out by hand), text and markdown; weeks; the
demo team."""

import datetime
import json
import os
import stat

from mgr_harness import MgrTestCase

EXPECTED_FLAGS = ["ic-creep", "missed-one-on-ones", "avoided-conflict", "micromanaging",
                  "no-self-development", "broken-promises"]


def columns(line):
    return len(line)  # the review's text is one column per character


class ScriptedMonth(MgrTestCase):
    """November 2026 in Berlin, as a new manager logs it day by day.

    alice  weekly Tue 10:00, every 1:1 held
    bob    weekly rolling, held 11-09 and 11-16 only        -> overdue since 11-23
    carol  biweekly Wed, held 11-04 and 11-18
    erin   the manager, biweekly Mon 16:00, held 11-02; 11-16 cancelled, held 11-17
    Every weekday 1h of management; IC 1h on Thursdays until W48, then 3h a day on Mon-Wed.
    Learning on 11-05 (reading) and 11-12 (feedback request), none after.
    A concern about bob on 11-19, never talked about. Carol's delegation of 11-10 checked on
    11-17, then three times in W48. Your action "Send the rubric" due 11-20 still open; "Book
    the room" due 11-24 done that day.
    """

    tz = "Europe/Berlin"
    now = "2026-11-29T18:00"

    @classmethod
    def setUpClass(cls):
        cls.ids = {}

    def on(self, date, *args):
        _, out, _ = self.run_mgr(*args, env={"MGR_NOW": date + "T18:00"})
        return out

    def log_on(self, date, *args):
        return self.logged_id(self.on(date, "log", *args))

    def setUp(self):
        super().setUp()
        first = "2026-11-02"
        self.on(first, "person", "add", "alice", "--day", "tue", "--time", "10:00")
        self.on(first, "person", "add", "bob")
        self.on(first, "person", "add", "carol", "--cadence", "biweekly", "--day", "wed")
        self.on(first, "person", "add", "erin", "--relation", "manager", "--cadence", "biweekly",
                "--day", "mon", "--time", "16:00")
        start = datetime.date(2026, 11, 2)
        for offset in range(28):
            day = start + datetime.timedelta(days=offset)
            d = day.isoformat()
            weekday = day.weekday()
            if weekday < 5:
                self.log_on(d, "mgmt", "1h", "planning")
            if weekday == 1:
                self.log_on(d, "1on1", "alice")
            if weekday == 3 and d < "2026-11-23":
                self.log_on(d, "ic", "1h", "small fix")
            if d in ("2026-11-23", "2026-11-24", "2026-11-25"):
                self.log_on(d, "ic", "3h", "the flaky deploy myself")
            if d in ("2026-11-09", "2026-11-16"):
                self.log_on(d, "1on1", "bob")
            if d in ("2026-11-04", "2026-11-18"):
                self.log_on(d, "1on1", "carol")
            if d == "2026-11-02":
                self.log_on(d, "1on1", "erin")
            if d == "2026-11-16":
                self.log_on(d, "1on1", "erin", "--cancelled")
            if d == "2026-11-17":
                self.log_on(d, "1on1", "erin")
            if d == "2026-11-05":
                self.log_on(d, "learn", "1h", "--type", "reading")
            if d == "2026-11-12":
                self.log_on(d, "learn", "30m", "--type", "feedback-request")
            if d in ("2026-11-10", "2026-11-24"):
                self.log_on(d, "feedback", "alice", "--positive", "good work")
            if d == "2026-11-12":
                self.log_on(d, "feedback", "bob", "--constructive", "late reviews")
            if d == "2026-11-19":
                self.log_on(d, "feedback", "carol", "--positive", "clear doc")
                self.concern = self.log_on(d, "concern", "bob", "Missed stand-ups")
            if d == "2026-11-10":
                self.delegation = self.log_on(d, "delegate", "carol", "On-call rotation",
                                              "--why", "growth")
                self.rubric = self.logged_id(
                    self.on(d, "action", "add", "alice", "Send the rubric", "--due", "2026-11-20"))
                self.room = self.logged_id(
                    self.on(d, "action", "add", "bob", "Book the room", "--due", "2026-11-24"))
            if d in ("2026-11-17", "2026-11-24", "2026-11-25", "2026-11-26"):
                self.log_on(d, "checkin", str(self.delegation), "how is it going")
            if d == "2026-11-24":
                self.on(d, "action", "done", str(self.room))

    def test_json_key_by_key(self):
        doc = self.run_json("review", "--format", "json")
        self.assertEqual((doc["week"], doc["from"], doc["to"]),
                         ("2026-W48", "2026-11-23", "2026-11-29"))
        self.assertEqual(doc["one_on_ones"], [
            {"person": "alice", "held": 1, "cancelled": 0, "last": "2026-11-24",
             "next_due": "2026-12-01", "overdue_days": 0, "missed": 0},
            {"person": "bob", "held": 0, "cancelled": 0, "last": "2026-11-16",
             "next_due": "2026-11-23", "overdue_days": 6, "missed": 1},
            {"person": "carol", "held": 0, "cancelled": 0, "last": "2026-11-18",
             "next_due": "2026-12-02", "overdue_days": 0, "missed": 0},
            {"person": "erin", "held": 0, "cancelled": 0, "last": "2026-11-17",
             "next_due": "2026-11-30", "overdue_days": 0, "missed": 0}])
        feedback = {row["person"]: row for row in doc["feedback"]}
        self.assertEqual(sorted(feedback), ["alice", "bob", "carol"])
        self.assertEqual([feedback["alice"][k] for k in
                          ("positive", "constructive", "positive_4w", "constructive_4w")],
                         [1, 0, 2, 0])
        self.assertEqual([feedback["bob"][k] for k in
                          ("positive", "constructive", "positive_4w", "constructive_4w")],
                         [0, 0, 0, 1])
        self.assertEqual([feedback["carol"][k] for k in
                          ("positive", "constructive", "positive_4w", "constructive_4w")],
                         [0, 0, 1, 0])
        self.assertEqual(doc["delegations"], {
            "open": [{"id": self.delegation, "person": "carol", "outcome": "On-call rotation",
                      "due": None, "last_checkin": "2026-11-26"}],
            "completed": 0, "reclaimed": 0, "dropped": 0, "checkins_overdue": []})
        self.assertEqual(doc["concerns"], {
            "open": [{"id": self.concern, "people": ["bob"], "age_days": 10, "addressed": False}],
            "opened": 0, "addressed": 0, "resolved": 0, "dropped": 0})
        self.assertEqual(doc["promises"], {"due": 1, "kept": 1, "late": 0,
                                           "overdue": [self.rubric], "on_time_rate_8w": 0.5})
        time = doc["time"]
        self.assertEqual([time[k] for k in ("ic_minutes", "mgmt_minutes", "learn_minutes",
                                            "one_on_one_minutes")], [540, 300, 0, 30])
        self.assertEqual([(w["week"], w["ic_minutes"], w["mgmt_minutes"], w["learn_minutes"])
                          for w in time["trend"]],
                         [("2026-W44", 0, 0, 0), ("2026-W45", 60, 300, 60),
                          ("2026-W46", 60, 300, 30), ("2026-W47", 60, 300, 0)])
        self.assertEqual([f["id"] for f in doc["flags"]], EXPECTED_FLAGS)
        for flag in doc["flags"]:
            self.assertEqual(flag["severity"], "warn", flag)
            self.assertTrue(flag["title"] and flag["fix"] and flag["evidence"], flag)
        by_id = {f["id"]: f for f in doc["flags"]}
        self.assertEqual(by_id["ic-creep"]["evidence"][0], "9h of IC work in 2026-W48 (limit 8h)")
        self.assertEqual(by_id["missed-one-on-ones"]["evidence"],
                         ["bob: 1:1 overdue 6 days (due Mon 2026-11-23), 1 missed"])
        self.assertIn("concern #%d about bob: open 10 days" % self.concern,
                      by_id["avoided-conflict"]["evidence"][0])
        self.assertEqual(by_id["micromanaging"]["evidence"],
                         ["delegation #%d to carol: 3 check-ins in 2026-W48 (2026-11-24, "
                          "2026-11-25, 2026-11-26)" % self.delegation])
        self.assertEqual(by_id["no-self-development"]["evidence"],
                         ["no learning logged since 2026-11-12 (14 days or more)"])
        self.assertEqual(by_id["broken-promises"]["evidence"],
                         ["action #%d for alice, due 2026-11-20 (9 days ago): Send the rubric"
                          % self.rubric])
        habits = {h["id"]: (h["met"], h["streak"], h["strength"]) for h in doc["habits"]}
        self.assertEqual(habits, {"one-on-ones": (False, 0, 0.66),
                                  "feedback": (False, 0, 0.44),
                                  "learning": (False, 0, 0.39),
                                  "ic-limit": (False, 0, 0.66),
                                  "hard-conversations": (False, 0, 0.66)})
        self.assertFalse(doc["self_check_due"])

    def test_an_earlier_week_sees_only_what_was_known_then(self):
        doc = self.run_json("review", "--week", "2026-W47", "--format", "json")
        self.assertEqual(doc["to"], "2026-11-22")
        self.assertEqual([f["id"] for f in doc["flags"]], [])
        bob = [row for row in doc["one_on_ones"] if row["person"] == "bob"][0]
        self.assertEqual((bob["last"], bob["overdue_days"]), ("2026-11-16", 0))
        habits = {h["id"]: (h["met"], h["streak"]) for h in doc["habits"]}
        self.assertEqual(habits["one-on-ones"], (True, 3))
        self.assertEqual(habits["ic-limit"], (True, 3))
        last = self.run_json("review", "--last", "--format", "json")
        self.assertEqual(last["week"], "2026-W47")

    def test_text_fits_80_columns_with_titles_and_evidence(self):
        _, out, _ = self.run_mgr("review")
        self.assertTrue(out.startswith("Weekly review 2026-W48 (Mon 2026-11-23 to Sun 2026-11-29"))
        for title in ("Still doing IC work", "Letting 1:1s slide", "Avoiding conflict",
                      "Delegating poorly: micromanaging", "Ignoring your own development",
                      "Not following through"):
            self.assertIn(title, out)
        self.assertIn("bob: 1:1 overdue 6 days (due Mon 2026-11-23), 1 missed", out)
        self.assertIn("Fix: ", out)
        for line in out.splitlines():
            self.assertLessEqual(columns(line), 80, line)
            self.assertEqual(line, line.rstrip(), "trailing spaces: %r" % line)
        self.assertNotIn("\x1b", out)  # no colour when not on a terminal

    def test_markdown_is_a_digest_for_your_own_manager(self):
        _, out, _ = self.run_mgr("review", "--format", "markdown")
        self.assertTrue(out.startswith("# Week 2026-W48 (2026-11-23 to 2026-11-29)\n"))
        for heading in ("## What the team did", "## What I am working on",
                        "## Where I need help", "## Habits"):
            self.assertIn(heading, out)
        self.assertIn("- 1:1s: 1 held, 0 cancelled", out)
        self.assertIn("- **Still doing IC work** (ic-creep)", out)
        self.assertIn("  - 9h of IC work in 2026-W48 (limit 8h)", out)
        self.assertIn("| IC work within the limit | missed | 0 weeks | 0.66 |", out)

    def test_output_file(self):
        target = os.path.join(self.tmp, "reviews", "w48.md")
        os.mkdir(os.path.dirname(target))
        _, out, _ = self.run_mgr("review", "--format", "markdown", "--output", target,
                                 wrapper=["sh", "-c", 'umask 022; exec "$0" "$@"'])
        self.assertIn(target, out)
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)
        _, printed, _ = self.run_mgr("review", "--format", "markdown")
        with open(target) as written:
            self.assertEqual(written.read(), printed)
        self.assertEqual(os.listdir(os.path.dirname(target)), ["w48.md"])


class Weeks(MgrTestCase):
    tz = "Europe/Berlin"
    now = "2027-02-01T09:00"  # a Monday

    def setUp(self):
        super().setUp()
        self.add_person("alice", "--since", "2026-12-01")

    def test_w53_and_weeks_that_do_not_exist(self):
        doc = self.run_json("review", "--week", "2026-W53", "--format", "json")
        self.assertEqual((doc["from"], doc["to"]), ("2026-12-28", "2027-01-03"))
        self.fail_usage("review", "--week", "2026-W54", mentions=["2026-W54"])
        self.fail_usage("review", "--week", "2027-W53", mentions=["2027-W53"])
        self.fail_usage("review", "--week", "2027-W06", mentions=["2027-W06"])
        self.fail_usage("review", "--week", "48", mentions=["48"])
        self.fail_usage("review", "--week", "2026-W48", "--last")

    def test_last_on_a_monday_and_a_date_in_the_next_year(self):
        self.assertEqual(self.run_json("review", "--last", "--format", "json")["week"],
                         "2027-W04")
        self.assertEqual(self.run_json("review", "--format", "json")["as_of"], "2027-02-01")
        doc = self.run_json("review", "--date", "2027-01-01", "--format", "json")
        self.assertEqual(doc["week"], "2026-W53")
        self.fail_usage("review", "--date", "2027-02-10", mentions=["2027-02-10"])


class EmptyReviews(MgrTestCase):
    def test_no_database(self):
        doc = self.run_json("review", "--format", "json")
        self.assertEqual(doc["flags"], [])
        self.assertEqual(doc["week"], "2026-W48")
        self.assertFalse(self.db_exists())

    def test_a_new_database_and_an_empty_week(self):
        self.add_person("alice")
        self.add_person("bob")
        doc = self.run_json("review", "--format", "json")
        self.assertEqual(doc["flags"], [])
        # Added on Thursday 11-26, weekly: due 12-03, four days overdue on Monday 12-07.
        doc = self.run_json("review", "--format", "json", env={"MGR_NOW": "2026-12-07T09:00"})
        self.assertEqual([f["id"] for f in doc["flags"]], ["missed-one-on-ones"])


class Demo(MgrTestCase):
    def test_the_demo_shows_the_mistakes_and_some_streaks(self):
        target = os.path.join(self.tmp, "demo", "mgr.db")
        _, out, _ = self.run_mgr("demo", "--db", target)
        self.assertIn("This week's review", out)
        doc = self.run_json("--db", target, "review", "--format", "json")
        flags = {f["id"] for f in doc["flags"]}
        for wanted in ("ic-creep", "avoided-conflict", "micromanaging", "no-self-development",
                       "broken-promises"):
            self.assertIn(wanted, flags)
        streaks = {h["id"]: h["streak"] for h in doc["habits"]}
        self.assertGreaterEqual(streaks["feedback"], 4)
        self.assertGreaterEqual(streaks["one-on-ones"], 4)
        people = self.run_json("--db", target, "person", "list", "--format", "json")
        relations = [p["relation"] for p in people]
        self.assertEqual((relations.count("report"), relations.count("manager")), (5, 1))

    def test_the_demo_on_each_day_of_the_week(self):
        for day in range(23, 30):  # Monday 11-23 to Sunday 11-29
            target = os.path.join(self.tmp, "demo%d.db" % day)
            self.run_mgr("demo", "--db", target, env={"MGR_NOW": "2026-11-%dT09:00" % day})
            doc = self.run_json("--db", target, "review", "--format", "json",
                                env={"MGR_NOW": "2026-11-%dT09:00" % day})
            flags = {f["id"] for f in doc["flags"]}
            self.assertTrue({"ic-creep", "avoided-conflict", "micromanaging",
                             "no-self-development", "broken-promises"} <= flags, (day, flags))

    def test_the_demo_refuses_a_database_with_data(self):
        self.add_person("alice")
        self.fail_usage("demo", "--db", self.db, mentions=[self.db])
