// Writing the archive as JSON: one record per line, keys in a fixed order, so that the same
// database always exports to the same bytes.
#include "cli/archive_json.hpp"

#include <algorithm>

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"

namespace mgr::cli {

namespace {

using Json = nlohmann::ordered_json;
using namespace domain;

// One record as one line of JSON, written straight into text: the same bytes the JSON library
// would dump for it, without building the object and its map of keys first (which cost most of
// an export's time). Text that is plain printable ASCII is copied as it is; any
// other text goes through the JSON library, which escapes it and refuses what is not UTF-8.
class JsonLine {
 public:
  explicit JsonLine(std::string& line) : m_line(line) { m_line.assign(1, '{'); }

  JsonLine& number(const char* key, std::int64_t value) {
    open(key);
    m_line += std::to_string(value);
    return *this;
  }
  JsonLine& flag(const char* key, bool value) {
    open(key);
    m_line += value ? "true" : "false";
    return *this;
  }
  JsonLine& text(const char* key, std::string_view value) {
    open(key);
    quoted(value);
    return *this;
  }
  JsonLine& text_or_null(const char* key, std::string_view value) {
    if (value.empty()) return null(key);
    return text(key, value);
  }
  JsonLine& null(const char* key) {
    open(key);
    m_line += "null";
    return *this;
  }
  JsonLine& date(const char* key, Date value) { return text(key, format_date(value)); }
  JsonLine& date(const char* key, const std::optional<Date>& value) {
    return value ? date(key, *value) : null(key);
  }
  JsonLine& instant(const char* key, Instant value) { return text(key, format_instant(value)); }
  template <typename Tag>
  JsonLine& id(const char* key, const std::optional<Id<Tag>>& value) {
    return value ? number(key, value->value) : null(key);
  }
  template <typename Enum>
  JsonLine& choice(const char* key, const std::optional<Enum>& value) {
    return value ? text(key, name_of(*value)) : null(key);
  }
  JsonLine& texts(const char* key, const std::vector<std::string>& values) {
    open(key);
    m_line += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) m_line += ',';
      quoted(values[i]);
    }
    m_line += ']';
    return *this;
  }
  void close() { m_line += '}'; }

 private:
  void open(const char* key) {
    if (m_line.size() > 1) m_line += ',';
    m_line += '"';
    m_line += key;
    m_line += "\":";
  }
  void quoted(std::string_view value) {
    const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
      return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    });
    if (plain) {
      m_line += '"';
      m_line += value;
      m_line += '"';
      return;
    }
    m_line += Json(std::string{value}).dump(-1, ' ', false, Json::error_handler_t::strict);
  }

  std::string& m_line;
};

}  // namespace

void JsonArchiveWriter::begin(const Archive& header) {
  m_out << "{\n  \"format\": " << Json(k_archive_format).dump()
        << ",\n  \"version\": " << header.version << ",\n  \"last_id\": " << header.last_id;
  if (!header.subject.empty()) m_out << ",\n  \"subject\": " << Json(header.subject).dump();
}

void JsonArchiveWriter::begin_section(Section section) {
  m_section = section;
  m_in_section = 0;
  m_out << ",\n  \"" << name_of(section) << "\": [";
}

