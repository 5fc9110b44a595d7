#include "cli/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "domain/errors.hpp"
#include "domain/validate.hpp"
#include "util/editor.hpp"

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
  return "unknown person " + util::quoted(handle_text);
}

std::string unknown_item(const std::string& what, std::int64_t id) {
  return fmt::format("unknown {} #{}", what, id);
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
    const bool seen = std::any_of(people.begin(), people.end(), [&](const domain::Person& other) {
      return other.id == person.id;
    });
    if (!seen) people.push_back(std::move(person));
  }
  if (people.empty()) throw UsageError("no person named in " + util::quoted(handle_list));
  return people;
}

std::vector<domain::PersonId> ids_of(const std::vector<domain::Person>& people) {
  std::vector<domain::PersonId> ids;
  for (const auto& person : people) ids.push_back(person.id);
  return ids;
}

std::optional<domain::PersonId> optional_person_id(storage::Store& store,
                                                   const std::string& handle) {
  if (handle.empty()) return std::nullopt;
  return require_person(store, handle).id;
}

namespace {

// The item, or a UsageError naming it and pointing to the list that shows every one.
template <typename Item>
Item found_or_unknown(std::optional<Item> item, const std::string& what, std::int64_t id,
                      const std::string& list_command) {
  if (!item) throw UsageError(unknown_item(what, id), "see `" + list_command + "`");
  return std::move(*item);
}

}  // namespace

domain::Topic require_topic(storage::Store& store, domain::TopicId id) {
  return found_or_unknown(store.find_topic(id), "talking point", id.value, "mgr topic list --all");
}

domain::Action require_action(storage::Store& store, domain::ActionId id) {
  return found_or_unknown(store.find_action(id), "action", id.value, "mgr action list --all");
}

domain::Delegation require_delegation(storage::Store& store, domain::DelegationId id) {
  return found_or_unknown(store.find_delegation(id), "delegation", id.value,
                          "mgr delegation list --all");
}

domain::Concern require_concern(storage::Store& store, domain::ConcernId id) {
  return found_or_unknown(store.find_concern(id), "concern", id.value, "mgr concern list --all");
}

domain::Entry require_entry(storage::Store& store, domain::EntryId id) {
  return found_or_unknown(store.find_entry(id), "entry", id.value, "mgr history");
}

domain::Date parse_user_date(const Context& ctx, const std::string& text,
                             domain::DateDirection direction) {
  return domain::parse_date(text, ctx.clock.today(), direction);
}

domain::Date parse_happened_date(const Context& ctx, const std::string& text) {
  const auto day = parse_user_date(ctx, text, domain::DateDirection::past);
  domain::check_happened(day, ctx.today(), text);
  return day;
}

std::string shown(std::string_view text) {
  return util::escape_controls(text);
}

namespace {

// A note ends where its text ends: the newline an editor or `echo` adds is not part of it.
std::string without_trailing_space(std::string text) {
  const auto end = text.find_last_not_of(" \t\r\n");
  text.erase(end == std::string::npos ? 0 : end + 1);
  return text;
}

[[noreturn]] void cancel_empty_note(const std::string& from) {
  throw Failure("the note from " + from + " is empty; nothing was written",
                "an empty note cancels the command");
}

std::string read_standard_input(Context& ctx) {
  // Standard input can be read once; two `-` in one command would leave one of them empty.
  if (ctx.stdin_taken)
    throw UsageError("only one TEXT can be `-` (standard input)",
                     "pass the other text as an argument, or use --edit");
  ctx.stdin_taken = true;
  std::string text{std::istreambuf_iterator<char>{ctx.in}, std::istreambuf_iterator<char>{}};
  if (ctx.in.bad()) throw Failure("could not read standard input");
  text = without_trailing_space(std::move(text));
  if (text.empty()) cancel_empty_note("standard input");
  return text;
}

// The folder for the note file: $XDG_RUNTIME_DIR (private to the user, often in memory), else
// the database's own folder (0700).
std::filesystem::path note_folder(const Context& ctx) {
  std::error_code ec;
  if (auto runtime = ctx.env.get("XDG_RUNTIME_DIR");
      runtime && !runtime->empty() && std::filesystem::is_directory(*runtime, ec))
    return *runtime;
  auto folder = ctx.db_path.parent_path();
  if (folder.empty()) folder = ".";
  std::filesystem::create_directories(folder, ec);
  return folder;
}

std::string edit_note(Context& ctx, const std::string& initial) {
  std::string editor = "vi";
  for (const char* variable : {"EDITOR", "VISUAL"})
    if (auto value = ctx.env.get(variable); value && !value->empty()) editor = *value;
  std::string text;
  try {
    text = util::edit_in_editor(editor, note_folder(ctx), initial);
  } catch (const util::EditorFailed& failed) {
    throw Failure(std::string{failed.what()} + "; nothing was written",
                  "set VISUAL or EDITOR to the editor you use");
  } catch (const std::system_error& error) {
    throw Failure(error.what(), "set XDG_RUNTIME_DIR to a private folder for the note file");
  }
  text = without_trailing_space(std::move(text));
  if (text.empty()) cancel_empty_note("the editor");
  return text;
}

}  // namespace

