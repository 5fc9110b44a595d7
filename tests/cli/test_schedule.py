"""End-to-end tests of `mgr schedule`, `mgr schedule skip` and `mgr today`."""

import json
import os
import unittest

from mgr_harness import MgrTestCase


class TeamTestCase(MgrTestCase):
    """A small team in Berlin on Thursday 2026-11-26, 08:00 local.

    alice  weekly Thu 10:00 since 11-12, held 11-19        -> due today 10:00, then 12-03
    bob    weekly, no slot, held Mon 11-16                 -> due 11-23, 3 days overdue; 11-30
    carol  biweekly Tue 09:00 New York since 11-20, held 11-24 -> Tue 12-08 15:00 Berlin
    dave   a peer (cadence none)                           -> never scheduled
    erin   weekly, no slot, held 11-17, cancelled 11-24    -> due 11-24, 2 days overdue
    frank  weekly Mon since 11-24, away 11-30..12-04       -> 11-30 dropped, next Mon 12-07
    """

    tz = "Europe/Berlin"
    now = "2026-11-26T08:00"

    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice Example", "--day", "thu", "--time", "10:00",
                        "--since", "2026-11-12")
        self.add_person("bob", "--since", "2026-11-02")
        self.add_person("carol", "--cadence", "biweekly", "--day", "tue", "--time", "09:00",
                        "--tz", "America/New_York", "--since", "2026-11-20", "--length", "45m")
        self.add_person("dave", "--relation", "peer")
        self.add_person("erin", "--since", "2026-11-01")
        self.add_person("frank", "--day", "mon", "--since", "2026-11-24")
        self.run_mgr("person", "away", "frank", "--from", "2026-11-30", "--to", "2026-12-04")
        self.log("1on1", "alice", "--date", "2026-11-19", "weekly sync")
        self.log("1on1", "bob", "--date", "2026-11-16")
        self.log("1on1", "carol", "--date", "2026-11-24")
        self.log("1on1", "erin", "--date", "2026-11-17")
        self.log("1on1", "erin", "--date", "2026-11-24", "--cancelled")
        self.delegation = self.log("delegate", "bob", "Migrate CI", "--date", "2026-11-18",
                                   "--due", "2026-12-01", "--checkin", "weekly")
        _, out, _ = self.run_mgr("action", "add", "alice", "Send the rubric", "--due",
                                 "2026-11-27")
        self.action = self.logged_id(out)
        _, out, _ = self.run_mgr("action", "add", "bob", "Book the room", "--due", "2026-11-20")
        self.late_action = self.logged_id(out)

    def schedule(self, *args):
        return self.run_json("schedule", "--format", "json", *args)

    def items(self, kind, person, *args):
        return [i for i in self.schedule(*args) if i["kind"] == kind and i["person"] == person]


