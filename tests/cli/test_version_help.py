"""`mgr --version` names mgr, SQLite and the schema; `mgr help CMD` is `mgr CMD --help` for
every command, and a word that is no command is refused."""

import os
import re
import sqlite3

from mgr_harness import ROOT, MgrTestCase, migration_count


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(mgr VERSION (\S+)", f.read()).group(1)


class VersionAndHelp(MgrTestCase):
    def test_version_names_mgr_sqlite_and_the_schema(self):
        _, out, err = self.mgr("--version")
        self.assertEqual(out, "mgr %s\nSQLite %s\ndatabase schema %d\n" % (
            project_version(), sqlite3.sqlite_version, migration_count()))
        self.assertEqual(err, "")
        self.assertFalse(self.db_exists())

    def commands(self, *path):
        _, out, _ = self.mgr("__complete", *path, "")
        return [line.split("\t")[0] for line in out.splitlines()]

    def test_help_cmd_is_cmd_help_for_every_command(self):
        top = self.commands()
        self.assertIn("review", top)
        checked = 0
        for command in top:
            paths = [[command]] + [[command, sub] for sub in self.commands(command)
                                   if not sub.startswith("-") and sub.isidentifier()
                                   and command in ("person", "log", "topic", "action",
                                                   "delegation", "concern", "entry", "schedule")]
            for path in paths:
                _, via_help, _ = self.mgr("help", *path)
                _, direct, _ = self.mgr(*path, "--help")
                self.assertEqual(via_help, direct, path)
                self.assertIn("Usage: mgr " + " ".join(path), via_help)
                checked += 1
        self.assertGreater(checked, 40)
        _, root_help, _ = self.mgr("help")
        self.assertEqual(root_help, self.mgr("--help")[1])
        self.assertEqual(self.mgr("--db", "x.db", "help", "review")[1], self.mgr("review", "--help")[1])

    def test_help_for_something_that_is_no_command(self):
        self.fail_usage("help", "reveiw", mentions=["'reveiw'", "did you mean 'review'"])
        self.fail_usage("help", "person", "ad", mentions=["'ad'", "`mgr person`"])
