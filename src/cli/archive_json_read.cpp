// Reading an export. The JSON is parsed record by record (each one is turned into its typed
// record and dropped from the document at once), every value through the domain's own parsers,
// so a large file needs little more memory than its records.
#include <algorithm>
#include <array>
#include <istream>
#include <iterator>
#include <memory>
#include <utility>

#include "cli/archive_json.hpp"
#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

using Json = nlohmann::json;
using namespace domain;

// The fields of one record, each read once and checked for its type and form; an error names
// the record and the field.
class Fields {
 public:
  Fields(const Json& object, Section section, std::size_t index, const char* id_key)
      : m_object(object) {
    std::string what;
    if (object.is_object()) {
      const auto id = object.find(id_key);
      if (id != object.end() && id->is_number_integer())
        what = "#" + std::to_string(id->get<std::int64_t>());
      else if (id != object.end() && id->is_string())
        what = util::quoted(id->get<std::string>(), 40);
    }
    m_name = record_name(section, index, what);
    if (!object.is_object()) fail("is not an object", "each record is {\"key\": value, ...}");
  }

  const std::string& name() const { return m_name; }

  std::int64_t integer(const char* key) {
    const auto& value = required(key);
    if (!value.is_number_integer() ||
        (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX))
      wrong(key, value, "a whole number");
    return value.get<std::int64_t>();
  }
  std::optional<std::int64_t> optional_integer(const char* key) {
    if (is_null(key)) return std::nullopt;
    return integer(key);
  }
  // A number that is at most a few digits long (a mood, an answer): checked for its range by
  // check_record.
  int small_integer(const char* key) {
    const auto value = integer(key);
    if (value < -1000000 || value > 1000000) wrong(key, m_object.at(key), "a small whole number");
    return static_cast<int>(value);
  }
  std::optional<int> optional_small_integer(const char* key) {
    if (is_null(key)) return std::nullopt;
    return small_integer(key);
  }
  template <typename Tag>
  std::optional<Id<Tag>> optional_id(const char* key) {
    if (auto value = optional_integer(key)) return Id<Tag>{*value};
    return std::nullopt;
  }
  bool flag(const char* key) {
    const auto& value = required(key);
    if (!value.is_boolean()) wrong(key, value, "true or false");
    return value.get<bool>();
  }
  std::string text(const char* key) {
    const auto& value = required(key);
    if (!value.is_string()) wrong(key, value, "text");
    return value.get<std::string>();
  }
  // Null, absent or text; empty when not given.
  std::string optional_text(const char* key) {
    if (is_null(key)) return {};
    return text(key);
  }
  std::vector<std::string> texts(const char* key) {
    const auto found = m_object.find(key);
    if (found == m_object.end()) return {};
    m_used.emplace_back(key);
    if (found->is_null()) return {};
    if (!found->is_array()) wrong(key, *found, "a list of text");
    std::vector<std::string> values;
    values.reserve(found->size());
    for (const auto& item : *found) {
      if (!item.is_string()) wrong(key, *found, "a list of text");
      values.push_back(item.get<std::string>());
    }
    return values;
  }
  Date date(const char* key) {
    const auto value = text(key);
    if (auto day = parse_iso_date(value)) return *day;
    fail(std::string{key} + " " + util::quoted(value, 40) + " is not a date (YYYY-MM-DD)");
  }
  std::optional<Date> optional_date(const char* key) {
    if (is_null(key)) return std::nullopt;
    return date(key);
  }
  Instant instant(const char* key) {
    const auto value = text(key);
    if (auto instant = parse_instant(value)) return *instant;
    fail(std::string{key} + " " + util::quoted(value, 40) +
         " is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
  }
  Cadence cadence(const char* key) {
    const auto value = text(key);
    if (auto cadence = cadence_from_name(value)) return *cadence;
    fail(std::string{key} + " " + util::quoted(value, 40) +
         " is not a cadence (weekly, biweekly, monthly, Nd or none)");
  }
  std::optional<Minutes> optional_clock_time(const char* key) {
    if (is_null(key)) return std::nullopt;
    return parsed(key, [](const std::string& value) { return parse_clock_time(value); });
  }
  std::optional<date::weekday> optional_weekday(const char* key) {
    if (is_null(key)) return std::nullopt;
    const auto day = parsed(key, [](const std::string& value) { return parse_weekday(value); });
    if (weekday_name(day) != m_object.at(key).get<std::string>())
      fail(std::string{key} + " " + util::quoted(m_object.at(key).get<std::string>(), 40) +
           " is not one of mon, tue, wed, thu, fri, sat, sun");
    return day;
  }
  const domain::Zone* optional_zone(const char* key) {
    if (is_null(key)) return nullptr;
    return parsed(key, [](const std::string& value) { return find_zone(value); });
  }
  template <typename Enum>
  Enum choice(const char* key) {
    const auto value = text(key);
    if (auto choice = enum_from_name<Enum>(value)) return *choice;
    std::string choices;
    for (const auto& name : enum_names<Enum>()) choices += (choices.empty() ? "" : ", ") + name;
    fail(std::string{key} + " " + util::quoted(value, 40) + " is not one of " + choices);
  }
  template <typename Enum>
  std::optional<Enum> optional_choice(const char* key) {
    if (is_null(key)) return std::nullopt;
    return choice<Enum>(key);
  }

  // After the last field: a key the record does not have is a mistake, not something to skip.
  void no_other_keys() const {
    // m_used holds each key of the object that was read, once.
    if (m_object.size() == m_used.size()) return;
    for (const auto& item : m_object.items())
      if (std::find(m_used.begin(), m_used.end(), item.key()) == m_used.end())
        fail("unknown field " + util::quoted(item.key(), 40),
             "an export of another mgr version? `mgr --version` names this one");
  }

  [[noreturn]] void fail(const std::string& problem, const std::string& hint = {}) const {
    throw UsageError(m_name + ": " + problem, hint);
  }

 private:
  bool is_null(const char* key) {
    const auto found = m_object.find(key);
    if (found == m_object.end()) return true;
    if (!found->is_null()) return false;
    m_used.emplace_back(key);
    return true;
  }
  const Json& required(const char* key) {
    const auto found = m_object.find(key);
    if (found == m_object.end()) fail("has no " + std::string{key});
    if (std::find(m_used.begin(), m_used.end(), key) == m_used.end()) m_used.emplace_back(key);
    return *found;
  }
  [[noreturn]] void wrong(const char* key, const Json& value, const char* expected) const {
    fail(std::string{key} + " is " + util::quoted(value.dump(), 40) + ", not " + expected);
  }
  // A value read by one of the domain's parsers, whose UsageError is named for this record.
  template <typename Parse>
  auto parsed(const char* key, Parse parse) -> decltype(parse(std::string{})) {
    const auto value = text(key);
    try {
      return parse(value);
    } catch (const UsageError& error) {
      fail(std::string{key} + ": " + error.what(), error.hint());
    }
  }

  const Json& m_object;
  std::string m_name;
  std::vector<std::string> m_used;
};

PersonRecord person_from(const Json& object, std::size_t index) {
  Fields f{object, Section::people, index, "handle"};
  PersonRecord record;
  auto& p = record.person;
  p.id = PersonId{f.integer("id")};
  p.handle = f.text("handle");
  p.name = f.optional_text("name");
  p.relation = f.choice<Relation>("relation");
  p.cadence = f.cadence("cadence");
  p.slot_day = f.optional_weekday("day");
  p.slot_time = f.optional_clock_time("time");
  p.length = Minutes{f.integer("length_minutes")};
  p.zone = f.optional_zone("tz");
  p.since = f.date("since");
  p.archived = f.flag("archived");
  record.created_at = f.instant("created_at");
  f.no_other_keys();
  check_record(index, record);
  return record;
}

TimeAwayRecord time_away_from(const Json& object, std::size_t index) {
  Fields f{object, Section::time_away, index, "id"};
  TimeAwayRecord r{AwayId{f.integer("id")}, f.text("person"), f.date("from"), f.date("to"),
                   f.optional_text("reason")};
  f.no_other_keys();
  check_record(index, r);
  return r;
}

Entry entry_from(const Json& object, std::size_t index) {
  Fields f{object, Section::entries, index, "id"};
  Entry e;
  e.id = EntryId{f.integer("id")};
  e.kind = f.choice<EntryKind>("kind");
  e.date = f.date("date");
  e.logged_at = f.instant("logged_at");
  e.people = f.texts("people");
  e.note = f.optional_text("note");
  if (auto minutes = f.optional_integer("minutes")) e.minutes = Minutes{*minutes};
  e.mood = f.optional_small_integer("mood");
  e.tags = f.texts("tags");
  e.cancelled = f.flag("cancelled");
  e.polarity = f.optional_choice<Polarity>("polarity");
  e.status = f.optional_choice<CheckinStatus>("status");
  e.learn_type = f.optional_choice<LearnType>("type");
  e.about = f.optional_id<ConcernTag>("about");
  e.delegation = f.optional_id<DelegationTag>("delegation");
  f.no_other_keys();
  check_record(index, e);
  return e;
}

ConcernRecord concern_from(const Json& object, std::size_t index) {
  Fields f{object, Section::concerns, index, "id"};
  ConcernRecord r{ConcernId{f.integer("id")}, f.text("text"),
                  f.date("opened"),           f.choice<ConcernStatus>("status"),
                  f.optional_date("closed"),  f.optional_text("close_note")};
  f.no_other_keys();
  return r;
}

DelegationRecord delegation_from(const Json& object, std::size_t index) {
  Fields f{object, Section::delegations, index, "id"};
  DelegationRecord r;
  r.id = DelegationId{f.integer("id")};
  r.person = f.text("person");
  r.outcome = f.text("outcome");
  r.why = f.optional_text("why");
  r.due = f.optional_date("due");
  r.checkin = f.cadence("checkin");
  r.constraints = f.optional_text("constraints");
  r.created = f.date("created");
  r.status = f.choice<DelegationStatus>("status");
  r.closed = f.optional_date("closed");
  r.close_note = f.optional_text("close_note");
  f.no_other_keys();
  return r;
}

TopicRecord topic_from(const Json& object, std::size_t index) {
  Fields f{object, Section::topics, index, "id"};
  TopicRecord r{TopicId{f.integer("id")},
                f.text("person"),
                f.text("text"),
                f.date("created"),
                f.choice<TopicStatus>("status"),
                f.optional_date("closed"),
                f.optional_id<EntryTag>("covered_by")};
  f.no_other_keys();
  return r;
}

ActionRecord action_from(const Json& object, std::size_t index) {
  Fields f{object, Section::actions, index, "id"};
  ActionRecord r;
  r.id = ActionId{f.integer("id")};
  r.person = f.text("person");
  r.owner = f.choice<Owner>("owner");
  r.text = f.text("text");
  r.created = f.date("created");
  r.due = f.optional_date("due");
  r.status = f.choice<ActionStatus>("status");
  r.done = f.optional_date("done");
  r.agreed_in = f.optional_id<EntryTag>("agreed_in");
  f.no_other_keys();
  return r;
}

SkipRecord skip_from(const Json& object, std::size_t index) {
  Fields f{object, Section::skips, index, "id"};
  SkipRecord r{SkipId{f.integer("id")}, f.text("person"), f.date("date"), f.optional_text("reason"),
               f.instant("logged_at")};
  f.no_other_keys();
  return r;
}

MoveRecord move_from(const Json& object, std::size_t index) {
  Fields f{object, Section::moves, index, "id"};
  MoveRecord r{MoveId{f.integer("id")},       f.text("person"),      f.date("date"), f.date("to"),
               f.optional_clock_time("time"), f.instant("logged_at")};
  f.no_other_keys();
  return r;
}

ReminderSentRecord reminder_from(const Json& object, std::size_t index) {
  Fields f{object, Section::reminders_sent, index, "item"};
  ReminderSentRecord r{f.date("day"), f.text("item"), f.optional_text("person"),
                       f.instant("sent_at"), f.text("message_id")};
  f.no_other_keys();
  return r;
}

SelfCheckRecord self_check_from(const Json& object, std::size_t index) {
  Fields f{object, Section::self_checks, index, "month"};
  SelfCheckRecord r;
  const auto month = f.text("month");
  const auto first_day = month.size() == 7 ? parse_iso_date(month + "-01") : std::nullopt;
  if (!first_day) f.fail("month " + util::quoted(month, 40) + " is not a month (YYYY-MM)");
  const date::year_month_day day{*first_day};
  r.month = day.year() / day.month();
  r.date = f.date("date");
  for (std::size_t i = 0; i < r.answers.size(); ++i)
    r.answers[i] = f.small_integer(std::string{k_self_check_questions[i]}.c_str());
  r.note = f.optional_text("note");
  r.logged_at = f.instant("logged_at");
  f.no_other_keys();
  check_record(index, r);
  return r;
}

// An mgr export of a version this mgr reads, and of a whole database: checked as soon as the
// parser meets these keys (an export starts with them), so that a file of another version is
// not read as this one, nor the export of one person (which names people it does not hold).
void check_format(const std::string& key, const Json& value) {
  if (key == "subject")
    throw UsageError("this file is the export of one person (" + util::quoted(value.dump(), 40) +
                         "), not of a whole database",
                     "only a whole export (`mgr export` without --person) can be imported");
  if (key == "format" && value != std::string{k_archive_format})
    throw UsageError("this is not an mgr export: \"format\" is not \"mgr-export\"",
                     "`mgr export` writes the files `mgr import` reads");
  if (key != "version") return;
  if (!value.is_number_integer()) throw UsageError("the export's format version is not a number");
  if (value != k_archive_version)
    throw UsageError("the export has format version " + value.dump() + "; this mgr reads " +
                         std::to_string(k_archive_version),
                     "export it again with this mgr, or import it with the mgr that wrote it");
}

// Follows the parser through the document: which table it is in, and how many records of it
// came before, to turn each record into its typed form as soon as it is complete.
class Reading {
 public:
  Archive archive;

