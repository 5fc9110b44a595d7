"""End-to-end tests of `mgr schedule --ics`, read back with a real iCalendar parser."""

import datetime
import os
import stat
import unittest

import icalendar

from mgr_harness import MgrTestCase

UTC = datetime.timezone.utc
LONG_NAME = " ".join(["Zoë Ångström-Überlänge"] * 4)  # long enough to be folded


def utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)


class IcsTestCase(MgrTestCase):
    # The user is in UTC, so neither person's zone is the user's.
    tz = "UTC"
    now = "2026-10-12T09:00"  # a Monday

    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice Müller, Berlin; \\team", "--day", "tue",
                        "--time", "10:00", "--tz", "Europe/Berlin", "--since", "2026-10-06")
        self.add_person("bob", "--day", "tue", "--time", "10:00", "--tz", "America/New_York",
                        "--since", "2026-10-06", "--length", "45m")

    def ics_bytes(self, *args, **kwargs):
        _, out, _ = self.run_mgr("schedule", "--ics", *args, **kwargs)
        return out.encode("utf-8", "surrogateescape")

    def events(self, data):
        calendar = icalendar.Calendar.from_ical(data)
        return [c for c in calendar.walk() if c.name == "VEVENT"]

    def starts(self, events, who):
        return [e.decoded("dtstart") for e in events if who in str(e.get("uid"))]


class DaylightSavingTest(IcsTestCase):
    def test_berlin_keeps_10_local_across_october_change(self):
        starts = self.starts(self.events(self.ics_bytes("--weeks", "4")), "alice")
        self.assertEqual(starts, [utc("2026-10-13T08:00"), utc("2026-10-20T08:00"),
                                  utc("2026-10-27T09:00"), utc("2026-11-03T09:00")])

    def test_new_york_keeps_10_local_across_november_change(self):
        starts = self.starts(self.events(self.ics_bytes("--weeks", "4")), "bob")
        self.assertEqual(starts, [utc("2026-10-13T14:00"), utc("2026-10-20T14:00"),
                                  utc("2026-10-27T14:00"), utc("2026-11-03T15:00")])

    def test_event_length(self):
        for event in self.events(self.ics_bytes("--weeks", "2")):
            length = event.decoded("dtend") - event.decoded("dtstart")
            expected = 45 if "bob" in str(event["uid"]) else 30
            self.assertEqual(length, datetime.timedelta(minutes=expected))

    def test_user_in_berlin_gets_the_same_instants(self):
        starts = self.starts(self.events(self.ics_bytes("--weeks", "4", env={"TZ": "Europe/Berlin"})),
                             "alice")
        self.assertEqual(starts[2], utc("2026-10-27T09:00"))


class FormatTest(IcsTestCase):
    def setUp(self):
        super().setUp()
        self.topic_text = "Überprüfung der Öffnungszeiten, Teil 1; see C:\\docs"
        self.run_mgr("topic", "add", "alice", self.topic_text)
        self.run_mgr("person", "add", "zoe", "--name", LONG_NAME, "--day",
                     "wed", "--time", "09:00")

    def test_crlf_and_folding(self):
        data = self.ics_bytes("--weeks", "2")
        self.assertTrue(data.startswith(b"BEGIN:VCALENDAR\r\n"))
        self.assertTrue(data.endswith(b"END:VCALENDAR\r\n"))
        self.assertNotIn(b"\n", data.replace(b"\r\n", b""))
        lines = data.split(b"\r\n")[:-1]
        self.assertTrue(any(line.startswith(b" ") for line in lines), "nothing folded")
        for line in lines:
            self.assertLessEqual(len(line), 75, line)
            line.decode("utf-8")  # a fold never splits a character

    def test_text_values_round_trip_and_no_talking_points(self):
        data = self.ics_bytes("--weeks", "2")
        events = self.events(data)
        alice = [e for e in events if "alice" in str(e["uid"])][0]
        self.assertEqual(str(alice["summary"]), "1:1 with Alice Müller, Berlin; \\team")
        zoe = [e for e in events if "zoe" in str(e["uid"])][0]
        self.assertEqual(str(zoe["summary"]), "1:1 with " + LONG_NAME)
        raw = data.decode("utf-8").replace("\r\n ", "")
        self.assertIn("SUMMARY:1:1 with Alice Müller\\, Berlin\\; \\\\team\r\n", raw)
        # The file may be shared: the talking points stay out of it.
        self.assertNotIn("Überprüfung", raw)
        self.assertNotIn("DESCRIPTION", raw)

    def test_required_properties(self):
        data = self.ics_bytes("--weeks", "2")
        calendar = icalendar.Calendar.from_ical(data)
        self.assertEqual(str(calendar["version"]), "2.0")
        self.assertIn("prodid", calendar)
        events = self.events(data)
        self.assertEqual(len(events), 6)
        for event in events:
            for prop in ("uid", "dtstamp", "dtstart", "dtend", "summary"):
                self.assertIn(prop, event)
            self.assertEqual(event.decoded("dtstamp"), utc("2026-10-12T09:00"))
        self.assertEqual(len({str(e["uid"]) for e in events}), len(events))

    def test_uids_are_stable_across_runs(self):
        first = {str(e["uid"]): e.decoded("dtstart") for e in self.events(self.ics_bytes())}
        self.assertEqual(self.ics_bytes(), self.ics_bytes())
        # The week goes on as planned: both 1:1s of Tuesday are held, and a day later every
        # other event is still there under the same UID at the same time.
        self.log("1on1", "alice", "--date", "2026-10-13", env={"MGR_NOW": "2026-10-13T12:00"})
        self.log("1on1", "bob", "--date", "2026-10-13", env={"MGR_NOW": "2026-10-13T20:00"})
        again = {str(e["uid"]): e.decoded("dtstart")
                 for e in self.events(self.ics_bytes(env={"MGR_NOW": "2026-10-14T12:00"}))}
        held = {uid for uid in first if "20261013" in uid}
        self.assertEqual(len(held), 2)
        self.assertEqual(len(first), 24)
        for uid in set(first) - held:
            self.assertEqual(again.get(uid), first[uid], uid)
        self.assertFalse(held & set(again))

    def test_all_day_event_without_a_slot_time(self):
        self.add_person("carol", "--since", "2026-10-08")
        events = self.events(self.ics_bytes("--weeks", "1"))
        carol = [e for e in events if "carol" in str(e["uid"])]
        self.assertEqual([e.decoded("dtstart") for e in carol], [datetime.date(2026, 10, 15)])
        self.assertEqual(carol[0].decoded("dtend"), datetime.date(2026, 10, 16))

    def test_overdue_slot_is_left_out_and_the_series_goes_on(self):
        # The 10-13 1:1 was never held: it lies in the past, and the next slot is still there.
        events = self.events(self.ics_bytes("--weeks", "2", env={"MGR_NOW": "2026-10-16T09:00"}))
        self.assertEqual(self.starts(events, "alice"),
                         [utc("2026-10-20T08:00"), utc("2026-10-27T09:00")])


