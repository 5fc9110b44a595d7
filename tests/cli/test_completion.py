"""Shell completion: contrib/completions/mgr.bash driven by bash as the shell drives it
(COMP_WORDS, COMP_CWORD, then the function), fish's own `complete -C`, and the zsh file loaded
by compinit; all of them read their candidates from `mgr __complete`."""

import os
import shutil
import subprocess

from mgr_harness import MGR_BIN, ROOT, MgrTestCase

COMPLETIONS = os.path.join(ROOT, "contrib", "completions")


class Completion(MgrTestCase):
    def setUp(self):
        super().setUp()
        # The scripts run `mgr` as the user typed it: the built binary under that name.
        self.bin = os.path.join(self.tmp, "bin")
        os.makedirs(self.bin)
        os.symlink(os.path.abspath(MGR_BIN), os.path.join(self.bin, "mgr"))
        self.env["PATH"] = self.bin + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin")

    def team(self):
        self.add_person("alice", "--name", "Alice Nguyen")
        self.add_person("bob")
        self.add_person("olga")
        self.mgr("person", "archive", "olga")
        self.open_topic = self.logged_id(self.mgr("topic", "add", "alice", "Roadmap")[1])
        done = self.logged_id(self.mgr("topic", "add", "bob", "Old news")[1])
        self.mgr("topic", "done", str(done))
        self.done_topic = done
        self.concern = self.log("concern", "bob", "Misses stand-ups")

    def bash(self, line):
        """The words bash offers after `line` (which ends where the cursor is)."""
        words = line.split(" ")
        script = ('source "%s/mgr.bash"\nCOMP_WORDS=(%s)\nCOMP_CWORD=%d\nCOMP_LINE=%s\n'
                  'COMP_POINT=${#COMP_LINE}\n_mgr\nprintf "%%s\\n" "${COMPREPLY[@]}"\n' % (
                      COMPLETIONS, " ".join("'%s'" % w for w in words), len(words) - 1,
                      "'%s'" % line))
        proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], env=self.env,
                              cwd=self.tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=30)
        self.assertEqual((proc.returncode, proc.stderr), (0, ""), line)
        return [w for w in proc.stdout.split("\n") if w]

    def test_bash_subcommands_kinds_options_and_choices(self):
        self.assertEqual(self.bash("mgr per"), ["person"])
        self.assertIn("review", self.bash("mgr "))
        self.assertIn("help", self.bash("mgr "))
        self.assertNotIn("__complete", self.bash("mgr "))
        self.assertEqual(sorted(self.bash("mgr person a")), ["add", "archive", "away"])
        self.assertEqual(sorted(self.bash("mgr log ")),
                         sorted(["1on1", "feedback", "concern", "talk", "delegate", "checkin",
                                 "ic", "mgmt", "learn", "note"]))
        self.assertEqual(self.bash("mgr history --kind fe"), ["feedback"])
        self.assertEqual(self.bash("mgr review --fo"), ["--format"])
        self.assertEqual(self.bash("mgr review --format "), ["text", "markdown", "json", "html"])
        self.assertIn("--no-color", self.bash("mgr review --"))
        self.assertEqual(self.bash("mgr log feedback alice --p"), ["--positive"])

    def test_bash_handles_and_open_ids_from_the_database(self):
        self.assertEqual(self.bash("mgr prep "), [])  # no database yet: nothing, and no error
        self.assertFalse(self.db_exists())
        self.team()
        self.assertEqual(self.bash("mgr prep "), ["alice", "bob"])  # olga is archived
        self.assertEqual(self.bash("mgr log 1on1 b"), ["bob"])
        self.assertEqual(self.bash("mgr log concern alice,"), ["alice,alice", "alice,bob"])
        self.assertEqual(self.bash("mgr history --person a"), ["alice"])
        self.assertEqual(self.bash("mgr topic done "), [str(self.open_topic)])
        self.assertEqual(self.bash("mgr log talk bob x --about "), [str(self.concern)])
        self.assertEqual(self.bash("mgr concern resolve "), [str(self.concern)])
        # Another database named on the line is the one read.
        other = os.path.join(self.tmp, "other.db")
        self.mgr("person", "add", "zoe", env={"MGR_DB": other})
        self.assertEqual(self.bash("mgr --db %s prep " % other), ["zoe"])
        self.assertEqual(self.bash("mgr prep --db=%s " % other), ["zoe"])

    def test_zsh_file_loads_and_registers(self):
        if not shutil.which("zsh"):
            self.fail("zsh is not installed: run contrib/install-deps.sh")
        script = ('autoload -U compinit && compinit -u -d "%s/zcompdump" && '
                  'source "%s/_mgr" && print -r -- $_comps[mgr] && '
                  'fpath=("%s" $fpath) && autoload -U _mgr && print ok' % (
                      self.tmp, COMPLETIONS, COMPLETIONS))
        proc = subprocess.run(["zsh", "-f", "-c", script], env=self.env, cwd=self.tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=30)
        self.assertEqual((proc.returncode, proc.stderr), (0, ""))
        self.assertEqual(proc.stdout, "_mgr\nok\n")

    def test_zsh_function_offers_handles_with_their_names(self):
        # The completion system's output function is replaced by one that prints what it was
        # given; the rest is the real file in a real zsh.
        self.team()
        script = ('compdef() { :; }\n'
                  '_describe() { local name=${@[-1]}; print -rl -- "${(@P)name}"; }\n'
                  'source "%s/_mgr"\n'
                  'words=(mgr prep ""); CURRENT=3; _mgr\n'
                  'words=(mgr review --format m); CURRENT=4; _mgr\n' % COMPLETIONS)
        proc = subprocess.run(["zsh", "-f", "-c", script], env=self.env, cwd=self.tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=30)
        self.assertEqual((proc.returncode, proc.stderr), (0, ""))
        self.assertEqual(proc.stdout, "alice:Alice Nguyen\nbob\nmarkdown\n")

    def test_fish_completes_with_descriptions(self):
        if not shutil.which("fish"):
            self.fail("fish is not installed: run contrib/install-deps.sh")
        self.team()
        script = 'source "%s/mgr.fish"; complete -C"mgr prep "; complete -C"mgr per"' % (
            COMPLETIONS)
        proc = subprocess.run(["fish", "--no-config", "-c", script], env=self.env, cwd=self.tmp,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=30)
        self.assertEqual((proc.returncode, proc.stderr), (0, ""))
        lines = proc.stdout.splitlines()
        self.assertEqual(lines[0], "alice\tAlice Nguyen")
        self.assertEqual(lines[1], "bob")
        self.assertTrue(lines[2].startswith("person\t"), lines)
        self.assertEqual(len(lines), 3, lines)

    def test_the_helper_writes_nothing_and_shows_stored_text_safely(self):
        self.add_person("alice")
        topic = self.logged_id(self.mgr("topic", "add", "alice", "Red\x1b[31m text\nline 2")[1])
        before = self.db_dump_hash()
        _, out, err = self.mgr("__complete", "topic", "done", "")
        self.assertEqual(out, "%d\ttopic for alice: Red\\x1b[31m text\\nline 2\n" % topic)
        self.assertEqual(err, "")
        self.assertEqual(self.db_dump_hash(), before)
