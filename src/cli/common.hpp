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

namespace mgr::cli {

// `--format` restricted to `choices`, defaulting to the first.
CLI::Option* add_format_option(CLI::App* command, std::string& format,
                               const std::vector<std::string>& choices);

// The person with this handle, or a UsageError with a "did you mean" hint.
domain::Person require_person(storage::Store& store, const std::string& handle_text);
std::vector<domain::Person> require_people(storage::Store& store, const std::string& handle_list);
// The open concerns that name this person.
std::vector<domain::Concern> open_concerns_about(storage::Store& store, const std::string& handle);

// "unknown person 'bob'": what naming a person means while there is no database yet.
std::string unknown_person(const std::string& handle_text);

// Free text from positional words and/or --note; checked to be valid UTF-8.
std::string join_text(const std::vector<std::string>& words, const std::string& note_option);
void check_text(const std::string& text, const std::string& what);

// A date of the contract relative to today (see domain::parse_date).
std::string parse_user_date(const Context& ctx, const std::string& text,
                            domain::DateDirection direction = domain::DateDirection::past);

void print_json(std::ostream& out, const nlohmann::json& document);
nlohmann::json entry_json(const domain::Entry& entry);
// One entry as text: a header line, then the note in full, indented.
void print_entry(std::ostream& out, const domain::Entry& entry);
std::string entry_summary(const domain::Entry& entry);

template <typename T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
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

// Output only: the text as a terminal should show it, bold when colour is on.
std::string bold(const Context& ctx, const std::string& text);

}  // namespace mgr::cli
