// Reading an export. The JSON is read as a stream of parser events, and each record is turned
// into its typed record as soon as it is complete, every value through the domain's own
// parsers: no document is built, so a large file needs little more memory than its records.
#include <array>
#include <istream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli/archive_json.hpp"
#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

using Json = nlohmann::json;
using namespace domain;

// One record as the parser met it: its fields in file order, each value as JSON. The slots are
// kept from one record to the next (the records of a table have the same keys in the same
// order), so that a million entries do not cost a million maps of keys and values.
class RecordFields {
 public:
  struct Slot {
    std::string key;
    Json value;
    bool used = false;  // read by Fields
  };

  void clear() {
    m_size = 0;
    m_hint = 0;
  }

  // Where `key`'s value goes: a key given twice keeps its last value, as in a JSON object.
  // No two slots, used or kept from an earlier record, ever hold the same key; so a key found
  // in the slot it had in the record before is not among those before it either, and the
  // usual record costs one comparison per key.
  Json& add(const std::string& key) {
    if (m_size < m_slots.size() && m_slots[m_size].key == key) return take(m_size);
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
      if (m_slots[i].key != key) continue;
      if (i < m_size) return m_slots[i].value;  // given twice
      std::swap(m_slots[i], m_slots[m_size]);
      return take(m_size);
    }
    m_slots.emplace_back();
    m_slots.back().key = key;
    std::swap(m_slots.back(), m_slots[m_size]);
    return take(m_size);
  }

  // The slot of `key`, or null. Fields are mostly asked for in the order they are written, so
  // the search starts after the last one found.
  const Slot* find(std::string_view key) const {
    for (std::size_t n = 0; n < m_size; ++n) {
      const auto& slot = m_slots[(m_hint + n) % m_size];
      if (slot.key == key) {
        m_hint = (m_hint + n + 1) % m_size;
        return &slot;
      }
    }
    return nullptr;
  }
  Slot* find(std::string_view key) { return const_cast<Slot*>(std::as_const(*this).find(key)); }

  std::size_t size() const { return m_size; }
  const Slot& operator[](std::size_t index) const { return m_slots[index]; }

 private:
  Json& take(std::size_t index) {
    ++m_size;
    m_slots[index].used = false;
    return m_slots[index].value;
  }

  std::vector<Slot> m_slots;
  std::size_t m_size = 0;
  mutable std::size_t m_hint = 0;
};

// The fields of one record, each read once and checked for its type and form; an error names
// the record and the field.
class Fields {
 public:
  Fields(RecordFields& object, Section section, std::size_t index, const char* id_key)
      : m_object(object), m_section(section), m_index(index), m_id_key(id_key) {}