  bool on_event(int depth, Json::parse_event_t event, Json& parsed) {
    using Event = Json::parse_event_t;
    if (depth == 0 && event == Event::object_start) m_root_is_object = true;
    if (!m_root_is_object) return true;
    if (depth == 1 && event == Event::value &&
        (m_key == "format" || m_key == "version" || m_key == "subject"))
      check_format(m_key, parsed);
    if (depth == 1 && event == Event::key) {
      m_key = parsed.get<std::string>();
      m_section = section_from_name(m_key);
      if (!m_section && m_key != "format" && m_key != "version" && m_key != "last_id" &&
          m_key != "subject")
        throw UsageError("unknown field " + util::quoted(m_key, 40) + " at the top of the file",
                         "an export has format, version, last_id and one list per table");
      return true;
    }
    if (depth != 2 || !m_section) return true;
    if (event == Event::object_end) {
      add(*m_section, parsed);
      return false;  // dropped from the document: its typed record is kept instead
    }
    if (event == Event::value || event == Event::array_start)
      throw UsageError(record_name(*m_section, archive.size(*m_section), "") +
                       ": is not an object");
    return true;
  }

  // Where the reading got to, for a file that breaks off.
  std::string last_record() const {
    if (!m_section) return {};
    const auto count = archive.size(*m_section);
    if (count == 0) return "at the start of " + std::string{name_of(*m_section)};
    return "after " + record_name(*m_section, count - 1, "");
  }

