"""mgr doctor: one line per check, exit 1 when anything is wrong, and every hint that points to
it leads to a line that names the problem."""

import hashlib
import os
import shutil
import sqlite3
import stat
import subprocess
import unittest

from mgr_harness import MGR_BIN, ROOT, UMASK_022, MgrTestCase, migration_count

FIXTURE = os.path.join(ROOT, "tests", "fixtures", "release-0.1.0.db")
CHECKS = ["config", "database", "schema", "integrity", "foreign keys", "stored values",
          "file modes", "filesystem", "sync folder", "time zone", "mail", "mail password"]


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tree(root):
    found = []
    for folder, dirs, files in os.walk(root):
        found += [os.path.join(folder, name) for name in dirs + files]
    return sorted(found)


class DoctorTestCase(MgrTestCase):
    def doctor(self, expect_code=0, **kwargs):
        """Runs `mgr doctor`; returns {check: (status, detail)} from its text lines, after
        checking that JSON says the same."""
        _, out, err = self.mgr("doctor", expect_code=expect_code, **kwargs)
        checks = {}
        for line in out.splitlines():
            status, rest = line[:4].strip(), line[6:]
            name, detail = rest[:13].strip(), rest[15:]
            self.assertIn(status, ("ok", "info", "warn", "fail"), line)
            self.assertNotIn(name, checks, "two lines for %r" % name)
            checks[name] = (status, detail)
        self.assertEqual(list(checks), CHECKS)
        if expect_code == 1:
            self.assert_error_line(err, ["found a problem"])
        else:
            self.assertEqual(err, "")
        document = self.run_json("doctor", "--format", "json", expect_code=expect_code, **kwargs)
        self.assertEqual(document["ok"], expect_code == 0)
        self.assertEqual({c["check"]: (c["status"], c["detail"]) for c in document["checks"]},
                         checks)
        return checks

    def assert_check(self, checks, name, status, *mentions):
        self.assertEqual(checks[name][0], status, "%s: %s" % (name, checks[name]))
        for text in mentions:
            self.assertIn(text, checks[name][1])

    def write_config(self, text, mode=0o600):
        with open(self.config, "w") as f:
            f.write(text)
        os.chmod(self.config, mode)


class Healthy(DoctorTestCase):
    def test_a_sound_private_database_passes(self):
        self.add_person("alice")
        self.log("note", "alice", "hello")
        checks = self.doctor()
        for name in ("database", "schema", "integrity", "foreign keys", "stored values",
                     "file modes", "filesystem", "sync folder", "time zone"):
            self.assert_check(checks, name, "ok")
        self.assert_check(checks, "database", "ok", self.db)
        self.assert_check(checks, "schema", "ok", "version %d" % migration_count())
        self.assert_check(checks, "time zone", "ok", "UTC (from TZ)")
        self.assert_check(checks, "mail", "info", "not configured")

    def test_doctor_changes_nothing(self):
        self.add_person("alice")
        before = self.db_dump_hash()
        self.doctor()
        self.assertEqual(self.db_dump_hash(), before)


class MissingDatabase(DoctorTestCase):
    def test_says_so_and_how_to_start_and_creates_nothing(self):
        before = tree(self.tmp)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "database", "warn", self.db, "mgr person add", "mgr demo")
        for name in ("schema", "integrity", "foreign keys", "stored values"):
            self.assert_check(checks, name, "info", "no database")
        self.assertEqual(tree(self.tmp), before)

    def test_no_home_and_no_paths(self):
        _, out, err = self.mgr("doctor", expect_code=1,
                               env={"HOME": None, "MGR_DB": None, "MGR_CONFIG": None})
        self.assertRegex(out, r"^fail  paths +neither XDG_CONFIG_HOME nor HOME is set")


