#pragma once
// Helpers shared by the command files: option wiring, lookups with helpful errors, rendering.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "domain/model.hpp"
#include "domain/parse.hpp"
#include "storage/store.hpp"
#include "util/text.hpp"

namespace mgr::cli {

// `--format` restricted to `choices`, defaulting to the first.
CLI::Option* add_format_option(CLI::App* command, std::string& format,
                               const std::vector<std::string>& choices);

// The person with this handle, or a UsageError with a "did you mean" hint.
domain::Person require_person(storage::Store& store, const std::string& handle_text);
std::vector<domain::Person> require_people(storage::Store& store, const std::string& handle_list);
std::vector<domain::PersonId> ids_of(const std::vector<domain::Person>& people);
// The person's id when a handle was given, else nothing (for "only this person's" filters).
std::optional<domain::PersonId> optional_person_id(storage::Store& store,
                                                   const std::string& handle);

// The open item with this id, or a UsageError pointing to its list.
domain::Topic require_topic(storage::Store& store, domain::TopicId id);
domain::Action require_action(storage::Store& store, domain::ActionId id);
domain::Delegation require_delegation(storage::Store& store, domain::DelegationId id);
domain::Concern require_concern(storage::Store& store, domain::ConcernId id);
domain::Entry require_entry(storage::Store& store, domain::EntryId id);

// "unknown person 'bob'": what naming a person means while there is no database yet.
std::string unknown_person(const std::string& handle_text);
// "unknown concern #4", the same for an id.
std::string unknown_item(const std::string& what, std::int64_t id);

// The free text of a command, from wherever the user put it: positional words, --note, `-`
// (standard input, so a sensitive note stays out of the process list and the shell history),
// or --edit (their editor). Read after the other options are checked and before the database
// is opened, so an editor never holds the database locked.
struct NoteInput {
  std::vector<std::string> words;
  std::string note;                  // --note
  bool edit = false;                 // --edit / -e
  bool standard_input_read = false;  // `-` was replaced already: a `-` now is text

  // Adds the positional TEXT words, --edit and (unless `note_option` is false) --note.
  void add_to(CLI::App* command, const std::string& words_help, bool note_option = true);
  // Whether the text comes from standard input or the editor rather than the words.
  bool from_elsewhere() const;
  // A copy with every `-` already replaced by what standard input holds (read once, now).
  NoteInput with_standard_input(Context& ctx) const;
  // The text, checked to be UTF-8: the words joined by spaces, then --note on a line of its
  // own, with `-` read from standard input; with --edit, what the user wrote in the editor,
  // which opens on that text (or `initial` when there is none). An empty note read from
  // standard input or the editor cancels the command (Failure, exit 1).
  std::string read(Context& ctx, const std::string& initial = {}) const;
};

// A TEXT option's value, with `-` read from standard input; checked to be UTF-8 (`what` names
// it in errors, e.g. "--why").
std::string text_argument(Context& ctx, const std::string& value, const std::string& what);

// A date of the contract relative to today (see domain::parse_date).
domain::Date parse_user_date(const Context& ctx, const std::string& text,
                             domain::DateDirection direction = domain::DateDirection::past);
// The date something happened: not after today (exit 2 otherwise).
domain::Date parse_happened_date(const Context& ctx, const std::string& text);

// Stored text as a terminal may show it (text and markdown output): control characters, C1
// and bidirectional overrides escaped, so a note can never drive the terminal.
std::string shown(std::string_view text);

void print_json(std::ostream& out, const nlohmann::json& document);
nlohmann::json entry_json(const domain::Entry& entry);
// One entry as text: a header line, then the note in full, indented.
void print_entry(std::ostream& out, const domain::Entry& entry);
std::string entry_summary(const domain::Entry& entry);

template <typename T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
nlohmann::json date_json(const std::optional<domain::Date>& day);
inline nlohmann::json date_json(domain::Date day) {
  return domain::format_date(day);
}
inline nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

// A listing on a missing database: nothing to list (JSON still gets its empty list).
std::optional<storage::Database> open_for_listing(Context& ctx, const std::string& format);

// `items` as one JSON list, or as text lines (`empty_text` when there are none).
template <typename Item, typename ToJson, typename PrintLine>
void print_list(Context& ctx, const std::string& format, const std::vector<Item>& items,
                ToJson to_json, const char* empty_text, PrintLine print_line) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items) list.push_back(to_json(item));
    return print_json(ctx.out, list);
  }
  if (items.empty()) ctx.out << empty_text << "\n";
  for (const auto& item : items) print_line(item);
}

// A command that changes something: opens the database (failing with
// `error_if_missing` when there is none), runs `change` in one write transaction and prints
// the line it returns once that committed.
// The change is journaled, so `mgr undo` can revert it.
template <typename Change>
void change_and_confirm(Context& ctx, const std::string& error_if_missing, Change&& change) {
  auto db = ctx.open_for_writing(error_if_missing);
  storage::Store store{db};
  const std::string confirmation = db.write([&] {
    store.begin_change(ctx.clock.now);
    std::string line = change(store);
    store.end_change(line);
    return line;
  });
  ctx.committed = true;
  ctx.out << confirmation << "\n";
}

// Output only: the text as a terminal should show it, bold when colour is on.
std::string bold(const Context& ctx, const std::string& text);

}  // namespace mgr::cli
