"""End-to-end tests of `mgr reflect`: the monthly self-check given with --answers or asked on a
real pseudo-terminal, one per calendar month, held against what the log of the same 30 days
shows, and its history in text and JSON."""

import json
import os
import pty
import select
import subprocess

from mgr_harness import MGR_BIN, MgrTestCase

IDS = ["coaching", "systems", "letting-go", "hard-talks", "ambiguity", "craft-pull", "focus-pull"]


class SelfCheckAnswers(MgrTestCase):
    def history(self):
        return self.run_json("reflect", "--history", "--format", "json")

    def test_answers_saved_with_fit_and_listed_in_history(self):
        _, out, _ = self.mgr("reflect", "--answers", "4,2,5,3,4,2,3", "--note", "a good month")
        self.assertIn("Saved the self-check of 2026-11 (2026-11-26): fit 64.", out)
        self.assertIn("What the log says about 2026-10-28 to 2026-11-26:", out)
        doc = self.history()
        self.assertEqual(len(doc["checks"]), 1)
        check = doc["checks"][0]
        self.assertEqual(check["date"], "2026-11-26")
        self.assertEqual(check["answers"], dict(zip(IDS, [4, 2, 5, 3, 4, 2, 3])))
        self.assertEqual(check["fit"], 64)
        self.assertEqual(check["note"], "a good month")
        self.assertEqual(check["disagreements"], [])
        self.assertEqual(doc["trend"], {"first_fit": 64, "last_fit": 64, "months": 1})
        self.assertEqual(self.sql("SELECT month, coaching, craft_pull FROM self_checks"),
                         [("2026-11", 4, 2)])

    def test_bad_answers_name_the_value_and_write_nothing(self):
        self.fail_usage("reflect", "--answers", "4,2,6,3,4,2,3", mentions=["'6'", "letting-go"])
        self.fail_usage("reflect", "--answers", "4,2,5", mentions=["3 values"])
        self.fail_usage("reflect", "--answers", "4,2,5,3,4,2,3,1", mentions=["seven"])
        self.fail_usage("reflect", "--answers", "4,x,5,3,4,2,3", mentions=["'x'"])
        self.fail_usage("reflect", "--answers", "0,2,5,3,4,2,3", mentions=["'0'", "coaching"])
        self.assertFalse(self.db_exists())

    def test_one_per_month_replaced_only_with_yes(self):
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", env={"MGR_NOW": "2026-11-02T09:00"})
        self.fail_usage("reflect", "--answers", "5,5,5,5,5,1,1",
                        mentions=["2026-11", "already", "2026-11-02"], stdin=b"")
        _, out, _ = self.mgr("reflect", "--answers", "5,5,5,5,5,1,1", "--yes")
        self.assertIn("fit 100, replacing the one of 2026-11-02", out)
        checks = self.history()["checks"]
        self.assertEqual([(c["date"], c["fit"]) for c in checks], [("2026-11-26", 100)])

    def test_history_oldest_first_with_the_change_and_trend(self):
        for now, answers in [("2026-09-28", "3,3,2,2,3,4,4"), ("2026-10-27", "4,3,3,3,3,3,4"),
                             ("2026-11-26", "4,4,3,4,4,3,3")]:
            self.mgr("reflect", "--answers", answers, env={"MGR_NOW": now + "T09:00"})
        _, out, _ = self.mgr("reflect", "--answers", "4,4,3,4,4,3,3", "--yes")
        self.assertIn("The last one, on 2026-10-27: fit 50 (+14).", out)
        doc = self.history()
        self.assertEqual([c["date"] for c in doc["checks"]],
                         ["2026-09-28", "2026-10-27", "2026-11-26"])
        self.assertEqual([c["fit"] for c in doc["checks"]], [36, 50, 64])
        self.assertEqual([c["change"] for c in doc["checks"]], [None, 14, 14])
        self.assertEqual(doc["trend"], {"first_fit": 36, "last_fit": 64, "months": 3})
        _, text, _ = self.mgr("reflect", "--history")
        self.assertIn("2026-10-27    50     +14  4 3 3 3 3 3 4", text)
        self.assertIn("Fit went from 36 to 64 over 3 months (3 self-checks).", text)
        for line in text.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_date_back_fills_a_month_but_not_the_future(self):
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", "--date", "2026-10-15")
        self.assertEqual(self.sql("SELECT month, date FROM self_checks"),
                         [("2026-10", "2026-10-15")])
        self.fail_usage("reflect", "--answers", "3,3,3,3,3,3,3", "--date", "2026-12-01",
                        mentions=["2026-12-01"])

    def test_without_a_terminal_it_needs_answers(self):
        self.fail_usage("reflect", stdin=b"4\n2\n5\n3\n4\n2\n3\n", mentions=["terminal"])
        self.assertFalse(self.db_exists())

    def test_note_from_standard_input_and_undo(self):
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", "--note", "-", stdin=b"private words")
        self.assertEqual(self.sql("SELECT note FROM self_checks"), [("private words",)])
        _, out, _ = self.mgr("undo")
        self.assertIn("self-check", out)
        self.assertEqual(self.sql("SELECT count(*) FROM self_checks"), [(0,)])

    def test_the_review_says_when_a_self_check_is_due(self):
        self.add_person("alice", "--since", "2026-09-01")
        self.log("mgmt", "1h", "--date", "2026-09-01")
        self.assertTrue(self.run_json("review", "--format", "json")["self_check_due"])
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", "--date", "2026-10-20")
        self.assertTrue(self.run_json("review", "--format", "json")["self_check_due"])
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", "--date", "2026-11-20")
        self.assertFalse(self.run_json("review", "--format", "json")["self_check_due"])
        _, text, _ = self.mgr("review")
        self.assertNotIn("Self-check due", text)


    def test_remind_on_the_first_review_day_of_a_month(self):
        self.add_person("alice", "--since", "2026-11-01")
        first_friday = {"MGR_NOW": "2026-12-04T08:00"}
        _, out, _ = self.mgr("remind", "--format", "json", env=first_friday)
        review = [item for item in json.loads(out) if item["kind"] == "review"]
        self.assertIn("self-check", review[0]["text"])
        _, out, _ = self.mgr("remind", "--format", "json", env={"MGR_NOW": "2026-12-11T08:00"})
        review = [item for item in json.loads(out) if item["kind"] == "review"]
        self.assertNotIn("self-check", review[0]["text"])
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", env=first_friday)
        _, out, _ = self.mgr("remind", env=first_friday)
        self.assertIn("review day", out)
        self.assertNotIn("self-check", out)