class OutputTest(IcsTestCase):
    def test_output_file_is_private_and_complete(self):
        target = os.path.join(self.tmp, "cal", "mgr.ics")
        os.mkdir(os.path.dirname(target))
        with open(target, "w") as old:
            old.write("old content")
        os.chmod(target, 0o644)
        _, out, _ = self.run_mgr("schedule", "--ics", "--weeks", "2", "--output", target)
        self.assertIn(target, out)
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)
        self.assertEqual(os.listdir(os.path.dirname(target)), ["mgr.ics"])
        with open(target, "rb") as written:
            self.assertEqual(written.read(), self.ics_bytes("--weeks", "2"))

    def test_a_file_name_with_control_characters_is_written_but_shown_escaped(self):
        target = os.path.join(self.tmp, "cal\x1b[2J.ics")
        _, out, _ = self.run_mgr("schedule", "--ics", "--output", target)
        self.assertTrue(os.path.exists(target))
        self.assertNotIn("\x1b", out)
        self.assertIn("cal", out)

    def test_unwritable_output(self):
        before = self.db_dump_hash()
        listing = sorted(os.listdir(self.tmp))
        for target in (os.path.join(self.tmp, "missing", "mgr.ics"),
                       os.path.join(self.tmp, "config.d", "x.ics"),
                       self.tmp):
            if "config.d" in target:
                open(os.path.join(self.tmp, "config.d"), "w").close()  # a file, not a folder
                listing = sorted(os.listdir(self.tmp))
            code, out, err = self.run_mgr("schedule", "--ics", "--output", target,
                                          expect_code=1)
            self.assert_error_line(err, (target,))
            self.assertEqual(out, "")
            self.assertEqual(sorted(os.listdir(self.tmp)), listing)
        self.assertEqual(self.db_dump_hash(), before)

    def test_weeks_cap_and_bad_weeks(self):
        code, out, err = self.run_mgr("schedule", "--ics", "--weeks", "1000")
        self.assertIn("52", err)
        self.assertFalse(err.startswith("mgr: error"))
        starts = [e.decoded("dtstart") for e in self.events(out.encode())]
        self.assertLess(max(starts), utc("2027-10-12T00:00"))
        self.assertGreater(max(starts), utc("2027-09-28T00:00"))
        for value in ("0", "x", "-1"):
            self.fail_usage("schedule", "--ics", "--weeks", value, mentions=("--weeks",))

    def test_ics_excludes_days_and_format(self):
        self.fail_usage("schedule", "--ics", "--days", "3")
        self.fail_usage("schedule", "--ics", "--format", "json")
        self.fail_usage("schedule", "--output", "x.ics")


if __name__ == "__main__":
    unittest.main()
