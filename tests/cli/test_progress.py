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
    Self-checks in September (fit 50) and November (fit 64).
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
        self.mgr("log", "concern", "bob", "again", "--date", "2026-10-20")
        _, out, _ = self.mgr("action", "add", "bob", "send the rubric", "--due", "2026-10-10",
                             env={"MGR_NOW": "2026-10-01T09:00"})
        kept = self.logged_id(out)
        self.mgr("action", "done", str(kept), env={"MGR_NOW": "2026-10-09T09:00"})
        _, out, _ = self.mgr("action", "add", "bob", "book the room", "--due", "2026-10-20",
                             env={"MGR_NOW": "2026-10-01T09:00"})
        late = self.logged_id(out)
        self.mgr("action", "done", str(late), env={"MGR_NOW": "2026-10-25T09:00"})
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", "--date", "2026-09-30")
        self.mgr("reflect", "--answers", "4,2,5,3,4,2,3", "--date", "2026-11-20")

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
        self.assertEqual([sep["fit"], octo["fit"], nov["fit"]], [50, None, 64])
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
        self.assertIn("| 2026-10 | 50% | 2 | 0 | 0 | 50% | 0.0 | 0.0 | 0.0 | - | 50% | - |",
                      markdown)


class NothingYet(MgrTestCase):
    def test_no_database_and_an_empty_log(self):
        self.assertEqual(self.run_json("progress", "--format", "json"),
                         {"months": [], "month_number": 0, "summary": []})
        self.assertFalse(self.db_exists())
        self.add_person("alice", "--since", "2026-12-20")
        _, out, _ = self.mgr("progress")
        self.assertIn("Nothing logged yet", out)
