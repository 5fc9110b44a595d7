#include "domain/doctor.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "domain/parse.hpp"

namespace mgr::domain {

namespace {

CheckResult result(std::string check, CheckStatus status, std::string detail) {
  return {std::move(check), status, std::move(detail)};
}

std::string octal_mode(unsigned bits) {
  std::array<char, 8> text{};
  std::snprintf(text.data(), text.size(), "%04o", bits & 07777U);
  return text.data();
}

// A path as a shell command would need it: single-quoted when it holds anything unusual.
std::string shell_word(const std::string& path) {
  const bool plain = std::all_of(path.begin(), path.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '.' || c == '_' || c == '-' || c == '~';
  });
  if (plain && !path.empty()) return path;
  std::string quoted = "'";
  for (char c : path) quoted += c == '\'' ? std::string{"'\\''"} : std::string{c};
  return quoted + "'";
}

// "read and write", from three permission bits, in the words that fit a file or a folder.
std::string access_words(unsigned bits, bool is_folder) {
  std::vector<std::string> words;
  if (bits & 4U) words.emplace_back(is_folder ? "list" : "read");
  if (bits & 2U) words.emplace_back(is_folder ? "add files to" : "write");
  if (bits & 1U) words.emplace_back(is_folder ? "enter" : "run");
  std::string text;
  for (std::size_t i = 0; i < words.size(); ++i)
    text += (i == 0 ? "" : i + 1 == words.size() ? " and " : ", ") + words[i];
  return text;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

std::vector<std::string> path_components(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.emplace_back(to_lower(path.substr(start, slash - start)));
    start = slash + 1;
  }
  return parts;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The service a single (lower-cased) folder name belongs to.
std::optional<std::string> sync_service_of_folder(const std::string& name) {
  if (name == "dropbox" || starts_with(name, "dropbox (") || starts_with(name, "dropbox-"))
    return "Dropbox";
  if (name == "onedrive" || starts_with(name, "onedrive - ") || starts_with(name, "onedrive (") ||
      starts_with(name, "onedrive-"))
    return "OneDrive";
  if (name == "icloud drive" || name == "iclouddrive" || name == "mobile documents" ||
      name == "com~apple~clouddocs")
    return "iCloud Drive";
  if (name == "nextcloud") return "Nextcloud";
  if (name == "owncloud") return "ownCloud";
  if (name == "google drive" || name == "googledrive" || starts_with(name, "googledrive-"))
    return "Google Drive";
  if (name == "pcloud drive") return "pCloud";
  return std::nullopt;
}

struct KnownFilesystem {
  std::uint64_t type;
  const char* name;
  bool shared;
};

// statfs(2) f_type values, from linux/magic.h and the filesystems' own headers.
constexpr std::array<KnownFilesystem, 34> k_filesystems = {{
    {0xEF53, "ext2/3/4", false},     {0x01021994, "tmpfs", false},
    {0x858458F6, "ramfs", false},    {0x9123683E, "btrfs", false},
    {0x58465342, "XFS", false},      {0x2FC12FC1, "ZFS", false},
    {0xF2F52010, "F2FS", false},     {0x794C7630, "overlayfs", false},
    {0xCA451A4E, "bcachefs", false}, {0x3153464A, "JFS", false},
    {0x52654973, "ReiserFS", false}, {0x4D44, "FAT", false},
    {0x2011BAB0, "exFAT", false},    {0x5346544E, "NTFS", false},
    {0x7366746E, "NTFS", false},     {0x482B, "HFS+", false},
    {0xF15F, "eCryptfs", false},     {0x73717368, "SquashFS", false},
    {0x6969, "NFS", true},           {0x517B, "SMB", true},
    {0xFF534D42, "CIFS", true},      {0xFE534D42, "SMB2", true},
    {0x65735546, "FUSE", true},      {0x01021997, "9P", true},
    {0x5346414F, "AFS", true},       {0x6B414653, "AFS", true},
    {0x00C36400, "Ceph", true},      {0x73757245, "Coda", true},
    {0x564C, "NCP", true},           {0x01161970, "GFS2", true},
    {0x7461636F, "OCFS2", true},     {0x0BD00BD0, "Lustre", true},
    {0x47504653, "GPFS", true},      {0x786F4256, "VirtualBox shared folder", true},
}};

}  // namespace

std::string status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::ok:
      return "ok";
    case CheckStatus::info:
      return "info";
    case CheckStatus::warn:
      return "warn";
    case CheckStatus::fail:
      return "fail";
  }
  return "fail";
}

