// mgr doctor: is the database sound, private and safely placed, and are the time zone data and
// the mail settings usable? The facts are gathered here; domain/doctor judges them.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cli/common.hpp"
#include "domain/doctor.hpp"
#include "domain/errors.hpp"
#include "domain/zone.hpp"
#include "storage/backup.hpp"
#include "storage/health.hpp"
#include "storage/migrations.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;
using domain::CheckResult;
using domain::CheckStatus;

std::optional<struct stat> stat_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return info;
}

unsigned permission_bits(const struct stat& info) {
  return static_cast<unsigned>(info.st_mode & 07777);
}

// The folder itself, or the nearest one above it that exists: where the database will be.
fs::path nearest_existing_folder(fs::path folder) {
  std::error_code ec;
  folder = fs::absolute(folder.empty() ? fs::path(".") : folder, ec);
  while (!fs::is_directory(folder, ec) && folder.has_parent_path() &&
         folder.parent_path() != folder)
    folder = folder.parent_path();
  return folder;
}

CheckResult skipped(const std::string& check, const std::string& why) {
  return {check, CheckStatus::info, "skipped: " + why};
}

// ---- the database ----

std::optional<std::string> first_unreadable_value(storage::Database& db) {
  try {
    db.read([&] {
      storage::Store store{db};
      store.list_people(true);
      store.list_entries({});
      store.list_topics(std::nullopt, true);
      store.list_actions(std::nullopt, std::nullopt, true);
      store.list_concerns(std::nullopt, true);
      for (const auto& delegation : store.list_delegations(std::nullopt, true))
        store.checkins(delegation.id);
      store.active_schedules();
    });
  } catch (const Error& error) {
    return std::string{error.what()};
  }
  return std::nullopt;
}

std::vector<CheckResult> check_database(const Context& ctx) {
  std::vector<CheckResult> results;
  domain::DatabaseFacts facts;
  facts.path = ctx.db_path.string();
  std::error_code ec;
  facts.exists = fs::exists(ctx.db_path, ec);
  std::optional<storage::Database> db;
  if (facts.exists) {
    facts.bytes = fs::file_size(ctx.db_path, ec);
    try {
      db = storage::Database::open_unchanged(ctx.db_path);
    } catch (const Error& error) {
      facts.problem = error.what();
    }
  }
  results.push_back(domain::judge_database(facts));
  if (!db) {
    const std::string why = facts.exists ? "the file cannot be opened" : "no database";
    for (const char* check : {"schema", "integrity", "foreign keys", "stored values"})
      results.push_back(skipped(check, why));
    return results;
  }

  const int version = db->schema_version();
  const int latest = storage::latest_schema_version();
  results.push_back(domain::judge_schema(version, latest));
  bool damaged = false;
  try {
    results.push_back(domain::judge_integrity(storage::integrity_messages(*db)));
  } catch (const Error& error) {
    results.push_back(domain::judge_unfinished("integrity", error.what()));
  }
  damaged = results.back().status == CheckStatus::fail;
  try {
    results.push_back(
        domain::judge_foreign_keys(db->read([&] { return storage::foreign_key_violations(*db); })));
  } catch (const Error& error) {
    results.push_back(domain::judge_unfinished("foreign keys", error.what()));
  }
  if (damaged)
    results.push_back(skipped("stored values", "the file is damaged (see integrity)"));
  else if (version != latest)
    results.push_back(skipped("stored values", "mgr reads only the current schema version"));
  else
    results.push_back(domain::judge_stored_values(first_unreadable_value(*db)));
  return results;
}

// The database folder, the database with its -wal and -shm, and the default backup folder with
// the files in it.
CheckResult check_modes(const Context& ctx) {
  std::vector<domain::PathMode> paths;
  auto add = [&](const fs::path& path) {
    if (auto info = stat_of(path))
      paths.push_back({path.string(), permission_bits(*info), S_ISDIR(info->st_mode)});
  };
  const fs::path folder = ctx.db_path.parent_path();
  if (!folder.empty()) add(folder);
  for (const char* suffix : {"", "-wal", "-shm"}) add(ctx.db_path.string() + suffix);
  const fs::path backups = storage::default_backup_folder(ctx.db_path);
  std::error_code ec;
  if (fs::is_directory(backups, ec)) {
    add(backups);
    for (const auto& item : fs::directory_iterator(backups, ec))
      if (item.is_regular_file(ec)) add(item.path());
  }
  if (paths.empty()) return skipped("file modes", "no database or folder yet");
  return domain::judge_modes(paths);
}

