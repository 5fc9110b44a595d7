"""Invalid input: exit 2, `mgr: error: ...` naming the bad value, and the database unchanged."""

import os
import unittest

from mgr_harness import MgrTestCase


class InputErrors(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")
        self.log("note", "alice", "something already there")

    def test_bad_dates(self):
        for bad in ("2026-02-30", "2026-13-01", "yesterdayy", "-00d", "2026-11-5", "26-11-2026",
                    "+d", "-3", "3d", "monday-ish"):
            with self.subTest(date=bad):
                err = self.fail_usage("log", "note", "x", "--date", bad, mentions=[bad])
                self.assertIn("invalid date", err)
        # the same parser behind every date option
        self.fail_usage("log", "1on1", "alice", "--date", "2026-02-30", mentions=["2026-02-30"])
        self.fail_usage("history", "--until", "yesterdayy", mentions=["yesterdayy"])
        self.fail_usage("entry", "edit", "1", "--date", "-00d", mentions=["-00d"])

    def test_bad_durations(self):
        for bad in ("0m", "25h", "1x", "0", "1441", "24h1m", "1h60m", "m", "h", "1.5h30m"):
            with self.subTest(duration=bad):
                self.fail_usage("log", "ic", bad, mentions=[bad])
        self.fail_usage("log", "mgmt", "--", "-1h", mentions=["-1h"])
        self.fail_usage("log", "learn", "--", "-30m", mentions=["-30m"])
        self.fail_usage("log", "1on1", "alice", "--length", "25h", mentions=["25h"])

    def test_negative_duration_without_separator(self):
        # `-1h` may be read as an option; either way it is a usage error that writes nothing.
        before = self.db_dump_hash()
        _, _, err = self.mgr("log", "ic", "-1h", expect_code=2)
        self.assert_error_line(err)
        self.assertEqual(self.db_dump_hash(), before)

    def test_unknown_handle_with_hint(self):
        for args in (["log", "1on1", "alicee"], ["log", "note", "x", "--tag", "t"],
                     ["person", "show", "alic"], ["topic", "add", "alicee", "x"]):
            if args[1] == "note":
                continue  # a note's first word is only a handle when it is a known one
            with self.subTest(args=args):
                err = self.fail_usage(*args, mentions=[args[2]])
                self.assertIn("hint: did you mean 'alice'?", err)

    def test_cancelled_one_on_one_takes_no_mood_length_or_actions(self):
        for extra in (["--mood", "3"], ["--length", "30m"], ["--my-action", "x"]):
            with self.subTest(extra=extra):
                err = self.fail_usage("log", "1on1", "alice", "--cancelled", *extra)
                self.assertIn("cancelled", err)

    def test_unknown_handle_without_a_close_match(self):
        err = self.fail_usage("log", "1on1", "zed", mentions=["zed"])
        self.assertNotIn("did you mean", err)

    def test_transposed_letters_get_a_hint(self):
        err = self.fail_usage("log", "1on1", "alcie", mentions=["alcie"])
        self.assertIn("did you mean 'alice'?", err)

    def test_invalid_handle_characters(self):
        for bad in ("Bad Handle!", "a/b", "émile", "a" * 33, ""):
            with self.subTest(handle=bad):
                self.fail_usage("person", "add", bad, mentions=[bad] if bad else [])
        self.fail_usage("log", "1on1", "Bad Handle!", mentions=["Bad Handle!"])
        self.fail_usage("person", "add", "-dash")  # read as an option: still a usage error

    def test_duplicate_handle(self):
        err = self.fail_usage("person", "add", "alice", mentions=["alice"])
        self.assertIn("already exists", err)

    def test_unknown_kind(self):
        err = self.fail_usage("log", "foo", "bar", mentions=["foo"])
        self.assertIn("1on1", err)
        err = self.fail_usage("log", "1on", "alice", mentions=["1on"])
        self.assertIn("did you mean '1on1'?", err)
        self.fail_usage("log", "foo", mentions=["foo"])

    def test_unknown_ids(self):
        cases = [
            (["entry", "show", "99"], "99"),
            (["entry", "edit", "99", "--note", "x"], "99"),
            (["entry", "delete", "99"], "99"),
            (["delegation", "show", "98"], "98"),
            (["delegation", "done", "98"], "98"),
            (["delegation", "reclaim", "98"], "98"),
            (["delegation", "drop", "98"], "98"),
            (["log", "checkin", "98"], "98"),
            (["topic", "done", "97"], "97"),
            (["topic", "drop", "97"], "97"),
            (["log", "1on1", "alice", "--covered", "97"], "97"),
            (["action", "done", "96"], "96"),
            (["concern", "resolve", "95"], "95"),
            (["concern", "drop", "95"], "95"),
            (["log", "talk", "bob", "x", "--about", "95"], "95"),
        ]
        for args, value in cases:
            with self.subTest(args=args):
                self.fail_usage(*args, mentions=[value])

    def test_ids_that_are_not_numbers(self):
        for args in (["entry", "show", "one"], ["topic", "done", "-1"], ["action", "done", "1.5"],
                     ["concern", "resolve", "x"], ["delegation", "show", "0"]):
            with self.subTest(args=args):
                self.fail_usage(*args)

    def test_feedback_polarity(self):
        self.fail_usage("log", "feedback", "alice", "--positive", "--constructive", "x",
                        mentions=["--positive", "--constructive"])
        self.fail_usage("log", "feedback", "alice", "x", mentions=["--positive"])

    def test_mood_out_of_range(self):
        self.fail_usage("log", "1on1", "alice", "--mood", "6", mentions=["6"])
        self.fail_usage("log", "1on1", "alice", "--mood", "0", mentions=["0"])

    def test_display_name_with_a_newline(self):
        err = self.fail_usage("person", "add", "carol", "--name", "Carol\nEvil", mentions=["Carol"])
        self.assertIn("name", err)
        self.fail_usage("person", "edit", "alice", "--name", "tab\there")
        self.fail_usage("person", "add", "carol", "--name", "bell\x07")

    def test_error_does_not_echo_control_characters(self):
        # The rejected name is printed raw: a newline splits the error line, an ESC reaches
        # the terminal.
        err = self.fail_usage("person", "add", "carol", "--name", "x\x1b[2Jy\nz")
        self.assertNotIn("\x1b", err)
        self.assertTrue(err.splitlines()[1].startswith("hint:"), err)

    def test_invalid_utf8_is_refused(self):
        # argv is bytes; mgr stores text as UTF-8 and must refuse anything else.
        bad = b"caf\xe9".decode("utf-8", "surrogateescape")
        self.fail_usage("log", "note", "x", bad)

    def test_unknown_option_and_command(self):
        self.fail_usage("log", "note", "x", "--colour", "red")
        self.fail_usage("frobnicate")
        self.fail_usage("person", "add")

    def test_failures_on_a_fresh_sandbox_write_nothing(self):
        # input that is refused before the database is touched
        fresh = self.tmp + "/fresh/mgr.db"
        for args in (["log", "note", "x", "--date", "2026-02-30"], ["log", "ic", "25h"],
                     ["person", "add", "Bad Handle!"], ["log", "foo"], ["log", "note"],
                     ["log", "note", "x", "--tag", "a,b"], ["log", "1on1", "a", "--mood", "9"],
                     ["person", "add", "carol", "--name", "a\nb"]):
            with self.subTest(args=args):
                code, _, err = self.mgr(*args, env={"MGR_DB": fresh}, expect_code=2)
                self.assert_error_line(err)
        self.assertFalse(os.path.exists(fresh))


if __name__ == "__main__":
    unittest.main()
