"""mgr remind: what needs attention on a day, printed or e-mailed, against real mail servers
started on 127.0.0.1 by the tests (Debian's python3-aiosmtpd and msmtp, a line recorder)."""

import datetime
import email.utils
import json
import os
import stat
import subprocess
import time
import unittest
import zoneinfo

from mgr_harness import MGR_BIN, MgrTestCase
from smtp_servers import (Aiosmtpd, LineRecorder, count_connections, listening_socket,
                          make_certificate, processes_whose_cmdline_contains)

NOW = "2026-11-26T08:30:00"  # a Thursday; the review day is Friday
SUBJECT_DAY = "Thu 2026-11-26"
DOTS = "Dots as lines:\n.\n..x"
ZOE = "Zoë Ångström 李雷"


def content_of(message):
    """The decoded text body, with the line ends of the text (the wire's CRLF made LF)."""
    return message.get_content().replace("\r\n", "\n")


def toml_string(text):
    return json.dumps(text, ensure_ascii=False)


class RemindCase(MgrTestCase):
    now = NOW

    def write_config(self, mail=None, top=None, mode=0o600):
        lines = []
        for key, value in (top or {}).items():
            lines.append("%s = %s" % (key, toml_string(value)))
        if mail is not None:
            lines.append("[mail]")
            for key, value in mail.items():
                rendered = value if isinstance(value, int) else toml_string(value)
                lines.append("%s = %s" % (key, rendered))
        with open(self.config, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(self.config, mode)

    def smtp_config(self, port, **extra):
        mail = {"to": "me@example.com", "from": "mgr <mgr@example.com>", "transport": "smtp",
                "smtp_url": "smtp://127.0.0.1:%d" % port, "smtp_timeout": 5}
        mail.update(extra)
        self.write_config(mail)

    def make_due_items(self, action_text="Send the promotion rubric"):
        """A 1:1 due today and one of my actions due today; something logged yesterday."""
        self.add_person("alice", "--name", "Alice Nguyen", "--since", "2026-11-19")
        self.mgr("action", "add", "alice", action_text, "--due", "2026-11-26")
        self.log("note", "alice", "Planning notes", "--date", "2026-11-25")

    def remind(self, *args, **kwargs):
        return self.mgr("remind", *args, **kwargs)

    def sent_rows(self):
        if not self.db_exists():
            return []
        return self.sql("SELECT day, item FROM reminders_sent ORDER BY item")

    def assert_silent(self, code, out, err):
        self.assertEqual((code, out, err), (0, "", ""))


class RemindOutput(RemindCase):
    def test_nothing_due_prints_nothing_at_all(self):
        self.add_person("alice", "--since", "2026-11-26")  # first 1:1 next week
        self.assert_silent(*self.remind())
        sock = listening_socket()
        self.addCleanup(sock.close)
        self.smtp_config(sock.getsockname()[1])
        self.assert_silent(*self.remind("--email"))
        self.assertEqual(count_connections(sock), 0)
        self.assertEqual(self.sent_rows(), [])

    def test_text_lists_each_item_with_its_due_date(self):
        self.make_due_items()
        self.add_person("bob", "--since", "2026-11-10")  # due 11-17: overdue
        delegation = self.log("delegate", "bob", "Migrate CI", "--due", "2026-11-28",
                              "--checkin", "none", "--date", "2026-11-20")
        concern = self.log("concern", "bob", "Missed stand-ups", "--date", "2026-11-10")
        _, out, err = self.remind()
        self.assertEqual(err, "")
        self.assertEqual(out.splitlines(), [
            "What needs attention on Thu 2026-11-26:",
            "",
            "- 1:1 with bob, overdue 9 days (due Tue 2026-11-17)",
            "- 1:1 with Alice Nguyen (alice), due today",
            "- delegation #%d to bob, due in 2 days (Sat 2026-11-28): Migrate CI" % delegation,
            "- your action #1 (with alice), due today: Send the promotion rubric",
            # Wrapped to 80 columns under its own text.
            "- concern #%d about bob, no conversation in 16 days (opened Tue 2026-11-10):"
            % concern,
            "  Missed stand-ups",
        ])
        # Friday is the review day; with nothing logged after Wednesday, the third workday
        # after it (Tuesday) nudges.
        _, friday, _ = self.remind("--date", "2026-11-27")
        self.assertIn("run `mgr review`", friday)
        self.assertNotIn("Nothing logged", friday)
        _, monday, _ = self.remind("--date", "2026-11-30")
        self.assertNotIn("Nothing logged", monday)
        _, tuesday, _ = self.remind("--date", "2026-12-01")
        self.assertIn("Nothing logged since Wed 2026-11-25", tuesday)
        self.assertNotIn("mgr review", tuesday)

    def test_json_lists_items_with_the_contract_keys(self):
        self.make_due_items()
        items = self.run_json("remind", "--format", "json")
        self.assertEqual([i["kind"] for i in items], ["1on1", "action"])
        for item in items:
            self.assertLessEqual({"kind", "person", "id", "due", "overdue_days", "text"}, set(item))
        self.assertEqual(items[0]["person"], "alice")
        self.assertIsNone(items[0]["id"])
        self.assertEqual(items[1], dict(items[1], id=1, due="2026-11-26", overdue_days=0,
                                        text="Send the promotion rubric", person="alice"))
        # A day with nothing to say is still a JSON document: an empty list.
        self.assertEqual(self.run_json("remind", "--format", "json", "--date", "2026-11-19"), [])

    def test_stored_control_characters_are_shown_escaped(self):
        self.add_person("alice", "--since", "2026-11-19")
        self.mgr("action", "add", "alice", "Beware \x1b[31mred\u202e", "--due", "2026-11-26")
        _, out, _ = self.remind()
        self.assertIn("Beware \\x1b[31mred\\u202e", out)
        self.assertNotIn("\x1b", out)

    def test_dry_run_prints_the_exact_message_and_records_nothing(self):
        self.make_due_items()
        self.write_config({"to": "me@example.com", "from": ZOE + " <zoe@example.com>"})
        code, out, err = self.mgr("remind", "--dry-run")
        raw = out.encode("utf-8", "surrogateescape")
        self.assertEqual(err, "")
        self.assertNotIn(b"\n", raw.replace(b"\r\n", b""))  # CRLF line ends only
        message = email.message_from_bytes(raw, policy=email.policy.default)
        self.assertEqual(message["From"].addresses[0].display_name, ZOE)
        self.assertEqual(str(message["Subject"]), "mgr %s: 1 1:1, 1 action" % SUBJECT_DAY)
        self.assertEqual(self.sent_rows(), [])
        # a second dry run composes a new Message-ID
        _, again, _ = self.mgr("remind", "--dry-run")
        second = email.message_from_bytes(again.encode(), policy=email.policy.default)
        self.assertNotEqual(message["Message-ID"], second["Message-ID"])

    def test_options_that_only_make_sense_with_email(self):
        self.make_due_items()
        self.fail_usage("remind", "--to", "me@example.com", mentions=["--to"])
        self.fail_usage("remind", "--email", "--format", "json", mentions=["--format json"])
        self.fail_usage("remind", "--email", mentions=["no recipient"])
        self.fail_usage("remind", "--date", "2026-02-30", mentions=["2026-02-30"])


class RemindSmtp(RemindCase):
    def server(self, **kwargs):
        server = Aiosmtpd(**kwargs)
        server.__enter__()
        self.addCleanup(server.__exit__)
        return server

    def test_message_arrives_and_every_header_decodes_to_the_original(self):
        self.make_due_items(action_text=DOTS)
        server = self.server()
        prefix = ("Erinnerung für " + ZOE + " — ")
        prefix += "x" * (200 - len(prefix))
        self.assertEqual(len(prefix), 200)
        self.write_config({"to": "Me Myself <me@example.com>", "from": ZOE + " <zoe@example.com>",
                           "subject": prefix, "transport": "smtp",
                           "smtp_url": "smtp://127.0.0.1:%d" % server.port},
                          top={"timezone": "Europe/Berlin"})
        self.assert_silent(*self.remind("--email"))
        self.assertEqual(len(server.messages), 1)
        received = server.messages[0]
        self.assertEqual(received.mail_from, "zoe@example.com")
        self.assertEqual(received.rcpt_tos, ["me@example.com"])
        msg = received.message
        sender = msg["From"].addresses[0]
        self.assertEqual((sender.display_name, sender.addr_spec), (ZOE, "zoe@example.com"))
        recipient = msg["To"].addresses[0]
        self.assertEqual((recipient.display_name, recipient.addr_spec),
                         ("Me Myself", "me@example.com"))
        self.assertEqual(str(msg["Subject"]), prefix + " %s: 1 1:1, 1 action" % SUBJECT_DAY)
        self.assertEqual(msg["Date"], "Thu, 26 Nov 2026 08:30:00 +0100")
        self.assertEqual(email.utils.parsedate_to_datetime(msg["Date"]),
                         datetime.datetime(2026, 11, 26, 7, 30, tzinfo=datetime.timezone.utc))
        self.assertRegex(msg["Message-ID"], r"^<[^<>@\s]+@example\.com>$")
        self.assertEqual(msg["MIME-Version"], "1.0")
        self.assertEqual(msg.get_content_type(), "text/plain")
        self.assertEqual(msg.get_content_charset(), "utf-8")
        self.assertEqual(msg["Content-Transfer-Encoding"], "quoted-printable")
        for line in received.data.split(b"\r\n"):
            self.assertLessEqual(len(line), 998)
        body = content_of(msg)
        self.assertIn("\n.\n..x\n", body)
        self.assertIn("- your action #1 (with alice), due today: Dots as lines:", body)
        self.assertIn("- 1:1 with Alice Nguyen (alice), due today", body)
        self.assertEqual(sorted(item for _, item in self.sent_rows()),
                         ["1on1:2026-11-26", "action:1"])

    def test_a_rerun_sends_only_what_is_new_and_force_resends(self):
        self.make_due_items()
        server = self.server()
        self.smtp_config(server.port)
        self.assert_silent(*self.remind("--email"))
        self.assert_silent(*self.remind("--email"))
        self.assertEqual(len(server.messages), 1)
        self.mgr("action", "add", "alice", "Book the offsite", "--due", "2026-11-26")
        self.assert_silent(*self.remind("--email"))
        self.assertEqual(len(server.messages), 2)
        second = server.messages[1].message
        self.assertEqual(str(second["Subject"]), "mgr %s: 1 action" % SUBJECT_DAY)
        self.assertIn("Book the offsite", content_of(second))
        self.assertNotIn("promotion rubric", content_of(second))
        self.assert_silent(*self.remind("--email", "--force"))
        self.assertEqual(len(server.messages), 3)
        self.assertEqual(str(server.messages[2].message["Subject"]),
                         "mgr %s: 1 1:1, 2 actions" % SUBJECT_DAY)
        # the next day is a new day
        self.assert_silent(*self.remind("--email", env={"MGR_NOW": "2026-11-27T08:30"}))
        self.assertEqual(len(server.messages), 4)

    def assert_pending_then_sent_once(self, server):
        self.assertEqual(self.sent_rows(), [])
        server.rcpt_reply = server.data_reply = None
        self.assert_silent(*self.remind("--email"))
        self.assert_silent(*self.remind("--email"))
        self.assertEqual(len(server.messages), 1)
        self.assertEqual(str(server.messages[0].message["Subject"]),
                         "mgr %s: 1 1:1, 1 action" % SUBJECT_DAY)

    def test_a_421_is_temporary_and_the_next_run_sends_everything_once(self):
        self.make_due_items()
        server = self.server()
        server.data_reply = "421 4.3.2 Service shutting down, try later"
        self.smtp_config(server.port)
        _, out, err = self.remind("--email", expect_code=75)
        self.assertEqual(out, "")
        self.assertIn("421", err)
        self.assert_pending_then_sent_once(server)

    def test_a_550_is_permanent_and_the_next_run_sends_everything_once(self):
        self.make_due_items()
        server = self.server()
        server.rcpt_reply = "550 5.1.1 No such user here"
        self.smtp_config(server.port)
        _, _, err = self.remind("--email", expect_code=1)
        self.assertIn("550 5.1.1 No such user here", err)
        self.assert_pending_then_sent_once(server)

    def test_no_server_is_temporary_and_the_next_run_sends_everything_once(self):
        self.make_due_items()
        server = Aiosmtpd()  # its port, with nothing listening yet
        self.smtp_config(server.port)
        _, _, err = self.remind("--email", expect_code=75)
        self.assertIn("127.0.0.1:%d" % server.port, err)
        with server:
            self.assert_pending_then_sent_once(server)

    def test_a_server_that_never_answers_times_out_as_temporary(self):
        self.make_due_items()
        sock = listening_socket()
        self.addCleanup(sock.close)
        self.smtp_config(sock.getsockname()[1], smtp_timeout=1)
        started = time.monotonic()
        self.remind("--email", expect_code=75)
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(self.sent_rows(), [])

    def test_starttls_with_a_self_signed_certificate_and_login(self):
        self.make_due_items()
        certificate = make_certificate(self.tmp)
        server = self.server(certificate=certificate, login=("me@example.com", "pa55 wörd"))
        password_file = os.path.join(self.tmp, "smtp-password")
        with open(password_file, "w", encoding="utf-8") as f:
            f.write("pa55 wörd\n")
        os.chmod(password_file, 0o600)
        settings = dict(smtp_user="me@example.com", smtp_password_file="~/smtp-password",
                        smtp_tls="required")
        # The certificate is not trusted by default: nothing is sent.
        self.smtp_config(server.port, **settings)
        _, _, err = self.remind("--email", expect_code=1)
        self.assertIn("certificate", err)
        self.assertEqual(server.messages, [])
        self.assertEqual(server.logins, [])
        # Trusted through smtp_ca_file: delivered over TLS after logging in.
        self.smtp_config(server.port, smtp_ca_file=certificate[0], **settings)
        self.assert_silent(*self.remind("--email"))
        self.assertEqual(len(server.messages), 1)
        self.assertTrue(server.messages[0].tls)
        self.assertEqual(server.logins, [("me@example.com", "pa55 wörd")])

    def test_loopback_uses_starttls_when_offered(self):
        self.make_due_items()
        certificate = make_certificate(self.tmp)
        server = self.server(certificate=certificate)
        self.write_config({"to": "me@example.com", "transport": "smtp",
                           "smtp_url": "smtp://localhost:%d" % server.port,
                           "smtp_ca_file": certificate[0]})
        self.assert_silent(*self.remind("--email"))
        self.assertTrue(server.messages[0].tls)

    def test_no_starttls_while_tls_is_required_sends_no_auth(self):
        self.make_due_items()
        with LineRecorder() as recorder:
            self.smtp_config(recorder.port, smtp_tls="required", smtp_user="me@example.com")
            _, _, err = self.remind("--email", expect_code=75,
                                    env={"MGR_SMTP_PASSWORD": "never-sent"})
            self.assertIn("STARTTLS", err)
        self.assertEqual(recorder.connections, 1)
        verbs = [line.split(" ")[0].upper() for line in recorder.lines]
        self.assertIn("EHLO", verbs)
        self.assertNotIn("AUTH", verbs)
        self.assertNotIn("MAIL", verbs)
        self.assertFalse(any("never-sent" in line for line in recorder.lines))
        self.assertEqual(self.sent_rows(), [])

    def test_the_password_never_appears_in_argv_the_database_or_any_output(self):
        self.make_due_items()
        certificate = make_certificate(self.tmp)
        secret = "Sekr1t-%d-pw" % os.getpid()
        server = self.server(certificate=certificate, login=("me@example.com", secret))
        seen_in_argv = []
        server.during_data = lambda: seen_in_argv.extend(
            processes_whose_cmdline_contains(secret.encode()))
        base = dict(smtp_user="me@example.com", smtp_ca_file=certificate[0])
        outputs = []
        secret_file = os.path.join(self.tmp, "secret")
        with open(secret_file, "w") as f:
            f.write(secret + "\n")
        os.chmod(secret_file, 0o600)
        runs = [
            (dict(smtp_password_file=secret_file), {}),
            (dict(smtp_password_command="cat '%s'" % secret_file), {}),
            ({}, {"MGR_SMTP_PASSWORD": secret}),
        ]
        for extra, env in runs:
            self.smtp_config(server.port, **base, **extra)
            outputs.append(self.remind("--email", "--force", env=env))
            outputs.append(self.mgr("config", env=env))
            outputs.append(self.mgr("config", "--format", "json", env=env))
            outputs.append(self.remind("--dry-run", env=env))
        self.assertEqual(len(server.messages), 3)
        self.assertEqual(server.logins, [("me@example.com", secret)] * 3)
        self.assertEqual(seen_in_argv, [])
        for _, out, err in outputs:
            self.assertNotIn(secret, out + err)
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                with open(self.db + suffix, "rb") as f:
                    self.assertNotIn(secret.encode(), f.read())

    def test_a_password_file_readable_by_others_is_refused_before_connecting(self):
        self.make_due_items()
        sock = listening_socket()
        self.addCleanup(sock.close)
        password_file = os.path.join(self.tmp, "smtp-password")
        with open(password_file, "w") as f:
            f.write("secret\n")
        os.chmod(password_file, 0o644)
        self.smtp_config(sock.getsockname()[1], smtp_user="me",
                         smtp_password_file=password_file)
        err = self.fail_usage("remind", "--email", mentions=[password_file, "0644"])
        self.assertNotIn("secret", err)
        self.assertEqual(count_connections(sock), 0)

    def test_config_masks_a_password_in_the_url_and_warns_when_others_can_read_it(self):
        self.write_config({"transport": "smtp", "smtp_url": "smtps://me:hunter2@mail.example:465"},
                          mode=0o644)
        _, out, err = self.mgr("config")
        self.assertNotIn("hunter2", out + err)
        self.assertIn("smtps://me:***@mail.example:465", out)
        self.assertIn("readable by group or others", err)
        doc = self.run_json("config", "--format", "json")
        self.assertEqual(doc["mail.smtp_url"]["value"], "smtps://me:***@mail.example:465")
        os.chmod(self.config, 0o600)
        _, _, err = self.mgr("config")
        self.assertEqual(err, "")

    def test_config_shows_the_mail_settings_and_refuses_wrong_ones(self):
        self.write_config({"subject": "Team", "smtp_ca_file": "~/ca.pem", "smtp_tls": "required",
                           "smtp_timeout": 7})
        doc = self.run_json("config", "--format", "json")
        for key, value in (("mail.subject", "Team"), ("mail.smtp_ca_file", "~/ca.pem"),
                           ("mail.smtp_tls", "required"), ("mail.smtp_timeout", "7")):
            self.assertEqual(doc[key], {"value": value, "source": "file"})
        for bad in ({"smtp_tls": "maybe"}, {"smtp_timeout": 0}, {"smtp_timeout": "7"},
                    {"smtp_retries": 3}):
            self.write_config(bad)
            key = "mail." + list(bad)[0]
            self.fail_usage("config", mentions=[self.config, ":2:", key])

    def test_two_runs_started_at_once_deliver_one_message(self):
        self.make_due_items()
        server = self.server()
        server.data_delay = 0.5  # the first run is still sending when the second is ready
        self.smtp_config(server.port)
        self.remind("--dry-run")  # migrates the new database first, so both runs start equal
        env = dict(self.env)
        runs = [subprocess.Popen([MGR_BIN, "remind", "--email"], env=env, cwd=self.tmp,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
        results = [(run.wait(30), run.stdout.read(), run.stderr.read()) for run in runs]
        for run in runs:
            run.stdout.close()
            run.stderr.close()
        self.assertEqual(results, [(0, b"", b""), (0, b"", b"")])
        self.assertEqual(len(server.messages), 1)
        lock = self.db + ".remind.lock"
        self.assertEqual(stat.S_IMODE(os.stat(lock).st_mode), 0o600)


class RemindSendmail(RemindCase):
    def fake_sendmail(self, status):
        """A sendmail stand-in: records that it ran and exits with `status`."""
        program = os.path.join(self.tmp, "fake-sendmail")
        with open(program, "w") as f:
            f.write("#!/bin/sh\ncat > \"$0.input\"\nprintf '%%s\\n' \"$@\" > \"$0.args\"\n"
                    "exit %d\n" % status)
        os.chmod(program, 0o700)
        return program

    def test_msmtp_delivers_to_the_smtp_server(self):
        self.make_due_items(action_text=DOTS)
        server = Aiosmtpd()
        with server:
            with open(os.path.join(self.tmp, ".msmtprc"), "w") as f:
                f.write("defaults\nauth off\ntls off\n\naccount default\nhost 127.0.0.1\n"
                        "port %d\nfrom zoe@example.com\n" % server.port)
            os.chmod(os.path.join(self.tmp, ".msmtprc"), 0o600)
            self.write_config({"to": "me@example.com", "from": ZOE + " <zoe@example.com>",
                               "sendmail": "/usr/bin/msmtp"})
            self.assert_silent(*self.remind("--email"))
            self.assert_silent(*self.remind("--email"))
        self.assertEqual(len(server.messages), 1)
        received = server.messages[0]
        self.assertEqual(received.rcpt_tos, ["me@example.com"])
        msg = received.message
        self.assertEqual(msg["From"].addresses[0].display_name, ZOE)
        self.assertEqual(str(msg["Subject"]), "mgr %s: 1 1:1, 1 action" % SUBJECT_DAY)
        self.assertIn("\n.\n..x\n", content_of(msg))

    def test_sendmail_gets_the_recipient_after_a_double_dash(self):
        self.make_due_items()
        program = self.fake_sendmail(0)
        self.write_config({"to": "me@example.com", "sendmail": program})
        self.assert_silent(*self.remind("--email"))
        with open(program + ".args") as f:
            self.assertEqual(f.read(), "-oi\n--\nme@example.com\n")
        with open(program + ".input", "rb") as f:
            self.assertIn(b"\r\nSubject: mgr Thu 2026-11-26: 1 1:1, 1 action\r\n", f.read())

    def test_sendmail_exit_status_decides_the_exit_code_and_nothing_is_lost(self):
        self.make_due_items()
        for status, code in ((75, 75), (69, 1)):
            program = self.fake_sendmail(status)
            self.write_config({"to": "me@example.com", "sendmail": program})
            _, _, err = self.remind("--email", expect_code=code)
            self.assertIn("exit status %d" % status, err)
            self.assertEqual(self.sent_rows(), [])
        self.write_config({"to": "me@example.com",
                           "sendmail": os.path.join(self.tmp, "no-such-program")})
        self.remind("--email", expect_code=1)
        program = self.fake_sendmail(0)
        self.write_config({"to": "me@example.com", "sendmail": program})
        self.assert_silent(*self.remind("--email"))
        self.assertEqual(len(self.sent_rows()), 2)
        os.remove(program + ".input")
        self.assert_silent(*self.remind("--email"))
        self.assertFalse(os.path.exists(program + ".input"))


class RemindInjection(RemindCase):
    BAD_RECIPIENTS = ["a@x>\r\nRCPT TO:<evil@x>", "-oQ/tmp/x", "me@example.com\nBcc: evil@x",
                      "me@example.com, evil@x", "Me <me@example.com> <evil@x>", "a\x00@x"]

    def assert_refused(self, args, program=None, sock=None):
        self.fail_usage("remind", *args)
        if sock is not None:
            self.assertEqual(count_connections(sock), 0)
        if program is not None:
            self.assertFalse(os.path.exists(program + ".ran"), "the program was started")

    def test_crafted_values_are_refused_before_any_connection(self):
        self.make_due_items()
        sock = listening_socket()
        self.addCleanup(sock.close)
        port = sock.getsockname()[1]
        for bad in self.BAD_RECIPIENTS:
            if "\x00" in bad:
                continue  # an argument cannot hold a NUL; the config can
            self.smtp_config(port)
            self.assert_refused(["--email", "--to", bad], sock=sock)
        for key, value in (("to", "me@example.com\r\nRCPT TO:<evil@x>"), ("to", "a\x00@x"),
                           ("subject", "Hello\nBcc: evil@example.com"),
                           ("from", "Eve <eve@example.com>\r\nBcc: evil@x"),
                           ("from", "-oQ/tmp/x")):
            self.smtp_config(port, **{key: value})
            self.assert_refused(["--email"], sock=sock)
            self.assert_refused(["--dry-run"], sock=sock)
        self.assertEqual(self.sent_rows(), [])

    def test_crafted_values_never_start_sendmail(self):
        self.make_due_items()
        program = os.path.join(self.tmp, "sendmail")
        with open(program, "w") as f:
            f.write("#!/bin/sh\ntouch \"$0.ran\"\ncat >/dev/null\n")
        os.chmod(program, 0o700)
        for bad in self.BAD_RECIPIENTS:
            if "\x00" in bad:
                continue
            self.write_config({"to": "me@example.com", "sendmail": program})
            self.assert_refused(["--email", "--to", bad], program=program)
        self.write_config({"to": "me@example.com", "sendmail": program,
                           "subject": "Hi\r\nBcc: evil@x"})
        self.assert_refused(["--email"], program=program)


class RemindFromCron(RemindCase):
    ZONE = "Pacific/Kiritimati"  # UTC+14: its date differs from UTC's for half of each day

    def test_cron_environment_gives_the_same_result_as_the_shell(self):
        home = self.tmp
        config_dir = os.path.join(home, ".config", "mgr")
        os.makedirs(config_dir)
        self.config = os.path.join(config_dir, "config.toml")
        self.db = os.path.join(home, ".local", "share", "mgr", "mgr.db")
        server = Aiosmtpd()
        server.__enter__()
        self.addCleanup(server.__exit__)
        self.write_config({"to": "me@example.com", "transport": "smtp",
                           "smtp_url": "smtp://127.0.0.1:%d" % server.port},
                          top={"timezone": self.ZONE})
        # The user's shell: XDG variables set (to the defaults), another TZ, the real clock.
        shell = {"MGR_DB": None, "MGR_CONFIG": None, "MGR_NOW": None,
                 "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
                 "XDG_CONFIG_HOME": os.path.join(home, ".config"), "TZ": "America/Los_Angeles"}
        today = datetime.datetime.now(zoneinfo.ZoneInfo(self.ZONE)).date().isoformat()
        self.mgr("person", "add", "alice", env=shell)
        self.mgr("action", "add", "alice", "Send the rubric", "--due", today, env=shell)
        _, from_shell, _ = self.mgr("remind", env=shell)
        self.assertIn("your action #1 (with alice), due today: Send the rubric", from_shell)

        # cron: an almost empty environment, no terminal, no standard input.
        proc = subprocess.run(
            ["env", "-i", "HOME=" + home, "PATH=/usr/bin:/bin", "sh", "-c",
             'exec "$0" "$@" 0<&-', MGR_BIN, "remind", "--email"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, timeout=30,
            cwd="/")
        self.assertEqual((proc.returncode, proc.stdout, proc.stderr), (0, b"", b""))
        self.assertEqual(len(server.messages), 1)
        body = content_of(server.messages[0].message)
        self.assertTrue(body.startswith(from_shell), body)
        self.assertEqual(self.sql("SELECT day FROM reminders_sent LIMIT 1"), [(today,)])


if __name__ == "__main__":
    unittest.main()
