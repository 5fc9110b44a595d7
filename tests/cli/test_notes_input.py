"""Notes off the command line: `-` reads a TEXT from standard input, --edit opens the user's
editor on a private file that is removed on every path."""

import os
import signal
import stat
import subprocess
import time
import unittest

from mgr_harness import MGR_BIN, MgrTestCase


class StandardInput(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("bob")

    def test_dash_reads_the_note(self):
        eid = self.log("1on1", "bob", "-", stdin=b"notes\n")
        self.assertEqual(self.entry(eid)["note"], "notes")
        eid = self.log("note", "bob", "-", stdin=b"about bob\nline two\n")
        e = self.entry(eid)
        self.assertEqual((e["people"], e["note"]), (["bob"], "about bob\nline two"))
        eid = self.log("feedback", "bob", "--positive", "--note", "-", stdin=b"well done")
        self.assertEqual(self.entry(eid)["note"], "well done")
        eid = self.log("concern", "bob", "-", stdin=b"a sensitive concern")
        self.assertEqual(self.entry(eid)["note"], "a sensitive concern")

    def test_without_dash_stdin_is_not_read(self):
        eid = self.log("1on1", "bob", stdin=b"ignored")
        self.assertEqual(self.entry(eid)["note"], "")

    def test_dash_everywhere_text_is_taken(self):
        topic = self.logged_id(self.mgr("topic", "add", "bob", "-", stdin=b"career")[1])
        self.assertEqual(self.run_json("show", str(topic), "--format", "json")["text"], "career")
        self.mgr("topic", "edit", str(topic), "-", stdin=b"career growth")
        self.assertEqual(self.run_json("show", str(topic), "--format", "json")["text"],
                         "career growth")
        action = self.logged_id(self.mgr("action", "add", "bob", "-", stdin=b"follow up")[1])
        self.mgr("action", "edit", str(action), "--text", "-", stdin=b"follow up twice")
        self.assertEqual(self.run_json("show", str(action), "--format", "json")["text"],
                         "follow up twice")
        concern = self.log("concern", "bob", "late")
        self.mgr("concern", "resolve", str(concern), "-", stdin=b"talked; fixed")
        self.assertEqual(self.run_json("concern", "show", str(concern), "--format", "json")[
            "close_note"], "talked; fixed")
        did = self.log("delegate", "bob", "-", "--why", "growth", stdin=b"own the release")
        d = self.run_json("delegation", "show", str(did), "--format", "json")
        self.assertEqual((d["outcome"], d["why"]), ("own the release", "growth"))
        did2 = self.log("delegate", "bob", "run retro", "--why", "-", stdin=b"practice")
        self.assertEqual(self.run_json("delegation", "show", str(did2), "--format", "json")[
            "why"], "practice")
        self.mgr("delegation", "done", str(did), "-", stdin=b"shipped")
        self.assertEqual(self.run_json("delegation", "show", str(did), "--format", "json")[
            "close_note"], "shipped")
        eid = self.log("note", "x")
        self.mgr("entry", "edit", str(eid), "--note", "-", stdin=b"replaced")
        self.assertEqual(self.entry(eid)["note"], "replaced")
        self.mgr("log", "1on1", "bob", "--my-action", "-", stdin=b"book the room")
        self.assertIn("book the room",
                      [a["text"] for a in self.run_json("action", "list", "--format", "json")])

    def test_two_dashes_are_refused(self):
        self.fail_usage("log", "1on1", "bob", "-", "--note", "-", stdin=b"x",
                        mentions=["standard input"])

    def test_empty_standard_input_cancels(self):
        before = self.db_dump_hash()
        for stdin in (b"", b"\n\n", b"   \n"):
            with self.subTest(stdin=stdin):
                _, out, err = self.mgr("log", "1on1", "bob", "-", stdin=stdin, expect_code=1)
                self.assertEqual(out, "")
                self.assertIn("empty", err)
        self.assertEqual(self.db_dump_hash(), before)


class Editor(MgrTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("bob")
        self.runtime = os.path.join(self.tmp, "runtime")
        os.mkdir(self.runtime, 0o700)
        self.env["XDG_RUNTIME_DIR"] = self.runtime
        self.env.pop("VISUAL", None)

    def editor(self, body, name="editor.sh"):
        """A scripted editor: records the file it was given, its mode and what it held, then
        runs `body` with the file as $1."""
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write('#!/bin/sh\n'
                    'echo "$1" > "%(tmp)s/seen-path"\n'
                    'stat -c %%a "$1" > "%(tmp)s/seen-mode"\n'
                    'cat "$1" > "%(tmp)s/seen-initial"\n'
                    '%(body)s\n' % {"tmp": self.tmp, "body": body})
        os.chmod(path, 0o700)
        return path

    def seen(self, what):
        with open(os.path.join(self.tmp, "seen-" + what)) as f:
            return f.read().rstrip("\n")

    def assert_no_note_file_left(self):
        for folder in (self.runtime, os.path.dirname(self.db)):
            if os.path.isdir(folder):
                leftovers = [n for n in os.listdir(folder) if n.startswith("mgr-note-")]
                self.assertEqual(leftovers, [], folder)
        self.assertFalse(os.path.exists(self.seen("path")))

    def test_edit_writes_the_note_in_a_private_file(self):
        editor = self.editor("printf 'Growth plan\\n\\nnext steps\\n' > \"$1\"")
        for flag in ("--edit", "-e"):
            with self.subTest(flag=flag):
                eid = self.log("1on1", "bob", flag, env={"EDITOR": editor})
                self.assertEqual(self.entry(eid)["note"], "Growth plan\n\nnext steps")
                self.assertEqual(self.seen("mode"), "600")
                self.assertEqual(os.path.dirname(self.seen("path")), self.runtime)
                self.assert_no_note_file_left()

    def test_visual_wins_over_editor_and_args_are_allowed(self):
        visual = self.editor("echo from visual > \"$1\"", "visual.sh")
        editor = self.editor("echo from editor > \"$1\"", "editor.sh")
        eid = self.log("note", "bob", "--edit", env={"EDITOR": editor, "VISUAL": visual})
        e = self.entry(eid)
        self.assertEqual((e["people"], e["note"]), (["bob"], "from visual"))
        script = os.path.join(self.tmp, "with-args.sh")
        with open(script, "w") as f:
            f.write('printf "%s" "$1" > "$2"\n')
        eid = self.log("note", "x", "--edit", env={"EDITOR": "sh %s 'given word'" % script})
        self.assertEqual(self.entry(eid)["note"], "given word")

    def test_without_runtime_dir_the_file_goes_beside_the_database(self):
        editor = self.editor("echo hello > \"$1\"")
        self.env.pop("XDG_RUNTIME_DIR")
        self.log("note", "x", "--edit", env={"EDITOR": editor})
        self.assertEqual(os.path.dirname(self.seen("path")), os.path.dirname(self.db))
        self.assertEqual(self.seen("mode"), "600")
        self.assert_no_note_file_left()

    def test_editor_opens_on_what_is_there(self):
        editor = self.editor("echo changed > \"$1\"")
        eid = self.log("1on1", "bob", "first", "version")
        self.mgr("entry", "edit", str(eid), "--edit", env={"EDITOR": editor})
        self.assertEqual(self.seen("initial"), "first version")
        self.assertEqual(self.entry(eid)["note"], "changed")
        topic = self.logged_id(self.mgr("topic", "add", "bob", "old text")[1])
        self.mgr("topic", "edit", str(topic), "--edit", env={"EDITOR": editor})
        self.assertEqual(self.seen("initial"), "old text")
        self.assertEqual(self.run_json("show", str(topic), "--format", "json")["text"], "changed")
        self.log("note", "draft", "words", "--edit", env={"EDITOR": editor})
        self.assertEqual(self.seen("initial"), "draft words")

    def test_every_command_that_takes_a_note_has_edit(self):
        editor = self.editor("echo written > \"$1\"")
        concern = self.log("concern", "bob", "late")
        did = self.log("delegate", "bob", "ship")
        commands = [["log", "feedback", "bob", "--positive"], ["log", "talk", "bob"],
                    ["log", "checkin", str(did)], ["log", "ic", "1h"], ["log", "learn", "1h"],
                    ["topic", "add", "bob"], ["action", "add", "bob"],
                    ["concern", "resolve", str(concern)], ["delegation", "done", str(did)]]
        for args in commands:
            with self.subTest(args=args):
                _, out, _ = self.mgr(*args, "-e", env={"EDITOR": editor})
                self.assertTrue(out, args)
                self.assert_no_note_file_left()

    def test_an_empty_note_cancels(self):
        before = self.db_dump_hash()
        for body in (": > \"$1\"", "printf '\\n\\n' > \"$1\"", "true"):
            with self.subTest(body=body):
                editor = self.editor(body)
                _, out, err = self.mgr("log", "1on1", "bob", "--edit", env={"EDITOR": editor},
                                       expect_code=1)
                self.assertEqual(out, "")
                self.assertIn("empty", err)
                self.assert_no_note_file_left()
        self.assertEqual(self.db_dump_hash(), before)

    def test_a_failing_editor_cancels(self):
        before = self.db_dump_hash()
        editor = self.editor("echo secret > \"$1\"; exit 3")
        _, _, err = self.mgr("log", "1on1", "bob", "--edit", env={"EDITOR": editor},
                             expect_code=1)
        self.assertIn("status 3", err)
        self.assert_no_note_file_left()
        self.assertEqual(self.db_dump_hash(), before)

    def run_in_own_group(self, editor, *args):
        env = dict(self.env)
        env["EDITOR"] = editor
        return subprocess.Popen([MGR_BIN, *args], env=env, cwd=self.tmp,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)

    def test_ctrl_c_in_the_editor_removes_the_file(self):
        # Ctrl-C in a terminal sends SIGINT to the whole foreground process group: mgr and the
        # editor. The editor here stops on it, as a script would.
        before = self.db_dump_hash()
        editor = self.editor("echo secret > \"$1\"; kill -INT 0; sleep 5")
        proc = self.run_in_own_group(editor, "log", "1on1", "bob", "--edit")
        out, err = proc.communicate(timeout=20)
        self.assertNotEqual(proc.returncode, 0)
        self.assertEqual(out, b"")
        self.assertIn(b"interrupted", err)
        self.assert_no_note_file_left()
        self.assertEqual(self.db_dump_hash(), before)

    def test_sigterm_to_mgr_while_editing_removes_the_file(self):
        before = self.db_dump_hash()
        editor = self.editor("echo secret > \"$1\"; sleep 30")
        proc = self.run_in_own_group(editor, "log", "1on1", "bob", "--edit")
        try:
            deadline = time.time() + 10
            while not os.path.exists(os.path.join(self.tmp, "seen-initial")):
                self.assertLess(time.time(), deadline, "the editor never started")
                time.sleep(0.05)
            time.sleep(0.2)
            self.assertTrue(os.path.exists(self.seen("path")))
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
        self.assertEqual(proc.returncode, -signal.SIGTERM)
        self.assertFalse(os.path.exists(self.seen("path")))
        self.assertEqual(self.db_dump_hash(), before)


if __name__ == "__main__":
    unittest.main()