class ScheduleTest(TeamTestCase):
    def test_json_items_have_the_contract_keys(self):
        items = self.schedule()
        self.assertTrue(items)
        for item in items:
            for key in ("date", "time", "kind", "person", "id", "due", "overdue_days", "text"):
                self.assertIn(key, item)
            self.assertIn(item["kind"], ("1on1", "checkin", "delegation", "action"))
            if item["kind"] == "1on1":
                for key in ("length", "their_time", "their_tz", "last_held", "missed", "status"):
                    self.assertIn(key, item)
                self.assertIn(item["status"], ("due", "overdue", "cancelled", "moved", "skipped"))
        dates = [i["date"] for i in items]
        self.assertEqual(dates, sorted(dates))
        self.assertTrue(all("2026-11-26" <= d <= "2026-12-09" for d in dates), dates)

    def test_slot_due_today_has_its_local_time(self):
        first = self.items("1on1", "alice")[0]
        self.assertEqual((first["date"], first["time"], first["overdue_days"], first["status"]),
                         ("2026-11-26", "10:00", 0, "due"))
        self.assertIsNone(first["id"])
        self.assertEqual(first["last_held"], "2026-11-19")
        self.assertEqual([i["date"] for i in self.items("1on1", "alice")],
                         ["2026-11-26", "2026-12-03"])

    def test_overdue_one_on_one_is_listed_today_with_its_due_date(self):
        bob = self.items("1on1", "bob")
        self.assertEqual((bob[0]["date"], bob[0]["due"], bob[0]["overdue_days"]),
                         ("2026-11-26", "2026-11-23", 3))
        self.assertEqual((bob[0]["status"], bob[0]["missed"]), ("overdue", 1))
        self.assertIsNone(bob[0]["time"])
        # The next regular occurrence is listed too.
        self.assertEqual([(i["date"], i["status"]) for i in bob[1:]],
                         [("2026-11-30", "due"), ("2026-12-07", "due")])

    def test_cancelled_one_on_one_stays_due_and_is_overdue_once_passed(self):
        erin = self.items("1on1", "erin")
        self.assertEqual((erin[0]["due"], erin[0]["overdue_days"], erin[0]["status"]),
                         ("2026-11-24", 2, "overdue"))
        self.assertEqual(erin[1]["date"], "2026-12-01")

    def test_other_zone_slot_shows_both_times(self):
        carol = self.items("1on1", "carol")
        self.assertEqual(len(carol), 1)
        self.assertEqual((carol[0]["date"], carol[0]["time"], carol[0]["their_time"]),
                         ("2026-12-08", "15:00", "09:00"))
        self.assertEqual(carol[0]["their_tz"], "America/New_York")
        self.assertEqual(carol[0]["length"], 45)
        _, out, _ = self.run_mgr("schedule")
        self.assertIn("15:00  1:1 with carol, 45m (09:00 America/New_York)", out)

    def test_time_away_drops_what_it_pushes_onto_the_next_occurrence(self):
        self.assertEqual([i["date"] for i in self.items("1on1", "frank")], ["2026-12-07"])

    def test_cadence_none_is_never_scheduled(self):
        self.assertEqual(self.items("1on1", "dave"), [])

    def test_checkins_delegation_and_action_due_dates(self):
        checkins = self.items("checkin", "bob")
        self.assertEqual(checkins[0]["id"], self.delegation)
        self.assertEqual((checkins[0]["date"], checkins[0]["due"], checkins[0]["overdue_days"]),
                         ("2026-11-26", "2026-11-25", 1))
        self.assertEqual([c["date"] for c in checkins[1:]], ["2026-12-03"])
        due = self.items("delegation", "bob")
        self.assertEqual([(d["date"], d["id"], d["overdue_days"], d["text"]) for d in due],
                         [("2026-12-01", self.delegation, 0, "Migrate CI")])
        actions = self.items("action", "alice") + self.items("action", "bob")
        self.assertEqual(
            sorted((a["id"], a["date"], a["overdue_days"], a["owner"]) for a in actions),
            sorted([(self.action, "2026-11-27", 0, "me"),
                    (self.late_action, "2026-11-26", 6, "me")]))

    def test_their_actions_show_too(self):
        _, out, _ = self.run_mgr("action", "add", "carol", "Send the draft", "--theirs", "--due",
                                 "2026-11-30")
        theirs = self.logged_id(out)
        self.assertEqual([(a["id"], a["date"], a["owner"]) for a in self.items("action", "carol")],
                         [(theirs, "2026-11-30", "them")])
        _, out, _ = self.run_mgr("schedule")
        self.assertIn("carol's action #%d due: Send the draft" % theirs, out)

    def test_a_checkin_moves_the_next_one(self):
        self.log("checkin", str(self.delegation), "on track", "--status", "on-track")
        checkins = self.items("checkin", "bob")
        self.assertEqual([(c["date"], c["overdue_days"]) for c in checkins],
                         [("2026-12-03", 0)])

    def test_days_window(self):
        items = self.schedule("--days", "1")
        self.assertTrue(items)
        self.assertEqual({i["date"] for i in items}, {"2026-11-26"})
        self.assertIn("carol", {i["person"] for i in self.schedule("--days", "13")})
        self.assertEqual(
            [i for i in self.schedule("--days", "12") if i["person"] == "carol"], [])

    def test_text_is_grouped_by_day(self):
        _, out, _ = self.run_mgr("schedule")
        self.assertIn("Thu 2026-11-26 (today)", out)
        self.assertIn("10:00  1:1 with alice, 30m", out)
        self.assertIn("1:1 with bob, 30m — overdue 3 days (due Mon 2026-11-23)", out)
        self.assertIn("your action #%d (with alice) due: Send the rubric" % self.action, out)
        self.assertIn("delegation #%d due from bob: Migrate CI" % self.delegation, out)
        self.assertLess(out.index("Thu 2026-11-26"), out.index("Fri 2026-11-27"))
        self.assertNotIn("dave", out)

    def test_bad_days(self):
        for value in ("0", "-3", "abc", ""):
            self.fail_usage("schedule", "--days", value, mentions=("--days",))

    def test_large_days_is_capped_with_a_note(self):
        code, out, err = self.run_mgr("schedule", "--days", "5000", "--format", "json")
        self.assertIn("366", err)
        self.assertLessEqual(max(i["date"] for i in json.loads(out)), "2027-11-26")

    def test_weeks_needs_ics(self):
        self.fail_usage("schedule", "--weeks", "4")


