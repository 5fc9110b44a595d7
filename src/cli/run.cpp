#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "cli/complete.hpp"
#include "cli/context.hpp"
#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "domain/parse.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_version.hpp"
#include "util/text.hpp"
#include "util/version.hpp"

namespace mgr::cli {

namespace {

// Errors often quote what the user typed; control characters in it (a newline, an escape
// sequence, a C1 control) are shown escaped so the message stays one line and cannot drive the
// terminal. A message is cut at a length no real one reaches, in case some path quoted input
// whole.
std::string printable(const std::string& text) {
  constexpr std::size_t k_longest_message = 600;
  return util::escape_controls(util::truncate_to_width(text, k_longest_message),
                               util::Newlines::escape);
}

void print_error(std::ostream& err, const std::string& what, const std::string& hint) {
  err << "mgr: error: " << printable(what) << "\n";
  if (!hint.empty()) err << "hint: " << printable(hint) << "\n";
}

// Words after `--` are text, whatever they look like. CLI11 2.1 hands them to the parent
// command once a subcommand's required positionals are filled, so instead each such word is
// marked, passed as an ordinary positional, and unmarked by every positional option.
const std::string k_after_dashes = "\x01mgr-text\x01";

std::string unmarked(std::string word) {
  if (word.rfind(k_after_dashes, 0) == 0) word.erase(0, k_after_dashes.size());
  return word;
}

bool is_help_word(const std::string& word) {
  return word == "-h" || word == "--help" || word == "--version";
}

// A word CLI11 reads as an option: it starts with a dash that is not followed by a digit
// (`-1h` and `-3d` are values) and is not a lone dash (standard input).
bool looks_like_option(const std::string& word) {
  if (word.size() < 2 || word.front() != '-') return false;
  if (word == "--") return false;
  return !(word[1] >= '0' && word[1] <= '9');
}

std::string command_path(const CLI::App* command) {
  std::vector<std::string> names;
  for (; command != nullptr; command = command->get_parent()) names.push_back(command->get_name());
  std::string path;
  for (auto name = names.rbegin(); name != names.rend(); ++name)
    path += (path.empty() ? "" : " ") + *name;
  return path;
}

std::vector<std::string> subcommand_names(CLI::App* command) {
  std::vector<std::string> names;
  for (const auto* sub : command->get_subcommands([](CLI::App*) { return true; }))
    names.push_back(sub->get_name());
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

bool has_positionals(CLI::App* command) {
  const auto positionals =
      command->get_options([](const CLI::Option* option) { return option->get_positional(); });
  return !positionals.empty();
}

// The option `name` as this command (or, since global options may follow the command, one of
// its parents) knows it.
const CLI::Option* find_option(const CLI::App* command, const std::string& name) {
  for (; command != nullptr; command = command->get_parent())
    if (const auto* option = command->get_option_no_throw(name)) return option;
  return nullptr;
}

std::vector<std::string> option_names(const CLI::App* command) {
  std::vector<std::string> names;
  for (; command != nullptr; command = command->get_parent())
    for (const auto* option : command->get_options())
      for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  return names;
}

// Walks the words as CLI11 will, to name an unknown command or option the way a user thinks of
// it: "unknown command 'histroy'; did you mean 'history'?", at every level. Returns the
// command the words select.
CLI::App* check_command_words(CLI::App& app, const std::vector<std::string>& words) {
  if (std::any_of(words.begin(), words.end(), is_help_word)) return &app;
  CLI::App* command = &app;
  bool leaf = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") break;
    if (looks_like_option(word)) {
      const std::string name = word.substr(0, word.find('='));
      const auto* option = find_option(command, name);
      if (option == nullptr) {
        const auto close = domain::closest_match(name, option_names(command));
        throw UsageError("unknown option " + util::quoted(name) + " for `" + command_path(command) +
                             "`" + (close ? "; did you mean '" + *close + "'?" : ""),
                         "run `" + command_path(command) + " --help` for its options");
      }
      if (option->get_items_expected_max() > 0 && name.size() == word.size()) ++i;
      continue;
    }
    if (leaf) continue;
    const auto names = subcommand_names(command);
    if (names.empty() || has_positionals(command)) {
      leaf = true;
      continue;
    }
    const auto subs =
        command->get_subcommands([&](CLI::App* sub) { return sub->check_name(word); });
    if (!subs.empty()) {
      command = subs.front();
      continue;
    }
    const auto close = domain::closest_match(word, names);
    const bool is_log = command->get_name() == "log";
    std::string what = std::string{is_log ? "unknown kind " : "unknown command "} +
                       util::quoted(word) +
                       (command == &app ? "" : " for `" + command_path(command) + "`");
    if (close) what += "; did you mean '" + *close + "'?";
    throw UsageError(what, std::string{is_log ? "kinds: " : "commands: "} + joined(names));
  }
  if (!leaf && command->get_require_subcommand_min() > 0) {
    const bool is_log = command->get_name() == "log";
    throw UsageError(
        "`" + command_path(command) + "` needs " + (is_log ? "a kind" : "a command"),
        std::string{is_log ? "kinds: " : "commands: "} + joined(subcommand_names(command)));
  }
  return command;
}

// Settings every command shares, applied once the table is built: a repeatable option takes
// exactly one value per use (so `--tag hiring "Debrief"` keeps the note), and positionals are
// shown by their own upper-case names and take words after `--` as they are.
void apply_shared_option_rules(CLI::App* command) {
  for (auto* option : command->get_options()) {
    if (option->get_positional()) {
      option->type_name("");
      option->transform([](std::string word) { return unmarked(std::move(word)); });
    } else if (option->get_items_expected_max() > 1) {
      option->allow_extra_args(false);
    }
  }
  for (auto* sub : command->get_subcommands([](CLI::App*) { return true; }))
    apply_shared_option_rules(sub);
}

std::string after_prefix(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : std::string{};
}

// CLI11's own messages ("At Most 1 required but received 2", extras in reverse order, "A
// subcommand is required") in mgr's words, naming the command and the option.
UsageError clear_parse_error(const CLI::ParseError& error, const CLI::App& app,
                             CLI::App* selected) {
  const std::string message = error.what();
  const std::string where = "`" + command_path(selected) + "`";
  const std::string usage_hint = "run `" + command_path(selected) + " --help` for usage";
  const auto option_label = [&](const std::string& name) {
    const auto* option = find_option(selected, name);
    if (option == nullptr || !option->get_positional()) return name;
    return option->get_name();
  };
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    std::vector<std::string> extras;
    for (const auto& word : app.remaining(true)) extras.push_back(unmarked(word));
    std::string listed;
    for (std::size_t i = 0; i < extras.size() && i < 5; ++i)
      listed += (listed.empty() ? "" : ", ") + util::quoted(extras[i], 40);
    if (extras.size() > 5) listed += fmt::format(" and {} more", extras.size() - 5);
    return UsageError(
        fmt::format("unexpected argument{} for {}: {}", extras.size() == 1 ? "" : "s", where,
                    listed.empty() ? util::quoted(message) : listed),
        "text that starts with '-' goes after `--`; quote text with spaces; " + usage_hint);
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    const std::string name = message.substr(0, message.find(':'));
    if (message.find("At Most") != std::string::npos)
      return UsageError(option_label(name) + " was given more than once; it takes one value",
                        usage_hint);
    return UsageError(option_label(name) + " needs a value", usage_hint);
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    std::string name = message.substr(0, message.rfind(" is required"));
    if (const auto* option = find_option(selected, name);
        option != nullptr && !option->get_positional())
      name += " " + option->get_type_name();
    return UsageError(where + " needs " + name, usage_hint);
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr) {
    const auto at = message.find(" excludes ");
    return UsageError(
        message.substr(0, at) + " and " + message.substr(at + 10) + " cannot be used together",
        usage_hint);
  }
  if (dynamic_cast<const CLI::RequiresError*>(&error) != nullptr) {
    const auto at = message.find(" requires ");
    return UsageError(message.substr(0, at) + " only works with " + message.substr(at + 10),
                      usage_hint);
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
    // "--format: xml not in {text,json}"
    const auto colon = message.find(": ");
    const auto not_in = message.find(" not in {", colon);
    if (colon != std::string::npos && not_in != std::string::npos) {
      std::string choices = message.substr(not_in + 9);
      if (!choices.empty() && choices.back() == '}') choices.pop_back();
      std::replace(choices.begin(), choices.end(), ',', '|');
      return UsageError("invalid " + message.substr(0, colon) + " " +
                            util::quoted(message.substr(colon + 2, not_in - colon - 2)),
                        "use " + choices);
    }
  }
  if (auto value = after_prefix(message, "Could not convert: "); !value.empty())
    return UsageError("invalid value " + util::quoted(value), usage_hint);
  return UsageError(util::truncate_to_width(message, 200), usage_hint);
}

// `mgr help CMD...` is `mgr CMD... --help`: the help word (the first word that is not a global
// option) goes, each command name after it is checked, and `--help` follows them.
std::vector<std::string> help_spelled_out(CLI::App& app, std::vector<std::string> words) {
  std::size_t at = 0;
  while (at < words.size() && looks_like_option(words[at])) {
    const auto* option = app.get_option_no_throw(words[at]);
    at += option != nullptr && option->get_items_expected_max() > 0 ? 2 : 1;
  }
  if (at >= words.size() || words[at] != "help") return words;
  words.erase(words.begin() + static_cast<std::ptrdiff_t>(at));
  // `mgr help --help` and `mgr help CMD --help` ask for the same help.
  const auto given = words.size();
  words.erase(
      std::remove_if(words.begin() + static_cast<std::ptrdiff_t>(at), words.end(),
                     [](const std::string& word) { return word == "-h" || word == "--help"; }),
      words.end());
  if (words.size() < given && at == words.size())
    words.insert(words.begin() + static_cast<std::ptrdiff_t>(at), "help");
  CLI::App* command = &app;
  for (std::size_t i = at; i < words.size(); ++i) {
    const auto subs =
        command->get_subcommands([&](CLI::App* sub) { return sub->check_name(words[i]); });
    if (subs.empty() || looks_like_option(words[i])) {
      const auto names = subcommand_names(command);
      const auto close = domain::closest_match(words[i], names);
      throw UsageError("no help for " + util::quoted(words[i]) +
                           (command == &app ? "" : " in `" + command_path(command) + "`") +
                           (close ? "; did you mean '" + *close + "'?" : ""),
                       "commands: " + joined(names));
    }
    command = subs.front();
  }
  words.emplace_back("--help");
  return words;
}

std::string version_text() {
  return std::string{"mgr "} + k_version + "\nSQLite " + storage::sqlite_library_version() +
         "\ndatabase schema " + std::to_string(storage::latest_schema_version());
}

const char* k_footer = R"(Environment:
  MGR_DB      database file (default $XDG_DATA_HOME/mgr/mgr.db)
  MGR_CONFIG  config file (default $XDG_CONFIG_HOME/mgr/config.toml)
  MGR_NOW     fixed "now": YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or RFC 3339
  TZ          your time zone when the config sets none
  MGR_SMTP_PASSWORD  the SMTP password when the config names no file or command
  NO_COLOR    no colour in the output
  VISUAL, EDITOR  the editor of --edit (else vi)

Exit codes: 0 success, 1 failure, 2 invalid input, 75 temporary failure (retry later).)";