class TheLogDisagrees(MgrTestCase):
    """A log where the answers and the evidence of the same 30 days can be compared."""

    def setUp(self):
        super().setUp()
        self.add_person("bob", "--since", "2026-10-01", "--day", "mon")

    def disagreements(self):
        checks = self.run_json("reflect", "--history", "--format", "json")["checks"]
        return {d["id"]: d for d in checks[-1]["disagreements"]}

    def test_hard_talks_high_while_a_concern_waited_too_long(self):
        _, out, _ = self.mgr("log", "concern", "bob", "missed the design review",
                             "--date", "2026-11-10")
        concern = self.logged_id(out)
        _, out, _ = self.mgr("reflect", "--answers", "3,3,3,5,3,3,3")
        self.assertIn("The log disagrees:", out)
        self.assertIn("hard-talks: you answered 5", out)
        found = self.disagreements()
        self.assertEqual(list(found), ["hard-talks"])
        self.assertEqual(found["hard-talks"]["answer"], 5)
        self.assertIn("#%d" % concern, found["hard-talks"]["evidence"])

    def test_hard_talks_low_while_every_concern_was_talked_about_in_time(self):
        _, out, _ = self.mgr("log", "concern", "bob", "late again", "--date", "2026-11-10")
        concern = self.logged_id(out)
        self.mgr("log", "talk", "bob", "talked it through", "--about", str(concern),
                 "--date", "2026-11-12")
        self.mgr("reflect", "--answers", "3,3,3,2,3,3,3")
        self.assertEqual(list(self.disagreements()), ["hard-talks"])
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3", "--yes")
        self.assertEqual(self.disagreements(), {})

    def test_letting_go_high_with_ic_over_the_limit_in_two_weeks(self):
        for day in ["2026-11-10", "2026-11-17"]:
            self.mgr("log", "ic", "9h", "fixed it myself", "--date", day)
        _, out, _ = self.mgr("reflect", "--answers", "3,3,4,3,3,3,3")
        self.assertIn("18h of IC work (above 8h in 2 of", " ".join(out.split()))
        self.assertEqual(list(self.disagreements()), ["letting-go"])

    def test_coaching_high_with_fewer_than_half_the_1on1s_held(self):
        # The Mondays of 10-28 to 11-26 were due (11-02, 11-09, 11-16, 11-23); only 11-02 held.
        self.mgr("log", "1on1", "bob", "caught up", "--date", "2026-11-02")
        _, out, _ = self.mgr("reflect", "--answers", "5,3,3,3,3,3,3")
        self.assertIn("1 of 4 due 1:1s held", " ".join(out.split()))
        self.assertEqual(list(self.disagreements()), ["coaching"])
        self.assertIn("only 1 of 4", self.disagreements()["coaching"]["evidence"])