class Damage(DoctorTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice", "--day", "mon")

    def raw(self, *statements):
        conn = sqlite3.connect(self.db)
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("PRAGMA ignore_check_constraints = 1")
            for sql in statements:
                conn.execute(sql)
            conn.commit()
        finally:
            conn.close()

    def test_a_garbled_page(self):
        for i in range(200):
            self.log("note", "alice", "note %d %s" % (i, "x" * 300))
        root = self.sql("SELECT rootpage FROM sqlite_schema WHERE name = 'entries'")[0][0]
        page_size = self.sql("PRAGMA page_size")[0][0]
        with open(self.db, "r+b") as f:
            f.seek((root - 1) * page_size)
            f.write(b"\xa5" * page_size)
        digest = file_digest(self.db)
        # The hint of the failing command leads to doctor, and doctor names the damage.
        _, _, err = self.mgr("history", expect_code=1)
        self.assertIn("run `mgr doctor`", err)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "integrity", "fail", "Page %d" % root, "restore a backup")
        self.assert_check(checks, "stored values", "info", "damaged")
        self.assertEqual(file_digest(self.db), digest)

    def test_a_value_mgr_cannot_read(self):
        self.raw("UPDATE people SET tz = 'Mars/Base'")
        _, _, err = self.mgr("person", "show", "alice", expect_code=1)
        self.assertIn("run `mgr doctor`", err)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "integrity", "ok")
        self.assert_check(checks, "stored values", "fail", "people row 1", "Mars/Base")

    def test_a_dangling_reference(self):
        entry = self.log("note", "alice", "hello")
        self.raw("DELETE FROM people")
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "foreign keys", "fail", "refers to a missing people row")
        self.assertTrue(self.sql("SELECT id FROM entries WHERE id = ?", (entry,)))

    def test_a_newer_schema_is_reported_and_left_alone(self):
        self.raw("PRAGMA user_version = 999")
        digest = file_digest(self.db)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "schema", "fail", "999", "upgrade mgr")
        self.assert_check(checks, "stored values", "info", "skipped")
        self.assertEqual(file_digest(self.db), digest)

    def test_an_older_schema_is_a_pending_migration_not_a_problem(self):
        os.remove(self.db)
        shutil.copy(FIXTURE, self.db)
        os.chmod(self.db, 0o600)
        checks = self.doctor()
        self.assert_check(checks, "schema", "info", "version 1",
                          "migrates it to version %d" % migration_count())
        self.assertEqual(self.sql("PRAGMA user_version"), [(1,)])

    def test_random_bytes(self):
        os.remove(self.db)
        with open(self.db, "wb") as f:
            f.write(os.urandom(8192))
        os.chmod(self.db, 0o600)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "database", "fail", self.db, "not an SQLite database")
        self.assert_check(checks, "integrity", "info", "cannot be opened")


class Modes(DoctorTestCase):
    def test_a_group_readable_file(self):
        self.mgr("person", "add", "alice", wrapper=UMASK_022)
        os.chmod(self.db, 0o640)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "file modes", "warn",
                          "%s is 0640: group can read it" % self.db, "chmod 600 %s" % self.db)

    def test_an_open_folder_and_backups(self):
        self.add_person("alice")
        self.mgr("backup")
        folder = os.path.dirname(self.db)
        backups = os.path.join(folder, "backups")
        backup = os.path.join(backups, os.listdir(backups)[0])
        os.chmod(folder, 0o755)
        os.chmod(backup, 0o604)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "file modes", "warn",
                          "%s is 0755: group and others can list and enter it" % folder,
                          "%s is 0604: others can read it" % backup, "chmod 700 %s" % folder)


class Placement(DoctorTestCase):
    def test_a_folder_named_like_a_sync_client(self):
        db = os.path.join(self.tmp, "Dropbox", "mgr", "mgr.db")
        self.mgr("person", "add", "alice", env={"MGR_DB": db})
        checks = self.doctor(expect_code=1, env={"MGR_DB": db})
        self.assert_check(checks, "sync folder", "warn", "Dropbox", "corrupt")

    def test_a_folder_marked_by_a_sync_client(self):
        synced = os.path.join(self.tmp, "shared")
        os.makedirs(os.path.join(synced, ".stfolder"))
        db = os.path.join(synced, "notes", "mgr.db")
        checks = self.doctor(expect_code=1, env={"MGR_DB": db})
        self.assert_check(checks, "sync folder", "warn", "Syncthing", synced)

    def test_a_local_filesystem(self):
        self.add_person("alice")
        checks = self.doctor()
        self.assert_check(checks, "filesystem", "ok", os.path.dirname(self.db), "local")