class SkipTest(TeamTestCase):
    def test_skip_next_leaves_the_rest_of_the_series(self):
        _, out, _ = self.run_mgr("schedule", "skip", "alice", "--reason", "offsite")
        self.assertIn("Thu 2026-11-26", out)
        self.assertIn("next 1:1 due Thu 2026-12-03 10:00", out)
        self.assertEqual(self.sql("SELECT s.due_date, s.reason FROM skips s JOIN people p "
                                  "ON p.id = s.person_id WHERE p.handle = 'alice'"),
                         [("2026-11-26", "offsite")])
        self.assertEqual([(i["date"], i["status"]) for i in self.items("1on1", "alice")],
                         [("2026-11-26", "skipped"), ("2026-12-03", "due")])
        _, out, _ = self.run_mgr("today")
        self.assertNotIn("alice", out.split("\nDue\n")[0])

    def test_skip_an_overdue_one(self):
        _, out, _ = self.run_mgr("schedule", "skip", "bob")
        self.assertIn("skipped bob's 1:1 of Mon 2026-11-23", out)
        self.assertIn("next 1:1 due Mon 2026-11-30", out)
        bob = self.items("1on1", "bob")
        self.assertEqual((bob[0]["date"], bob[0]["overdue_days"]), ("2026-11-30", 0))

    def test_skip_a_later_occurrence_by_date(self):
        _, out, _ = self.run_mgr("schedule", "skip", "alice", "--date", "2026-12-03")
        self.assertIn("next 1:1 due Thu 2026-11-26 10:00", out)
        self.assertEqual([(i["date"], i["status"])
                          for i in self.items("1on1", "alice", "--days", "21")],
                         [("2026-11-26", "due"), ("2026-12-03", "skipped"),
                          ("2026-12-10", "due")])

    def test_skip_a_date_without_a_one_on_one(self):
        err = self.fail_usage("schedule", "skip", "alice", "--date", "2026-12-02",
                              mentions=("alice", "2026-12-02"))
        self.assertIn("Thu 2026-11-26", err)

    def test_skip_unknown_handle_suggests(self):
        err = self.fail_usage("schedule", "skip", "alce", mentions=("alce",))
        self.assertIn("did you mean 'alice'?", err)

    def test_skip_cadence_none(self):
        self.fail_usage("schedule", "skip", "dave", mentions=("dave", "none"))

    def test_skip_bad_date(self):
        self.fail_usage("schedule", "skip", "alice", "--date", "2026-02-30",
                        mentions=("2026-02-30",))

    def test_skip_then_undo(self):
        before = self.db_dump_hash()
        self.run_mgr("schedule", "skip", "alice")
        self.assertNotEqual(self.db_dump_hash(), before)
        _, out, _ = self.run_mgr("undo")
        self.assertIn("skipped alice's 1:1 of Thu 2026-11-26", out)
        self.assertEqual(self.sql("SELECT count(*) FROM skips"), [(0,)])
        self.assertEqual(self.items("1on1", "alice")[0]["status"], "due")


