#include "cli/archive_csv.hpp"

#include "cli/archive_json.hpp"

namespace mgr::cli {

namespace {

using Json = nlohmann::ordered_json;
using namespace domain;

constexpr const char* k_line_end = "\r\n";

std::string field_of(const Json& value) {
  if (value.is_null()) return {};
  if (value.is_string()) return csv_field(value.get<std::string>());
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) joined += (joined.empty() ? "" : " ") + item.get<std::string>();
    return csv_field(joined);
  }
  return value.dump();
}

void write_row(std::ostream& out, const Json& record) {
  bool first = true;
  for (const auto& item : record.items()) {
    out << (first ? "" : ",") << field_of(item.value());
    first = false;
  }
  out << k_line_end;
}

// The column names of a table: the keys of one of its records.
Json columns_of(Section section) {
  switch (section) {
    case Section::people:
      return record_json(PersonRecord{});
    case Section::time_away:
      return record_json(TimeAwayRecord{});
    case Section::entries:
      return record_json(Entry{});
    case Section::concerns:
      return record_json(ConcernRecord{});
    case Section::delegations:
      return record_json(DelegationRecord{});
    case Section::topics:
      return record_json(TopicRecord{});
    case Section::actions:
      return record_json(ActionRecord{});
    case Section::skips:
      return record_json(SkipRecord{});
    case Section::moves:
      return record_json(MoveRecord{});
    case Section::reminders_sent:
      return record_json(ReminderSentRecord{});
    case Section::self_checks:
      return record_json(SelfCheckRecord{});
  }
  return Json::object();
}

}  // namespace

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void CsvArchiveWriter::begin(const Archive& header) {
  m_out << "# export" << k_line_end << "format,version,last_id,subject" << k_line_end
        << k_archive_format << "," << header.version << "," << header.last_id << ","
        << csv_field(header.subject) << k_line_end << k_line_end;
}

void CsvArchiveWriter::begin_section(Section section) {
  m_out << "# " << name_of(section) << k_line_end;
  bool first = true;
  const auto columns = columns_of(section);  // items() refers to it: it must outlive the loop
  for (const auto& item : columns.items()) {
    m_out << (first ? "" : ",") << item.key();
    first = false;
  }
  m_out << k_line_end;
}

void CsvArchiveWriter::add(const PersonRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const TimeAwayRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const Entry& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const ConcernRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const DelegationRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const TopicRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const ActionRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const SkipRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const MoveRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const ReminderSentRecord& record) {
  write_row(m_out, record_json(record));
}
void CsvArchiveWriter::add(const SelfCheckRecord& record) {
  write_row(m_out, record_json(record));
}

void CsvArchiveWriter::end_section(Section) {
  m_out << k_line_end;
}

}  // namespace mgr::cli