using RegisterGroup = void (*)(CLI::App&, CommandTable&, Context&);

// Every command group, in the order `mgr --help` lists them.
void register_all_commands(CLI::App& app, CommandTable& table, Context& ctx) {
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
  register_export_commands(app, table, ctx);
  register_import_commands(app, table, ctx);
  register_person_forget_command(app, table, ctx);
  register_reflect_commands(app, table, ctx);
  register_progress_commands(app, table, ctx);
  app.add_subcommand("help", "Show the help of a command: `mgr help CMD` is `mgr CMD --help`")
      ->allow_extras();
}

// A top-level command and what registers it: a run that names it builds only its group, since
// building all of them costs more than most commands do.
struct CommandGroup {
  const char* name;
  std::vector<RegisterGroup> registers;
};

const std::vector<CommandGroup>& command_groups() {
  static const std::vector<CommandGroup> groups{
      {"person", {register_person_commands, register_person_forget_command}},
      {"log", {register_log_commands}},
      {"topic", {register_topic_commands}},
      {"action", {register_action_commands}},
      {"delegation", {register_delegation_commands}},
      {"concern", {register_concern_commands}},
      {"history", {register_history_commands}},
      {"entry", {register_history_commands}},
      {"undo", {register_history_commands}},
      {"show", {register_history_commands}},
      {"config", {register_config_commands}},
      {"schedule", {register_schedule_commands}},
      {"today", {register_today_commands}},
      {"prep", {register_prep_commands}},
      {"review", {register_review_commands}},
      {"remind", {register_remind_commands}},
      {"demo", {register_demo_commands}},
      {"backup", {register_backup_commands}},
      {"doctor", {register_doctor_commands}},
      {"export", {register_export_commands}},
      {"import", {register_import_commands}},
      {"reflect", {register_reflect_commands}},
      {"progress", {register_progress_commands}},
  };
  return groups;
}