class MoveTest(TeamTestCase):
    def test_move_the_next_one(self):
        _, out, _ = self.run_mgr("schedule", "move", "alice", "--to", "fri", "--time", "14:00")
        self.assertIn("moved alice's 1:1 of Thu 2026-11-26 to Fri 2026-11-27 14:00", out)
        alice = self.items("1on1", "alice")
        self.assertEqual([(i["date"], i["time"], i["status"], i["regular"]) for i in alice],
                         [("2026-11-27", "14:00", "moved", "2026-11-26"),
                          ("2026-12-03", "10:00", "due", "2026-12-03")])

    def test_move_one_by_its_regular_date_keeps_its_time(self):
        self.run_mgr("schedule", "move", "alice", "--from", "2026-12-03", "--to", "2026-12-02")
        alice = self.items("1on1", "alice")
        self.assertEqual([(i["date"], i["time"]) for i in alice],
                         [("2026-11-26", "10:00"), ("2026-12-02", "10:00")])

    def test_move_an_overdue_one_to_tomorrow(self):
        self.run_mgr("schedule", "move", "bob", "--to", "tomorrow")
        bob = self.items("1on1", "bob")
        self.assertEqual([(i["date"], i["status"]) for i in bob],
                         [("2026-11-27", "moved"), ("2026-11-30", "due"), ("2026-12-07", "due")])

    def test_move_then_undo(self):
        before = self.db_dump_hash()
        self.run_mgr("schedule", "move", "alice", "--to", "2026-11-27")
        _, out, _ = self.run_mgr("undo", "--dry-run")
        self.assertIn("moved alice's 1:1", out)
        _, out, _ = self.run_mgr("undo")
        self.assertIn("undid: moved alice's 1:1 of Thu 2026-11-26", out)
        self.assertEqual(self.db_dump_hash(), before)

    def test_bad_moves(self):
        self.fail_usage("schedule", "move", "alice", "--to", "2026-11-20", mentions=("--to",))
        self.fail_usage("schedule", "move", "alice", "--to", "fri", "--time", "25:00",
                        mentions=("25:00",))
        self.fail_usage("schedule", "move", "alice", "--to", "fri", "--from", "2026-12-02",
                        mentions=("2026-12-02",))
        self.fail_usage("schedule", "move", "dave", "--to", "fri", mentions=("dave",))
        self.fail_usage("schedule", "move", "alice")


class TodayTest(TeamTestCase):
    def test_today_lists_meetings_with_a_prep_line(self):
        self.run_mgr("topic", "add", "alice", "Career growth")
        self.log("concern", "alice", "Late to stand-ups")
        _, out, _ = self.run_mgr("today")
        self.assertIn("Today, Thu 2026-11-26", out)
        self.assertIn("10:00  1:1 with alice, 30m", out)
        # The prep line wraps to 80 columns under itself.
        self.assertIn("last 1:1 7 days ago · 1 open topic · 1 open action (1 yours, 0 theirs)"
                      " · 1 open concern", " ".join(out.split()))
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)
        self.assertIn("1:1 with bob, 30m — overdue 3 days", out)
        self.assertIn("last 1:1 10 days ago", out)
        due = out[out.index("\nDue\n"):]
        self.assertIn("check-in with bob on delegation #%d: Migrate CI — overdue 1 day"
                      % self.delegation, due)
        self.assertIn("your action #%d (with bob) due: Book the room — overdue 6 days"
                      % self.late_action, due)
        self.assertNotIn("Send the rubric", out)  # due tomorrow
        self.assertNotIn("carol", out)

    def test_today_json(self):
        doc = self.run_json("today", "--format", "json")
        self.assertEqual(doc["date"], "2026-11-26")
        people = [m["person"] for m in doc["one_on_ones"]]
        self.assertEqual(people, ["alice", "bob", "erin"])
        alice = doc["one_on_ones"][0]
        self.assertEqual(alice["prep"]["days_since_last"], 7)
        self.assertEqual(alice["prep"]["open_actions"], 1)
        self.assertEqual(sorted(i["kind"] for i in doc["due"]), ["action", "checkin"])
        self.assertFalse(doc["review_day"])
        self.assertIsNone(doc["nudge"])

    def test_a_one_on_one_cancelled_today_shows_as_cancelled(self):
        self.log("1on1", "alice", "--cancelled", "she is out sick")
        _, out, _ = self.run_mgr("today")
        self.assertIn("1:1 with alice, 30m — cancelled, still to hold", out)
        alice = [m for m in self.run_json("today", "--format", "json")["one_on_ones"]
                 if m["person"] == "alice"]
        self.assertEqual([m["status"] for m in alice], ["cancelled"])

    def test_their_overdue_action_a_blocked_delegation_and_an_old_concern(self):
        _, out, _ = self.run_mgr("action", "add", "carol", "Send the draft", "--theirs", "--due",
                                 "2026-11-23")
        theirs = self.logged_id(out)
        self.log("checkin", str(self.delegation), "waiting on infra", "--status", "blocked")
        concern = self.log("concern", "erin", "Misses reviews", "--date", "2026-11-18")
        self.log("concern", "bob", "Too recent", "--date", "2026-11-20")
        doc = self.run_json("today", "--format", "json")
        by_kind = {(i["kind"], i["id"]): i for i in doc["due"]}
        self.assertEqual(by_kind[("action", theirs)]["owner"], "them")
        self.assertEqual(by_kind[("action", theirs)]["overdue_days"], 3)
        self.assertEqual(by_kind[("delegation", self.delegation)]["last_checkin_status"],
                         "blocked")
        self.assertEqual(by_kind[("concern", concern)]["overdue_days"], 8)
        self.assertEqual([k for k in by_kind if k[0] == "concern"], [("concern", concern)])
        _, out, _ = self.run_mgr("today")
        self.assertIn("carol's action #%d due: Send the draft — overdue 3 days" % theirs, out)
        self.assertIn("— last check-in blocked", out)
        self.assertIn("concern #%d about erin, not talked about for 8 days: Misses reviews"
                      % concern, out)

    def test_a_delegation_due_within_two_days(self):
        self.assertNotIn(("delegation", self.delegation),
                         [(i["kind"], i["id"]) for i in self.run_json("today", "--format", "json")["due"]])
        doc = self.run_json("today", "--format", "json", env={"MGR_NOW": "2026-11-29T09:00"})
        self.assertIn(("delegation", self.delegation), [(i["kind"], i["id"]) for i in doc["due"]])

    def test_review_day_and_nudge(self):
        doc = self.run_json("today", "--format", "json", env={"MGR_NOW": "2026-11-27T09:00"})
        self.assertTrue(doc["review_day"])
        _, out, _ = self.run_mgr("today", env={"MGR_NOW": "2026-11-27T09:00"})
        self.assertIn("`mgr review`", out)
        # Nothing logged since Tue 11-24: Wed, Thu, Fri and Mon went by.
        doc = self.run_json("today", "--format", "json", env={"MGR_NOW": "2026-12-01T09:00"})
        self.assertEqual(doc["nudge"]["quiet_workdays"], 4)
        self.assertEqual(doc["nudge"]["last_logged"], "2026-11-24")

    def test_nothing_due(self):
        # A week earlier every 1:1, check-in and action of the team was still ahead.
        _, out, _ = self.run_mgr("today", env={"MGR_NOW": "2026-11-19T12:00"})
        self.assertEqual(out, "Today, Thu 2026-11-19\n\nNothing due today. "
                              "Next 1:1: bob, Mon 2026-11-23.\n")


