#include "cli/context.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace fs = std::filesystem;

std::optional<std::string> Environment::get(const std::string& name) const {
  auto found = variables.find(name);
  if (found == variables.end()) return std::nullopt;
  return found->second;
}

namespace {

fs::path home_relative(const Environment& env, const char* xdg_variable, const char* fallback,
                       const char* leaf) {
  if (auto xdg = env.get(xdg_variable); xdg && !xdg->empty()) return fs::path(*xdg) / "mgr" / leaf;
  const auto home = env.get("HOME");
  if (!home || home->empty())
    throw UsageError(std::string("neither ") + xdg_variable + " nor HOME is set",
                     "pass --db and --config, or set MGR_DB and MGR_CONFIG");
  return fs::path(*home) / fallback / "mgr" / leaf;
}

// TZ=/some/path names a zone file; one that does not exist is a mistake to report, not a zone
// to guess from the path's last words.
void refuse_missing_zone_file(std::string_view tz) {
  if (!tz.empty() && tz.front() == ':') tz.remove_prefix(1);
  if (tz.empty() || tz.front() != '/' || tz == "/etc/localtime") return;
  std::error_code ec;
  if (!fs::is_regular_file(fs::path{std::string{tz}}, ec))
    throw UsageError("TZ names the file " + util::quoted(tz) + ", which does not exist",
                     "set TZ to a zone name such as Europe/Berlin, or `timezone` in the config");
}

}  // namespace

void Context::resolve_paths() {
  if (!config_option.empty())
    config_path = config_option;
  else if (auto value = env.get("MGR_CONFIG"); value && !value->empty())
    config_path = *value;
  else
    config_path = home_relative(env, "XDG_CONFIG_HOME", ".config", "config.toml");

  if (!db_option.empty()) {
    db_path = db_option;
    db_source = "flag";
  } else if (auto value = env.get("MGR_DB"); value && !value->empty()) {
    db_path = *value;
    db_source = "env";
  } else {
    db_path = home_relative(env, "XDG_DATA_HOME", ".local/share", "mgr.db");
    db_source = "default";
  }
}

void Context::resolve() {
  resolve_paths();
  config = load_config(config_path);
  for (const auto& warning : config.warnings)
    err << "mgr: warning: " << util::escape_controls(warning, util::Newlines::escape) << "\n";

  const auto tz = env.get("TZ");
  if (config.timezone.empty() && tz) refuse_missing_zone_file(*tz);
  const auto zone = domain::choose_zone(config.timezone, tz ? tz->c_str() : nullptr);
  clock.zone = zone.zone;
  if (!zone.warning.empty())
    err << "mgr: warning: " << util::escape_controls(zone.warning, util::Newlines::escape) << "\n";
  if (auto fixed = env.get("MGR_NOW"); fixed && !fixed->empty())
    clock.now = domain::parse_now(*fixed, clock.zone);
  else
    clock.now = env.system_now;

  // Record where the zone came from so `mgr config` can say so.
  for (auto& setting : config.sources) {
    if (setting.key == "timezone" && setting.source == "default") {
      setting.value = clock.zone->name();
      setting.source = !zone.warning.empty() ? "system (TZ is a POSIX rule)"
                       : tz && !tz->empty()  ? "env"
                                             : "system";
    }
  }
  config.sources.insert(config.sources.begin(),
                        {{"database", db_path.string(), db_source},
                         {"config", config_path.string(),
                          config.file_exists ? "file" : "default (missing: all defaults)"}});
  if (env.get("MGR_SMTP_PASSWORD"))
    config.sources.push_back({"mail.smtp_password", "(set)", "env"});
}

domain::AgendaPolicy Context::agenda_policy() const {
  domain::AgendaPolicy policy;
  policy.workdays = config.workdays;
  policy.concern_days_max = config.review.concern_days_max;
  policy.review_day = domain::parse_weekday(config.review_day);
  return policy;
}

bool Context::color() const {
  return !no_color && env.stdout_is_terminal && !env.get("NO_COLOR");
}

void Context::print_notices(const storage::Database& db) {
  for (const auto& notice : db.notices())
    err << "mgr: note: " << util::escape_controls(notice, util::Newlines::escape) << "\n";
}

std::optional<storage::Database> Context::open_for_reading(bool quiet_stdout) {
  auto db = storage::Database::open_read_only(db_path);
  if (db) print_notices(*db);
  if (!db) {
    std::ostream& to = quiet_stdout ? err : out;
    to << "No mgr database at " << util::escape_controls(db_path.string(), util::Newlines::escape)
       << " yet.\n"
       << "Start with `mgr person add alice --name \"Alice Example\"`, or try `mgr demo` for a "
          "sample team.\n";
  }
  return db;
}

storage::Database Context::open_for_writing(const std::string& error_if_missing) {
  if (!error_if_missing.empty() && !std::filesystem::exists(db_path))
    throw UsageError(error_if_missing, "there is no mgr database at " + db_path.string() +
                                           " yet; start with `mgr person add HANDLE`");
  auto db = storage::Database::open_for_writing(db_path);
  print_notices(db);
  return db;
}

void CommandTable::add(CLI::App* command, std::function<void()> run, Settings settings) {
  m_commands.push_back({command, std::move(run), settings});
}

bool CommandTable::builds(std::string_view name, const std::vector<std::string_view>& names) const {
  if (std::find(names.begin(), names.end(), m_next_word) == names.end()) return true;
  return name == m_next_word;
}

const CommandTable::Command* CommandTable::selected_command() const {
  const Command* best = nullptr;
  int best_depth = -1;
  for (const auto& command : m_commands) {
    if (!command.app->parsed()) continue;
    int depth = 0;
    for (const CLI::App* parent = command.app->get_parent(); parent; parent = parent->get_parent())
      ++depth;
    if (depth > best_depth) {
      best = &command;
      best_depth = depth;
    }
  }
  return best;
}

const std::function<void()>* CommandTable::selected() const {
  const auto* command = selected_command();
  return command ? &command->run : nullptr;
}

CommandTable::Settings CommandTable::selected_settings() const {
  const auto* command = selected_command();
  return command ? command->settings : Settings::resolved_first;
}

}  // namespace mgr::cli
