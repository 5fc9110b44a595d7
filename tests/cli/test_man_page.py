"""The man page mgr(1) agrees with the binary: every command, subcommand and option that
`mgr --help` and each `mgr CMD --help` offer is in it, as are every environment variable of the
help's footer, the exit codes, the files and the examples; and groff reads it without a
warning."""

import os
import re
import subprocess

from mgr_harness import ROOT, MgrTestCase

MAN_PAGE = os.path.join(ROOT, "contrib", "mgr.1")


def rendered():
    proc = subprocess.run(["groff", "-man", "-Tutf8", "-rLL=250n", "-rHY=0", "-P-cbou", "-ww",
                           MAN_PAGE], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          check=True, env=dict(os.environ, LC_ALL="C.UTF-8"))
    return proc.stdout, proc.stderr


class ManPage(MgrTestCase):
    @classmethod
    def setUpClass(cls):
        cls.text, cls.warnings = rendered()
        cls.sections = re.findall(r"^([A-Z][A-Z ]+)$", cls.text, re.M)

    def words(self, *path):
        _, out, _ = self.mgr("__complete", *path, "")
        return [line.split("\t")[0] for line in out.splitlines()]

    def options(self, *path):
        _, out, _ = self.mgr("__complete", *path, "--")
        return [line.split("\t")[0] for line in out.splitlines()]

    def test_groff_reads_it_without_warnings(self):
        self.assertEqual(self.warnings, "")
        _, version, _ = self.mgr("--version")
        with open(MAN_PAGE, encoding="utf-8") as f:
            self.assertIn('"%s"' % version.splitlines()[0], f.readline())
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "ENVIRONMENT",
                        "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"):
            self.assertIn(section, self.sections)

    def test_every_command_subcommand_and_option_is_in_it(self):
        missing = []
        for command in self.words():
            if not re.search(r"\b%s\b" % re.escape(command), self.text):
                missing.append(command)
            paths = [[command]]
            subs = [w for w in self.words(command) if re.fullmatch(r"[a-z0-9]+", w)]
            # A command's positional values (handles) are not subcommands: those have options.
            if subs and self.options(command, subs[0]) != self.options(command):
                for sub in subs:
                    if not re.search(r"\b%s\b" % re.escape(sub), self.text):
                        missing.append(command + " " + sub)
                    paths.append([command, sub])
            for path in paths:
                for option in self.options(*path):
                    if option not in self.text:
                        missing.append(" ".join(path) + " " + option)
        self.assertEqual(sorted(set(missing)), [])

    def test_environment_exit_codes_and_files(self):
        _, help_text, _ = self.mgr("--help")
        footer = help_text[help_text.index("Environment:"):]
        variables = re.findall(r"\b([A-Z][A-Z_]{2,})\b", footer)
        self.assertIn("MGR_DB", variables)
        environment = self.text[self.text.index("\nENVIRONMENT"):self.text.index("\nFILES")]
        for variable in variables:
            self.assertIn(variable, environment)
        status = self.text[self.text.index("\nEXIT STATUS"):]
        for code in ("0", "1", "2", "75"):
            self.assertRegex(status, r"\b%s\b" % code)
        files = self.text[self.text.index("\nFILES"):]
        for path in ("mgr.db", "config.toml", "bash-completion", "vendor-completions",
                     "vendor_completions.d"):
            self.assertIn(path, files)

    def test_every_example_is_a_command_mgr_knows(self):
        examples = self.text[self.text.index("\nEXAMPLES"):self.text.index("\nSEE ALSO")]
        commands = re.findall(r"^\s+\$ mgr (.+)$", examples, re.M)
        self.assertGreaterEqual(len(commands), 10, examples)
        top = self.words()
        for line in commands:
            first = line.split()[0]
            self.assertIn(first, top + ["--version"], line)
