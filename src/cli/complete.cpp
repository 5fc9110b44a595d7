#include "cli/complete.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "storage/store.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

struct Candidate {
  std::string word;
  std::string description;
};

// As the parser reads them: a dash not followed by a digit (`-3d` is a date) starts an option.
bool looks_like_option(const std::string& word) {
  return word.size() >= 2 && word.front() == '-' && !(word[1] >= '0' && word[1] <= '9');
}

CLI::Option* find_option(CLI::App* command, const std::string& name) {
  for (; command != nullptr; command = command->get_parent())
    if (auto* option = command->get_option_no_throw(name)) return option;
  return nullptr;
}

std::vector<CLI::App*> visible_subcommands(CLI::App* command) {
  return command->get_subcommands([](CLI::App* sub) { return !sub->get_group().empty(); });
}

// What was typed so far, read the way the parser reads it.
struct Position {
  CLI::App* command = nullptr;
  CLI::Option* awaiting = nullptr;  // an option whose value is being completed
  std::size_t positionals = 0;      // positional words already given to `command`
  bool after_dashes = false;
};

Position walk(CLI::App& app, const std::vector<std::string>& typed, Context& ctx) {
  Position at;
  at.command = &app;
  for (const auto& word : typed) {
    if (at.awaiting != nullptr) {
      // The global options decide which database the handles and ids come from.
      if (at.awaiting->check_lname("db")) ctx.db_option = word;
      if (at.awaiting->check_lname("config")) ctx.config_option = word;
      at.awaiting = nullptr;
      continue;
    }
    if (word == "--" && !at.after_dashes) {
      at.after_dashes = true;
      continue;
    }
    if (!at.after_dashes && looks_like_option(word)) {
      const auto equals = word.find('=');
      auto* option = find_option(at.command, word.substr(0, equals));
      if (option == nullptr || option->get_items_expected_max() == 0) continue;
      if (equals == std::string::npos) {
        at.awaiting = option;
      } else {
        if (option->check_lname("db")) ctx.db_option = word.substr(equals + 1);
        if (option->check_lname("config")) ctx.config_option = word.substr(equals + 1);
      }
      continue;
    }
    if (at.positionals == 0 && !at.after_dashes) {
      const auto subs = at.command->get_subcommands(
          [&](CLI::App* sub) { return !sub->get_group().empty() && sub->check_name(word); });
      if (!subs.empty()) {
        at.command = subs.front();
        continue;
      }
    }
    ++at.positionals;
  }
  return at;
}

std::string short_text(const std::string& text) {
  return util::escape_controls(util::truncate_to_width(text, 50), util::Newlines::escape);
}

// Which open items an ID of `command` (or of its option `option`) may name.
enum class Items { topics, actions, closed_actions, concerns, delegations, any };

Items items_for(const CLI::App* command, const std::string& option) {
  if (option == "--about") return Items::concerns;
  if (option == "--covered") return Items::topics;
  const std::string& name = command->get_name();
  const auto* parent = command->get_parent();
  const std::string group = parent != nullptr ? parent->get_name() : std::string{};
  if (group == "topic") return Items::topics;
  if (group == "action") return name == "reopen" ? Items::closed_actions : Items::actions;
  if (group == "concern") return Items::concerns;
  if (group == "delegation" || (group == "log" && name == "checkin")) return Items::delegations;
  return Items::any;
}

// Handles of the people not archived, or the open items, from the database when there is one.
// Completion must never get in the way: a missing or unreadable file offers nothing.
std::vector<Candidate> from_database(Context& ctx, bool handles, Items items) {
  std::vector<Candidate> out;
  try {
    ctx.resolve();
    if (!std::filesystem::exists(ctx.db_path)) return out;
    auto db = ctx.open_for_reading(true);
    if (!db) return out;
    storage::Store store{*db};
    db->read([&] {
      if (handles) {
        for (const auto& person : store.list_people(false))
          out.push_back({person.handle, short_text(person.name)});
        return;
      }
      const auto wanted = [&](Items kind) { return items == kind || items == Items::any; };
      if (wanted(Items::topics))
        for (const auto& topic : store.list_topics(std::nullopt, false))
          out.push_back({std::to_string(topic.id.value),
                         "topic for " + topic.person + ": " + short_text(topic.text)});
      if (wanted(Items::actions) || items == Items::closed_actions)
        for (const auto& action : store.list_actions(std::nullopt, std::nullopt, true)) {
          const bool open = action.status == domain::ActionStatus::open;
          if (open == (items == Items::closed_actions)) continue;
          out.push_back({std::to_string(action.id.value),
                         "action with " + action.person + ": " + short_text(action.text)});
        }
      if (wanted(Items::concerns))
        for (const auto& concern : store.list_concerns(std::nullopt, false))
          out.push_back({std::to_string(concern.id.value),
                         "concern about " +
                             util::escape_controls(
                                 concern.people.empty() ? std::string{} : concern.people.front()) +
                             ": " + short_text(concern.text)});
      if (wanted(Items::delegations))
        for (const auto& delegation : store.list_delegations(std::nullopt, false))
          out.push_back(
              {std::to_string(delegation.id.value),
               "delegated to " + delegation.person + ": " + short_text(delegation.outcome)});
    });
  } catch (const std::exception&) {
    return {};
  }
  return out;
}