class EmptyDatabaseTest(MgrTestCase):
    def test_read_only_commands_create_nothing(self):
        for args in (["schedule"], ["today"], ["prep", "alice"], ["schedule", "--ics"]):
            code, out, err = self.run_mgr(*args)
            self.assertIn("mgr person add", out + err)
            self.assertFalse(self.db_exists(), args)
            self.assertFalse(os.path.exists(os.path.dirname(self.db)), args)
        self.assertEqual(self.run_json("schedule", "--format", "json"), [])

    def test_skip_without_a_database_creates_nothing(self):
        self.fail_usage("schedule", "skip", "alice", mentions=("alice",))
        self.assertFalse(self.db_exists())

    def test_nothing_scheduled(self):
        self.add_person("pat", "--relation", "peer")
        _, out, _ = self.run_mgr("schedule")
        self.assertIn("Nothing due.", out)
        _, out, _ = self.run_mgr("today")
        self.assertIn("Nothing due today.", out)


class DaylightSavingTest(MgrTestCase):
    """Slots keep their local wall time across the October/November clock changes."""

    tz = "Europe/Berlin"
    now = "2026-10-19T09:00"

    def test_slots_keep_local_time_across_dst(self):
        self.add_person("alice", "--day", "tue", "--time", "10:00", "--since", "2026-10-14")
        self.add_person("bob", "--day", "tue", "--time", "10:00", "--tz", "America/New_York",
                        "--since", "2026-10-14")
        items = self.run_json("schedule", "--format", "json", "--days", "21")
        alice = [(i["date"], i["time"]) for i in items if i["person"] == "alice"]
        self.assertEqual(alice, [("2026-10-20", "10:00"), ("2026-10-27", "10:00"),
                                 ("2026-11-03", "10:00")])
        bob = [(i["date"], i["time"], i["their_time"]) for i in items if i["person"] == "bob"]
        # New York leaves summer time a week after Berlin: 16:00, then 15:00, then 16:00 again.
        self.assertEqual(bob, [("2026-10-20", "16:00", "10:00"), ("2026-10-27", "15:00", "10:00"),
                               ("2026-11-03", "16:00", "10:00")])


if __name__ == "__main__":
    unittest.main()
