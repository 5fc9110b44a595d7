"""End-to-end tests of `mgr prep HANDLE` in text, markdown and JSON."""

import unittest

from mgr_harness import MgrTestCase

LONG_NOTE = ("Went through the roadmap; she wants to lead the CI migration, and asked about "
             "the promotion timeline. " * 4).strip()
NOTE = LONG_NOTE + "\nSecond line: on-call load is high.\n\nAfter a blank line."


class PrepTest(MgrTestCase):
    tz = "Europe/Berlin"
    now = "2026-11-26T08:00"

    def setUp(self):
        super().setUp()
        self.add_person("alice", "--name", "Alice Example", "--day", "thu", "--time", "10:00",
                        "--since", "2026-10-01")
        self.add_person("bob")
        self.add_person("pat", "--relation", "peer")
        _, out, _ = self.run_mgr("topic", "add", "alice", "Old topic")
        old_topic = self.logged_id(out)
        _, out, _ = self.run_mgr("topic", "add", "alice", "Career growth")
        self.topic = self.logged_id(out)
        for date, mood in (("2026-10-15", "1"), ("2026-10-22", "2"), ("2026-10-29", "3"),
                           ("2026-11-05", None), ("2026-11-12", "4")):
            self.log("1on1", "alice", "--date", date, *(["--mood", mood] if mood else []))
        self.last = self.log("1on1", "alice", NOTE, "--date", "2026-11-19", "--mood", "5",
                             "--covered", str(old_topic), "--my-action", "Book training",
                             "--their-action", "Draft the RFC")
        self.log("1on1", "alice", "--date", "2026-11-24", "--cancelled")
        self.delegation = self.log("delegate", "alice", "Migrate CI", "--date", "2026-11-10",
                                   "--due", "2026-12-15", "--checkin", "weekly")
        self.log("checkin", str(self.delegation), "halfway there", "--status", "at-risk",
                 "--date", "2026-11-20")
        self.concern = self.log("concern", "alice,bob", "Friction in code reviews")
        self.log("concern", "bob", "Misses stand-ups")
        self.log("feedback", "alice", "--positive", "great demo", "--date", "2026-11-10")
        self.log("feedback", "alice", "--constructive", "rushed review", "--date", "2026-11-12")
        self.log("feedback", "alice", "--positive", "clear RFC", "--date", "2026-11-18")

    def test_json(self):
        doc = self.run_json("prep", "alice", "--format", "json")
        self.assertEqual(doc["person"], "alice")
        self.assertEqual(doc["next"]["date"], "2026-11-26")
        self.assertEqual(doc["next"]["time"], "10:00")
        self.assertEqual(doc["next"]["status"], "due")
        self.assertIsNone(doc["overdue"])
        self.assertEqual(doc["days_since_last"], 7)
        self.assertEqual(doc["last_one_on_one"]["id"], self.last)
        self.assertEqual(doc["last_one_on_one"]["date"], "2026-11-19")
        self.assertEqual(doc["last_one_on_one"]["note"], NOTE)  # in full, never truncated
        self.assertEqual([t["text"] for t in doc["talking_points"]], ["Career growth"])
        self.assertEqual(sorted((a["owner"], a["text"]) for a in doc["actions"]),
                         [("me", "Book training"), ("them", "Draft the RFC")])
        [delegation] = doc["delegations"]
        self.assertEqual(delegation["id"], self.delegation)
        self.assertEqual(delegation["next_checkin"], "2026-11-27")
        self.assertEqual(delegation["last_checkin"],
                         {"date": "2026-11-20", "status": "at-risk", "note": "halfway there"})
        self.assertEqual([c["id"] for c in doc["concerns"]], [self.concern])
        self.assertEqual(doc["last_feedback"]["positive"]["note"], "clear RFC")
        self.assertEqual(doc["last_feedback"]["constructive"]["date"], "2026-11-12")
        self.assertEqual([m["mood"] for m in doc["mood"]], [2, 3, None, 4, 5])
        self.assertEqual(doc["mood"][-1]["date"], "2026-11-19")

    def test_text(self):
        _, out, _ = self.run_mgr("prep", "alice")
        self.assertIn("Prep: 1:1 with Alice Example (alice)", out)
        self.assertIn("next 1:1   Thu 2026-11-26 10:00, 30m", out)
        self.assertIn("last 1:1   2026-11-19 (7 days ago)", out)
        self.assertIn("mood       2 3 - 4 5", out)
        self.assertIn("#%d Career growth" % self.topic, out)
        self.assertNotIn("Old topic", out)
        self.assertIn("[mine] Book training", out)
        self.assertIn("[theirs] Draft the RFC", out)
        self.assertIn("#%d Migrate CI (due 2026-12-15)" % self.delegation, out)
        self.assertIn("last 2026-11-20 at-risk", out)
        self.assertIn("Friction in code reviews", out)
        self.assertNotIn("Misses stand-ups", out)
        # The dates line up under each other, after labels padded to one width.
        self.assertIn("  last positive      2026-11-18 (#", out)
        self.assertIn("  last constructive  2026-11-12 (#", out)
        self.assertIn("clear RFC", out)
        self.assertIn("rushed review", out)
        self.assertNotIn("great demo", out)
        notes = out[out.index("Notes from the last 1:1"):]
        # The long note is wrapped to 80 columns under its indent, never cut.
        self.assertIn(" ".join(LONG_NOTE.split()), " ".join(notes.split()))
        for line in out.splitlines():
            self.assertLessEqual(len(line), 80, line)
        self.assertIn("    Second line: on-call load is high.", notes)
        self.assertIn("    After a blank line.", notes)

    def test_markdown_shares_only_the_agenda_and_private_adds_notes_last(self):
        _, out, _ = self.run_mgr("prep", "alice", "--format", "markdown", "--private")
        self.assertTrue(out.startswith("## 1:1 with Alice Example — Thu 2026-11-26 10:00\n"), out)
        self.assertIn("### Talking points\n\n- [ ] Career growth (#%d)" % self.topic, out)
        self.assertIn("- [ ] **Me:** Book training", out)
        self.assertIn("- [ ] **Alice Example:** Draft the RFC", out)
        self.assertIn("**Migrate CI**", out)
        private = out.index("### Private notes")
        self.assertGreater(out.index("Friction in code reviews"), private)
        self.assertIn("> " + LONG_NOTE + "\n> Second line", out)
        self.assertIn("2, 3, -, 4, 5", out)

        _, shared, _ = self.run_mgr("prep", "alice", "--format", "markdown")
        self.assertEqual(shared, out[:out.index("\n---\n")])
        for private_text in ("Friction", "rushed review", "Second line", "Private"):
            self.assertNotIn(private_text, shared)

    def test_person_without_cadence_or_history(self):
        doc = self.run_json("prep", "pat", "--format", "json")
        self.assertIsNone(doc["next"])
        self.assertIsNone(doc["last_one_on_one"])
        self.assertIsNone(doc["days_since_last"])
        self.assertEqual(doc["mood"], [])
        _, out, _ = self.run_mgr("prep", "pat")
        self.assertIn("none scheduled (cadence none)", out)
        self.assertIn("none held yet", out)
        _, out, _ = self.run_mgr("prep", "pat", "--format", "markdown")
        self.assertTrue(out.startswith("## 1:1 with pat\n"), out)

    def test_overdue_then_next(self):
        doc = self.run_json("prep", "alice", "--format", "json",
                            env={"MGR_NOW": "2026-11-30T09:00"})
        self.assertEqual(doc["overdue"], {"due": "2026-11-26", "overdue_days": 4, "missed": 1})
        self.assertEqual(doc["next"]["date"], "2026-12-03")
        self.assertEqual(doc["days_since_last"], 11)
        _, out, _ = self.run_mgr("prep", "alice", env={"MGR_NOW": "2026-11-30T09:00"})
        self.assertIn("next 1:1   overdue 4 days (due Thu 2026-11-26)\n"
                      "             then Thu 2026-12-03 10:00, 30m\n", out)

    def test_their_overdue_action_is_marked(self):
        _, out, _ = self.run_mgr("action", "add", "alice", "Share the doc", "--theirs", "--due",
                                 "2026-11-23")
        _, out, _ = self.run_mgr("prep", "alice")
        self.assertIn("[theirs] Share the doc (due 2026-11-23, overdue 3 days)", out)

    def test_unknown_handle(self):
        err = self.fail_usage("prep", "alicee", mentions=("alicee",))
        self.assertIn("did you mean 'alice'?", err)

    def test_bad_format(self):
        self.fail_usage("prep", "alice", "--format", "html")


if __name__ == "__main__":
    unittest.main()
