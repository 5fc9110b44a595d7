"""Things that stay open: topic, action, delegation and concern commands."""

import unittest

from mgr_harness import MgrTestCase

TOPIC_KEYS = {"id", "person", "text", "created", "status"}
ACTION_KEYS = {"id", "person", "owner", "text", "created", "done"}
DELEGATION_KEYS = {"id", "person", "outcome", "why", "due", "checkin", "status", "last_checkin"}
CONCERN_KEYS = {"id", "people", "text", "opened", "status", "addressed", "first_conversation"}


class Topics(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")

    def add(self, handle, *words):
        _, out, _ = self.mgr("topic", "add", handle, *words)
        self.assertIn("talking point #", out)
        return self.logged_id(out)

    def topics(self, *args):
        return self.run_json("topic", "list", "--format", "json", *args)

    def test_add_and_list(self):
        t1 = self.add("alice", "career", "growth")
        t2 = self.add("bob", "on-call load")
        topics = self.topics()
        for t in topics:
            self.assertLessEqual(TOPIC_KEYS, set(t))
        self.assertEqual([(t["id"], t["person"], t["text"], t["created"], t["status"])
                          for t in topics],
                         [(t1, "alice", "career growth", "2026-11-26", "open"),
                          (t2, "bob", "on-call load", "2026-11-26", "open")])
        self.assertEqual([t["id"] for t in self.topics("alice")], [t1])
        _, out, _ = self.mgr("topic", "list")
        self.assertIn("career growth", out)
        self.assertIn("on-call load", out)
        _, out, _ = self.mgr("topic", "list", "bob")
        self.assertNotIn("career growth", out)

    def test_done_and_drop(self):
        t1 = self.add("alice", "a")
        t2 = self.add("alice", "b")
        t3 = self.add("alice", "c")
        _, out, _ = self.mgr("topic", "done", str(t1))
        self.assertIn("#%d done" % t1, out)
        _, out, _ = self.mgr("topic", "drop", str(t2))
        self.assertIn("#%d dropped" % t2, out)
        self.assertEqual([t["id"] for t in self.topics()], [t3])
        status = {t["id"]: t["status"] for t in self.topics("--all")}
        self.assertEqual(status, {t1: "done", t2: "dropped", t3: "open"})
        _, out, _ = self.mgr("topic", "list", "--all")
        self.assertIn("(dropped)", out)
        # closing twice is an error
        self.fail_usage("topic", "done", str(t1), mentions=["#%d" % t1])
        self.fail_usage("topic", "drop", str(t2), mentions=["#%d" % t2])

    def test_uncovered_topics_carry_forward(self):
        t1 = self.add("alice", "covered one")
        t2 = self.add("alice", "left open")
        self.log("1on1", "alice", "--covered", str(t1))
        self.assertEqual([t["id"] for t in self.topics("alice")], [t2])
        self.log("1on1", "alice", env={"MGR_NOW": "2026-11-27T10:00:00"})
        self.assertEqual([t["id"] for t in self.topics("alice")], [t2])
        doc = self.run_json("person", "show", "alice", "--format", "json")
        self.assertEqual([t["id"] for t in doc["open_topics"]], [t2])

    def test_errors(self):
        self.fail_usage("topic", "add", "alice")
        err = self.fail_usage("topic", "add", "alicee", "x", mentions=["alicee"])
        self.assertIn("did you mean 'alice'?", err)
        self.fail_usage("topic", "done", "42", mentions=["42"])
        self.fail_usage("topic", "drop", "42", mentions=["42"])
        self.fail_usage("topic", "done", "x1", mentions=["x1"])
        self.fail_usage("topic", "list", "nobody", mentions=["nobody"])


class Actions(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")
        _, out, _ = self.mgr("log", "1on1", "alice", "--my-action", "send doc", "--their-action",
                             "write plan", "--date", "yesterday")
        self.one = self.logged_id(out)
        acts = self.run_json("action", "list", "--format", "json")
        self.mine = [a["id"] for a in acts if a["owner"] == "me"][0]
        self.theirs = [a["id"] for a in acts if a["owner"] == "them"][0]

    def actions(self, *args):
        return self.run_json("action", "list", "--format", "json", *args)

    def test_list_json(self):
        acts = self.actions()
        for a in acts:
            self.assertLessEqual(ACTION_KEYS, set(a))
        self.assertEqual(sorted((a["person"], a["owner"], a["text"], a["created"], a["done"])
                                for a in acts),
                         [("alice", "me", "send doc", "2026-11-25", None),
                          ("alice", "them", "write plan", "2026-11-25", None)])

    def test_mine_and_theirs(self):
        self.assertEqual([a["id"] for a in self.actions("--mine")], [self.mine])
        self.assertEqual([a["id"] for a in self.actions("--theirs")], [self.theirs])
        _, out, _ = self.mgr("action", "list", "--mine")
        self.assertIn("send doc", out)
        self.assertNotIn("write plan", out)
        self.fail_usage("action", "list", "--mine", "--theirs")

    def test_add(self):
        _, out, _ = self.mgr("action", "add", "bob", "review", "doc", "--due", "fri")
        mine = self.logged_id(out)
        _, out, _ = self.mgr("action", "add", "bob", "fix flaky test", "--theirs")
        theirs = self.logged_id(out)
        by_id = {a["id"]: a for a in self.actions("bob")}
        self.assertEqual(set(by_id), {mine, theirs})
        self.assertEqual((by_id[mine]["owner"], by_id[mine]["text"], by_id[mine]["due"]),
                         ("me", "review doc", "2026-11-27"))  # next Friday: scheduling direction
        self.assertEqual((by_id[theirs]["owner"], by_id[theirs]["created"]),
                         ("them", "2026-11-26"))
        self.fail_usage("action", "add", "bob")
        self.fail_usage("action", "add", "bobby", "x", mentions=["bobby"])
        self.fail_usage("action", "add", "bob", "x", "--due", "soon", mentions=["soon"])

    def test_done_and_all(self):
        _, out, _ = self.mgr("action", "done", str(self.mine))
        self.assertIn("#%d done" % self.mine, out)
        self.assertEqual([a["id"] for a in self.actions()], [self.theirs])
        every = {a["id"]: a["done"] for a in self.actions("--all")}
        self.assertEqual(every, {self.mine: "2026-11-26", self.theirs: None})
        _, out, _ = self.mgr("action", "list", "--all")
        self.assertIn("(done 2026-11-26)", out)
        self.fail_usage("action", "done", str(self.mine), mentions=["#%d" % self.mine])
        self.fail_usage("action", "done", "777", mentions=["777"])

    def test_per_person(self):
        self.mgr("action", "add", "bob", "bob thing")
        self.assertEqual({a["person"] for a in self.actions("bob")}, {"bob"})
        self.assertEqual({a["person"] for a in self.actions("alice")}, {"alice"})


class Delegations(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")
        self.d1 = self.log("delegate", "alice", "ship v2", "--why", "ownership", "--due",
                           "2026-12-10", "--checkin", "weekly", "--date", "-2d")
        self.d2 = self.log("delegate", "bob", "hire SRE")
        self.d3 = self.log("delegate", "bob", "budget draft")

    def delegations(self, *args):
        return self.run_json("delegation", "list", "--format", "json", *args)

    def test_list(self):
        ds = self.delegations()
        for d in ds:
            self.assertLessEqual(DELEGATION_KEYS, set(d))
        self.assertEqual([(d["id"], d["person"], d["outcome"], d["status"]) for d in ds],
                         [(self.d1, "alice", "ship v2", "open"), (self.d2, "bob", "hire SRE", "open"),
                          (self.d3, "bob", "budget draft", "open")])
        self.assertEqual([d["id"] for d in self.delegations("bob")], [self.d2, self.d3])
        _, out, _ = self.mgr("delegation", "list", "alice")
        self.assertIn("ship v2", out)
        self.assertNotIn("hire SRE", out)

    def test_show(self):
        self.log("checkin", str(self.d1), "halfway", "--status", "on-track", "--date", "yesterday")
        _, out, _ = self.mgr("delegation", "show", str(self.d1))
        self.assertIn("#%d" % self.d1, out)
        self.assertIn("alice", out)
        self.assertIn("ship v2", out)
        self.assertIn("ownership", out)
        self.assertIn("2026-12-10", out)
        self.assertIn("2026-11-24", out)  # handed over
        self.assertIn("2026-11-25 on-track: halfway", out)
        self.fail_usage("delegation", "show", "999", mentions=["999"])

    def test_close_three_ways(self):
        _, out, _ = self.mgr("delegation", "done", str(self.d1), "shipped", "early")
        self.assertIn("#%d done" % self.d1, out)
        _, out, _ = self.mgr("delegation", "reclaim", str(self.d2))
        self.assertIn("#%d reclaimed" % self.d2, out)
        _, out, _ = self.mgr("delegation", "drop", str(self.d3), "not needed")
        self.assertIn("#%d dropped" % self.d3, out)
        self.assertEqual(self.delegations(), [])
        status = {d["id"]: d["status"] for d in self.delegations("--all")}
        self.assertEqual(status, {self.d1: "done", self.d2: "reclaimed", self.d3: "dropped"})
        _, out, _ = self.mgr("delegation", "show", str(self.d1))
        self.assertIn("shipped early", out)
        for verb in ("done", "reclaim", "drop"):
            self.fail_usage("delegation", verb, str(self.d1), mentions=["#%d" % self.d1])
            self.fail_usage("delegation", verb, "4242", mentions=["4242"])

    def test_last_checkin(self):
        self.log("checkin", str(self.d2), "--date", "-3d", "--status", "blocked")
        self.log("checkin", str(self.d2), "--date", "yesterday", "--status", "at-risk")
        self.log("checkin", str(self.d2), "--date", "-2d")
        d = [d for d in self.delegations() if d["id"] == self.d2][0]
        self.assertEqual(d["last_checkin"], "2026-11-25")


class Concerns(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.add_person("bob")
        self.c1 = self.log("concern", "alice,bob", "conflict in reviews", "--date", "-10d")
        self.c2 = self.log("concern", "bob", "missed deadlines")

    def concerns(self, *args):
        return self.run_json("concern", "list", "--format", "json", *args)

    def test_list(self):
        cs = self.concerns()
        for c in cs:
            self.assertLessEqual(CONCERN_KEYS, set(c))
        self.assertEqual(
            [(c["id"], c["people"], c["text"], c["opened"], c["status"], c["addressed"],
              c["first_conversation"]) for c in cs],
            [(self.c1, ["alice", "bob"], "conflict in reviews", "2026-11-16", "open", False, None),
             (self.c2, ["bob"], "missed deadlines", "2026-11-26", "open", False, None)])
        _, out, _ = self.mgr("concern", "list")
        self.assertIn("conflict in reviews", out)
        self.assertIn("not yet addressed", out)

    def test_conversations_about_a_concern_keep_the_earliest_date(self):
        self.log("talk", "alice,bob", "mediated", "--about", str(self.c1), "--date", "-5d")
        c = [c for c in self.concerns() if c["id"] == self.c1][0]
        self.assertEqual((c["addressed"], c["first_conversation"]), (True, "2026-11-21"))
        # a later conversation does not move it
        self.log("1on1", "alice", "--about", str(self.c1))
        c = [c for c in self.concerns() if c["id"] == self.c1][0]
        self.assertEqual(c["first_conversation"], "2026-11-21")
        # one back-filled before it does
        self.log("feedback", "bob", "--constructive", "--about", str(self.c1), "--date", "-8d")
        c = [c for c in self.concerns() if c["id"] == self.c1][0]
        self.assertEqual(c["first_conversation"], "2026-11-18")
        # the other concern is untouched
        c2 = [c for c in self.concerns() if c["id"] == self.c2][0]
        self.assertEqual((c2["addressed"], c2["first_conversation"]), (False, None))
        _, out, _ = self.mgr("concern", "list")
        self.assertIn("addressed 2026-11-18", out)

    def test_resolve_and_drop(self):
        _, out, _ = self.mgr("concern", "resolve", str(self.c1), "talked", "it", "through")
        self.assertIn("#%d resolved" % self.c1, out)
        _, out, _ = self.mgr("concern", "drop", str(self.c2))
        self.assertIn("#%d dropped" % self.c2, out)
        self.assertEqual(self.concerns(), [])
        status = {c["id"]: c["status"] for c in self.concerns("--all")}
        self.assertEqual(status, {self.c1: "resolved", self.c2: "dropped"})
        self.fail_usage("concern", "resolve", str(self.c1), mentions=["#%d" % self.c1])
        self.fail_usage("concern", "drop", str(self.c2), mentions=["#%d" % self.c2])

    def test_unknown_concern(self):
        for args in (["concern", "resolve", "555"], ["concern", "drop", "555"],
                     ["log", "talk", "bob", "x", "--about", "555"],
                     ["log", "1on1", "bob", "--about", "555"],
                     ["log", "feedback", "bob", "--positive", "--about", "555"]):
            with self.subTest(args=args):
                self.fail_usage(*args, mentions=["555"])


class MissingDatabase(MgrTestCase):
    def test_json_lists_on_a_missing_database_are_empty(self):
        for group in ("topic", "action", "delegation", "concern"):
            with self.subTest(group=group):
                self.assertEqual(self.run_json(group, "list", "--format", "json"), [])
        self.assertFalse(self.db_exists())


if __name__ == "__main__":
    unittest.main()