// The one group the words name, when nothing in them needs the whole tree: no help or version
// word, no completion request, and a first word after the global options that names a group.
// `next_word` is then the word after the group's name (empty if there is none).
const CommandGroup* named_group(const CLI::App& app, const std::vector<std::string>& words,
                                std::string& next_word) {
  if (!words.empty() && words.front() == k_complete_word) return nullptr;
  if (std::any_of(words.begin(), words.end(), is_help_word)) return nullptr;
  std::size_t at = 0;
  while (at < words.size() && looks_like_option(words[at])) {
    const auto equals = words[at].find('=');
    const auto* option = app.get_option_no_throw(words[at].substr(0, equals));
    if (option == nullptr) return nullptr;
    at += option->get_items_expected_max() > 0 && equals == std::string::npos ? 2 : 1;
  }
  if (at >= words.size()) return nullptr;
  for (const auto& group : command_groups()) {
    if (words[at] != group.name) continue;
    if (at + 1 < words.size()) next_word = words[at + 1];
    return &group;
  }
  return nullptr;
}

// The top level of the tree: mgr itself and the global options.
std::unique_ptr<CLI::App> new_app(Context& ctx) {
  auto app = std::make_unique<CLI::App>(
      "mgr - habits of a first-time engineering manager, kept in one local SQLite file", "mgr");
  app->require_subcommand(1);
  app->fallthrough();  // global options are accepted after the command name too
  app->set_version_flag("--version", version_text(),
                        "Print the version of mgr, SQLite and the schema");
  app->add_option("--db", ctx.db_option, "Database file (else MGR_DB, else the XDG data folder)")
      ->type_name("PATH");
  app->add_option("--config", ctx.config_option, "Config file (else MGR_CONFIG, else XDG config)")
      ->type_name("PATH");
  app->add_flag("--no-color", ctx.no_color, "Never colour the output");
  return app;
}