 private:
  void add(Section section, const Json& object) {
    const auto index = archive.size(section);
    switch (section) {
      case Section::people:
        return archive.people.push_back(person_from(object, index));
      case Section::time_away:
        return archive.time_away.push_back(time_away_from(object, index));
      case Section::entries:
        return archive.entries.push_back(entry_from(object, index));
      case Section::concerns:
        return archive.concerns.push_back(concern_from(object, index));
      case Section::delegations:
        return archive.delegations.push_back(delegation_from(object, index));
      case Section::topics:
        return archive.topics.push_back(topic_from(object, index));
      case Section::actions:
        return archive.actions.push_back(action_from(object, index));
      case Section::skips:
        return archive.skips.push_back(skip_from(object, index));
      case Section::moves:
        return archive.moves.push_back(move_from(object, index));
      case Section::reminders_sent:
        return archive.reminders_sent.push_back(reminder_from(object, index));
      case Section::self_checks:
        return archive.self_checks.push_back(self_check_from(object, index));
    }
  }

  bool m_root_is_object = false;
  std::string m_key;
  std::optional<Section> m_section;
};

// The header, once the records are read.
void read_header(const Json& document, Archive& archive) {
  if (!document.is_object())
    throw UsageError("this is not an mgr export: the file is not a JSON object",
                     "`mgr export` writes the files `mgr import` reads");
  const auto format = document.find("format");
  if (format == document.end())
    throw UsageError("this is not an mgr export: it has no \"format\": \"mgr-export\"",
                     "`mgr export` writes the files `mgr import` reads");
  check_format("format", *format);
  const auto version = document.find("version");
  if (version == document.end())
    throw UsageError("the export has no format version", "\"version\": 1 after \"format\"");
  check_format("version", *version);
  const auto last_id = document.find("last_id");
  if (last_id == document.end() || !last_id->is_number_integer() || *last_id < 0)
    throw UsageError("the export has no last_id (the highest id handed out)");
  archive.last_id = last_id->get<std::int64_t>();
  if (const auto subject = document.find("subject"); subject != document.end())
    check_format("subject", *subject);
  for (const auto section : k_sections) {
    const auto table = document.find(std::string{name_of(section)});
    if (table != document.end() && !table->is_array())
      throw UsageError(std::string{name_of(section)} + " is not a list of records");
  }
}

}  // namespace

