"""The review by e-mail: `mgr review --email` and the review-day reminder are one
multipart/alternative message, the plain text first and the HTML page after it, delivered to
aiosmtpd on 127.0.0.1 and read back with Python's email package."""

import json
import os

from mgr_harness import MgrTestCase
from smtp_servers import Aiosmtpd

NOW = "2026-11-27T18:00"  # a Friday, the default review day
SCRIPT = "<script>alert(1)</script>"


def main_of(page):
    return page[page.index("<main>\n") + 7:page.index("</main>")]


class ReviewEmail(MgrTestCase):
    now = NOW

    def setUp(self):
        super().setUp()
        self.server = Aiosmtpd()
        self.server.__enter__()
        self.addCleanup(self.server.__exit__)
        with open(self.config, "w", encoding="utf-8") as f:
            f.write("[mail]\n" + "".join("%s = %s\n" % (k, json.dumps(v)) for k, v in {
                "to": "me@example.com", "from": "mgr <mgr@example.com>", "transport": "smtp",
                "smtp_url": "smtp://127.0.0.1:%d" % self.server.port}.items()))
        os.chmod(self.config, 0o600)
        self.run_mgr("demo", "--db", self.db)
        self.run_mgr("log", "delegate", "alice", SCRIPT, "--due", "2026-12-04")

    def parts_of(self, message):
        self.assertEqual(message.get_content_type(), "multipart/alternative")
        parts = list(message.iter_parts())
        self.assertEqual([p.get_content_type() for p in parts], ["text/plain", "text/html"])
        for part in parts:
            self.assertEqual(part.get_content_charset(), "utf-8")
        return [p.get_content().replace("\r\n", "\n") for p in parts]

    def test_review_email_is_the_text_then_the_same_page_as_the_file(self):
        _, out, err = self.run_mgr("review", "--email")
        self.assertEqual(out, "sent the review of 2026-W48 to me@example.com\n")
        self.assertEqual(len(self.server.messages), 1)
        received = self.server.messages[0]
        self.assertEqual(received.rcpt_tos, ["me@example.com"])
        message = received.message
        self.assertRegex(str(message["Subject"]), r"^mgr review 2026-W48: \d+ alerts?, \d+ warn")
        plain, page = self.parts_of(message)

        _, text, _ = self.run_mgr("review")
        self.assertEqual(plain, text)
        target = os.path.join(self.tmp, "review.html")
        self.run_mgr("review", "--format", "html", "--output", target)
        with open(target, encoding="utf-8") as f:
            self.assertEqual(page, f.read())
        _, printed, _ = self.run_mgr("review", "--format", "html")
        self.assertEqual(page, printed)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        self.assertNotIn("<script", page)
        for line in received.data.split(b"\r\n"):
            self.assertLessEqual(len(line), 998)

    def test_dry_run_prints_the_message_and_sends_nothing(self):
        import email
        import email.policy
        _, out, _ = self.run_mgr("review", "--last", "--dry-run", "--to", "boss@example.com")
        self.assertEqual(self.server.messages, [])
        message = email.message_from_string(out, policy=email.policy.default)
        self.assertEqual(message["To"].addresses[0].addr_spec, "boss@example.com")
        _, page = self.parts_of(message)
        _, printed, _ = self.run_mgr("review", "--last", "--format", "html")
        self.assertEqual(page, printed)
        self.assertIn("Weekly review 2026-W47", page)

    def test_the_review_day_reminder_carries_the_page_after_the_text(self):
        code, out, err = self.run_mgr("remind", "--email")
        self.assertEqual((code, out, err), (0, "", ""))
        self.assertEqual(len(self.server.messages), 1)
        plain, page = self.parts_of(self.server.messages[0].message)
        self.assertIn("Weekly review 2026-W48", plain)
        self.assertIn("mgr review", plain)
        _, printed, _ = self.run_mgr("review", "--format", "html")
        # The day's items lead; the review page follows whole.
        self.assertTrue(main_of(page).endswith(main_of(printed)))
        self.assertIn('<section id="reminders">', main_of(page))

    def test_a_day_that_is_not_the_review_day_sends_plain_text_only(self):
        self.run_mgr("remind", "--email", env={"MGR_NOW": "2026-11-26T09:00"})
        self.assertEqual(len(self.server.messages), 1)
        self.assertEqual(self.server.messages[0].message.get_content_type(), "text/plain")

    def test_options_that_do_not_go_with_email(self):
        self.fail_usage("review", "--email", "--format", "json", mentions=["--format json"])
        self.fail_usage("review", "--email", "--output", "x.html", mentions=["--output"])
        self.fail_usage("review", "--to", "me@example.com", mentions=["--to"])
        self.fail_usage("review", "--email", "--to", "not an address", mentions=["--to"])
        self.assertEqual(self.server.messages, [])
