// Writing the archive as JSON: one record per line, keys in a fixed order, so that the same
// database always exports to the same bytes.
#include "cli/archive_json.hpp"

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"

namespace mgr::cli {

namespace {

using Json = nlohmann::ordered_json;
using namespace domain;

Json text_or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json date_or_null(const std::optional<Date>& day) {
  return day ? Json(format_date(*day)) : Json(nullptr);
}

template <typename Tag>
Json id_or_null(const std::optional<Id<Tag>>& id) {
  return id ? Json(id->value) : Json(nullptr);
}

template <typename Enum>
Json name_or_null(const std::optional<Enum>& value) {
  return value ? Json(name_of(*value)) : Json(nullptr);
}

}  // namespace

Json record_json(const PersonRecord& record) {
  const auto& p = record.person;
  Json j;
  j["id"] = p.id.value;
  j["handle"] = p.handle;
  j["name"] = text_or_null(p.name);
  j["relation"] = name_of(p.relation);
  j["cadence"] = cadence_name(p.cadence);
  j["day"] = p.slot_day ? Json(weekday_name(*p.slot_day)) : Json(nullptr);
  j["time"] = p.slot_time ? Json(format_clock_time(*p.slot_time)) : Json(nullptr);
  j["length_minutes"] = p.length.count();
  j["tz"] = p.zone != nullptr ? Json(p.zone->name()) : Json(nullptr);
  j["since"] = format_date(p.since);
  j["archived"] = p.archived;
  j["created_at"] = format_instant(record.created_at);
  return j;
}

Json record_json(const TimeAwayRecord& record) {
  Json j;
  j["id"] = record.id.value;
  j["person"] = record.person;
  j["from"] = format_date(record.from);
  j["to"] = format_date(record.to);
  j["reason"] = text_or_null(record.reason);
  return j;
}

Json record_json(const Entry& record) {
  Json j;
  j["id"] = record.id.value;
  j["kind"] = name_of(record.kind);
  j["date"] = format_date(record.date);
  j["logged_at"] = format_instant(record.logged_at);
  j["people"] = record.people;
  j["note"] = text_or_null(record.note);
  j["minutes"] = record.minutes ? Json(record.minutes->count()) : Json(nullptr);
  j["tags"] = record.tags;
  j["mood"] = record.mood ? Json(*record.mood) : Json(nullptr);
  j["cancelled"] = record.cancelled;
  j["polarity"] = name_or_null(record.polarity);
  j["status"] = name_or_null(record.status);
  j["type"] = name_or_null(record.learn_type);
  j["about"] = id_or_null(record.about);
  j["delegation"] = id_or_null(record.delegation);
  return j;
}

Json record_json(const ConcernRecord& record) {
  Json j;
  j["id"] = record.id.value;
  j["text"] = record.text;
  j["opened"] = format_date(record.opened);
  j["status"] = name_of(record.status);
  j["closed"] = date_or_null(record.closed);
  j["close_note"] = text_or_null(record.close_note);
  return j;
}

Json record_json(const DelegationRecord& record) {
  Json j;
  j["id"] = record.id.value;
  j["person"] = record.person;
  j["outcome"] = record.outcome;
  j["why"] = text_or_null(record.why);
  j["due"] = date_or_null(record.due);
  j["checkin"] = cadence_name(record.checkin);
  j["constraints"] = text_or_null(record.constraints);
  j["created"] = format_date(record.created);
  j["status"] = name_of(record.status);
  j["closed"] = date_or_null(record.closed);
  j["close_note"] = text_or_null(record.close_note);
  return j;
}

Json record_json(const TopicRecord& record) {
  Json j;
  j["id"] = record.id.value;
  j["person"] = record.person;
  j["text"] = record.text;
  j["created"] = format_date(record.created);
  j["status"] = name_of(record.status);
  j["closed"] = date_or_null(record.closed);
  j["covered_by"] = id_or_null(record.covered_by);
  return j;
}

Json record_json(const ActionRecord& record) {
  Json j;
  j["id"] = record.id.value;
  j["person"] = record.person;
  j["owner"] = name_of(record.owner);
  j["text"] = record.text;
  j["created"] = format_date(record.created);
  j["due"] = date_or_null(record.due);
  j["status"] = name_of(record.status);
  j["done"] = date_or_null(record.done);
  j["agreed_in"] = id_or_null(record.agreed_in);
  return j;
}

Json record_json(const SkipRecord& record) {
  Json j;
  j["id"] = record.id.value;
  j["person"] = record.person;
  j["date"] = format_date(record.regular);
  j["reason"] = text_or_null(record.reason);
  j["logged_at"] = format_instant(record.logged_at);
  return j;
}

Json record_json(const MoveRecord& record) {
  Json j;
  j["id"] = record.id.value;
  j["person"] = record.person;
  j["date"] = format_date(record.regular);
  j["to"] = format_date(record.to);
  j["time"] = record.time ? Json(format_clock_time(*record.time)) : Json(nullptr);
  j["logged_at"] = format_instant(record.logged_at);
  return j;
}

Json record_json(const ReminderSentRecord& record) {
  Json j;
  j["day"] = format_date(record.day);
  j["item"] = record.item;
  j["person"] = text_or_null(record.person);
  j["sent_at"] = format_instant(record.sent_at);
  j["message_id"] = record.message_id;
  return j;
}

Json record_json(const SelfCheckRecord& record) {
  Json j;
  j["month"] = date::format("%Y-%m", record.month);
  j["date"] = format_date(record.date);
  for (std::size_t i = 0; i < record.answers.size(); ++i)
    j[std::string{k_self_check_questions[i]}] = record.answers[i];
  j["note"] = text_or_null(record.note);
  j["logged_at"] = format_instant(record.logged_at);
  return j;
}

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

void JsonArchiveWriter::write(const Json& record) {
  std::string line;
  try {
    line = record.dump(-1, ' ', false, Json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error&) {
    throw Failure("cannot export " + record_name(m_section, m_in_section, "") +
                      ": it holds text that is not UTF-8",
                  "correct the text with the command that edits it, then export again");
  }
  m_out << (m_in_section++ == 0 ? "\n    " : ",\n    ") << line;
}

void JsonArchiveWriter::end_section(Section) {
  m_out << (m_in_section == 0 ? "]" : "\n  ]");
}

void JsonArchiveWriter::end() {
  m_out << "\n}\n";
}

}  // namespace mgr::cli
