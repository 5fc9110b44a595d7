"""Stored text with terminal escapes, C1 controls and bidi overrides is shown escaped by every
command that prints it on a terminal or in an e-mail: schedule, today, prep (text and
markdown), remind (text and the e-mail), review (text and markdown), undo; long notes wrap to
80 columns."""

import email
import email.policy
import os
import re
import sqlite3
import unittest

from mgr_harness import MgrTestCase

# Clear the screen, set the window title, a C1 CSI, and a right-to-left override and isolate.
HOSTILE = "x \x1b[2J\x1b]0;pwned\x07 \u009b31m \u202eevil\u2066"
ESCAPED = "x \\x1b[2J\\x1b]0;pwned\\x07 \\u009b31m \\u202eevil\\u2066"
# What may never reach the terminal raw: C0 (but newline and tab), DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")


class HostileTextInEveryView(MgrTestCase):
    def setUp(self):
        super().setUp()
        # Thursday 2026-11-26: alice's 1:1 is today, bob's tomorrow (skipped).
        self.add_person("alice", "--name", "Alice", "--day", "thu", "--since", "2026-11-01")
        self.add_person("bob", "--day", "fri", "--since", "2026-11-01")
        self.log("1on1", "alice", HOSTILE, "--date", "2026-11-19")
        self.log("1on1", "bob", "ok", "--date", "2026-11-20")
        self.log("feedback", "alice", "--constructive", HOSTILE, "--date", "2026-11-19")
        self.mgr("topic", "add", "alice", HOSTILE)
        self.mgr("action", "add", "alice", HOSTILE, "--due", "today")
        self.mgr("action", "add", "alice", HOSTILE, "--theirs", "--due", "yesterday")
        self.delegation = self.log("delegate", "alice", HOSTILE, "--due", "+1d",
                                   "--date", "2026-11-16")
        self.log("checkin", str(self.delegation), HOSTILE, "--status", "blocked",
                 "--date", "2026-11-17")
        self.log("concern", "alice", HOSTILE, "--date", "2026-11-10")
        self.mgr("schedule", "skip", "bob", "--reason", HOSTILE)

    def assert_escaped(self, text, where, shows_text=True):
        self.assertIsNone(RAW_CONTROL.search(text), "%s printed a control character: %r"
                          % (where, text[:800]))
        if shows_text:
            self.assertIn("\\x1b[2J", text, where)
            self.assertIn("\\u009b31m", text, where)
            self.assertIn("\\u202eevil", text, where)

    def test_agenda_views(self):
        for args in (["today"], ["schedule"], ["schedule", "--days", "30"], ["remind"]):
            with self.subTest(args=args):
                _, out, _ = self.mgr(*args)
                self.assert_escaped(out, " ".join(args))
                for line in out.splitlines():
                    self.assertLessEqual(len(line), 80, line)
        _, out, _ = self.mgr("schedule")
        self.assertIn("skipped", out)
        self.assertEqual(out.count("\\x1b[2J"), out.count("\\x1b]0;pwned"), out)

    def test_prep_sheets(self):
        for args in (["prep", "alice"], ["prep", "alice", "--format", "markdown"],
                     ["prep", "alice", "--format", "markdown", "--private"]):
            with self.subTest(args=args):
                _, out, _ = self.mgr(*args)
                self.assert_escaped(out, " ".join(args))
        _, out, _ = self.mgr("prep", "alice")
        # Topic, both actions, the delegation and its check-in, the concern, the feedback and
        # the last notes: every one escaped.
        self.assertGreaterEqual(out.count("\\x1b[2J"), 8, out)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_review(self):
        for args in (["review"], ["review", "--format", "markdown"]):
            with self.subTest(args=args):
                _, out, _ = self.mgr(*args)
                self.assert_escaped(out, " ".join(args))

    def test_the_reminder_email(self):
        with open(self.config, "w") as f:
            f.write('[mail]\nto = "me@example.com"\nfrom = "mgr <mgr@example.com>"\n')
        _, out, _ = self.mgr("remind", "--dry-run")
        message = email.message_from_bytes(out.encode("utf-8", "surrogateescape"),
                                           policy=email.policy.default)
        bodies = [part.get_content() for part in message.walk()
                  if part.get_content_maintype() == "text"]
        self.assertTrue(bodies, out)
        for body in bodies:
            self.assert_escaped(body.replace("\r\n", "\n"), "remind e-mail")

    def test_undo_prints_what_it_reverts_escaped(self):
        self.log("delegate", "bob", HOSTILE)
        _, out, _ = self.mgr("undo", "--dry-run")
        self.assertTrue(out.startswith("would undo: "), out)
        self.assert_escaped(out, "undo --dry-run")
        _, out, _ = self.mgr("undo")
        self.assertTrue(out.startswith("undid: "), out)
        self.assert_escaped(out, "undo")

    def test_json_keeps_the_text_exact(self):
        today = self.run_json("today", "--format", "json")
        texts = [item["text"] for item in today["due"]]
        self.assertIn(HOSTILE, texts)


class NamesWrittenByAnotherProgram(MgrTestCase):
    """mgr refuses controls in a display name, but the file may have been written by another
    program (or by hand with sqlite3): every view still escapes what it finds."""

    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice", "--day", "thu", "--since", "2026-11-01")
        conn = sqlite3.connect(self.db)
        with conn:
            conn.execute("UPDATE people SET name = ? WHERE handle = 'alice'", (HOSTILE,))
        conn.close()

    def test_text_views(self):
        for args in (["person", "list"], ["person", "show", "alice"], ["today"], ["schedule"],
                     ["prep", "alice"], ["prep", "alice", "--format", "markdown"]):
            with self.subTest(args=args):
                _, out, _ = self.mgr(*args)
                self.assertIsNone(RAW_CONTROL.search(out), "%s: %r" % (args, out[:800]))
                if args[0] in ("person", "prep"):  # today and schedule name the handle
                    self.assertIn("\\x1b[2J", out, args)

    def test_the_calendar_file(self):
        path = os.path.join(self.tmp, "team.ics")
        self.mgr("schedule", "--ics", "--output", path)
        with open(path, encoding="utf-8") as f:
            calendar = f.read()
        self.assertIsNone(RAW_CONTROL.search(calendar.replace("\r\n", "")), repr(calendar))
        self.assertIn("SUMMARY:1:1 with x ", calendar)
        self.assertIn("evil", calendar)


class ErrorsEscapeC1(MgrTestCase):
    def test_an_unknown_handle_with_controls_is_named_escaped(self):
        self.add_person("alice")
        for args in (["prep", "al\u009bice"], ["schedule", "skip", "b\x1b[2Job"],
                     ["person", "show", "x\u202ey"]):
            with self.subTest(args=args):
                code, _, err = self.mgr(*args, ok=False)
                self.assertNotEqual(code, 0)
                self.assertTrue(err.startswith("mgr: error: "), err)
                self.assertIsNone(RAW_CONTROL.search(err), repr(err))

    def test_display_names_refuse_control_characters(self):
        for name in ("Eve\x1b[2J", "Eve\u009b31m", "Eve\x7f", "Eve \u202enimda", "x\u2069"):
            with self.subTest(name=name):
                err = self.fail_usage("person", "add", "eve", "--name", name)
                self.assertIsNone(RAW_CONTROL.search(err), repr(err))
        self.add_person("eve")
        self.fail_usage("person", "edit", "eve", "--name", "Eve\u0085")


if __name__ == "__main__":
    unittest.main()