CheckResult check_filesystem(const fs::path& folder) {
  struct statfs info {};
  if (::statfs(folder.c_str(), &info) != 0)
    return {"filesystem", CheckStatus::warn,
            "cannot tell the filesystem of " + folder.string() + ": " + std::strerror(errno)};
  return domain::judge_filesystem(static_cast<std::uint64_t>(info.f_type), folder.string());
}

CheckResult check_sync_folder(const fs::path& folder) {
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(folder, ec);
  const fs::path shown = ec ? folder : real;
  std::optional<std::pair<std::string, std::string>> marked_by;
  for (fs::path at = shown; !marked_by; at = at.parent_path()) {
    for (const auto& item : fs::directory_iterator(at, ec)) {
      if (auto service = domain::sync_service_of_marker(item.path().filename().string())) {
        marked_by = std::make_pair(*service, at.string());
        break;
      }
    }
    if (!at.has_parent_path() || at.parent_path() == at) break;
  }
  return domain::judge_sync_folder(shown.string(), domain::sync_service_in_path(shown.string()),
                                   marked_by);
}

// ---- settings ----

CheckResult check_config(Context& ctx) {
  domain::ConfigFacts facts;
  facts.path = ctx.config_path.string();
  const auto info = stat_of(ctx.config_path);
  facts.exists = info.has_value();
  if (info) facts.permission_bits = permission_bits(*info);
  try {
    ctx.config = load_config(ctx.config_path);
  } catch (const Error& error) {
    facts.problem = error.what();
  }
  return domain::judge_config(facts);
}

CheckResult check_time_zone(const Context& ctx) {
  domain::TimeZoneFacts facts;
  try {
    facts.database_found = !domain::zone_names().empty();
    facts.database_version = domain::zone_database_version();
    if (!facts.database_found) facts.database_problem = "it holds no zones";
  } catch (const std::exception& error) {
    facts.database_problem = error.what();
  }
  if (!facts.database_found) return domain::judge_time_zone(facts);
  const auto tz = ctx.env.get("TZ");
  facts.zone_source = !ctx.config.timezone.empty() ? "config"
                      : tz && !tz->empty()         ? "TZ"
                                                   : "system";
  try {
    facts.zone = domain::resolve_zone(ctx.config.timezone, tz ? tz->c_str() : nullptr)->name();
  } catch (const std::exception& error) {
    facts.zone_problem = error.what();
    if (const auto* mgr_error = dynamic_cast<const Error*>(&error);
        mgr_error && !mgr_error->hint().empty())
      facts.zone_problem += " (" + mgr_error->hint() + ")";
  }
  return domain::judge_time_zone(facts);
}

bool is_runnable(const std::string& program, const Context& ctx) {
  auto runnable = [](const fs::path& path) {
    const auto info = stat_of(path);
    return info && S_ISREG(info->st_mode) && ::access(path.c_str(), X_OK) == 0;
  };
  if (program.find('/') != std::string::npos) return runnable(program);
  const std::string search = ctx.env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  std::size_t start = 0;
  while (start <= search.size()) {
    auto colon = search.find(':', start);
    if (colon == std::string::npos) colon = search.size();
    if (colon > start && runnable(fs::path(search.substr(start, colon - start)) / program))
      return true;
    start = colon + 1;
  }
  return false;
}

fs::path expand_home(const std::string& path, const Context& ctx) {
  const auto home = ctx.env.get("HOME");
  if (path.rfind("~/", 0) == 0 && home) return fs::path(*home) / path.substr(2);
  return path;
}

// smtp://user:secret@host: a password in the URL's user part.
bool url_holds_password(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string rest = url.substr(scheme_end + 3);
  const std::string authority = rest.substr(0, rest.find('/'));
  const auto at = authority.rfind('@');
  return at != std::string::npos && authority.substr(0, at).find(':') != std::string::npos;
}