class TimeZone(DoctorTestCase):
    def test_an_unknown_zone_in_tz(self):
        checks = self.doctor(expect_code=1, env={"TZ": "Mars/Base"})
        self.assert_check(checks, "time zone", "fail", "Mars/Base")

    def test_the_config_zone(self):
        self.write_config('timezone = "Europe/Berlin"\n')
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "time zone", "ok", "Europe/Berlin (from config)")

    def test_no_time_zone_database(self):
        empty = os.path.join(self.tmp, "no-zoneinfo")
        os.mkdir(empty)
        probe = subprocess.run(["unshare", "-rm", "true"], stderr=subprocess.DEVNULL)
        if probe.returncode != 0:
            self.skipTest("needs a mount namespace (unshare -rm) to hide /usr/share/zoneinfo")
        hide = ["unshare", "-rm", "sh", "-c",
                'mount --bind "$0" /usr/share/zoneinfo && exec "$@"', empty]
        _, out, _ = self.mgr("doctor", expect_code=1, wrapper=hide)
        line = [l for l in out.splitlines() if l.startswith("fail  time zone")]
        self.assertEqual(len(line), 1, out)
        self.assertIn("tzdata", line[0])


class Settings(DoctorTestCase):
    def setUp(self):
        super().setUp()
        self.add_person("alice")
        self.password = os.path.join(self.tmp, "smtp-password")
        with open(self.password, "w") as f:
            f.write("secret\n")
        os.chmod(self.password, 0o600)

    def test_a_config_that_does_not_load_is_reported_and_the_rest_still_checked(self):
        self.write_config("review_day = \"someday\"\n")
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "config", "fail", self.config, "review_day")
        self.assert_check(checks, "integrity", "ok")

    def test_a_config_others_can_change(self):
        self.write_config("review_day = \"fri\"\n", mode=0o666)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "config", "warn", "0666", "chmod 600")

    def test_complete_sendmail_settings(self):
        self.write_config('[mail]\nto = "me@example.com"\nsendmail = "/bin/true"\n')
        checks = self.doctor()
        self.assert_check(checks, "mail", "ok", "sendmail (/bin/true)")

    def test_a_bare_program_name_is_looked_up_on_path(self):
        self.write_config('[mail]\nto = "me@example.com"\nsendmail = "true"\n')
        self.assert_check(self.doctor(), "mail", "ok")

    def test_incomplete_mail_settings(self):
        self.write_config('[mail]\ntransport = "smtp"\nsendmail = "/nonexistent/sendmail"\n')
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "mail", "warn", "mail.to is not set", "mail.smtp_url is not set")
        self.write_config('[mail]\nto = "me@example.com"\nsendmail = "/nonexistent/sendmail"\n')
        self.assert_check(self.doctor(expect_code=1), "mail", "warn", "/nonexistent/sendmail")

    def smtp_config(self, password_line):
        self.write_config('[mail]\nto = "me@example.com"\ntransport = "smtp"\n'
                          'smtp_url = "smtps://smtp.example.com:465"\nsmtp_user = "me"\n'
                          + password_line)

    def test_a_private_password_file(self):
        self.smtp_config('smtp_password_file = "~/smtp-password"\n')
        checks = self.doctor()
        self.assert_check(checks, "mail", "ok", "smtp")
        self.assert_check(checks, "mail password", "ok", self.password, "0600")

    def test_a_password_file_others_can_read(self):
        os.chmod(self.password, 0o644)
        self.smtp_config('smtp_password_file = "%s"\n' % self.password)
        self.assert_check(self.doctor(expect_code=1), "mail password", "warn",
                          "%s is 0644: group and others can read it" % self.password)

    def test_a_password_file_that_cannot_be_read(self):
        self.smtp_config('smtp_password_file = "%s"\n' % os.path.join(self.tmp, "missing"))
        self.assert_check(self.doctor(expect_code=1), "mail password", "warn", "cannot be read")

    def test_an_smtp_user_without_a_password(self):
        self.smtp_config("")
        self.assert_check(self.doctor(expect_code=1), "mail password", "warn",
                          "no password")
        self.assert_check(self.doctor(env={"MGR_SMTP_PASSWORD": "x"}), "mail password", "ok",
                          "MGR_SMTP_PASSWORD")

    def test_a_password_in_the_url_of_a_readable_config(self):
        self.write_config('[mail]\nto = "me@example.com"\ntransport = "smtp"\n'
                          'smtp_url = "smtps://me:hunter2@smtp.example.com:465"\n', mode=0o644)
        checks = self.doctor(expect_code=1)
        self.assert_check(checks, "mail password", "warn", "smtp_url holds a password")
        self.assertNotIn("hunter2", "".join(detail for _, detail in checks.values()))


if __name__ == "__main__":
    unittest.main()
