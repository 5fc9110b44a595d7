"""mgr config: every effective setting with its source; config file errors."""

import os
import unittest

from mgr_harness import MgrTestCase

SETTINGS = ["database", "config", "timezone", "review_day", "review.ic_hours_max",
            "review.overdue_grace_days", "review.feedback_window_weeks",
            "review.feedback_every_weeks", "review.concern_days_max",
            "review.checkins_per_week_max", "review.self_dev_days", "mail.to", "mail.from",
            "mail.transport", "mail.sendmail", "mail.smtp_url", "mail.smtp_user",
            "mail.smtp_password_file", "mail.smtp_password_command"]


class ConfigShow(MgrTestCase):
    def write_config(self, text):
        with open(self.config, "w") as f:
            f.write(text)

    def settings(self, **kwargs):
        return self.run_json("config", "--format", "json", **kwargs)

    def test_defaults_without_a_file(self):
        doc = self.settings()
        for key in SETTINGS:
            self.assertIn(key, doc)
            self.assertEqual(set(doc[key]), {"value", "source"})
        self.assertEqual(doc["database"], {"value": self.db, "source": "env"})
        self.assertEqual(doc["config"]["value"], self.config)
        self.assertTrue(doc["config"]["source"].startswith("default"))
        self.assertEqual(doc["timezone"], {"value": "UTC", "source": "env"})
        self.assertEqual(doc["review_day"], {"value": "fri", "source": "default"})
        self.assertEqual(doc["review.ic_hours_max"], {"value": "8", "source": "default"})
        self.assertEqual(doc["review.concern_days_max"], {"value": "7", "source": "default"})
        self.assertEqual(doc["mail.transport"], {"value": "sendmail", "source": "default"})

    def test_text_shows_every_setting_with_its_source(self):
        self.write_config('review_day = "mon"\n')
        _, out, _ = self.mgr("config")
        lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
        for key in SETTINGS:
            self.assertIn(key, lines, out)
        self.assertRegex(lines["review_day"], r"\bmon\b.*\(file\)$")
        self.assertRegex(lines["review.self_dev_days"], r"\b14\b.*\(default\)$")
        self.assertRegex(lines["timezone"], r"\bUTC\b.*\(env\)$")
        self.assertRegex(lines["database"], r"\(env\)$")

    def test_values_from_the_file(self):
        self.write_config(
            'timezone = "Europe/Berlin"\nreview_day = "Thursday"\n\n[review]\n'
            "ic_hours_max = 6.5\nconcern_days_max = 3\n\n[mail]\n"
            'to = "me@example.com"\ntransport = "smtp"\nsmtp_url = "smtps://mail.example:465"\n'
            'smtp_password_command = "pass show secret/path"\n')
        doc = self.settings()
        self.assertEqual(doc["config"]["source"], "file")
        self.assertEqual(doc["timezone"], {"value": "Europe/Berlin", "source": "file"})
        self.assertEqual(doc["review_day"], {"value": "thu", "source": "file"})
        self.assertEqual(doc["review.ic_hours_max"], {"value": "6.5", "source": "file"})
        self.assertEqual(doc["review.concern_days_max"], {"value": "3", "source": "file"})
        self.assertEqual(doc["review.overdue_grace_days"]["source"], "default")
        self.assertEqual(doc["mail.to"], {"value": "me@example.com", "source": "file"})
        self.assertEqual(doc["mail.transport"], {"value": "smtp", "source": "file"})
        # a password command may name a secret; it is shown as set, never printed
        self.assertEqual(doc["mail.smtp_password_command"]["source"], "file")
        _, out, _ = self.mgr("config")
        self.assertNotIn("secret/path", out)

    def test_config_timezone_beats_tz(self):
        self.write_config('timezone = "Pacific/Auckland"\n')
        # 2026-11-26T12:00Z is already the 27th in Auckland
        eid = self.log("note", "x", env={"MGR_NOW": "2026-11-26T12:00:00Z", "TZ": "UTC"})
        self.assertEqual(self.entry(eid)["date"], "2026-11-27")

    def test_config_flag_and_xdg(self):
        flagged = os.path.join(self.tmp, "flagged.toml")
        with open(flagged, "w") as f:
            f.write('review_day = "wed"\n')
        doc = self.run_json("--config", flagged, "config", "--format", "json")
        self.assertEqual(doc["config"]["value"], flagged)
        self.assertEqual(doc["review_day"]["value"], "wed")
        xdg = os.path.join(self.tmp, "xdgc")
        os.makedirs(os.path.join(xdg, "mgr"))
        with open(os.path.join(xdg, "mgr", "config.toml"), "w") as f:
            f.write('review_day = "tue"\n')
        doc = self.settings(env={"MGR_CONFIG": None, "XDG_CONFIG_HOME": xdg})
        self.assertEqual(doc["review_day"], {"value": "tue", "source": "file"})
        doc = self.settings(env={"MGR_CONFIG": None})
        self.assertEqual(doc["config"]["value"],
                         os.path.join(self.tmp, ".config", "mgr", "config.toml"))

    def test_smtp_password_env_is_shown_as_set(self):
        doc = self.settings(env={"MGR_SMTP_PASSWORD": "hunter2"})
        _, out, _ = self.mgr("config", env={"MGR_SMTP_PASSWORD": "hunter2"})
        self.assertNotIn("hunter2", out)
        self.assertNotIn("hunter2", str(doc))


