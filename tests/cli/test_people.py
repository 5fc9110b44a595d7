"""mgr person add|list|show|edit|away|archive|restore."""

import unittest

from mgr_harness import PERSON_KEYS, MgrTestCase


class PersonAdd(MgrTestCase):
    def test_defaults_for_a_report(self):
        _, out, _ = self.mgr("person", "add", "alice", "--name", "Alice Example")
        self.assertEqual(out, "added alice (report, weekly, 30m)\n")
        people = self.run_json("person", "list", "--format", "json")
        self.assertEqual(len(people), 1)
        alice = people[0]
        self.assertLessEqual(PERSON_KEYS, set(alice))
        self.assertEqual(alice["handle"], "alice")
        self.assertEqual(alice["name"], "Alice Example")
        self.assertEqual(alice["relation"], "report")
        self.assertEqual(alice["cadence"], "weekly")
        self.assertIsNone(alice["day"])
        self.assertIsNone(alice["time"])
        self.assertEqual(alice["tz"], "UTC")  # the user's zone (TZ of the test)
        self.assertEqual(alice["since"], "2026-11-26")
        self.assertIs(alice["archived"], False)

    def test_every_option(self):
        self.mgr("person", "add", "bob", "--name", "Bob B", "--relation", "skip", "--cadence",
                 "10d", "--day", "mon", "--time", "09:30", "--length", "45m", "--tz",
                 "Europe/Berlin", "--since", "2026-11-01")
        bob = self.run_json("person", "list", "--format", "json")[0]
        self.assertEqual(
            {k: bob[k] for k in PERSON_KEYS},
            {"handle": "bob", "name": "Bob B", "relation": "skip", "cadence": "10d",
             "day": "mon", "time": "09:30", "tz": "Europe/Berlin", "since": "2026-11-01",
             "archived": False})
        self.assertEqual(bob.get("length"), 45)

    def test_default_cadence_follows_the_relation(self):
        for handle, relation, cadence in [("m", "manager", "weekly"), ("p", "peer", "none"),
                                          ("s", "skip", "none"), ("t", "mentor", "none")]:
            self.mgr("person", "add", handle, "--relation", relation)
        got = {p["handle"]: (p["relation"], p["cadence"])
               for p in self.run_json("person", "list", "--format", "json")}
        self.assertEqual(got, {"m": ("manager", "weekly"), "p": ("peer", "none"),
                               "s": ("skip", "none"), "t": ("mentor", "none")})

    def test_handle_is_folded_to_lower_case(self):
        self.mgr("person", "add", "Carol.D-1_x")
        self.assertEqual([p["handle"] for p in self.run_json("person", "list", "--format", "json")],
                         ["carol.d-1_x"])
        # and looked up case-insensitively
        self.mgr("person", "show", "CAROL.D-1_X")

    def test_since_accepts_relative_dates(self):
        self.mgr("person", "add", "dan", "--since", "-3d")
        self.assertEqual(self.run_json("person", "list", "--format", "json")[0]["since"],
                         "2026-11-23")

    def test_display_name_may_be_any_utf8(self):
        self.mgr("person", "add", "eve", "--name", "Ève Ünïcødé 👩‍💻 'q' \"dq\"")
        self.assertEqual(self.run_json("person", "list", "--format", "json")[0]["name"],
                         "Ève Ünïcødé 👩‍💻 'q' \"dq\"")

    def test_duplicate_handle_is_exit_2_and_changes_nothing(self):
        self.add_person("alice", "--name", "First")
        err = self.fail_usage("person", "add", "alice", "--name", "Second", mentions=["alice"])
        self.assertIn("already exists", err)
        # case folding makes ALICE the same handle
        self.fail_usage("person", "add", "ALICE", mentions=["alice"])
        self.assertEqual(self.run_json("person", "list", "--format", "json")[0]["name"], "First")

    def test_invalid_values_are_exit_2(self):
        self.add_person("alice")
        self.fail_usage("person", "add", "bob", "--relation", "boss", mentions=["boss"])
        self.fail_usage("person", "add", "bob", "--cadence", "sometimes", mentions=["sometimes"])
        self.fail_usage("person", "add", "bob", "--day", "funday", mentions=["funday"])
        self.fail_usage("person", "add", "bob", "--time", "25:00", mentions=["25:00"])
        self.fail_usage("person", "add", "bob", "--tz", "Mars/Olympus", mentions=["Mars/Olympus"])
        self.fail_usage("person", "add", "bob", "--length", "0m", mentions=["0m"])
        self.fail_usage("person", "add", "bob", "--since", "2026-02-30", mentions=["2026-02-30"])
        self.fail_usage("person", "add", "x" * 33, mentions=["x" * 33])
        self.fail_usage("person", "add", "-bob", mentions=[])
        self.assertEqual(len(self.run_json("person", "list", "--format", "json")), 1)