class OnATerminal(MgrTestCase):
    """`mgr reflect` with standard input and output on a pseudo-terminal, typing the answers."""

    def on_terminal(self, *args, typed=""):
        leader, follower = pty.openpty()
        proc = subprocess.Popen([MGR_BIN] + list(args), stdin=follower, stdout=follower,
                                stderr=follower, env=self.env, cwd=self.tmp)
        os.close(follower)
        os.write(leader, typed.encode())
        output = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 20)
            if not ready:
                proc.kill()
                self.fail("mgr reflect hung; printed so far:\n" + output.decode())
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: mgr exited
                break
            if not chunk:
                break
            output += chunk
        os.close(leader)
        return proc.wait(20), output.decode().replace("\r\n", "\n")

    def test_asks_each_statement_and_re_asks_a_bad_answer(self):
        code, out = self.on_terminal("reflect", typed="4\n2\n7\n5\n3\n4\n2\n3\nbusy month\n")
        self.assertEqual(code, 0, out)
        self.assertIn("1/7 Helping someone else succeed", out)
        self.assertIn("7/7 Constant switching", out)
        self.assertIn("Please answer 1 to 5, or Enter on an empty line to skip the check.", out)
        self.assertIn("Saved the self-check of 2026-11 (2026-11-26): fit 64.", out)
        self.assertEqual(self.sql("SELECT coaching, systems, letting_go, hard_talks, ambiguity, "
                                  "craft_pull, focus_pull, note FROM self_checks"),
                         [(4, 2, 5, 3, 4, 2, 3, "busy month")])

    def test_enter_on_an_empty_line_skips_and_writes_nothing(self):
        self.add_person("alice")
        before = self.db_dump_hash()
        code, out = self.on_terminal("reflect", typed="4\n2\n\n")
        self.assertEqual(code, 0, out)
        self.assertIn("Skipped the self-check; nothing written.", out)
        self.assertEqual(self.db_dump_hash(), before)

    def test_a_second_check_in_the_month_asks_before_replacing(self):
        self.mgr("reflect", "--answers", "3,3,3,3,3,3,3")
        before = self.db_dump_hash()
        code, out = self.on_terminal("reflect", "--answers", "5,5,5,5,5,1,1", typed="n\n")
        self.assertEqual(code, 0, out)
        self.assertIn("already exists (2026-11-26, fit 50). Replace it? [y/N]", out)
        self.assertIn("nothing written", out)
        self.assertEqual(self.db_dump_hash(), before)
        code, out = self.on_terminal("reflect", "--answers", "5,5,5,5,5,1,1", typed="y\n")
        self.assertEqual(code, 0, out)
        self.assertEqual(self.sql("SELECT coaching FROM self_checks"), [(5,)])