namespace {

// A stream read in blocks, handed to the parser a character at a time: the parser's own stream
// input asks the stream buffer for every character, which costs more than the parsing.
class StreamBlocks {
 public:
  explicit StreamBlocks(std::istream& in) : m_in(in) { refill(); }

  bool done() const { return m_next == m_end; }
  const char& current() const { return *m_next; }
  void advance() {
    if (++m_next == m_end) refill();
  }

  // The iterator pair the parser reads: an input iterator over the blocks, equal to the end
  // once the stream is exhausted.
  class Iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    explicit Iterator(StreamBlocks* blocks = nullptr) : m_blocks(blocks) {}
    reference operator*() const { return m_blocks->current(); }
    Iterator& operator++() {
      m_blocks->advance();
      return *this;
    }
    bool operator==(const Iterator& other) const { return at_end() == other.at_end(); }
    bool operator!=(const Iterator& other) const { return !(*this == other); }

   private:
    bool at_end() const { return m_blocks == nullptr || m_blocks->done(); }
    StreamBlocks* m_blocks;
  };

 private:
  void refill() {
    m_in.read(m_block.data(), static_cast<std::streamsize>(m_block.size()));
    m_next = m_block.data();
    m_end = m_next + m_in.gcount();
  }

  std::istream& m_in;
  std::array<char, std::size_t{64} << 10> m_block{};
  const char* m_next = nullptr;
  const char* m_end = nullptr;
};

