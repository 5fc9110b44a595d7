#pragma once
// The archive as JSON (what `mgr export` writes and `mgr import` reads) and as CSV. The reader
// needs no database: it is fuzzed on its own (tests/fuzz/fuzz_import.cpp).
#include <nlohmann/json.hpp>

#include <istream>
#include <ostream>
#include <string_view>

#include "domain/archive.hpp"

namespace mgr::cli {

// "mgr-export": the first key of every export.
inline constexpr std::string_view k_archive_format = "mgr-export";

// One record as a JSON object with its keys in a fixed order: every field, null where empty.
// People are named by handle; dates are YYYY-MM-DD, instants RFC 3339 UTC.
nlohmann::ordered_json record_json(const domain::PersonRecord& record);
nlohmann::ordered_json record_json(const domain::TimeAwayRecord& record);
nlohmann::ordered_json record_json(const domain::Entry& record);
nlohmann::ordered_json record_json(const domain::ConcernRecord& record);
nlohmann::ordered_json record_json(const domain::DelegationRecord& record);
nlohmann::ordered_json record_json(const domain::TopicRecord& record);
nlohmann::ordered_json record_json(const domain::ActionRecord& record);
nlohmann::ordered_json record_json(const domain::SkipRecord& record);
nlohmann::ordered_json record_json(const domain::MoveRecord& record);
nlohmann::ordered_json record_json(const domain::ReminderSentRecord& record);
nlohmann::ordered_json record_json(const domain::SelfCheckRecord& record);

// Writes the archive as one JSON document, a record per line, to `out` as it arrives. The same
// archive always gives the same bytes.
class JsonArchiveWriter : public domain::ArchiveSink {
 public:
  explicit JsonArchiveWriter(std::ostream& out) : m_out(out) {}

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
  void end() override;

 private:
  template <typename Record>
  void write(const Record& record);

  std::ostream& m_out;
  std::size_t m_in_section = 0;
  std::string m_line;  // the record at hand, its memory kept for the next one
  domain::Section m_section = domain::Section::people;
};

// Reads an export of a whole database: any text gives the Archive it holds, every record checked
// as it is read (domain::check_record) and the whole with domain::check_archive, or a UsageError
// naming the first bad record ("entries[12] (#57): ...") or where the JSON breaks off. The
// export of one person (with a "subject") is refused: it is not meant to be imported.
domain::Archive read_archive_json(std::string_view text);
// The same, read from `in` as the parser goes (the text is never held whole).
domain::Archive read_archive_json(std::istream& in);

}  // namespace mgr::cli
