"""Output that cannot be turned against the user: stored text never drives the terminal, a
failed write to stdout is a failure, and `mgr config` keeps secrets and refuses odd files."""

import json
import os
import re
import stat
import unittest

from mgr_harness import MgrTestCase

# Clear the screen, set the window title, a C1 CSI, and a right-to-left override.
HOSTILE = "x \x1b[2J\x1b]0;pwned\x07 \u009b31m \u202eevil\u2066"
# What may never reach the terminal raw: C0 (but newline and tab), DEL, C1, bidi controls.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")


class StoredTextIsEscaped(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice")
        self.note = self.log("note", "alice", HOSTILE, "--tag", "t\x7fag")
        self.topic = self.logged_id(self.mgr("topic", "add", "alice", HOSTILE)[1])
        self.action = self.logged_id(self.mgr("action", "add", "alice", HOSTILE)[1])
        self.concern = self.log("concern", "alice", HOSTILE)
        self.mgr("concern", "resolve", str(self.concern), HOSTILE)
        self.delegation = self.log("delegate", "alice", HOSTILE, "--why", HOSTILE,
                                   "--constraints", HOSTILE)
        self.log("checkin", str(self.delegation), HOSTILE)
        self.mgr("person", "away", "alice", "--from", "+1d", "--to", "+3d", "--reason", HOSTILE)

    def assert_safe(self, out, where):
        self.assertIsNone(RAW_CONTROL.search(out), "%s printed a control character: %r"
                          % (where, out[:500]))
        self.assertIn("\\x1b[2J", out, where)

    def test_every_text_view(self):
        views = [["history"], ["entry", "show", str(self.note)], ["show", str(self.note)],
                 ["show", str(self.topic)], ["show", str(self.action)],
                 ["show", str(self.concern)], ["show", str(self.delegation)],
                 ["person", "show", "alice"], ["topic", "list"], ["action", "list"],
                 ["concern", "list", "--all"], ["concern", "show", str(self.concern)],
                 ["delegation", "list"], ["delegation", "show", str(self.delegation)],
                 ["person", "away", "alice"]]
        for args in views:
            with self.subTest(args=args):
                _, out, _ = self.mgr(*args)
                self.assert_safe(out, " ".join(args))
        _, out, _ = self.mgr("history")
        self.assertIn("\\u009b31m", out)
        self.assertIn("\\u202eevil\\u2066", out)
        self.assertIn("+t\\x7fag", out)

    def test_confirmations_and_deletes(self):
        _, out, _ = self.mgr("log", "delegate", "alice", HOSTILE)
        self.assert_safe(out, "log delegate")
        _, out, _ = self.mgr("topic", "edit", str(self.topic), HOSTILE)
        self.assert_safe(out, "topic edit")
        _, out, _ = self.mgr("action", "edit", str(self.action), "--text", HOSTILE)
        self.assert_safe(out, "action edit")
        _, out, _ = self.mgr("entry", "delete", str(self.note))
        self.assert_safe(out, "entry delete")

    def test_json_keeps_the_text_exact(self):
        self.assertEqual(self.entry(self.note)["note"], HOSTILE)

    def test_newlines_and_tabs_stay(self):
        eid = self.log("note", "line one\n\tindented")
        _, out, _ = self.mgr("entry", "show", str(eid))
        self.assertIn("line one\n\tindented", out)


class NamesAndErrors(MgrTestCase):
    def test_display_names_refuse_bidi_overrides(self):
        for name in ("Eve \u202enimda", "x\u2066y", "\u202astart"):
            with self.subTest(name=name):
                err = self.fail_usage("person", "add", "eve", "--name", name)
                self.assertIsNone(RAW_CONTROL.search(err), err)
                self.assertIn("bidirectional", err)

    def test_errors_escape_c1_too(self):
        err = self.fail_usage("log", "note", "x", "--date", "\u009b31mtoday")
        self.assertIsNone(RAW_CONTROL.search(err), repr(err))
        self.assertIn("\\u009b", err)
        self.add_person("alice")
        err = self.fail_usage("person", "show", "bob\x1b[2J")
        self.assertIsNone(RAW_CONTROL.search(err), repr(err))

    def test_person_list_columns_line_up_by_display_width(self):
        self.add_person("alice", "--name", "山田太郎")
        self.add_person("bob", "--name", "Bob 🚀 Builder")
        self.add_person("carol", "--name", "Zoë")
        _, out, _ = self.mgr("person", "list")

        def width(text):
            # East Asian wide characters and emoji take two columns on a terminal.
            return sum(2 if ord(c) >= 0x1100 and (0x2E80 <= ord(c) <= 0xA4CF or
                                                  ord(c) >= 0x1F300) else 1 for c in text)

        columns = set()
        for line in out.splitlines()[1:]:  # after the header
            at = line.index("report")
            columns.add(width(line[:at]))
        self.assertEqual(len(columns), 1, out)
        for line in out.splitlines():
            self.assertLessEqual(width(line), 80, line)


class WriteErrors(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice", "--day", "mon")
        self.log("note", "alice", "something")

    def run_to_full_disk(self, *args):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        with open("/dev/full", "wb") as full:
            import subprocess
            from mgr_harness import MGR_BIN
            proc = subprocess.run([MGR_BIN, *args], env=self.env, cwd=self.tmp, stdout=full,
                                  stderr=subprocess.PIPE, timeout=30)
        return proc.returncode, proc.stderr.decode()

    def test_a_full_disk_on_stdout_is_a_failure(self):
        for args in (["history"], ["history", "--format", "json"], ["schedule", "--ics"],
                     ["person", "show", "alice"], ["config"], ["--help"]):
            with self.subTest(args=args):
                code, err = self.run_to_full_disk(*args)
                self.assertEqual(code, 1, err)
                self.assertIn("mgr: error:", err)
                self.assertIn("No space left", err)

    def test_a_change_says_it_was_saved_when_its_confirmation_is_lost(self):
        code, err = self.run_to_full_disk("log", "note", "alice", "kept")
        self.assertEqual(code, 1, err)
        self.assertIn("the change was saved, but its confirmation could not be written", err)
        _, out, _ = self.mgr("history", "--format", "json")
        self.assertIn("kept", [entry["note"] for entry in json.loads(out)])


class ConfigFile(MgrTestCase):
    def write_config(self, text, mode=0o600):
        with open(self.config, "w") as f:
            f.write(text)
        os.chmod(self.config, mode)

    def test_a_password_in_smtp_url_is_never_shown(self):
        self.write_config('[mail]\ntransport = "smtp"\n'
                          'smtp_url = "smtps://me%40example.com:hunter2@mail.example:465/"\n')
        _, out, err = self.mgr("config")
        self.assertNotIn("hunter2", out + err)
        self.assertIn("smtps://me%40example.com:***@mail.example:465/", out)
        doc = self.run_json("config", "--format", "json")
        self.assertEqual(doc["mail.smtp_url"]["value"],
                         "smtps://me%40example.com:***@mail.example:465/")
        self.assertNotIn("warning", err)

    def test_a_readable_config_with_a_password_gets_a_warning(self):
        self.write_config('[mail]\nsmtp_url = "smtp://u:pw@127.0.0.1:2525"\n', mode=0o644)
        _, out, err = self.mgr("config")
        self.assertIn("mgr: warning:", err)
        self.assertNotIn("pw@", out + err)
        self.write_config('[mail]\nsmtp_url = "smtp://127.0.0.1:2525"\n', mode=0o644)
        _, _, err = self.mgr("config")
        self.assertNotIn("warning", err)

    def test_a_config_that_is_not_a_file(self):
        os.mkdir(self.config)
        self.fail_usage("config", mentions=["directory"])
        os.rmdir(self.config)
        os.mkfifo(self.config)
        self.fail_usage("config", mentions=["FIFO"], timeout=10)  # and it does not hang
        self.fail_usage("history", mentions=["FIFO"], timeout=10)
        os.unlink(self.config)
        self.fail_usage("config", env={"MGR_CONFIG": "/dev/zero"}, mentions=["device"],
                        timeout=10)
        self.fail_usage("config", env={"MGR_CONFIG": "/dev/null"}, mentions=["device"])

    def test_config_values_are_escaped(self):
        self.write_config('[mail]\nto = "me\\u001b[2J@example.com"\n')
        _, out, _ = self.mgr("config")
        self.assertIsNone(RAW_CONTROL.search(out), repr(out))
        self.assertIn("me\\x1b[2J@example.com", out)


if __name__ == "__main__":
    unittest.main()