Json parse_with(std::string_view text, const Json::parser_callback_t& callback) {
  return Json::parse(text, callback, true, false);
}

Json parse_with(std::istream& in, const Json::parser_callback_t& callback) {
  auto blocks = std::make_unique<StreamBlocks>(in);
  return Json::parse(StreamBlocks::Iterator{blocks.get()}, StreamBlocks::Iterator{}, callback, true,
                     false);
}

// Parses `input` (text, or a stream read as the parser goes: the file is never held whole).
template <typename Input>
Archive read_archive(Input&& input) {
  Reading reading;
  Json document;
  try {
    document = parse_with(std::forward<Input>(input),
                          [&reading](int depth, Json::parse_event_t event, Json& parsed) {
                            return reading.on_event(depth, event, parsed);
                          });
  } catch (const Json::parse_error& error) {
    const auto where = reading.last_record();
    throw UsageError("the file is not complete JSON" + (where.empty() ? "" : " (" + where + ")") +
                         ": " + util::truncate_to_width(error.what(), 160),
                     "an export that was cut off (a full disk, an interrupted copy) cannot be "
                     "imported; export again");
  } catch (const Json::exception& error) {
    // A number too large for any type, and the like: JSON that no export holds.
    const auto where = reading.last_record();
    throw UsageError("the file is not valid JSON" + (where.empty() ? "" : " (" + where + ")") +
                     ": " + util::truncate_to_width(error.what(), 160));
  }
  Archive archive = std::move(reading.archive);
  read_header(document, archive);
  check_archive(archive);
  return archive;
}

}  // namespace

Archive read_archive_json(std::string_view text) {
  return read_archive(text);
}

Archive read_archive_json(std::istream& in) {
  return read_archive(in);
}

}  // namespace mgr::cli
