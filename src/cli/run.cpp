#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "domain/parse.hpp"
#include "util/version.hpp"

namespace mgr::cli {

namespace {

// Errors often quote what the user typed; control characters in it (a newline, an escape
// sequence) are shown escaped so the message stays one line and cannot drive the terminal.
std::string printable(const std::string& text) {
  std::string shown;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n')
      shown += "\\n";
    else if (c == '\t')
      shown += "\\t";
    else if (byte < 0x20 || byte == 0x7f)
      shown += fmt::format("\\x{:02x}", byte);
    else
      shown += c;
  }
  return shown;
}

void print_error(std::ostream& err, const std::string& what, const std::string& hint) {
  err << "mgr: error: " << printable(what) << "\n";
  if (!hint.empty()) err << "hint: " << printable(hint) << "\n";
}

// `mgr log typo …` would otherwise read as an unexpected argument; name the kind instead.
void check_log_kind(int argc, const char* const* argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--db" || word == "--config") {
      ++i;
      continue;
    }
    if (word.rfind('-', 0) == 0) continue;
    if (word != "log") return;
    const std::string kind = argv[i + 1];
    if (kind.rfind('-', 0) == 0 || domain::enum_from_name<domain::EntryKind>(kind)) return;
    auto close = domain::closest_match(kind, domain::enum_names<domain::EntryKind>());
    throw UsageError("unknown kind '" + kind + "'",
                     close ? "did you mean '" + *close + "'?"
                           : "kinds: 1on1, feedback, concern, talk, delegate, checkin, ic, mgmt, "
                             "learn, note");
  }
}

const char* k_footer = R"(Environment:
  MGR_DB      database file (default $XDG_DATA_HOME/mgr/mgr.db)
  MGR_CONFIG  config file (default $XDG_CONFIG_HOME/mgr/config.toml)
  MGR_NOW     fixed "now": YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or RFC 3339
  TZ          your time zone when the config sets none
  MGR_SMTP_PASSWORD  the SMTP password when the config names no file or command
  NO_COLOR    no colour in the output

Exit codes: 0 success, 1 failure, 2 invalid input, 75 temporary failure (retry later).)";

}  // namespace

int run(int argc, const char* const* argv, Environment environment, std::ostream& out,
        std::ostream& err) {
  Context ctx{std::move(environment), out, err};
  CLI::App app{"mgr - habits of a first-time engineering manager, kept in one local SQLite file",
               "mgr"};
  app.footer(k_footer);
  app.require_subcommand(1);
  app.fallthrough();  // global options are accepted after the command name too
  app.set_version_flag("--version", std::string{"mgr "} + k_version);
  app.add_option("--db", ctx.db_option, "Database file (else MGR_DB, else the XDG data folder)");
  app.add_option("--config", ctx.config_option, "Config file (else MGR_CONFIG, else XDG config)");
  app.add_flag("--no-color", ctx.no_color, "Never colour the output");

  CommandTable table;
  register_person_commands(app, table, ctx);
  register_log_commands(app, table, ctx);
  register_topic_commands(app, table, ctx);
  register_action_commands(app, table, ctx);
  register_delegation_commands(app, table, ctx);
  register_concern_commands(app, table, ctx);
  register_history_commands(app, table, ctx);
  register_config_commands(app, table, ctx);
  register_schedule_commands(app, table, ctx);
  register_today_commands(app, table, ctx);
  register_prep_commands(app, table, ctx);
  register_review_commands(app, table, ctx);
  register_remind_commands(app, table, ctx);
  register_demo_commands(app, table, ctx);
  register_backup_commands(app, table, ctx);
  register_doctor_commands(app, table, ctx);

  try {
    check_log_kind(argc, argv);
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& version) {
    out << version.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& error) {
    print_error(err, error.what(), "run `mgr --help` (or `mgr COMMAND --help`) for usage");
    return static_cast<int>(ExitCode::usage);
  } catch (const Error& error) {
    print_error(err, error.what(), error.hint());
    return static_cast<int>(error.code());
  }

  try {
    const auto* command = table.selected();
    if (command == nullptr) {
      out << app.help();
      return static_cast<int>(ExitCode::usage);
    }
    if (table.selected_settings() == CommandTable::Settings::resolved_first) ctx.resolve();
    (*command)();
    out.flush();
    return 0;
  } catch (const Error& error) {
    out.flush();
    print_error(err, error.what(), error.hint());
    return static_cast<int>(error.code());
  } catch (const std::exception& error) {
    out.flush();
    print_error(err, error.what(), "");
    return static_cast<int>(ExitCode::failure);
  }
}

}  // namespace mgr::cli
