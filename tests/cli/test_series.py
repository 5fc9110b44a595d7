"""The 1:1 series end to end: the reproductions of the series rule, skip and move, and the .ics a
calendar follows (parsed with python3-icalendar and imported into calcurse)."""

import datetime
import os
import shutil
import subprocess
import tempfile

import icalendar

from mgr_harness import MgrTestCase

UTC = datetime.timezone.utc


def utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC)


class SeriesTestCase(MgrTestCase):
    tz = "Europe/Berlin"

    def one_on_ones(self, who, *args, **kwargs):
        items = self.run_json("schedule", "--format", "json", *args, **kwargs)
        return [i for i in items if i["kind"] == "1on1" and i["person"] == who]

    def ics(self, *args, **kwargs):
        _, out, _ = self.run_mgr("schedule", "--ics", *args, **kwargs)
        return out.encode("utf-8")

    def events(self, data):
        return [c for c in icalendar.Calendar.from_ical(data).walk() if c.name == "VEVENT"]


class Reproductions(SeriesTestCase):
    """Each case the field test found, now right."""

    def test_a_late_one_on_one_keeps_the_weekly_rhythm(self):
        self.add_person("t", "--day", "thu", "--since", "2026-10-01",
                        env={"MGR_NOW": "2026-10-01T09:00"})
        self.log("1on1", "t", "--date", "2026-10-08", env={"MGR_NOW": "2026-10-08T12:00"})
        self.log("1on1", "t", "held a day late", env={"MGR_NOW": "2026-10-16T12:00"})
        dates = [i["date"] for i in self.one_on_ones("t", env={"MGR_NOW": "2026-10-17T09:00"})]
        self.assertEqual(dates[:2], ["2026-10-22", "2026-10-29"])

    def test_a_cancelled_one_on_one_does_not_hide_the_next_slot(self):
        env = {"MGR_NOW": "2026-10-26T11:00"}
        self.add_person("c", "--day", "mon", "--time", "10:00", "--since", "2026-10-19", env=env)
        self.log("1on1", "c", "held", env=env)
        self.log("1on1", "c", "--cancelled", "sick", env={"MGR_NOW": "2026-11-02T11:00"})
        data = self.ics("--weeks", "3", env={"MGR_NOW": "2026-11-03T09:00"})
        uids = [str(e["uid"]) for e in self.events(data)]
        self.assertEqual(uids, ["1on1-c-20261109@mgr", "1on1-c-20261116@mgr",
                                "1on1-c-20261123@mgr"])
        items = self.one_on_ones("c", env={"MGR_NOW": "2026-11-03T09:00"})
        self.assertEqual([(i["date"], i["status"], i["due"]) for i in items[:2]],
                         [("2026-11-03", "overdue", "2026-11-02"), ("2026-11-09", "due", "2026-11-09")])

    def test_one_day_away_on_the_slot_day_moves_it_to_the_next_workday(self):
        env = {"MGR_NOW": "2026-11-05T09:00"}
        self.add_person("la", "--day", "thu", "--time", "08:30", "--tz", "America/Los_Angeles",
                        "--since", "2026-11-05", env=env)
        self.log("1on1", "la", "--date", "2026-11-05", env={"MGR_NOW": "2026-11-06T09:00"})
        self.run_mgr("person", "away", "la", "--from", "2026-11-12", "--to", "2026-11-12",
                     env=env)
        items = self.one_on_ones("la", "--days", "14", env={"MGR_NOW": "2026-11-09T09:00"})
        self.assertEqual([(i["date"], i["time"], i["their_time"], i["status"]) for i in items],
                         [("2026-11-13", "17:30", "08:30", "moved"),
                          ("2026-11-19", "17:30", "08:30", "due")])

    def test_monthly_on_a_weekday_has_one_every_month(self):
        env = {"MGR_NOW": "2027-01-31T09:00"}
        self.add_person("m", "--cadence", "monthly", "--since", "2027-01-31", "--day", "fri",
                        "--time", "10:00", env=env)
        data = self.ics("--weeks", "52", env=env)
        months = [e.decoded("dtstart").strftime("%Y-%m-%d") for e in self.events(data)]
        self.assertEqual(months, ["2027-02-05", "2027-03-05", "2027-04-02", "2027-05-07",
                                  "2027-06-04", "2027-07-02", "2027-08-06", "2027-09-03",
                                  "2027-10-01", "2027-11-05", "2027-12-03", "2028-01-07"])

    def test_a_rolling_cadence_never_falls_due_on_a_weekend(self):
        self.add_person("r", "--cadence", "biweekly", env={"MGR_NOW": "2026-11-07T09:00"})
        items = self.one_on_ones("r", "--days", "60", env={"MGR_NOW": "2026-11-23T09:00"})
        self.assertEqual((items[0]["date"], items[0]["overdue_days"], items[0]["status"]),
                         ("2026-11-23", 0, "due"))
        for item in items:
            day = datetime.date.fromisoformat(item["date"])
            self.assertLess(day.weekday(), 5, item)
        data = self.ics("--weeks", "8", env={"MGR_NOW": "2026-11-23T09:00"})
        for event in self.events(data):
            self.assertLess(event.decoded("dtstart").weekday(), 5)

    def test_workdays_from_the_config(self):
        with open(self.config, "w") as config:
            config.write('workdays = ["sun", "mon", "tue", "wed", "thu"]\n')
        self.add_person("r", env={"MGR_NOW": "2026-11-13T09:00"})  # weekly from a Friday
        items = self.one_on_ones("r", env={"MGR_NOW": "2026-11-16T09:00"})
        self.assertEqual(items[0]["date"], "2026-11-22")  # Fri 11-20 -> Sun 11-22
        _, out, _ = self.run_mgr("config")
        self.assertIn("mon,tue,wed,thu,sun", out)

    def test_a_new_persons_first_one_on_one_is_the_first_slot(self):
        env = {"MGR_NOW": "2026-11-24T09:00"}  # a Tuesday
        self.add_person("n", "--cadence", "monthly", "--day", "thu", "--time", "11:00", env=env)
        items = self.one_on_ones("n", env=env)
        self.assertEqual((items[0]["date"], items[0]["time"]), ("2026-11-26", "11:00"))
        self.add_person("w", "--day", "tue", env=env)
        self.assertEqual(self.one_on_ones("w", env=env)[0]["date"], "2026-11-24")

    def test_three_missed_weeks_are_one_overdue_item(self):
        self.add_person("t", "--day", "thu", "--since", "2026-10-01",
                        env={"MGR_NOW": "2026-10-01T09:00"})
        self.log("1on1", "t", env={"MGR_NOW": "2026-10-01T12:00"})
        items = self.one_on_ones("t", env={"MGR_NOW": "2026-10-23T09:00"})
        self.assertEqual([(i["date"], i["status"], i["missed"], i["overdue_days"])
                          for i in items[:2]],
                         [("2026-10-23", "overdue", 3, 15), ("2026-10-29", "due", 0, 0)])
        _, out, _ = self.run_mgr("today", env={"MGR_NOW": "2026-10-23T09:00"})
        self.assertIn("overdue 15 days (due Thu 2026-10-08), 3 missed", out)