bool needs_attention(const std::vector<CheckResult>& results) {
  return std::any_of(results.begin(), results.end(), [](const CheckResult& r) {
    return r.status == CheckStatus::warn || r.status == CheckStatus::fail;
  });
}

CheckResult judge_database(const DatabaseFacts& facts) {
  if (!facts.exists)
    return result("database", CheckStatus::warn,
                  "no mgr database at " + facts.path +
                      " yet: start with `mgr person add HANDLE`, or try `mgr demo` for a sample "
                      "team; if you have one elsewhere, point --db or MGR_DB at it");
  if (!facts.problem.empty()) return result("database", CheckStatus::fail, facts.problem);
  return result("database", CheckStatus::ok,
                facts.path + " (" + std::to_string((facts.bytes + 1023) / 1024) + " KiB)");
}

CheckResult judge_stored_values(const std::optional<std::string>& problem) {
  if (!problem) return result("stored values", CheckStatus::ok, "every row reads back");
  return result("stored values", CheckStatus::fail,
                *problem +
                    "; correct it in sqlite3, or restore a backup (README: Backup and "
                    "restore)");
}

CheckResult judge_config(const ConfigFacts& facts) {
  if (!facts.exists)
    return result("config", CheckStatus::info,
                  "no config file at " + facts.path + ": every setting has its default");
  if (!facts.problem.empty()) return result("config", CheckStatus::fail, facts.problem);
  if (facts.permission_bits & 022U)
    return result("config", CheckStatus::warn,
                  facts.path + " is " + octal_mode(facts.permission_bits) +
                      ": others can change it, and with it the program mgr runs to send mail "
                      "(chmod 600 " +
                      shell_word(facts.path) + ")");
  return result("config", CheckStatus::ok, facts.path);
}

CheckResult judge_integrity(const std::vector<std::string>& messages) {
  if (messages.size() == 1 && messages.front() == "ok")
    return result("integrity", CheckStatus::ok, "PRAGMA integrity_check: ok");
  if (messages.empty())
    return result("integrity", CheckStatus::fail, "PRAGMA integrity_check returned nothing");
  const std::string count =
      messages.size() == 1 ? "1 problem" : std::to_string(messages.size()) + " problems";
  return result("integrity", CheckStatus::fail,
                "the file is damaged (" + count + ", first: " + messages.front() +
                    "); restore a backup that passes `mgr doctor` (README: Backup and restore)");
}

CheckResult judge_foreign_keys(const std::vector<std::string>& violations) {
  if (violations.empty())
    return result("foreign keys", CheckStatus::ok, "every reference points at a row that exists");
  const std::string count =
      violations.size() == 1 ? "1 row" : std::to_string(violations.size()) + " rows";
  return result("foreign keys", CheckStatus::fail,
                count + " point at rows that do not exist (first: " + violations.front() +
                    "); restore a backup that passes `mgr doctor` (README: Backup and restore)");
}

CheckResult judge_unfinished(const std::string& check, const std::string& error) {
  return result(check, CheckStatus::fail,
                "could not finish: " + error +
                    "; restore a backup that passes `mgr doctor` (README: Backup and restore)");
}

CheckResult judge_schema(int version, int latest) {
  const std::string v = std::to_string(version);
  const std::string l = std::to_string(latest);
  if (version == latest) return result("schema", CheckStatus::ok, "version " + v);
  if (version > latest)
    return result("schema", CheckStatus::fail,
                  "version " + v + " was written by a newer mgr; this one knows up to version " +
                      l + ": upgrade mgr");
  return result("schema", CheckStatus::info,
                "version " + v + "; the next mgr command migrates it to version " + l +
                    " (`mgr backup` first keeps a copy of the old one)");
}