class ConfigErrors(MgrTestCase):
    def check(self, text, line, key):
        with open(self.config, "w") as f:
            f.write(text)
        for args in (["config"], ["person", "list"], ["log", "note", "x"]):
            with self.subTest(args=args):
                _, _, err = self.mgr(*args, expect_code=2)
                self.assert_error_line(err, [self.config, ":%d" % line, key])
        self.assertFalse(self.db_exists())

    def test_unknown_top_level_key(self):
        self.check('timezone = "UTC"\nbogus = 1\n', 2, "bogus")

    def test_unknown_key_in_a_table(self):
        self.check('\n[review]\nic_hours_max = 4\nfoo = 6\n', 4, "review.foo")
        self.check('[mail]\nto = "a@b"\npassword = "x"\n', 3, "mail.password")

    def test_wrong_types(self):
        self.check('review_day = 5\n', 1, "review_day")
        self.check('[review]\nic_hours_max = "lots"\n', 2, "review.ic_hours_max")
        self.check('[review]\n\nconcern_days_max = 2.5\n', 3, "review.concern_days_max")
        self.check('timezone = ["UTC"]\n', 1, "timezone")
        self.check('mail = "x"\n', 1, "mail")

    def test_bad_values(self):
        self.check('timezone = "Mars/Base"\n', 1, "timezone")
        self.check('review_day = "someday"\n', 1, "review_day")
        self.check('[mail]\ntransport = "pigeon"\n', 2, "mail.transport")

    def test_syntax_error_names_file_and_line(self):
        with open(self.config, "w") as f:
            f.write('timezone = "UTC"\nreview_day = \n')
        _, _, err = self.mgr("config", expect_code=2)
        self.assert_error_line(err, [self.config, ":2"])

    def test_non_ascii_outside_quotes(self):
        # toml++ 3.3 reaches undefined behaviour on these; mgr refuses them first.
        self.check('[mail]\nto = Zo\u00eb\n', 2, "non-ASCII")
        self.check('# Zo\u00eb\nzo\u00eb = 1\n', 2, "non-ASCII")
        self.check('[mail]\nfrom = """a\\\n  \u00e9"""\n', 3, "non-ASCII")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write('# Zo\u00eb\n[mail]\nfrom = "Zo\u00eb <z@example.com>"\n'
                    'to = """Zo\u00eb\n"""\nsmtp_user = \'\u00e9\'\n')
        shown = self.run_json("config", "--format", "json")
        self.assertEqual(shown["mail.from"]["value"], "Zo\u00eb <z@example.com>")

    def test_not_a_regular_file(self):
        os.mkdir(self.config)
        _, _, err = self.mgr("config", expect_code=2)
        self.assert_error_line(err, [self.config, "not a regular file"])
        os.rmdir(self.config)
        os.mkfifo(self.config)
        _, _, err = self.mgr("person", "list", expect_code=2, timeout=10)
        self.assert_error_line(err, [self.config, "not a regular file"])


if __name__ == "__main__":
    unittest.main()
