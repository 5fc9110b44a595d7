#include "cli/common.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/errors.hpp"

namespace mgr::cli {

CLI::Option* add_format_option(CLI::App* command, std::string& format,
                               const std::vector<std::string>& choices) {
  format = choices.front();
  std::string names;
  for (const auto& choice : choices) names += (names.empty() ? "" : "|") + choice;
  return command->add_option("--format", format, "Output format: " + names)
      ->check(CLI::IsMember(choices));
}

std::string unknown_person(const std::string& handle_text) {
  return "unknown person '" + handle_text + "'";
}

domain::Person require_person(storage::Store& store, const std::string& handle_text) {
  const std::string handle = domain::parse_handle(handle_text);
  if (auto person = store.find_person(handle)) return *person;
  auto close = domain::closest_match(handle, store.all_handles());
  throw UsageError(unknown_person(handle_text),
                   close ? "did you mean '" + *close + "'?" : "see `mgr person list --all`");
}

std::vector<domain::Person> require_people(storage::Store& store, const std::string& handle_list) {
  std::vector<domain::Person> people;
  for (const auto& handle : domain::split_list(handle_list)) {
    auto person = require_person(store, handle);
    bool seen = false;
    for (const auto& other : people) seen = seen || other.id == person.id;
    if (!seen) people.push_back(std::move(person));
  }
  if (people.empty()) throw UsageError("no person named in '" + handle_list + "'");
  return people;
}

std::vector<domain::Concern> open_concerns_about(storage::Store& store, const std::string& handle) {
  std::vector<domain::Concern> about;
  for (auto& concern : store.list_concerns(false)) {
    if (std::find(concern.people.begin(), concern.people.end(), handle) != concern.people.end())
      about.push_back(std::move(concern));
  }
  return about;
}

void check_text(const std::string& text, const std::string& what) {
  if (!domain::is_valid_utf8(text))
    throw UsageError(what + " is not valid UTF-8",
                     "mgr stores text as UTF-8; check your terminal's encoding");
}

std::string join_text(const std::vector<std::string>& words, const std::string& note_option) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  if (!note_option.empty()) text += (text.empty() ? "" : "\n") + note_option;
  check_text(text, "the note");
  return text;
}

std::string parse_user_date(const Context& ctx, const std::string& text,
                            domain::DateDirection direction) {
  return domain::format_date(domain::parse_date(text, ctx.clock.today(), direction));
}

std::optional<storage::Database> open_for_listing(Context& ctx, const std::string& format) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db && format == "json") print_json(ctx.out, nlohmann::json::array());
  return db;
}

void print_json(std::ostream& out, const nlohmann::json& document) {
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

nlohmann::json entry_json(const domain::Entry& entry) {
  nlohmann::json j;
  j["id"] = entry.id;
  j["kind"] = entry.kind;
  j["date"] = entry.date;
  j["person"] =
      entry.people.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.people.front());
  j["people"] = entry.people;
  j["note"] = entry.note;
  j["minutes"] = optional_json(entry.minutes);
  j["tags"] = entry.tags;
  j["logged_at"] = entry.logged_at;
  if (entry.kind == "1on1") {
    j["mood"] = optional_json(entry.mood);
    j["cancelled"] = entry.cancelled;
  }
  if (entry.kind == "feedback") j["polarity"] = optional_json(entry.polarity);
  if (entry.kind == "checkin") {
    j["status"] = optional_json(entry.status);
    j["delegation"] = optional_json(entry.delegation);
  }
  if (entry.kind == "learn") j["type"] = optional_json(entry.learn_type);
  if (entry.kind == "1on1" || entry.kind == "feedback" || entry.kind == "talk")
    j["about"] = optional_json(entry.about);
  return j;
}

std::string entry_summary(const domain::Entry& entry) {
  std::string line = fmt::format("#{} {} {}", entry.id, entry.date, entry.kind);
  if (entry.kind == "1on1" && entry.cancelled) line += " (cancelled)";
  if (entry.polarity) line += " " + *entry.polarity;
  if (!entry.people.empty()) {
    std::string people;
    for (const auto& handle : entry.people) people += (people.empty() ? "" : ",") + handle;
    line += " " + people;
  }
  if (entry.minutes) line += " " + domain::format_minutes(*entry.minutes);
  if (entry.mood) line += fmt::format(" mood {}", *entry.mood);
  if (entry.status) line += " " + *entry.status;
  if (entry.learn_type) line += " " + *entry.learn_type;
  if (entry.delegation) line += fmt::format(" on delegation #{}", *entry.delegation);
  if (entry.about) line += fmt::format(" about concern #{}", *entry.about);
  for (const auto& tag : entry.tags) line += " +" + tag;
  return line;
}

void print_entry(std::ostream& out, const domain::Entry& entry) {
  out << entry_summary(entry) << "\n";
  if (entry.note.empty()) return;
  // Notes are shown in full; continuation lines are indented so entries stay apart.
  std::size_t start = 0;
  while (start <= entry.note.size()) {
    const std::size_t end = entry.note.find('\n', start);
    out << "    " << entry.note.substr(start, end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

std::string bold(const Context& ctx, const std::string& text) {
  return ctx.color() ? "\033[1m" + text + "\033[0m" : text;
}

}  // namespace mgr::cli