int parse_and_run(const std::vector<std::string>& given, Context& ctx) {
  auto& out = ctx.out;
  auto& err = ctx.err;
  // `mgr --version` on its own is answered before any command is built or any exception thrown
  // (the first one thrown costs a walk over every loaded library's unwind tables).
  if (given == std::vector<std::string>{"--version"}) {
    out << version_text() << "\n";
    return 0;
  }
  auto app_holder = new_app(ctx);
  CommandTable table;
  std::string next_word;
  const auto* group = named_group(*app_holder, given, next_word);
  if (group != nullptr) {
    table.narrow_to(next_word);
    for (const auto& add_group : group->registers) add_group(*app_holder, table, ctx);
    const auto named =
        app_holder->get_subcommands([&](CLI::App* sub) { return sub->get_name() == group->name; });
    if (named.empty()) group = nullptr;
  }
  if (group == nullptr) {
    // Help, completion, an error, or a group the table above names wrongly: the whole tree.
    app_holder = new_app(ctx);
    table = CommandTable{};
    register_all_commands(*app_holder, table, ctx);
  }
  CLI::App& app = *app_holder;
  // Set after the commands exist, which copy their parent's footer: only `mgr --help` has it.
  app.footer(k_footer);
  apply_shared_option_rules(&app);

  if (!given.empty() && given.front() == k_complete_word)
    return complete_words(app, {given.begin() + 1, given.end()}, ctx);
  std::vector<std::string> words;
  try {
    words = help_spelled_out(app, given);
  } catch (const Error& error) {
    print_error(err, error.what(), error.hint());
    return static_cast<int>(error.code());
  }

  // CLI11 takes the words in reverse order.
  std::vector<std::string> reversed;
  bool text_only = false;
  for (const auto& word : words) {
    if (word == "--" && !text_only) {
      text_only = true;
      continue;
    }
    reversed.push_back(text_only ? k_after_dashes + word : word);
  }
  std::reverse(reversed.begin(), reversed.end());

  CLI::App* selected = &app;
  try {
    selected = check_command_words(app, words);
    app.parse(reversed);
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
    const auto clear = clear_parse_error(error, app, selected);
    print_error(err, clear.what(), clear.hint());
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

}  // namespace

int run(int argc, const char* const* argv, Environment environment, std::istream& in,
        std::ostream& out, std::ostream& err) {
  Context ctx{std::move(environment), in, out, err};
  const std::vector<std::string> words(argv + std::min(argc, 1), argv + argc);
  const int code = parse_and_run(words, ctx);
  // What was printed is only delivered once it is flushed: a full disk or a closed pipe shows
  // here, and a command whose output was lost has failed.
  errno = 0;
  out.flush();
  if (out.fail() && code == 0) {
    const int error_number = errno;
    const std::string why =
        error_number != 0 ? std::string{": "} + std::strerror(error_number) : "";
    // After a commit the user must not be left guessing whether the change happened.
    if (ctx.committed)
      print_error(err, "the change was saved, but its confirmation could not be written" + why,
                  "see it with `mgr undo --dry-run`; check the disk or pipe standard output "
                  "goes to");
    else
      print_error(err, "could not write the output" + why,
                  "check that the disk or the pipe standard output goes to can take it");
    return static_cast<int>(ExitCode::failure);
  }
  return code;
}

}  // namespace mgr::cli