class PersonList(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("bob", "--name", "Bob Builder")
        self.add_person("alice", "--name", "Alice Example", "--relation", "peer")
        self.add_person("carol")
        self.mgr("person", "archive", "carol")

    def test_text_lists_active_people_sorted(self):
        _, out, _ = self.mgr("person", "list")
        header, *lines = out.splitlines()
        self.assertTrue(header.startswith("handle"), out)
        self.assertEqual(len(lines), 2, out)
        self.assertTrue(lines[0].startswith("alice"), out)
        self.assertIn("Alice Example", lines[0])
        self.assertIn("peer", lines[0])
        self.assertTrue(lines[1].startswith("bob"), out)
        self.assertIn("Bob Builder", lines[1])
        self.assertNotIn("carol", out)

    def test_all_includes_archived(self):
        _, out, _ = self.mgr("person", "list", "--all")
        self.assertIn("carol", out)
        self.assertIn("archived", out.splitlines()[-1])
        people = self.run_json("person", "list", "--all", "--format", "json")
        self.assertEqual([(p["handle"], p["archived"]) for p in people],
                         [("alice", False), ("bob", False), ("carol", True)])
        for person in people:
            self.assertLessEqual(PERSON_KEYS, set(person))

    def test_json_without_all_excludes_archived(self):
        people = self.run_json("person", "list", "--format", "json")
        self.assertEqual([p["handle"] for p in people], ["alice", "bob"])

    def test_unknown_format_is_exit_2(self):
        self.fail_usage("person", "list", "--format", "yaml", mentions=["yaml"])


class PersonShow(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice Example", "--day", "tue", "--time", "14:00")
        self.add_person("bob")
        self.long_note = "line one of a long note\n" + "word " * 400 + "\nlast line ✓"
        self.mgr("topic", "add", "alice", "career plan")
        self.one = self.log("1on1", "alice", self.long_note, "--date", "yesterday",
                            "--my-action", "send the doc")
        self.feedback = self.log("feedback", "alice", "--positive", "great demo")
        self.concern = self.log("concern", "alice,bob", "they clash in reviews")
        self.other = self.log("note", "bob", "about bob only")

    def test_text_has_profile_open_items_and_full_timeline(self):
        _, out, _ = self.mgr("person", "show", "alice")
        self.assertTrue(out.startswith("alice"), out[:200])
        self.assertIn("Alice Example", out.splitlines()[0])
        self.assertIn("report", out)
        self.assertIn("weekly tue 14:00", out)
        self.assertIn("career plan", out)
        self.assertIn("send the doc", out)
        self.assertIn("they clash in reviews", out)
        # every line of the note, untruncated
        for line in self.long_note.split("\n"):
            self.assertIn(line, out)
        self.assertIn("#%d" % self.feedback, out)
        self.assertIn("great demo", out)
        self.assertNotIn("about bob only", out)
        # timeline is newest first: the feedback (today) before the 1:1 (yesterday)
        timeline = out[out.index("\nTimeline\n"):]
        self.assertLess(timeline.index("#%d " % self.feedback), timeline.index("#%d " % self.one))

    def test_json_has_profile_and_timeline(self):
        doc = self.run_json("person", "show", "alice", "--format", "json")
        self.assertLessEqual(PERSON_KEYS | {"timeline"}, set(doc))
        self.assertEqual(doc["handle"], "alice")
        self.assertEqual(doc["day"], "tue")
        self.assertEqual(doc["time"], "14:00")
        ids = [e["id"] for e in doc["timeline"]]
        self.assertEqual(ids, [self.concern, self.feedback, self.one])
        by_id = {e["id"]: e for e in doc["timeline"]}
        self.assertEqual(by_id[self.one]["note"], self.long_note)
        self.assertEqual(by_id[self.concern]["people"], ["alice", "bob"])
        self.assertEqual(by_id[self.feedback]["polarity"], "positive")

    def test_default_timeline_is_the_newest_entries_and_all_shows_every_one(self):
        notes = ["older %02d" % i for i in range(22)]
        ids = [self.log("note", "alice", note, "--date", "2026-10-%02d" % (i + 1))
               for i, note in enumerate(notes)]
        doc = self.run_json("person", "show", "alice", "--format", "json")
        newest = [self.concern, self.feedback, self.one] + ids[::-1]
        self.assertEqual([e["id"] for e in doc["timeline"]], newest[:20])
        self.assertEqual(doc["older_entries"], 5)
        _, out, _ = self.mgr("person", "show", "alice")
        self.assertIn("#%d " % ids[5], out)
        self.assertNotIn("#%d " % ids[4], out)
        self.assertIn("... and 5 older entries: `mgr person show alice --all` shows them all\n", out)
        every = self.run_json("person", "show", "alice", "--all", "--format", "json")
        self.assertEqual([e["id"] for e in every["timeline"]], newest)
        self.assertEqual(every["older_entries"], 0)
        self.assertEqual(every["open_topics"], doc["open_topics"])
        _, out, _ = self.mgr("person", "show", "alice", "--all")
        self.assertIn("older 00", out)
        self.assertNotIn("older entries", out)

    def test_person_with_nothing_logged(self):
        self.add_person("dave")
        doc = self.run_json("person", "show", "dave", "--format", "json")
        self.assertEqual(doc["timeline"], [])

    def test_unknown_handle_hints(self):
        err = self.fail_usage("person", "show", "alicee", mentions=["alicee"])
        self.assertIn("did you mean 'alice'?", err)


class PersonShowClosedItems(MgrTestCase):
    """A person with more closed delegations and concerns than `person show` prints by default:
    it shows the 10 closed last, newest first, and counts the rest."""

    # Closing days of the 12 closed items, in an order unlike their ids; two close on the 9th.
    CLOSING_DAYS = [5, 1, 12, 3, 9, 9, 2, 11, 7, 4, 10, 6]
    UPDATE = "`mgr person show alice --all` shows them all"

    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")
        self.closed_concerns, self.closed_delegations = [], []
        for i, day in enumerate(self.CLOSING_DAYS):
            concern = self.log("concern", "alice", "concern %02d" % i, "--date", "2026-10-01")
            delegation = self.log("delegate", "alice", "outcome %02d" % i, "--date", "2026-10-01")
            closing = {"MGR_NOW": "2026-11-%02dT10:00:00" % day}
            self.mgr("concern", "resolve", concern, "closing note %02d" % i, env=closing)
            self.mgr("delegation", "done", delegation, env=closing)
            self.closed_concerns.append(concern)
            self.closed_delegations.append(delegation)
        self.open_concern = self.log("concern", "alice", "still open")
        self.open_delegation = self.log("delegate", "alice", "still running")
        self.bobs = self.log("concern", "bob", "about bob only", "--date", "2026-10-01")
        self.mgr("concern", "drop", self.bobs)
        # Latest closing date first, then the higher id (ids grow with i).
        self.by_closing = sorted(range(12), key=lambda i: (self.CLOSING_DAYS[i], i), reverse=True)

    def newest(self, ids, count=10):
        return [ids[i] for i in self.by_closing[:count]]

    def section(self, out, title):
        start = out.index("\n%s\n" % title) + len(title) + 2
        return out[start:out.index("\n\n", start)].split("\n")

    def test_text_shows_the_ten_closed_last_and_counts_the_rest(self):
        _, out, _ = self.mgr("person", "show", "alice")
        for title, ids in (("Closed concerns", self.closed_concerns),
                           ("Closed delegations", self.closed_delegations)):
            with self.subTest(title=title):
                lines = self.section(out, title)
                self.assertEqual([int(line.split()[0][1:]) for line in lines[:-1]],
                                 self.newest(ids))
                self.assertEqual(lines[-1], "  ... and 2 closed earlier: " + self.UPDATE)
        self.assertIn("[resolved 2026-11-12: closing note 02]", out)
        self.assertNotIn("closing note 01", out)  # closed on the 1st: left out
        self.assertNotIn("closing note 06", out)  # closed on the 2nd
        self.assertEqual(self.section(out, "Open concerns"), ["  #%d still open" % self.open_concern])
        self.assertEqual(self.section(out, "Open delegations"),
                         ["  #%d still running" % self.open_delegation])
        self.assertNotIn("about bob only", out)
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)

    def test_json_holds_the_open_and_the_ten_closed_last_and_counts_the_rest(self):
        doc = self.run_json("person", "show", "alice", "--format", "json")
        every = self.run_json("person", "show", "alice", "--all", "--format", "json")
        self.assertEqual((doc["older_closed_concerns"], doc["older_closed_delegations"]), (2, 2))
        for key, closed, still_open in (("concerns", self.closed_concerns, self.open_concern),
                                        ("delegations", self.closed_delegations,
                                         self.open_delegation)):
            with self.subTest(key=key):
                # in the order they were opened, as with --all
                expected = sorted(self.newest(closed)) + [still_open]
                self.assertEqual([item["id"] for item in doc[key]], expected)
                # each element exactly as --all gives it
                in_all = {item["id"]: item for item in every[key]}
                self.assertEqual(doc[key], [in_all[i] for i in expected])
                self.assertEqual([item["id"] for item in doc["open_" + key]], [still_open])
        bob = self.run_json("person", "show", "bob", "--format", "json")
        self.assertEqual([c["id"] for c in bob["concerns"]], [self.bobs])
        self.assertEqual((bob["older_closed_concerns"], bob["older_closed_delegations"]), (0, 0))

    def test_all_shows_every_closed_item_and_counts_none(self):
        every = self.run_json("person", "show", "alice", "--all", "--format", "json")
        self.assertEqual((every["older_closed_concerns"], every["older_closed_delegations"]),
                         (0, 0))
        self.assertEqual([c["id"] for c in every["concerns"]],
                         self.closed_concerns + [self.open_concern])
        self.assertEqual([d["id"] for d in every["delegations"]],
                         self.closed_delegations + [self.open_delegation])
        _, out, _ = self.mgr("person", "show", "alice", "--all")
        for title, ids in (("Closed concerns", self.closed_concerns),
                           ("Closed delegations", self.closed_delegations)):
            with self.subTest(title=title):
                lines = self.section(out, title)
                self.assertEqual([int(line.split()[0][1:]) for line in lines],
                                 self.newest(ids, 12))
        self.assertNotIn("closed earlier", out)


class PersonEdit(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice", "--cadence", "biweekly", "--day", "wed")

    def person(self):
        return self.run_json("person", "show", "alice", "--format", "json")

    def test_edit_changes_only_given_fields(self):
        _, out, _ = self.mgr("person", "edit", "alice", "--name", "Alice Smith", "--time",
                             "11:15", "--tz", "America/New_York")
        self.assertTrue(out.startswith("updated alice"), out)
        p = self.person()
        self.assertEqual(p["name"], "Alice Smith")
        self.assertEqual(p["cadence"], "biweekly")
        self.assertEqual(p["day"], "wed")
        self.assertEqual(p["time"], "11:15")
        self.assertEqual(p["tz"], "America/New_York")
        self.assertEqual(p["since"], "2026-11-26")

    def test_edit_relation_and_cadence(self):
        self.mgr("person", "edit", "alice", "--relation", "mentor")
        self.assertEqual((self.person()["relation"], self.person()["cadence"]), ("mentor", "none"))
        self.mgr("person", "edit", "alice", "--cadence", "monthly", "--since", "2026-10-01")
        p = self.person()
        self.assertEqual((p["cadence"], p["since"]), ("monthly", "2026-10-01"))

    def test_edit_unknown_person(self):
        err = self.fail_usage("person", "edit", "alcie1", "--name", "X", mentions=["alcie1"])
        self.assertTrue(err.startswith("mgr: error: "))

    def test_invalid_edit_changes_nothing(self):
        self.fail_usage("person", "edit", "alice", "--name", "Ok", "--cadence", "hourly",
                        mentions=["hourly"])
        self.assertEqual(self.person()["name"], "Alice")


class PersonAwayArchive(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")

    def test_away(self):
        _, out, _ = self.mgr("person", "away", "alice", "--from", "2026-12-01", "--to",
                             "2026-12-05", "--reason", "vacation")
        self.assertIn("2026-12-01", out)
        self.assertIn("2026-12-05", out)
        doc = self.run_json("person", "show", "alice", "--format", "json")
        self.assertEqual([{k: v for k, v in away.items() if k != "id"} for away in doc["away"]],
                         [{"from": "2026-12-01", "to": "2026-12-05", "reason": "vacation"}])
        self.assertIsInstance(doc["away"][0]["id"], int)
        _, text, _ = self.mgr("person", "show", "alice")
        self.assertIn("2026-12-01 to 2026-12-05 (vacation)", text)

    def test_away_backwards_range_is_exit_2(self):
        self.fail_usage("person", "away", "alice", "--from", "2026-12-05", "--to", "2026-12-01",
                        mentions=["2026-12-01"])

    def test_away_needs_both_dates(self):
        self.fail_usage("person", "away", "alice", "--from", "2026-12-05")

    def test_away_bad_date(self):
        self.fail_usage("person", "away", "alice", "--from", "2026-12-32", "--to", "2026-12-31",
                        mentions=["2026-12-32"])

    def test_archive_and_restore(self):
        _, out, _ = self.mgr("person", "archive", "alice")
        self.assertEqual(out, "archived alice\n")
        self.assertEqual(self.run_json("person", "list", "--format", "json"), [])
        self.assertTrue(self.run_json("person", "show", "alice", "--format", "json")["archived"])
        self.fail_usage("person", "archive", "alice", mentions=["alice"])
        _, out, _ = self.mgr("person", "restore", "alice")
        self.assertEqual(out, "restored alice\n")
        people = self.run_json("person", "list", "--format", "json")
        self.assertEqual([(p["handle"], p["archived"]) for p in people], [("alice", False)])
        self.fail_usage("person", "restore", "alice", mentions=["alice"])

    def test_archive_unknown(self):
        err = self.fail_usage("person", "archive", "alicia", mentions=["alicia"])
        self.assertIn("did you mean 'alice'?", err)


if __name__ == "__main__":
    unittest.main()
