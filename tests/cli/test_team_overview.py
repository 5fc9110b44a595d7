"""`mgr person list` is the team at a glance: handle, name, relation, cadence, last 1:1 held,
next due (or overdue by N days), open concerns and open delegations, in 80 columns measured by
display width, so that wide (CJK, emoji) names keep the columns straight."""

import unicodedata
import unittest

from mgr_harness import MgrTestCase

LONG_CJK_NAME = "山田" * 20  # 80 columns on its own


def width(text):
    """Terminal columns: East Asian wide and fullwidth characters and emoji take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0
               if unicodedata.combining(c) else 1 for c in text)


def at_column(line, column):
    """The part of `line` from display column `column` on."""
    used = 0
    for index, character in enumerate(line):
        if used >= column:
            return line[index:]
        used += width(character)
    return ""


class TeamOverview(MgrTestCase):
    def setUp(self):
        super().setUp()
        # Thursday 2026-11-26. alice: Thursdays, held a week ago, due today.
        self.add_person("alice", "--name", "山田太郎", "--day", "thu", "--since", "2026-11-01")
        self.log("1on1", "alice", "fine", "--date", "2026-11-19")
        # bob: Mondays, last held 11-02; 11-09, 11-16 and 11-23 went by.
        self.add_person("bob", "--name", "Bob 🚀 Builder", "--day", "mon", "--since",
                        "2026-11-01")
        self.log("1on1", "bob", "fine", "--date", "2026-11-02")
        # carol: a peer without a cadence.
        self.add_person("carol", "--name", "Zoë", "--relation", "peer")
        self.add_person("dave", "--name", LONG_CJK_NAME, "--cadence", "biweekly",
                        "--since", "2026-11-20")
        self.add_person("erin", "--name", "Erin")
        self.mgr("person", "archive", "erin")
        self.log("concern", "alice,bob", "Friction in reviews")
        self.log("concern", "bob", "Misses stand-ups")
        self.log("delegate", "alice", "Migrate CI")
        self.log("delegate", "alice", "Hiring loop")
        self.log("delegate", "erin", "Old work")

    def rows(self, *args):
        _, out, _ = self.mgr("person", "list", *args)
        header, *lines = out.splitlines()
        return header, {line.split()[0]: line for line in lines}, out

    def test_every_line_fits_80_columns_and_the_columns_line_up(self):
        header, rows, out = self.rows("--all")
        self.assertEqual(sorted(rows), ["alice", "bob", "carol", "dave", "erin"], out)
        for line in out.splitlines():
            self.assertLessEqual(width(line), 80, line)
        # Each column starts where its header does, whatever the width of the names before it.
        relation = width(header[:header.index("relation")])
        cadence = width(header[:header.index("cadence")])
        last = width(header[:header.index("last 1:1")])
        expected = {"alice": ("report", "weekly", "7d ago"),
                    "bob": ("report", "weekly", "24d ago"),
                    "carol": ("peer", "none", "-"),
                    "dave": ("report", "biweekly", "-"),
                    "erin": ("report", "weekly", "-")}
        for handle, (relation_text, cadence_text, last_text) in expected.items():
            line = rows[handle]
            with self.subTest(handle=handle):
                self.assertTrue(at_column(line, relation).startswith(relation_text + " "), line)
                self.assertTrue(at_column(line, cadence).startswith(cadence_text + " "), line)
                self.assertTrue(at_column(line, last).startswith(last_text + " "), line)
                self.assertEqual(at_column(line, relation - 1)[0], " ", line)

    def test_wide_names_are_kept_or_cut_by_display_width(self):
        _, rows, out = self.rows()
        self.assertIn("山田太郎", rows["alice"])
        self.assertIn("Bob 🚀 Builder", rows["bob"])
        self.assertIn("Zoë", rows["carol"])
        # The long name is cut, with "…", and never in the middle of a character.
        self.assertIn("山田山田", rows["dave"])
        self.assertNotIn(LONG_CJK_NAME, rows["dave"])
        self.assertIn("…", rows["dave"])
        self.assertLessEqual(width(rows["dave"]), 80)

    def test_last_held_next_due_overdue_and_what_is_open(self):
        header, rows, out = self.rows()
        self.assertNotIn("erin", rows)  # archived people only with --all
        for column in ("handle", "name", "relation", "cadence", "last 1:1", "next 1:1",
                       "concerns", "delegated"):
            self.assertIn(column, header)
        self.assertRegex(rows["alice"], r"7d ago +today +1 +2$")
        self.assertRegex(rows["bob"], r"24d ago +overdue 17d +2 +-$")
        self.assertRegex(rows["carol"], r"- +- +- +-$")
        self.assertRegex(rows["dave"], r"- +2026-12-04 +- +-$")
        _, rows, _ = self.rows("--all")
        self.assertRegex(rows["erin"], r"archived +- +1$")

    def test_json_carries_the_overview(self):
        people = {p["handle"]: p for p in self.run_json("person", "list", "--format", "json")}
        alice, bob = people["alice"], people["bob"]
        self.assertEqual(alice["last_held"], "2026-11-19")
        self.assertEqual(alice["next_due"], "2026-11-26")
        self.assertIsNone(alice["overdue_since"])
        self.assertEqual(alice["overdue_days"], 0)
        self.assertEqual([d["outcome"] for d in alice["open_delegations"]],
                         ["Migrate CI", "Hiring loop"])
        self.assertEqual(bob["overdue_since"], "2026-11-09")
        self.assertEqual(bob["overdue_days"], 17)
        self.assertEqual(bob["missed"], 3)
        self.assertEqual(sorted(c["text"] for c in bob["open_concerns"]),
                         ["Friction in reviews", "Misses stand-ups"])
        self.assertIsNone(people["carol"]["last_held"])

    def test_a_resolved_concern_and_a_finished_delegation_are_not_counted(self):
        concerns = self.run_json("concern", "list", "--format", "json")
        for concern in concerns:
            if "bob" in concern["people"] and len(concern["people"]) == 1:
                self.mgr("concern", "resolve", str(concern["id"]), "talked")
        for delegation in self.run_json("delegation", "list", "alice", "--format", "json"):
            self.mgr("delegation", "done", str(delegation["id"]))
        _, rows, _ = self.rows()
        self.assertRegex(rows["bob"], r"overdue 17d +1 +-$")
        self.assertRegex(rows["alice"], r"today +1 +-$")

    def test_long_handles_and_long_overdue_texts_still_fit(self):
        long_handle = "a" * 32
        self.add_person(long_handle, "--name", LONG_CJK_NAME, "--relation", "manager",
                        "--cadence", "biweekly", "--since", "1990-01-01")
        _, out, _ = self.mgr("person", "list")
        for line in out.splitlines():
            self.assertLessEqual(width(line), 80, line)
        self.assertIn("overdue", [line for line in out.splitlines()
                                  if line.startswith("aaaa")][0])

    def test_an_empty_team(self):
        for handle in ("alice", "bob", "carol", "dave"):
            self.mgr("person", "archive", handle)
        _, out, _ = self.mgr("person", "list")
        self.assertIn("No people yet", out)
        self.assertIn("--all", out)


if __name__ == "__main__":
    unittest.main()
