"""The clock and the user's time zone: MGR_NOW forms and local dates."""

import unittest

from mgr_harness import MgrTestCase


class LocalDates(MgrTestCase):
    def date_logged(self, now, tz, *extra):
        eid = self.log("note", "x", *extra, env={"MGR_NOW": now, "TZ": tz})
        return self.entry(eid)["date"]

    def test_late_evening_wall_time_in_los_angeles(self):
        self.assertEqual(self.date_logged("2026-11-26T23:30:00", "America/Los_Angeles"),
                         "2026-11-26")

    def test_utc_instant_is_still_the_26th_in_los_angeles(self):
        # 07:30Z on the 27th is 23:30 on the 26th in Los Angeles (PST, UTC-8)
        self.assertEqual(self.date_logged("2026-11-27T07:30:00Z", "America/Los_Angeles"),
                         "2026-11-26")

    def test_same_instant_is_the_27th_in_berlin(self):
        self.assertEqual(self.date_logged("2026-11-27T07:30:00Z", "Europe/Berlin"), "2026-11-27")

    def test_offset_form(self):
        # 2026-11-26T23:30-08:00 = 2026-11-27T07:30Z
        self.assertEqual(self.date_logged("2026-11-26T23:30:00-08:00", "Europe/Berlin"),
                         "2026-11-27")
        self.assertEqual(self.date_logged("2026-11-27T01:00+01:00", "UTC"), "2026-11-27")
        self.assertEqual(self.date_logged("2026-11-27T00:30+01:00", "UTC"), "2026-11-26")

    def test_date_only_and_minutes_only(self):
        self.assertEqual(self.date_logged("2026-11-26", "Pacific/Kiritimati"), "2026-11-26")
        self.assertEqual(self.date_logged("2026-11-26T23:59", "Asia/Tokyo"), "2026-11-26")

    def test_relative_dates_use_the_local_day(self):
        # In Los Angeles it is still Thursday the 26th, so `yesterday` is the 25th
        self.assertEqual(self.date_logged("2026-11-27T07:30:00Z", "America/Los_Angeles",
                                          "--date", "yesterday"), "2026-11-25")
        self.assertEqual(self.date_logged("2026-11-27T07:30:00Z", "Europe/Berlin", "--date",
                                          "yesterday"), "2026-11-26")
        # Friday in Berlin, so `fri` is today there and last week in Los Angeles
        self.assertEqual(self.date_logged("2026-11-27T07:30:00Z", "Europe/Berlin", "--date",
                                          "fri"), "2026-11-27")
        self.assertEqual(self.date_logged("2026-11-27T07:30:00Z", "America/Los_Angeles",
                                          "--date", "fri"), "2026-11-20")

    def test_logged_at_is_utc(self):
        eid = self.log("note", "x", env={"MGR_NOW": "2026-11-26T23:30:00",
                                         "TZ": "America/Los_Angeles"})
        logged_at = self.entry(eid).get("logged_at")
        if logged_at is not None:  # not a contract key; check it when present
            self.assertEqual(logged_at, "2026-11-27T07:30:00Z")

    def test_tz_with_colon_prefix(self):
        self.assertEqual(self.date_logged("2026-11-27T07:30:00Z", ":Europe/Berlin"),
                         "2026-11-27")

    def test_person_defaults_to_the_users_zone(self):
        self.mgr("person", "add", "alice", env={"TZ": "Asia/Kolkata"})
        self.assertEqual(self.run_json("person", "list", "--format", "json",
                                       env={"TZ": "Asia/Kolkata"})[0]["tz"], "Asia/Kolkata")

    def test_invalid_mgr_now_is_exit_2(self):
        for bad in ("2026-11-31", "tomorrow", "2026-11-26T25:00", "2026-11-26T10:00+99:00"):
            with self.subTest(now=bad):
                _, _, err = self.mgr("log", "note", "x", env={"MGR_NOW": bad}, expect_code=2)
                self.assert_error_line(err, [bad])
        self.assertFalse(self.db_exists())

    def test_unknown_tz_is_exit_2(self):
        _, _, err = self.mgr("log", "note", "x", env={"TZ": "Mars/Olympus"}, expect_code=2)
        self.assert_error_line(err, ["Mars/Olympus"])


if __name__ == "__main__":
    unittest.main()
