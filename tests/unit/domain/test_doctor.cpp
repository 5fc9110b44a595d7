// The judging behind `mgr doctor`: which modes, filesystems and folders are a problem, and what
// each check says about the facts it is given.
#include "domain/doctor.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace mgr::domain;

namespace {

bool mentions(const CheckResult& result, const std::string& text) {
  return result.detail.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("private modes: any access for group or others is a problem", "[doctor]") {
  struct Case {
    unsigned mode;
    bool folder;
    std::optional<std::string> problem;
  };
  const std::vector<Case> cases = {
      {0600, false, std::nullopt},
      {0700, true, std::nullopt},
      {0700, false, std::nullopt},
      {0644, false, "group and others can read it"},
      {0640, false, "group can read it"},
      {0604, false, "others can read it"},
      {0660, false, "group can read and write it"},
      {0664, false, "group can read and write it, others can read it"},
      {0666, false, "group and others can read and write it"},
      {0755, true, "group and others can list and enter it"},
      {0711, true, "group and others can enter it"},
      {0770, true, "group can list, add files to and enter it"},
      {0400, false, "you cannot write it, so mgr fails"},
      {0500, true, "you cannot use it fully, so mgr fails"},
      {0444, false, "group and others can read it, you cannot write it, so mgr fails"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.mode, c.folder);
    CHECK(private_mode_problem(c.mode, c.folder) == c.problem);
  }
}

TEST_CASE("the file modes check names every exposed path and the command that fixes it",
          "[doctor]") {
  const auto quiet = judge_modes({{"/d/mgr.db", 0600, false}, {"/d", 0700, true}});
  CHECK(quiet.status == CheckStatus::ok);
  CHECK(mentions(quiet, "2 paths are private"));

  const auto exposed = judge_modes(
      {{"/d/mgr.db", 0644, false}, {"/d/mgr.db-wal", 0600, false}, {"/my data", 0755, true}});
  CHECK(exposed.status == CheckStatus::warn);
  CHECK(mentions(exposed, "/d/mgr.db is 0644: group and others can read it"));
  CHECK(mentions(exposed, "/my data is 0755"));
  CHECK(mentions(exposed, "chmod 600 /d/mgr.db && chmod 700 '/my data'"));
  CHECK_FALSE(mentions(exposed, "mgr.db-wal"));
}

TEST_CASE("network and FUSE filesystems are shared, local ones are not", "[doctor]") {
  struct Case {
    std::uint64_t type;
    const char* name;
    bool shared;
  };
  const std::vector<Case> cases = {
      {0xEF53, "ext2/3/4", false},
      {0x01021994, "tmpfs", false},
      {0x9123683E, "btrfs", false},
      {0x58465342, "XFS", false},
      {0x6969, "NFS", true},
      {0xFF534D42, "CIFS", true},
      {0xFE534D42, "SMB2", true},
      {0x517B, "SMB", true},
      {0x65735546, "FUSE", true},
      {0x01021997, "9P", true},
      {0x12345678, "type 0x12345678", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.type);
    const auto kind = filesystem_kind(c.type);
    CHECK(kind.name == c.name);
    CHECK(kind.shared == c.shared);
    CHECK((judge_filesystem(c.type, "/d").status == CheckStatus::warn) == c.shared);
  }
  CHECK(mentions(judge_filesystem(0x6969, "/net/home"), "/net/home is on NFS"));
}

TEST_CASE("cloud-synced folders are recognised by their names", "[doctor]") {
  struct Case {
    const char* path;
    std::optional<std::string> service;
  };
  const std::vector<Case> cases = {
      {"/home/me/Dropbox/mgr", "Dropbox"},
      {"/home/me/Dropbox (Personal)/notes", "Dropbox"},
      {"/home/me/OneDrive/mgr", "OneDrive"},
      {"/home/me/OneDrive - Contoso/mgr", "OneDrive"},
      {"/Users/me/Library/Mobile Documents/com~apple~CloudDocs/mgr", "iCloud Drive"},
      {"/home/me/iCloudDrive/mgr", "iCloud Drive"},
      {"/home/me/Nextcloud/Documents", "Nextcloud"},
      {"/home/me/ownCloud", "ownCloud"},
      {"/home/me/Google Drive/mgr", "Google Drive"},
      {"/Users/me/Library/CloudStorage/Box-Box/mgr", "a cloud storage provider (box-box)"},
      {"/Users/me/Library/CloudStorage/OneDrive-Personal/mgr", "OneDrive"},
      {"/home/me/.local/share/mgr", std::nullopt},
      {"/home/me/dropboxes/mgr", std::nullopt},
      {"/home/me/my-nextcloud-notes/mgr", std::nullopt},
      {"/srv/CloudStorage/mgr", std::nullopt},
  };
  for (const auto& c : cases) {
    CAPTURE(c.path);
    CHECK(sync_service_in_path(c.path) == c.service);
  }
}

TEST_CASE("sync clients' marker files name their service", "[doctor]") {
  CHECK(sync_service_of_marker(".dropbox") == "Dropbox");
  CHECK(sync_service_of_marker(".stfolder") == "Syncthing");
  CHECK(sync_service_of_marker(".sync_3f2a9c1d.db") == "Nextcloud/ownCloud");
  CHECK(sync_service_of_marker("._sync_3f2a9c1d.db") == "Nextcloud/ownCloud");
  CHECK(sync_service_of_marker(".owncloudsync.log") == "ownCloud");
  CHECK_FALSE(sync_service_of_marker("dropbox"));
  CHECK_FALSE(sync_service_of_marker(".sync_notes.txt"));
  CHECK_FALSE(sync_service_of_marker("mgr.db"));

  CHECK(judge_sync_folder("/d", std::nullopt, std::nullopt).status == CheckStatus::ok);
  const auto by_path = judge_sync_folder("/home/me/Dropbox/mgr", "Dropbox", std::nullopt);
  CHECK(by_path.status == CheckStatus::warn);
  CHECK(mentions(by_path, "Dropbox"));
  const auto by_marker = judge_sync_folder(
      "/home/me/sync/mgr", std::nullopt, std::make_pair(std::string{"Syncthing"}, "/home/me/sync"));
  CHECK(by_marker.status == CheckStatus::warn);
  CHECK(mentions(by_marker, "inside a Syncthing folder (/home/me/sync)"));
}

TEST_CASE("integrity, foreign keys, schema and stored values", "[doctor]") {
  CHECK(judge_integrity({"ok"}).status == CheckStatus::ok);
  const auto damaged = judge_integrity(
      {"*** in database main ***", "Page 5: btreeInitPage() returns error code 11"});
  CHECK(damaged.status == CheckStatus::fail);
  CHECK(mentions(damaged, "2 problems"));
  CHECK(mentions(damaged, "restore a backup"));
  CHECK(judge_integrity({}).status == CheckStatus::fail);

  CHECK(judge_foreign_keys({}).status == CheckStatus::ok);
  const auto dangling = judge_foreign_keys({"entry_people row 3 -> people"});
  CHECK(dangling.status == CheckStatus::fail);
  CHECK(mentions(dangling, "1 row point"));

  CHECK(judge_schema(3, 3).status == CheckStatus::ok);
  const auto pending = judge_schema(1, 3);
  CHECK(pending.status == CheckStatus::info);
  CHECK(mentions(pending, "migrates it to version 3"));
  const auto newer = judge_schema(9, 3);
  CHECK(newer.status == CheckStatus::fail);
  CHECK(mentions(newer, "upgrade mgr"));

  CHECK(judge_stored_values(std::nullopt).status == CheckStatus::ok);
  const auto bad = judge_stored_values(std::string{"people row 1: tz is 'Mars/Base'"});
  CHECK(bad.status == CheckStatus::fail);
  CHECK(mentions(bad, "Mars/Base"));
}

TEST_CASE("a missing database says how to start, a refused one says why", "[doctor]") {
  const auto missing = judge_database({"/d/mgr.db", false, "", 0});
  CHECK(missing.status == CheckStatus::warn);
  CHECK(mentions(missing, "/d/mgr.db"));
  CHECK(mentions(missing, "mgr person add"));
  const auto refused = judge_database({"/d/mgr.db", true, "not an SQLite database", 10});
  CHECK(refused.status == CheckStatus::fail);
  const auto fine = judge_database({"/d/mgr.db", true, "", 4096 * 26});
  CHECK(fine.status == CheckStatus::ok);
  CHECK(mentions(fine, "104 KiB"));
}

TEST_CASE("the config file may be read by others but not changed by them", "[doctor]") {
  CHECK(judge_config({"/c.toml", false, "", 0}).status == CheckStatus::info);
  CHECK(judge_config({"/c.toml", true, "/c.toml:3: unknown key", 0600}).status ==
        CheckStatus::fail);
  CHECK(judge_config({"/c.toml", true, "", 0644}).status == CheckStatus::ok);
  const auto writable = judge_config({"/c.toml", true, "", 0664});
  CHECK(writable.status == CheckStatus::warn);
  CHECK(mentions(writable, "chmod 600 /c.toml"));
}

TEST_CASE("time zone data and the user's zone", "[doctor]") {
  TimeZoneFacts facts;
  facts.database_problem = "no zoneinfo";
  CHECK(judge_time_zone(facts).status == CheckStatus::fail);
  CHECK(mentions(judge_time_zone(facts), "tzdata"));
  facts.database_found = true;
  facts.zone_problem = "unknown time zone 'Mars/Base'";
  CHECK(judge_time_zone(facts).status == CheckStatus::fail);
  facts.zone_problem.clear();
  facts.zone = "Europe/Berlin";
  facts.zone_source = "config";
  facts.database_version = "2024a";
  const auto fine = judge_time_zone(facts);
  CHECK(fine.status == CheckStatus::ok);
  CHECK(fine.detail == "Europe/Berlin (from config); tz database 2024a");
}

TEST_CASE("mail settings: complete, missing pieces, a program that cannot run", "[doctor]") {
  MailFacts facts;
  CHECK(judge_mail(facts).status == CheckStatus::info);
  facts.configured = true;
  facts.transport = "sendmail";
  facts.program = "/usr/sbin/sendmail";
  facts.program_runnable = true;
  CHECK(judge_mail(facts).status == CheckStatus::ok);
  facts.missing = {"mail.to"};
  const auto incomplete = judge_mail(facts);
  CHECK(incomplete.status == CheckStatus::warn);
  CHECK(mentions(incomplete, "mail.to is not set"));
  facts.missing.clear();
  facts.program_runnable = false;
  CHECK(mentions(judge_mail(facts), "not a program mgr can run"));
  facts.transport = "smtp";
  facts.smtp_url = "http://example.com";
  CHECK(mentions(judge_mail(facts), "not an smtp:// or smtps:// URL"));
  facts.smtp_url = "smtps://smtp.example.com:465";
  CHECK(judge_mail(facts).status == CheckStatus::ok);
}

TEST_CASE("the mail password source must be readable and private", "[doctor]") {
  PasswordFacts facts;
  CHECK(judge_mail_password(facts).status == CheckStatus::info);
  facts.needed = true;
  CHECK(judge_mail_password(facts).status == CheckStatus::warn);

  facts.file = "/home/me/.config/mgr/smtp-password";
  facts.file_readable = true;
  facts.file_mode = 0600;
  CHECK(judge_mail_password(facts).status == CheckStatus::ok);
  facts.file_mode = 0644;
  const auto exposed = judge_mail_password(facts);
  CHECK(exposed.status == CheckStatus::warn);
  CHECK(mentions(exposed, "0644: group and others can read it"));
  facts.file_readable = false;
  CHECK(mentions(judge_mail_password(facts), "cannot be read"));

  PasswordFacts in_url;
  in_url.password_in_url = true;
  in_url.config_file = "/c.toml";
  in_url.config_mode = 0600;
  CHECK(judge_mail_password(in_url).status == CheckStatus::ok);
  in_url.config_mode = 0644;
  CHECK(judge_mail_password(in_url).status == CheckStatus::warn);

  PasswordFacts from_env;
  from_env.needed = true;
  from_env.environment = true;
  CHECK(judge_mail_password(from_env).status == CheckStatus::ok);
}

TEST_CASE("doctor needs attention when any check warns or fails", "[doctor]") {
  std::vector<CheckResult> results = {{"a", CheckStatus::ok, ""}, {"b", CheckStatus::info, ""}};
  CHECK_FALSE(needs_attention(results));
  results.push_back({"c", CheckStatus::warn, ""});
  CHECK(needs_attention(results));
  CHECK(status_name(CheckStatus::fail) == "fail");
}