  // The record's place in the file and its id or handle, as errors name it (only built for one).
  std::string name() const {
    std::string what;
    if (const auto* id = std::as_const(m_object).find(m_id_key)) {
      if (id->value.is_number_integer())
        what = "#" + std::to_string(id->value.get<std::int64_t>());
      else if (id->value.is_string())
        what = util::quoted(id->value.get<std::string>(), 40);
    }
    return record_name(m_section, m_index, what);
  }

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
    if (value < -1000000 || value > 1000000) wrong(key, required(key), "a small whole number");
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
    auto* slot = m_object.find(key);
    if (slot == nullptr) return {};
    slot->used = true;
    const auto& found = slot->value;
    if (found.is_null()) return {};
    if (!found.is_array()) wrong(key, found, "a list of text");
    std::vector<std::string> values;
    values.reserve(found.size());
    for (const auto& item : found) {
      if (!item.is_string()) wrong(key, found, "a list of text");
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
    const auto& given = required(key).get_ref<const std::string&>();
    if (weekday_name(day) != given)
      fail(std::string{key} + " " + util::quoted(given, 40) +
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
  // (The first such key in alphabetical order is named.)
  void no_other_keys() const {
    const std::string* unknown = nullptr;
    for (std::size_t i = 0; i < m_object.size(); ++i)
      if (!m_object[i].used && (unknown == nullptr || m_object[i].key < *unknown))
        unknown = &m_object[i].key;
    if (unknown != nullptr)
      fail("unknown field " + util::quoted(*unknown, 40),
           "an export of another mgr version? `mgr --version` names this one");
  }

  [[noreturn]] void fail(const std::string& problem, const std::string& hint = {}) const {
    throw UsageError(name() + ": " + problem, hint);
  }

 private:
  bool is_null(const char* key) {
    auto* slot = m_object.find(key);
    if (slot == nullptr) return true;
    if (!slot->value.is_null()) return false;
    slot->used = true;
    return true;
  }
  const Json& required(const char* key) {
    auto* slot = m_object.find(key);
    if (slot == nullptr) fail("has no " + std::string{key});
    slot->used = true;
    return slot->value;
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

  RecordFields& m_object;
  Section m_section;
  std::size_t m_index;
  const char* m_id_key;
};

PersonRecord person_from(RecordFields& object, std::size_t index) {
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

TimeAwayRecord time_away_from(RecordFields& object, std::size_t index) {
  Fields f{object, Section::time_away, index, "id"};
  TimeAwayRecord r{AwayId{f.integer("id")}, f.text("person"), f.date("from"), f.date("to"),
                   f.optional_text("reason")};
  f.no_other_keys();
  check_record(index, r);
  return r;
}

Entry entry_from(RecordFields& object, std::size_t index) {
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

ConcernRecord concern_from(RecordFields& object, std::size_t index) {
  Fields f{object, Section::concerns, index, "id"};
  ConcernRecord r{ConcernId{f.integer("id")}, f.text("text"),
                  f.date("opened"),           f.choice<ConcernStatus>("status"),
                  f.optional_date("closed"),  f.optional_text("close_note")};
  f.no_other_keys();
  return r;
}

DelegationRecord delegation_from(RecordFields& object, std::size_t index) {
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

TopicRecord topic_from(RecordFields& object, std::size_t index) {
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

ActionRecord action_from(RecordFields& object, std::size_t index) {
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

SkipRecord skip_from(RecordFields& object, std::size_t index) {
  Fields f{object, Section::skips, index, "id"};
  SkipRecord r{SkipId{f.integer("id")}, f.text("person"), f.date("date"), f.optional_text("reason"),
               f.instant("logged_at")};
  f.no_other_keys();
  return r;
}

MoveRecord move_from(RecordFields& object, std::size_t index) {
  Fields f{object, Section::moves, index, "id"};
  MoveRecord r{MoveId{f.integer("id")},       f.text("person"),      f.date("date"), f.date("to"),
               f.optional_clock_time("time"), f.instant("logged_at")};
  f.no_other_keys();
  return r;
}

ReminderSentRecord reminder_from(RecordFields& object, std::size_t index) {
  Fields f{object, Section::reminders_sent, index, "item"};
  ReminderSentRecord r{f.date("day"), f.text("item"), f.optional_text("person"),
                       f.instant("sent_at"), f.text("message_id")};
  f.no_other_keys();
  return r;
}

SelfCheckRecord self_check_from(RecordFields& object, std::size_t index) {
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

// Builds one JSON value from the parser's events: a value of the file's header, or a record's
// field that is a list (or anything else that is not a single value).
class ValueBuilder {
 public:
  bool building() const { return m_target != nullptr; }

  // The value about to start goes to `target`.
  void start(Json& target) {
    m_target = &target;
    m_open.clear();
  }
  void key(const std::string& key) { m_key = key; }
  // A single value; true when it completes the value being built.
  bool value(Json value) {
    place(std::move(value));
    return finished();
  }
  void open(Json container) {
    // The outermost list of a record's field: the list the field held before is emptied and
    // used again.
    if (m_open.empty() && container.is_array() && m_target->is_array()) {
      m_target->clear();
      m_open.push_back(m_target);
      return;
    }
    m_open.push_back(place(std::move(container)));
  }
  // The end of the innermost list or object; true when it completes the value being built.
  bool close() {
    m_open.pop_back();
    return finished();
  }

 private:
  Json* place(Json value) {
    if (m_open.empty()) {
      *m_target = std::move(value);
      return m_target;
    }
    auto& parent = *m_open.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    auto& slot = parent[m_key];
    slot = std::move(value);
    return &slot;
  }
  bool finished() {
    if (!m_open.empty()) return false;
    m_target = nullptr;
    return true;
  }

  Json* m_target = nullptr;
  std::vector<Json*> m_open;  // the lists and objects not yet closed, innermost last
  std::string m_key;
};

// Follows the parser through the document (the parser's SAX events): the header's values, each
// table and each record in it, which is turned into its typed form as soon as it is complete.
// Errors are thrown as the parser meets them.
class Reading {
 public:
  Archive archive;
  // The header's values (format, version, last_id, subject), or the whole document when it is
  // not an object: what read_header checks once the parser is done.
  Json header = Json::object();
  // Set when the parser stopped at text that is not JSON (the parser's own message).
  std::optional<std::string> syntax_error;
  bool syntax_error_is_parse_error = false;

  bool null() { return value(Json(nullptr)); }
  bool boolean(bool flag) { return value(Json(flag)); }
  bool number_integer(std::int64_t number) { return value(Json(number)); }
  bool number_unsigned(std::uint64_t number) { return value(Json(number)); }
  bool number_float(double number, const std::string& /*as written*/) {
    return value(Json(number));
  }
  bool binary(Json::binary_t& /*never in JSON text*/) { return true; }
  bool string(std::string& text) {
    if (m_place == Place::record && !m_builder.building()) {
      // The same field of the record before usually held text too: its memory is used again.
      if (m_field->is_string())
        m_field->get_ref<std::string&>().assign(text);
      else
        *m_field = text;
      return true;
    }
    return value(Json(text));
  }

  bool start_object(std::size_t /*unknown*/) {
    if (m_builder.building()) return open(Json::object());
    switch (m_place) {
      case Place::document:
        m_place = Place::top;
        return true;
      case Place::table:
        m_record.clear();
        m_place = Place::record;
        return true;
      case Place::top:
        if (m_section) not_a_list();
        m_builder.start(header[m_key]);
        return open(Json::object());
      case Place::record:
        m_builder.start(*m_field);
        return open(Json::object());
    }
    return true;
  }
  bool start_array(std::size_t /*unknown*/) {
    if (m_builder.building()) return open(Json::array());
    switch (m_place) {
      case Place::document:
        m_builder.start(header);
        return open(Json::array());
      case Place::top:
        if (m_section) {
          m_place = Place::table;
          return true;
        }
        m_builder.start(header[m_key]);
        return open(Json::array());
      case Place::table:
        not_an_object();
      case Place::record:
        m_builder.start(*m_field);
        return open(Json::array());
    }
    return true;
  }
  bool key(std::string& key) {
    if (m_builder.building()) {
      m_builder.key(key);
      return true;
    }
    if (m_place == Place::record) {
      // No record of an export has more than sixteen fields: one with many more is refused
      // before its keys, each compared with the others, cost more than the file is worth.
      if (m_record.size() == k_most_fields)
        throw UsageError(record_name(*m_section, archive.size(*m_section), "") +
                             ": has more than " + std::to_string(k_most_fields) + " fields",
                         "an export of another mgr version? `mgr --version` names this one");
      m_field = &m_record.add(key);
      return true;
    }
    // A key of the document itself.
    m_key = key;
    m_section = section_from_name(m_key);
    if (!m_section && m_key != "format" && m_key != "version" && m_key != "last_id" &&
        m_key != "subject")
      throw UsageError("unknown field " + util::quoted(m_key, 40) + " at the top of the file",
                       "an export has format, version, last_id and one list per table");
    return true;
  }
  bool end_object() {
    if (m_builder.building()) return close();
    if (m_place == Place::record) {
      add(*m_section);
      m_place = Place::table;
    }
    return true;
  }
  bool end_array() {
    if (m_builder.building()) return close();
    m_place = Place::top;  // the end of a table
    return true;
  }

  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const Json::exception& error) {
    syntax_error = error.what();
    syntax_error_is_parse_error = dynamic_cast<const Json::parse_error*>(&error) != nullptr;
    return false;
  }

  // Where the reading got to, for a file that breaks off.
  std::string last_record() const {
    if (!m_section) return {};
    const auto count = archive.size(*m_section);
    if (count == 0) return "at the start of " + std::string{name_of(*m_section)};
    return "after " + record_name(*m_section, count - 1, "");
  }

 private:
  static constexpr std::size_t k_most_fields = 64;

  // Where the parser is: before the document, among the document's keys, in a table (the list
  // of its records), or in a record.
  enum class Place { document, top, table, record };

  // A single value (text, number, true, false or null).
  bool value(Json value) {
    if (m_builder.building()) {
      if (m_builder.value(std::move(value))) header_value_done();
      return true;
    }
    switch (m_place) {
      case Place::document:
        header = std::move(value);
        return true;
      case Place::top:
        if (m_section) not_a_list();
        header[m_key] = std::move(value);
        header_value_done();
        return true;
      case Place::table:
        not_an_object();
      case Place::record:
        *m_field = std::move(value);
        return true;
    }
    return true;
  }
  bool open(Json container) {
    m_builder.open(std::move(container));
    return true;
  }
  bool close() {
    if (m_builder.close()) header_value_done();
    return true;
  }
  // A value of the header is complete: the export's format is checked as soon as it is known.
  void header_value_done() {
    if (m_place == Place::top && (m_key == "format" || m_key == "version" || m_key == "subject"))
      check_format(m_key, header[m_key]);
  }

  [[noreturn]] void not_a_list() const {
    throw UsageError(std::string{name_of(*m_section)} + " is not a list of records");
  }
  [[noreturn]] void not_an_object() const {
    throw UsageError(record_name(*m_section, archive.size(*m_section), "") + ": is not an object");
  }

  void add(Section section) {
    const auto index = archive.size(section);
    switch (section) {
      case Section::people:
        return archive.people.push_back(person_from(m_record, index));
      case Section::time_away:
        return archive.time_away.push_back(time_away_from(m_record, index));
      case Section::entries:
        return archive.entries.push_back(entry_from(m_record, index));
      case Section::concerns:
        return archive.concerns.push_back(concern_from(m_record, index));
      case Section::delegations:
        return archive.delegations.push_back(delegation_from(m_record, index));
      case Section::topics:
        return archive.topics.push_back(topic_from(m_record, index));
      case Section::actions:
        return archive.actions.push_back(action_from(m_record, index));
      case Section::skips:
        return archive.skips.push_back(skip_from(m_record, index));
      case Section::moves:
        return archive.moves.push_back(move_from(m_record, index));
      case Section::reminders_sent:
        return archive.reminders_sent.push_back(reminder_from(m_record, index));
      case Section::self_checks:
        return archive.self_checks.push_back(self_check_from(m_record, index));
    }
  }

  Place m_place = Place::document;
  std::string m_key;  // the document's key whose value is being read
  std::optional<Section> m_section;
  RecordFields m_record;
  Json* m_field = nullptr;  // the record's field whose value is being read
  ValueBuilder m_builder;
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

bool parse_with(std::string_view text, Reading& reading) {
  return Json::sax_parse(text.begin(), text.end(), &reading);
}

bool parse_with(std::istream& in, Reading& reading) {
  auto blocks = std::make_unique<StreamBlocks>(in);
  return Json::sax_parse(StreamBlocks::Iterator{blocks.get()}, StreamBlocks::Iterator{}, &reading);
}

// Parses `input` (text, or a stream read as the parser goes: the file is never held whole).
template <typename Input>
Archive read_archive(Input&& input) {
  Reading reading;
  parse_with(std::forward<Input>(input), reading);
  if (reading.syntax_error) {
    const auto where = reading.last_record();
    const auto in = where.empty() ? "" : " (" + where + ")";
    const auto what = util::truncate_to_width(*reading.syntax_error, 160);
    if (reading.syntax_error_is_parse_error)
      throw UsageError("the file is not complete JSON" + in + ": " + what,
                       "an export that was cut off (a full disk, an interrupted copy) cannot be "
                       "imported; export again");
    // A number too large for any type, and the like: JSON that no export holds.
    throw UsageError("the file is not valid JSON" + in + ": " + what);
  }
  Archive archive = std::move(reading.archive);
  read_header(reading.header, archive);
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