std::optional<std::string> private_mode_problem(unsigned permission_bits, bool is_folder) {
  std::vector<std::string> problems;
  const unsigned group = (permission_bits >> 3) & 7U;
  const unsigned others = permission_bits & 7U;
  if (group != 0 && group == others) {
    problems.push_back("group and others can " + access_words(group, is_folder) + " it");
  } else {
    if (group != 0) problems.push_back("group can " + access_words(group, is_folder) + " it");
    if (others != 0) problems.push_back("others can " + access_words(others, is_folder) + " it");
  }
  const unsigned owner = (permission_bits >> 6) & 7U;
  const unsigned owner_needs = is_folder ? 7U : 6U;
  if ((owner & owner_needs) != owner_needs)
    problems.push_back(std::string{"you cannot "} + (is_folder ? "use it fully" : "write it") +
                       ", so mgr fails");
  if (problems.empty()) return std::nullopt;
  return join(problems, ", ");
}

CheckResult judge_modes(const std::vector<PathMode>& paths) {
  std::vector<std::string> problems;
  std::vector<std::string> fixes;
  for (const auto& path : paths) {
    if (auto problem = private_mode_problem(path.permission_bits, path.is_folder)) {
      problems.push_back(path.path + " is " + octal_mode(path.permission_bits) + ": " + *problem);
      fixes.push_back(std::string{"chmod "} + (path.is_folder ? "700 " : "600 ") +
                      shell_word(path.path));
    }
  }
  if (problems.empty())
    return result("file modes", CheckStatus::ok,
                  std::to_string(paths.size()) + (paths.size() == 1 ? " path is" : " paths are") +
                      " private to you (files 0600, folders 0700)");
  return result("file modes", CheckStatus::warn,
                join(problems, "; ") + "; fix: " + join(fixes, " && "));
}

FilesystemKind filesystem_kind(std::uint64_t statfs_type) {
  for (const auto& known : k_filesystems)
    if (known.type == statfs_type) return {known.name, known.shared};
  std::array<char, 24> hex{};
  std::snprintf(hex.data(), hex.size(), "0x%llx", static_cast<unsigned long long>(statfs_type));
  return {std::string{"type "} + hex.data(), false};
}

CheckResult judge_filesystem(std::uint64_t statfs_type, const std::string& folder) {
  const auto kind = filesystem_kind(statfs_type);
  if (!kind.shared)
    return result("filesystem", CheckStatus::ok,
                  folder + " is on a local filesystem (" + kind.name + ")");
  return result("filesystem", CheckStatus::warn,
                folder + " is on " + kind.name +
                    ", a network or FUSE filesystem: SQLite's WAL mode needs shared memory and "
                    "locks that it may not provide, which can corrupt the database; keep it on a "
                    "local disk (--db or MGR_DB) and copy `mgr backup`s to the share instead");
}

std::optional<std::string> sync_service_in_path(std::string_view path) {
  const auto parts = path_components(path);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (auto service = sync_service_of_folder(parts[i])) return service;
    // macOS puts every file provider (Dropbox, OneDrive, Box, ...) under ~/Library/CloudStorage.
    if (parts[i] == "cloudstorage" && i > 0 && parts[i - 1] == "library") {
      if (i + 1 == parts.size()) return std::string{"a cloud storage provider"};
      if (auto service = sync_service_of_folder(parts[i + 1])) return service;
      return "a cloud storage provider (" + parts[i + 1] + ")";
    }
  }
  return std::nullopt;
}

std::optional<std::string> sync_service_of_marker(std::string_view file_name) {
  const std::string name = to_lower(file_name);
  if (name == ".dropbox" || name == ".dropbox.cache") return "Dropbox";
  if (name == ".stfolder") return "Syncthing";
  if (name == ".owncloudsync.log") return "ownCloud";
  if (name == ".nextcloudsync.log") return "Nextcloud";
  if ((starts_with(name, ".sync_") || starts_with(name, "._sync_")) && ends_with(name, ".db"))
    return "Nextcloud/ownCloud";
  return std::nullopt;
}