std::vector<CheckResult> check_mail(const Context& ctx) {
  const auto& mail = ctx.config.mail;
  domain::MailFacts facts;
  for (const auto& setting : ctx.config.sources)
    if (setting.key.rfind("mail.", 0) == 0 && setting.source == "file") facts.configured = true;
  facts.missing = mail.missing();
  facts.transport = mail.transport;
  facts.program = mail.sendmail;
  facts.program_runnable = !mail.sendmail.empty() && is_runnable(mail.sendmail, ctx);
  facts.smtp_url = mail.smtp_url;

  domain::PasswordFacts password;
  password.needed = mail.transport == "smtp" && !mail.smtp_user.empty();
  if (!mail.smtp_password_file.empty()) {
    const fs::path file = expand_home(mail.smtp_password_file, ctx);
    password.file = file.string();
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    password.file_readable = fd >= 0;
    if (fd >= 0) ::close(fd);
    if (const auto info = stat_of(file)) password.file_mode = permission_bits(*info);
  }
  password.command = !mail.smtp_password_command.empty();
  password.environment = ctx.env.get("MGR_SMTP_PASSWORD").has_value();
  password.password_in_url = url_holds_password(mail.smtp_url);
  password.config_file = ctx.config_path.string();
  if (const auto info = stat_of(ctx.config_path)) password.config_mode = permission_bits(*info);
  return {domain::judge_mail(facts), domain::judge_mail_password(password)};
}

// ---- the command ----

std::vector<CheckResult> examine(Context& ctx) {
  std::vector<CheckResult> results;
  try {
    ctx.resolve_paths();
  } catch (const Error& error) {
    results.push_back(
        {"paths", CheckStatus::fail, std::string{error.what()} + " (" + error.hint() + ")"});
    return results;
  }
  results.push_back(check_config(ctx));
  for (auto& result : check_database(ctx)) results.push_back(std::move(result));
  results.push_back(check_modes(ctx));
  const fs::path folder = nearest_existing_folder(ctx.db_path.parent_path());
  results.push_back(check_filesystem(folder));
  results.push_back(check_sync_folder(folder));
  results.push_back(check_time_zone(ctx));
  for (auto& result : check_mail(ctx)) results.push_back(std::move(result));
  return results;
}

void run_doctor(Context& ctx, const std::string& format) {
  const auto results = examine(ctx);
  const bool attention = domain::needs_attention(results);
  if (format == "json") {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& result : results)
      checks.push_back({{"check", result.check},
                        {"status", domain::status_name(result.status)},
                        {"detail", result.detail}});
    print_json(ctx.out, {{"ok", !attention}, {"checks", checks}});
  } else {
    for (const auto& result : results) {
      const std::string status = fmt::format("{:<4}", domain::status_name(result.status));
      const bool wrong = result.status == CheckStatus::warn || result.status == CheckStatus::fail;
      ctx.out << (wrong ? bold(ctx, status) : status)
              << fmt::format("  {:<13}  {}\n", result.check, result.detail);
    }
  }
  if (attention) {
    const auto count = std::count_if(results.begin(), results.end(), [](const CheckResult& r) {
      return r.status == CheckStatus::warn || r.status == CheckStatus::fail;
    });
    throw Failure(fmt::format("{} of {} checks found a problem", count, results.size()),
                  "each line marked warn or fail says what to do");
  }
}

}  // namespace

void register_doctor_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto format = std::make_shared<std::string>();
  auto* doctor = app.add_subcommand(
      "doctor", "Check the database, who can read it, where it lives, time zones and mail");
  doctor->footer(
      "One line per check: ok, info (nothing wrong), warn or fail, and what to do. Checks:\n"
      "  config, database     the config file loads; the database file is an mgr database\n"
      "  schema               its version; a migration the next command applies\n"
      "  integrity            PRAGMA integrity_check (damaged pages)\n"
      "  foreign keys         PRAGMA foreign_key_check (rows pointing at missing rows)\n"
      "  stored values        every row reads back (values edited by hand)\n"
      "  file modes           database, -wal, -shm, folder and backups private to you\n"
      "  filesystem           not NFS, SMB/CIFS, FUSE or 9P, where WAL mode is unsafe\n"
      "  sync folder          not in Dropbox, OneDrive, iCloud Drive, Nextcloud, ...\n"
      "  time zone            the tz database and your zone are found\n"
      "  mail, mail password  [mail] complete; the password source readable, mode 0600\n"
      "Exit 1 when any check warns or fails, else 0.\n\n" +
      doctor->get_footer());
  add_format_option(doctor, *format, {"text", "json"});
  table.add(
      doctor, [&ctx, format] { run_doctor(ctx, *format); },
      CommandTable::Settings::resolved_by_command);
}

}  // namespace mgr::cli
