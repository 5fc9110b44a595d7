"""End-to-end tests of `mgr progress`: three months of a scripted log, each month's measures in
JSON against values worked out by hand, the text in 80 columns, markdown, and the limits."""

from mgr_harness import MgrTestCase


class ThreeMonths(MgrTestCase):
    """September to November 2026 (today Thu 11-26, UTC).

    bob, weekly on Mondays since 09-01: September's Mondays 09-07..09-28 all held; October's
    10-05..10-26 only 10-05 and 10-12 held; November's 11-02..11-23 all held.
    IC 6h and management 2h in September; IC 2h and management 6h in November.
    Feedback: 2 positive in September, 1 positive + 1 constructive in November.
    A concern opened 10-01 and talked about 10-03 (in time); one opened 10-20, never talked about.
    Your action due 10-10 done 10-09 (kept); one due 10-20 done 10-25 (late).
    Self-checks on 09-30 (all 3: fit 50), 10-25 (hard-talks 2: fit 46) and 11-20 (4,2,5,5,4,2,3:
    fit 71, claiming the hard talks while the concern of 10-20 has waited past 7 days).
    """

    def setUp(self):
        super().setUp()
        self.add_person("bob", "--since", "2026-09-01", "--day", "mon")
        held = ["09-07", "09-14", "09-21", "09-28", "10-05", "10-12",
                "11-02", "11-09", "11-16", "11-23"]
        for day in held:
            self.mgr("log", "1on1", "bob", "weekly", "--date", "2026-" + day)
        self.mgr("log", "ic", "6h", "--date", "2026-09-03")
        self.mgr("log", "mgmt", "2h", "--date", "2026-09-04")
        self.mgr("log", "ic", "2h", "--date", "2026-11-05")
        self.mgr("log", "mgmt", "6h", "--date", "2026-11-06")
        for day in ["09-08", "09-15"]:
            self.mgr("log", "feedback", "bob", "--positive", "good", "--date", "2026-" + day)
        self.mgr("log", "feedback", "bob", "--positive", "good", "--date", "2026-11-10")
        self.mgr("log", "feedback", "bob", "--constructive", "late", "--date", "2026-11-11")
        _, out, _ = self.mgr("log", "concern", "bob", "late", "--date", "2026-10-01")
        first = self.logged_id(out)
        self.mgr("log", "talk", "bob", "talked", "--about", str(first), "--date", "2026-10-03")
        _, out, _ = self.mgr("log", "concern", "bob", "again", "--date", "2026-10-20")
        self.second_concern = self.logged_id(out)
        _, out, _ = self.mgr("action", "add", "bob", "send the rubric", "--due", "2026-10-10",
                             env={"MGR_NOW": "2026-10-01T09:00"})
        kept = self.logged_id(out)
        self.mgr("action", "done", str(kept), env={"MGR_NOW": "2026-10-09T09:00"})
        _, out, _ = self.mgr("action", "add", "bob", "book the room", "--due", "2026-10-20",
                             env={"MGR_NOW": "2026-10-01T09:00"})
        late = self.logged_id(out)
        self.mgr("action", "done", str(late), env={"MGR_NOW": "2026-10-25T09:00"})
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", "--date", "2026-09-30")
        self.mgr("reflect", "--answers", "3,3,3,2,3,3,3", "--date", "2026-10-25")
        self.mgr("reflect", "--answers", "4,2,5,5,4,2,3", "--date", "2026-11-20")

    def months(self, *args):
        doc = self.run_json("progress", "--format", "json", *args)
        return doc, {m["month"]: m for m in doc["months"]}

    def test_each_month_by_hand(self):
        doc, months = self.months()
        self.assertEqual(list(months), ["2026-09", "2026-10", "2026-11"])
        sep, octo, nov = months["2026-09"], months["2026-10"], months["2026-11"]
        self.assertEqual((sep["one_on_ones_due"], sep["one_on_ones_held"]), (4, 4))
        self.assertEqual((octo["one_on_ones_due"], octo["one_on_ones_held"],
                          octo["one_on_ones_missed"], octo["one_on_ones_held_pct"]), (4, 2, 2, 50))
        self.assertEqual((nov["one_on_ones_due"], nov["one_on_ones_held_pct"]), (4, 100))
        self.assertEqual((sep["feedback_positive"], sep["feedback_constructive"]), (2, 0))
        self.assertEqual((nov["feedback_positive"], nov["feedback_constructive"]), (1, 1))
        self.assertEqual((sep["ic_minutes"], sep["mgmt_minutes"], sep["ic_share_pct"]),
                         (360, 120, 75))
        self.assertEqual(nov["ic_share_pct"], 25)
        self.assertIsNone(octo["ic_share_pct"])
        self.assertEqual((octo["concerns_opened"], octo["concerns_in_time"],
                          octo["concerns_in_time_pct"]), (2, 1, 50))
        self.assertEqual((octo["promises_due"], octo["promises_kept"],
                          octo["promises_kept_pct"]), (2, 1, 50))
        self.assertEqual([sep["fit"], octo["fit"], nov["fit"]], [50, 46, 71])
        self.assertFalse(nov["complete"])
        self.assertEqual(nov["to"], "2026-11-26")
        self.assertEqual(set(nov["habits"]),
                         {"one-on-ones", "feedback", "learning", "ic-limit",
                          "hard-conversations"})
        self.assertGreater(octo["flags"].get("missed-one-on-ones", 0), 0)
        self.assertEqual(doc["month_number"], 3)
        self.assertTrue(doc["summary"][0].startswith("Month 3 of your first year"))
        self.assertIn("Improved most between the first month and the last: IC share, 75% -> 25%.",
                      doc["summary"])

    def test_self_check_history_by_hand(self):
        doc = self.run_json("reflect", "--history", "--format", "json")
        checks = doc["checks"]
        self.assertEqual([c["date"] for c in checks], ["2026-09-30", "2026-10-25", "2026-11-20"])
        self.assertEqual([c["fit"] for c in checks], [50, 46, 71])
        self.assertEqual([c["change"] for c in checks], [None, -4, 25])
        self.assertEqual(doc["trend"], {"first_fit": 50, "last_fit": 71, "months": 3})
        # September: every Monday's 1:1 held, two positive feedbacks, 6h of IC in one week.
        self.assertEqual(checks[0]["evidence"]["coaching"],
                         "2 feedback conversations (2 positive, 0 constructive), "
                         "4 of 4 due 1:1s held")
        # October 25: one concern talked about in two days, the other not yet late.
        self.assertEqual(checks[1]["evidence"]["hard-talks"],
                         "2 concerns opened, 1 talked about (median 2 days to the first "
                         "conversation); none waited more than 7 days")
        self.assertEqual(checks[1]["disagreements"], [])
        # November 20 (10-22 to 11-20): 10-26 missed, three held; the concern of 10-20 late.
        self.assertEqual(checks[2]["evidence"]["coaching"],
                         "2 feedback conversations (1 positive, 1 constructive), "
                         "3 of 4 due 1:1s held")
        self.assertEqual(checks[2]["evidence"]["letting-go"],
                         "2h of IC work, 0 delegations handed off, none taken back")
        self.assertEqual(checks[2]["disagreements"], [{
            "id": "hard-talks", "answer": 5,
            "evidence": "concerns waited more than 7 days for a first conversation: #%d"
                        % self.second_concern}])
        _, text, _ = self.mgr("reflect", "--history")
        for line in text.splitlines():
            self.assertLessEqual(len(line), 80, line)
        self.assertIn("the log disagrees on hard-talks (you answered 5)", text)

    def test_months_limits_the_view_to_the_latest(self):
        _, months = self.months("--months", "2")
        self.assertEqual(list(months), ["2026-10", "2026-11"])
        self.fail_usage("progress", "--months", "0", mentions=["--months"])

    def test_text_fits_80_columns_and_markdown_is_a_table(self):
        _, text, _ = self.mgr("progress")
        lines = text.splitlines()
        for line in lines:
            self.assertLessEqual(len(line), 80, line)
        row = next(line for line in lines if line.startswith("2026-10"))
        self.assertIn(" 50%v", row)  # 1:1s held fell from 100% in September
        self.assertIn("Habit strength at each month's end", text)
        self.assertIn("missed-one-on-ones", text)
        _, markdown, _ = self.mgr("progress", "--format", "markdown")
        self.assertIn("| 2026-10 | 50% | 2 | 0 | 0 | 50% | 0.0 | 0.0 | 0.0 | - | 50% | 46 |",
                      markdown)


    def test_flag_names_longer_than_the_habit_names_keep_the_columns_in_line(self):
        # A delegation with no why: delegation-without-support, the longest flag id, fires.
        self.mgr("log", "delegate", "bob", "run the release", "--date", "2026-11-02")
        _, text, _ = self.mgr("progress")
        lines = text.splitlines()
        start = lines.index("Flags of the weekly review (weeks fired in each month)")
        header = lines[start + 1]
        rows = lines[start + 2:lines.index("", start)]
        self.assertTrue(any(row.split()[0] == "delegation-without-support" for row in rows), rows)
        for row in rows:
            self.assertEqual(len(row), len(header), row)
            self.assertLessEqual(len(row), 80, row)


class NothingYet(MgrTestCase):
    def test_no_database_and_an_empty_log(self):
        self.assertEqual(self.run_json("progress", "--format", "json"),
                         {"months": [], "month_number": 0, "summary": []})
        self.assertFalse(self.db_exists())
        self.add_person("alice", "--since", "2026-12-20")
        _, out, _ = self.mgr("progress")
        self.assertIn("Nothing logged yet", out)
