#pragma once
// The archive as CSV: one section per table, each an RFC 4180 file of its own.
#include <ostream>

#include "domain/archive.hpp"

namespace mgr::cli {

// Writes, for each table, a line `# TABLE`, a header row with the same names as the JSON keys,
// a row per record and an empty line; the export itself comes first as a section `# export`
// (format, version, last_id, subject). Lines end in CRLF; a field holding a comma, a quote or a
// line break is quoted, quotes doubled. Empty and null values are empty fields, true/false are
// written as such, and an entry's people and tags are each one field, separated by spaces
// (neither a handle nor a tag holds one).
class CsvArchiveWriter : public domain::ArchiveSink {
 public:
  explicit CsvArchiveWriter(std::ostream& out) : m_out(out) {}

  void begin(const domain::Archive& header) override;
  void begin_section(domain::Section section) override;
  void add(const domain::PersonRecord& record) override;
  void add(const domain::TimeAwayRecord& record) override;
  void add(const domain::Entry& record) override;
  void add(const domain::ConcernRecord& record) override;
  void add(const domain::DelegationRecord& record) override;
  void add(const domain::TopicRecord& record) override;
  void add(const domain::ActionRecord& record) override;
  void add(const domain::SkipRecord& record) override;
  void add(const domain::MoveRecord& record) override;
  void add(const domain::ReminderSentRecord& record) override;
  void add(const domain::SelfCheckRecord& record) override;
  void end_section(domain::Section section) override;
  void end() override {}

 private:
  std::ostream& m_out;
};

// One field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote, a
// carriage return or a line feed.
std::string csv_field(const std::string& value);

}  // namespace mgr::cli