void NoteInput::add_to(CLI::App* command, const std::string& words_help, bool note_option) {
  command->add_option("TEXT", words, words_help + " (- reads standard input)");
  if (note_option)
    command->add_option("--note", note, "Free text (- reads standard input)")->type_name("TEXT");
  command->add_flag("-e,--edit", edit, "Write the text in your editor ($VISUAL, $EDITOR or vi)");
}

bool NoteInput::from_elsewhere() const {
  return edit || note == "-" || std::find(words.begin(), words.end(), "-") != words.end();
}

NoteInput NoteInput::with_standard_input(Context& ctx) const {
  NoteInput resolved = *this;
  if (!standard_input_read) {
    for (auto& word : resolved.words)
      if (word == "-") word = read_standard_input(ctx);
    if (resolved.note == "-") resolved.note = read_standard_input(ctx);
    resolved.standard_input_read = true;
  }
  return resolved;
}

std::string NoteInput::read(Context& ctx, const std::string& initial) const {
  const NoteInput resolved = with_standard_input(ctx);
  std::string text;
  for (const auto& word : resolved.words) text += (text.empty() ? "" : " ") + word;
  if (!resolved.note.empty()) text += (text.empty() ? "" : "\n") + resolved.note;
  if (edit) text = edit_note(ctx, text.empty() ? initial : text);
  domain::check_text(text, "the note");
  return text;
}

std::string text_argument(Context& ctx, const std::string& value, const std::string& what) {
  std::string text = value == "-" ? read_standard_input(ctx) : value;
  domain::check_text(text, what);
  return text;
}

std::optional<storage::Database> open_for_listing(Context& ctx, const std::string& format) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db && format == "json") print_json(ctx.out, nlohmann::json::array());
  return db;
}

void print_json(std::ostream& out, const nlohmann::json& document) {
  out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

nlohmann::json date_json(const std::optional<domain::Date>& day) {
  return day ? nlohmann::json(domain::format_date(*day)) : nlohmann::json(nullptr);
}

nlohmann::json entry_json(const domain::Entry& entry) {
  using domain::EntryKind;
  nlohmann::json j;
  j["id"] = entry.id.value;
  j["kind"] = domain::name_of(entry.kind);
  j["date"] = domain::format_date(entry.date);
  j["person"] =
      entry.people.empty() ? nlohmann::json(nullptr) : nlohmann::json(entry.people.front());
  j["people"] = entry.people;
  j["note"] = entry.note;
  j["minutes"] = entry.minutes ? nlohmann::json(entry.minutes->count()) : nlohmann::json(nullptr);
  j["tags"] = entry.tags;
  j["logged_at"] = domain::format_instant(entry.logged_at);
  const auto name_or_null = [](const auto& value) {
    return value ? nlohmann::json(domain::name_of(*value)) : nlohmann::json(nullptr);
  };
  if (entry.kind == EntryKind::one_on_one) {
    j["mood"] = optional_json(entry.mood);
    j["cancelled"] = entry.cancelled;
  }
  if (entry.kind == EntryKind::feedback) j["polarity"] = name_or_null(entry.polarity);
  if (entry.kind == EntryKind::checkin) {
    j["status"] = name_or_null(entry.status);
    j["delegation"] =
        entry.delegation ? nlohmann::json(entry.delegation->value) : nlohmann::json(nullptr);
  }
  if (entry.kind == EntryKind::learn) j["type"] = name_or_null(entry.learn_type);
  if (entry.kind == EntryKind::one_on_one || entry.kind == EntryKind::feedback ||
      entry.kind == EntryKind::talk)
    j["about"] = entry.about ? nlohmann::json(entry.about->value) : nlohmann::json(nullptr);
  return j;
}

std::string entry_summary(const domain::Entry& entry) {
  std::string line = fmt::format("#{} {} {}", entry.id.value, domain::format_date(entry.date),
                                 domain::name_of(entry.kind));
  if (entry.kind == domain::EntryKind::one_on_one && entry.cancelled) line += " (cancelled)";
  if (entry.polarity) line += fmt::format(" {}", domain::name_of(*entry.polarity));
  if (!entry.people.empty()) {
    std::string people;
    for (const auto& handle : entry.people) people += (people.empty() ? "" : ",") + handle;
    line += " " + people;
  }
  if (entry.minutes) line += " " + domain::format_minutes(*entry.minutes);
  if (entry.mood) line += fmt::format(" mood {}", *entry.mood);
  if (entry.status) line += fmt::format(" {}", domain::name_of(*entry.status));
  if (entry.learn_type) line += fmt::format(" {}", domain::name_of(*entry.learn_type));
  if (entry.delegation) line += fmt::format(" on delegation #{}", entry.delegation->value);
  if (entry.about) line += fmt::format(" about concern #{}", entry.about->value);
  for (const auto& tag : entry.tags) line += " +" + shown(tag);
  return line;
}

void print_entry(std::ostream& out, const domain::Entry& entry) {
  out << entry_summary(entry) << "\n";
  if (entry.note.empty()) return;
  // Notes are shown in full (escaped where they could drive the terminal); continuation lines
  // are indented so entries stay apart.
  const std::string note = shown(entry.note);
  std::size_t start = 0;
  while (start <= note.size()) {
    const std::size_t end = note.find('\n', start);
    out << "    " << note.substr(start, end - start) << "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

std::string bold(const Context& ctx, const std::string& text) {
  return ctx.color() ? "\033[1m" + text + "\033[0m" : text;
}

}  // namespace mgr::cli