// The choices an option checks its value against ("{text,markdown,json}"), if it has such.
std::vector<Candidate> choices_of(CLI::Option* option) {
  std::vector<Candidate> out;
  try {
    auto* validator = option->get_validator();
    if (validator == nullptr) return out;
    const auto text = validator->get_description();
    if (text.size() < 2 || text.front() != '{' || text.back() != '}') return out;
    std::size_t start = 1;
    while (start < text.size() - 1) {
      auto end = text.find(',', start);
      if (end == std::string::npos || end > text.size() - 1) end = text.size() - 1;
      out.push_back({text.substr(start, end - start), {}});
      start = end + 1;
    }
  } catch (const std::exception&) {
    return {};
  }
  return out;
}

std::vector<Candidate> log_kinds(CLI::App& app) {
  std::vector<Candidate> out;
  const auto logs = app.get_subcommands([](CLI::App* sub) { return sub->get_name() == "log"; });
  if (!logs.empty())
    for (auto* kind : visible_subcommands(logs.front()))
      out.push_back({kind->get_name(), kind->get_description()});
  return out;
}

// The values of a positional or an option, named by its upper-case name (HANDLE, ID, KIND).
std::vector<Candidate> values_of(CLI::App& app, CLI::App* command, CLI::Option* option,
                                 Context& ctx) {
  std::string name = option->get_positional() ? option->get_name() : option->get_type_name();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const std::string long_name =
      option->get_lnames().empty() ? std::string{} : "--" + option->get_lnames().front();
  if (auto choices = choices_of(option); !choices.empty()) return choices;
  if (name == "KIND") return log_kinds(app);
  if (name == "HANDLE" || name == "HANDLES") return from_database(ctx, true, Items::any);
  if (name == "ID" || long_name == "--about" || long_name == "--covered")
    return from_database(ctx, false, items_for(command, long_name));
  return {};
}

std::vector<Candidate> options_of(CLI::App* command) {
  std::vector<Candidate> out;
  for (auto* at = command; at != nullptr; at = at->get_parent())
    for (const auto* option : at->get_options())
      for (const auto& name : option->get_lnames())
        out.push_back({"--" + name, option->get_description()});
  return out;
}

std::vector<Candidate> candidates(CLI::App& app, const Position& at, const std::string& current,
                                  Context& ctx) {
  if (at.awaiting != nullptr) return values_of(app, at.command, at.awaiting, ctx);
  if (!at.after_dashes && !current.empty() && current.front() == '-') return options_of(at.command);
  const auto subs = visible_subcommands(at.command);
  if (!subs.empty() && at.positionals == 0 && !at.after_dashes) {
    std::vector<Candidate> out;
    for (auto* sub : subs) out.push_back({sub->get_name(), sub->get_description()});
    return out;
  }
  const auto positionals =
      at.command->get_options([](const CLI::Option* option) { return option->get_positional(); });
  if (at.positionals < positionals.size())
    return values_of(app, at.command, positionals[at.positionals], ctx);
  return {};
}

}  // namespace

int complete_words(CLI::App& app, const std::vector<std::string>& words, Context& ctx) {
  if (words.empty()) return 0;
  const std::vector<std::string> typed(words.begin(), words.end() - 1);
  std::string current = words.back();
  const auto at = walk(app, typed, ctx);
  // A list of handles or ids separated by commas completes its last member.
  std::string kept;
  if (const auto comma = current.rfind(',');
      comma != std::string::npos && !current.empty() && current.front() != '-') {
    kept = current.substr(0, comma + 1);
    current = current.substr(comma + 1);
  }
  for (const auto& candidate : candidates(app, at, current, ctx)) {
    if (candidate.word.rfind(current, 0) != 0) continue;
    ctx.out << kept << candidate.word;
    if (!candidate.description.empty()) ctx.out << '\t' << candidate.description;
    ctx.out << '\n';
  }
  return 0;
}

}  // namespace mgr::cli