namespace {

void fill(JsonLine& j, const PersonRecord& record) {
  const auto& p = record.person;
  j.number("id", p.id.value).text("handle", p.handle).text_or_null("name", p.name);
  j.text("relation", name_of(p.relation)).text("cadence", cadence_name(p.cadence));
  if (p.slot_day)
    j.text("day", weekday_name(*p.slot_day));
  else
    j.null("day");
  if (p.slot_time)
    j.text("time", format_clock_time(*p.slot_time));
  else
    j.null("time");
  j.number("length_minutes", p.length.count());
  if (p.zone != nullptr)
    j.text("tz", p.zone->name());
  else
    j.null("tz");
  j.date("since", p.since).flag("archived", p.archived).instant("created_at", record.created_at);
}

void fill(JsonLine& j, const TimeAwayRecord& r) {
  j.number("id", r.id.value).text("person", r.person).date("from", r.from).date("to", r.to);
  j.text_or_null("reason", r.reason);
}

void fill(JsonLine& j, const Entry& r) {
  j.number("id", r.id.value).text("kind", name_of(r.kind)).date("date", r.date);
  j.instant("logged_at", r.logged_at).texts("people", r.people).text_or_null("note", r.note);
  if (r.minutes)
    j.number("minutes", r.minutes->count());
  else
    j.null("minutes");
  j.texts("tags", r.tags);
  if (r.mood)
    j.number("mood", *r.mood);
  else
    j.null("mood");
  j.flag("cancelled", r.cancelled).choice("polarity", r.polarity).choice("status", r.status);
  j.choice("type", r.learn_type).id("about", r.about).id("delegation", r.delegation);
}

void fill(JsonLine& j, const ConcernRecord& r) {
  j.number("id", r.id.value).text("text", r.text).date("opened", r.opened);
  j.text("status", name_of(r.status)).date("closed", r.closed);
  j.text_or_null("close_note", r.close_note);
}

void fill(JsonLine& j, const DelegationRecord& r) {
  j.number("id", r.id.value).text("person", r.person).text("outcome", r.outcome);
  j.text_or_null("why", r.why).date("due", r.due).text("checkin", cadence_name(r.checkin));
  j.text_or_null("constraints", r.constraints).date("created", r.created);
  j.text("status", name_of(r.status)).date("closed", r.closed);
  j.text_or_null("close_note", r.close_note);
}

void fill(JsonLine& j, const TopicRecord& r) {
  j.number("id", r.id.value).text("person", r.person).text("text", r.text);
  j.date("created", r.created).text("status", name_of(r.status)).date("closed", r.closed);
  j.id("covered_by", r.covered_by);
}

void fill(JsonLine& j, const ActionRecord& r) {
  j.number("id", r.id.value).text("person", r.person).text("owner", name_of(r.owner));
  j.text("text", r.text).date("created", r.created).date("due", r.due);
  j.text("status", name_of(r.status)).date("done", r.done).id("agreed_in", r.agreed_in);
}

void fill(JsonLine& j, const SkipRecord& r) {
  j.number("id", r.id.value).text("person", r.person).date("date", r.regular);
  j.text_or_null("reason", r.reason).instant("logged_at", r.logged_at);
}

void fill(JsonLine& j, const MoveRecord& r) {
  j.number("id", r.id.value).text("person", r.person).date("date", r.regular).date("to", r.to);
  if (r.time)
    j.text("time", format_clock_time(*r.time));
  else
    j.null("time");
  j.instant("logged_at", r.logged_at);
}

void fill(JsonLine& j, const ReminderSentRecord& r) {
  j.date("day", r.day).text("item", r.item).text_or_null("person", r.person);
  j.instant("sent_at", r.sent_at).text("message_id", r.message_id);
}

void fill(JsonLine& j, const SelfCheckRecord& r) {
  j.text("month", date::format("%Y-%m", r.month)).date("date", r.date);
  for (std::size_t i = 0; i < r.answers.size(); ++i)
    j.number(std::string{k_self_check_questions[i]}.c_str(), r.answers[i]);
  j.text_or_null("note", r.note).instant("logged_at", r.logged_at);
}

}  // namespace

namespace {

// A record as the export writes it, read back as an object (the CSV export takes its columns
// from it): one definition of each record's keys, in fill() above.
template <typename Record>
Json as_json(const Record& record) {
  std::string text;
  JsonLine line{text};
  fill(line, record);
  line.close();
  return Json::parse(text);
}

}  // namespace

Json record_json(const PersonRecord& record) {
  return as_json(record);
}
Json record_json(const TimeAwayRecord& record) {
  return as_json(record);
}
Json record_json(const Entry& record) {
  return as_json(record);
}
Json record_json(const ConcernRecord& record) {
  return as_json(record);
}
Json record_json(const DelegationRecord& record) {
  return as_json(record);
}
Json record_json(const TopicRecord& record) {
  return as_json(record);
}
Json record_json(const ActionRecord& record) {
  return as_json(record);
}
Json record_json(const SkipRecord& record) {
  return as_json(record);
}
Json record_json(const MoveRecord& record) {
  return as_json(record);
}
Json record_json(const ReminderSentRecord& record) {
  return as_json(record);
}
Json record_json(const SelfCheckRecord& record) {
  return as_json(record);
}

template <typename Record>
void JsonArchiveWriter::write(const Record& record) {
  try {
    JsonLine line{m_line};
    fill(line, record);
    line.close();
  } catch (const nlohmann::json::type_error&) {
    throw Failure("cannot export " + record_name(m_section, m_in_section, "") +
                      ": it holds text that is not UTF-8",
                  "correct the text with the command that edits it, then export again");
  }
  m_out << (m_in_section++ == 0 ? "\n    " : ",\n    ") << m_line;
}

void JsonArchiveWriter::add(const PersonRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const TimeAwayRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const Entry& record) {
  write(record);
}
void JsonArchiveWriter::add(const ConcernRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const DelegationRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const TopicRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const ActionRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const SkipRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const MoveRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const ReminderSentRecord& record) {
  write(record);
}
void JsonArchiveWriter::add(const SelfCheckRecord& record) {
  write(record);
}

void JsonArchiveWriter::end_section(Section) {
  m_out << (m_in_section == 0 ? "]" : "\n  ]");
}

void JsonArchiveWriter::end() {
  m_out << "\n}\n";
}

}  // namespace mgr::cli