CheckResult judge_sync_folder(const std::string& folder,
                              const std::optional<std::string>& service_in_path,
                              const std::optional<std::pair<std::string, std::string>>& marked_by) {
  std::string found;
  if (service_in_path)
    found = folder + " looks like a " + *service_in_path + " folder";
  else if (marked_by)
    found = folder + " is inside a " + marked_by->first + " folder (" + marked_by->second + ")";
  else
    return result("sync folder", CheckStatus::ok,
                  folder + " is not in a known cloud-synced folder");
  return result("sync folder", CheckStatus::warn,
                found +
                    ": a sync client copies the database while mgr writes it and can corrupt it "
                    "or make conflicting copies; keep it outside (--db or MGR_DB) and sync "
                    "`mgr backup`s instead");
}

CheckResult judge_time_zone(const TimeZoneFacts& facts) {
  if (!facts.database_found)
    return result(
        "time zone", CheckStatus::fail,
        "no time zone database (" + facts.database_problem + "): install the tzdata package");
  if (!facts.zone_problem.empty())
    return result("time zone", CheckStatus::fail, facts.zone_problem);
  std::string detail = facts.zone + " (from " + facts.zone_source + ")";
  if (!facts.database_version.empty()) detail += "; tz database " + facts.database_version;
  return result("time zone", CheckStatus::ok, detail);
}

CheckResult judge_mail(const MailFacts& facts) {
  if (!facts.configured)
    return result("mail", CheckStatus::info,
                  "not configured: no [mail] settings in the config, so reminders are not sent "
                  "by e-mail");
  std::vector<std::string> problems;
  for (const auto& setting : facts.missing) problems.push_back(setting + " is not set");
  if (facts.transport == "sendmail" && !facts.program.empty() && !facts.program_runnable)
    problems.push_back("mail.sendmail '" + facts.program + "' is not a program mgr can run");
  if (facts.transport == "smtp" && !facts.smtp_url.empty() &&
      !starts_with(facts.smtp_url, "smtp://") && !starts_with(facts.smtp_url, "smtps://"))
    problems.emplace_back("mail.smtp_url is not an smtp:// or smtps:// URL");
  if (!problems.empty())
    return result("mail", CheckStatus::warn,
                  "incomplete: " + join(problems, "; ") + " (see [mail] in the README)");
  return result("mail", CheckStatus::ok,
                "via " + facts.transport +
                    (facts.transport == "sendmail" ? " (" + facts.program + ")" : std::string{}));
}

CheckResult judge_mail_password(const PasswordFacts& facts) {
  std::vector<std::string> problems;
  std::vector<std::string> sources;
  if (!facts.file.empty()) {
    if (!facts.file_readable) {
      problems.push_back("mail.smtp_password_file '" + facts.file + "' cannot be read");
    } else if (auto problem = private_mode_problem(facts.file_mode, false)) {
      problems.push_back(facts.file + " is " + octal_mode(facts.file_mode) + ": " + *problem +
                         " (chmod 600 " + shell_word(facts.file) + ")");
    } else {
      sources.push_back("file " + facts.file + " (" + octal_mode(facts.file_mode) + ")");
    }
  }
  if (facts.command) sources.emplace_back("mail.smtp_password_command (not run by doctor)");
  if (facts.environment) sources.emplace_back("MGR_SMTP_PASSWORD");
  if (facts.password_in_url) {
    const unsigned others = facts.config_mode & 077U;
    if (others & 044U)
      problems.push_back("mail.smtp_url holds a password and " + facts.config_file + " is " +
                         octal_mode(facts.config_mode) + ": others can read it (chmod 600 " +
                         shell_word(facts.config_file) + ", or use smtp_password_file)");
    else
      sources.emplace_back("the password in mail.smtp_url");
  }
  if (!problems.empty()) return result("mail password", CheckStatus::warn, join(problems, "; "));
  if (!sources.empty())
    return result("mail password", CheckStatus::ok, "from " + join(sources, ", "));
  if (facts.needed)
    return result("mail password", CheckStatus::warn,
                  "mail.smtp_user is set but no password is: set smtp_password_file (mode "
                  "0600), smtp_password_command or MGR_SMTP_PASSWORD");
  return result("mail password", CheckStatus::info, "none configured");
}

}  // namespace mgr::domain