class CalendarFollows(SeriesTestCase):
    """The .ics of a series with a move, a skip, a cancellation and time away."""

    now = "2026-10-19T09:00"  # a Monday; Berlin changes clocks on 10-25, New York on 11-01

    def setUp(self):
        super().setUp()
        self.add_person("ny", "--name", "Nia York", "--day", "tue", "--time", "09:00", "--tz",
                        "America/New_York", "--since", "2026-10-20")
        self.add_person("be", "--name", "Ben Erlin", "--day", "wed", "--time", "10:00",
                        "--since", "2026-10-21")

    def by_uid(self, data):
        return {str(e["uid"]): e for e in self.events(data)}

    def test_every_start_in_utc_and_right_across_the_changes(self):
        data = self.ics("--weeks", "3")
        starts = {uid: e.decoded("dtstart") for uid, e in self.by_uid(data).items()}
        self.assertEqual(starts["1on1-ny-20261020@mgr"], utc("2026-10-20T13:00"))  # EDT
        self.assertEqual(starts["1on1-ny-20261027@mgr"], utc("2026-10-27T13:00"))  # still EDT
        self.assertEqual(starts["1on1-ny-20261103@mgr"], utc("2026-11-03T14:00"))  # EST
        self.assertEqual(starts["1on1-be-20261021@mgr"], utc("2026-10-21T08:00"))  # CEST
        self.assertEqual(starts["1on1-be-20261028@mgr"], utc("2026-10-28T09:00"))  # CET
        raw = data.decode()
        for line in raw.split("\r\n"):
            if line.startswith("DTSTART"):
                self.assertRegex(line, r"^DTSTART:\d{8}T\d{6}Z$")
        self.assertNotIn("\n", raw.replace("\r\n", ""))
        for line in data.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)

    def test_a_move_keeps_the_uid_with_a_new_start_and_a_higher_sequence(self):
        before = self.by_uid(self.ics("--weeks", "3"))["1on1-be-20261028@mgr"]
        self.run_mgr("schedule", "move", "be", "--from", "2026-10-28", "--to", "2026-10-29",
                     "--time", "14:00")
        after = self.by_uid(self.ics("--weeks", "3"))["1on1-be-20261028@mgr"]
        self.assertEqual(after.decoded("dtstart"), utc("2026-10-29T13:00"))
        self.assertGreater(int(after["sequence"]), int(before["sequence"]))
        self.assertEqual(str(after["status"]), "CONFIRMED")
        # Moved again, without a time: newer still, at the slot's own time of day.
        self.run_mgr("schedule", "move", "be", "--from", "2026-10-28", "--to", "2026-10-30")
        again = self.by_uid(self.ics("--weeks", "3"))["1on1-be-20261028@mgr"]
        self.assertGreater(int(again["sequence"]), int(after["sequence"]))
        self.assertEqual(again.decoded("dtstart"), utc("2026-10-30T09:00"))

    def test_skipped_cancelled_and_dropped_occurrences_are_cancelled_events(self):
        self.run_mgr("schedule", "skip", "ny", "--date", "2026-10-27", "--reason", "offsite")
        self.run_mgr("person", "away", "be", "--from", "2026-11-02", "--to", "2026-11-04")
        self.log("1on1", "be", "--cancelled", "--date", "2026-10-21",
                 env={"MGR_NOW": "2026-10-21T12:00"})
        events = self.by_uid(self.ics("--weeks", "3", env={"MGR_NOW": "2026-10-21T12:00"}))
        skipped = events["1on1-ny-20261027@mgr"]
        self.assertEqual((str(skipped["status"]), int(skipped["sequence"])), ("CANCELLED", 1))
        cancelled = events["1on1-be-20261021@mgr"]
        self.assertEqual(str(cancelled["status"]), "CANCELLED")
        # Away Mon-Wed: Wednesday's 1:1 moves to Thursday, before the next regular one.
        moved = events["1on1-be-20261104@mgr"]
        self.assertEqual((str(moved["status"]), moved.decoded("dtstart")),
                         ("CONFIRMED", utc("2026-11-05T09:00")))
        for uid, event in events.items():
            if uid not in ("1on1-ny-20261027@mgr", "1on1-be-20261021@mgr"):
                self.assertEqual(str(event["status"]), "CONFIRMED", uid)

    def test_a_calendar_program_imports_it(self):
        self.run_mgr("schedule", "move", "be", "--from", "2026-10-28", "--to", "2026-10-29",
                     "--time", "15:00")
        target = os.path.join(self.tmp, "1on1s.ics")
        self.run_mgr("schedule", "--ics", "--weeks", "2", "--output", target)
        data_dir = tempfile.mkdtemp(dir=self.tmp)
        env = {"TZ": "Europe/Berlin", "HOME": self.tmp, "PATH": os.environ["PATH"]}
        calcurse = shutil.which("calcurse")
        self.assertIsNotNone(calcurse, "calcurse is not installed")
        subprocess.run([calcurse, "-D", data_dir, "-i", target], env=env, check=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        shown = subprocess.run([calcurse, "-D", data_dir, "-Q", "--from", "10/19/2026",
                                "--days", "14", "--format-apt", "%S %E %m\\n"],
                               env=env, check=True, stdout=subprocess.PIPE).stdout.decode()
        # Local times in Berlin: New York 09:00 is 15:00 until 10-25, then 14:00 until 11-01.
        expected = ["10/20/26:", "15:00 15:30 1:1 with Nia York",
                    "10/21/26:", "10:00 10:30 1:1 with Ben Erlin",
                    "10/27/26:", "14:00 14:30 1:1 with Nia York",
                    "10/29/26:", "15:00 15:30 1:1 with Ben Erlin"]
        self.assertEqual([line for line in shown.splitlines() if line.strip()], expected)
