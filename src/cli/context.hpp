#pragma once
#include <date/tz.h>

#include <filesystem>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/config.hpp"
#include "domain/agenda.hpp"
#include "domain/clock.hpp"
#include "domain/review.hpp"
#include "domain/series.hpp"
#include "storage/database.hpp"

namespace CLI {
class App;
}

namespace mgr::cli {

// What main read from the outside world, once: the real clock, the environment variables mgr
// reads, and whether stdout is a terminal.
struct Environment {
  domain::Instant system_now;
  std::map<std::string, std::string> variables;
  bool stdout_is_terminal = false;
  bool stdin_is_terminal = false;  // someone can answer a question

  std::optional<std::string> get(const std::string& name) const;
};

// Everything a command needs: streams, settings, the clock and the way to the database. Filled
// in after the command line parsed and before the command runs.
class Context {
 public:
  Context(Environment environment, std::istream& in_stream, std::ostream& out_stream,
          std::ostream& err_stream)
      : env(std::move(environment)), in(in_stream), out(out_stream), err(err_stream) {}

  Environment env;
  std::istream& in;          // read only for a TEXT given as `-`
  bool stdin_taken = false;  // standard input can be read once
  bool committed = false;    // a change was committed (its confirmation may still be lost)
  std::ostream& out;
  std::ostream& err;

  // Global options, set by the parser.
  std::string db_option;
  std::string config_option;
  bool no_color = false;

  // Resolved from the options, the environment and the config file.
  Config config;
  domain::Clock clock{};
  std::filesystem::path config_path;
  std::filesystem::path db_path;
  std::string db_source;

  void resolve();
  // The first step of resolve(): where the config file and the database are. `mgr doctor` runs
  // it alone, so that it can report a config file or a time zone that does not load.
  void resolve_paths();
  bool color() const;

  // A read-only command: nothing when there is no database yet, after telling the user how to
  // start (on stdout, or stderr when `quiet_stdout` keeps stdout for a JSON document).
  std::optional<storage::Database> open_for_reading(bool quiet_stdout = false);
  // A command that only changes what already exists passes what a missing database means for
  // it (e.g. "unknown person 'bob'"): it fails with that instead of creating an empty file.
  storage::Database open_for_writing(const std::string& error_if_missing = {});

  domain::Date today() const { return clock.today(); }
  // The 1:1 series seen from today, in the user's zone and workdays.
  domain::SeriesContext series_context() const {
    return {clock.zone, clock.today(), config.workdays};
  }
  // How the review's rules judge the log: the user's zone, workdays and today.
  domain::ReviewContext review_context() const {
    return {clock.zone, config.workdays, clock.today()};
  }
  // How the agenda of one day is judged, from the config.
  domain::AgendaPolicy agenda_policy() const;

 private:
  void print_notices(const storage::Database& db);
};

// The commands a parse can select. Each command file registers its commands here; the chosen
// one runs after parsing succeeded, never inside a parser callback.
class CommandTable {
 public:
  // Whether the settings are resolved (Context::resolve) before the command runs, or by the
  // command itself.
  enum class Settings { resolved_first, resolved_by_command };

  void add(CLI::App* command, std::function<void()> run,
           Settings settings = Settings::resolved_first);
  // The most deeply nested command that was parsed, if any.
  const std::function<void()>* selected() const;
  Settings selected_settings() const;

  // A run that builds one group only may build one of its commands only: the word after the
  // group's name, set before the group registers.
  void narrow_to(std::string next_word) { m_next_word = std::move(next_word); }
  // Whether a group whose commands are `names` builds `name`: only the one the next word names,
  // or every one when it names none of them (an option first, a misspelling, nothing).
  bool builds(std::string_view name, const std::vector<std::string_view>& names) const;

 private:
  struct Command {
    CLI::App* app;
    std::function<void()> run;
    Settings settings;
  };
  const Command* selected_command() const;
  std::vector<Command> m_commands;
  std::string m_next_word;
};

void register_person_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_log_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_topic_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_action_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_delegation_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_concern_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_history_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_config_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_demo_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_schedule_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_today_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_prep_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_review_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_remind_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_backup_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_doctor_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_reflect_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_progress_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_export_commands(CLI::App& app, CommandTable& table, Context& ctx);
void register_import_commands(CLI::App& app, CommandTable& table, Context& ctx);
// Adds `forget` to the `person` command (registered before it).
void register_person_forget_command(CLI::App& app, CommandTable& table, Context& ctx);

// Parses, resolves settings and runs one command; returns the process exit code.
int run(int argc, const char* const* argv, Environment environment, std::istream& in,
        std::ostream& out, std::ostream& err);

}  // namespace mgr::cli
