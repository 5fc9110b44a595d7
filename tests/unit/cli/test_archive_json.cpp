#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "cli/archive_json.hpp"
#include "domain/errors.hpp"

using namespace mgr;
using namespace mgr::cli;

namespace {

// The line the writer gives `record` in an export of it alone.
template <typename Record>
std::string written_line(const Record& record, domain::Section section) {
  std::ostringstream out;
  JsonArchiveWriter writer{out};
  writer.begin(domain::Archive{});
  writer.begin_section(section);
  writer.add(record);
  writer.end_section(section);
  writer.end();
  const auto text = out.str();
  const auto start = text.find("\n    ") + 5;
  return text.substr(start, text.find('\n', start) - start);
}

domain::Date day(int y, unsigned m, unsigned d) {
  return domain::Date{date::year{y} / m / d};
}

domain::Instant midnight(int y, unsigned m, unsigned d) {
  return date::sys_days{date::year{y} / m / d};
}

}  // namespace

TEST_CASE("The export writes each record as record_json dumps it, whatever its text", "[archive]") {
  const std::string texts[] = {"",
                               "plain text",
                               "quote \" and backslash \\",
                               "line\nbreak\ttab\rreturn\bback\fform",
                               std::string{"nul \0 and \x1f and \x7f", 17},
                               "Zoë 李 😀"};
  for (const auto& text : texts) {
    domain::Entry entry;
    entry.id = domain::EntryId{42};
    entry.kind = domain::EntryKind::feedback;
    entry.date = day(2026, 3, 4);
    entry.logged_at = midnight(2026, 3, 4) + std::chrono::hours{23} + std::chrono::minutes{5} +
                      std::chrono::seconds{9};
    entry.note = text;
    entry.people = {"alice", text.empty() ? "bob" : text};
    entry.tags = {text};
    entry.mood = -3;
    entry.minutes = domain::Minutes{45};
    entry.polarity = domain::Polarity::positive;
    entry.about = domain::ConcernId{7};
    CHECK(written_line(entry, domain::Section::entries) == record_json(entry).dump());

    domain::TopicRecord topic{
        domain::TopicId{9},        "alice",      text,        day(1999, 12, 31),
        domain::TopicStatus::open, std::nullopt, std::nullopt};
    CHECK(written_line(topic, domain::Section::topics) == record_json(topic).dump());
  }

  domain::PersonRecord person;
  person.person.id = domain::PersonId{1};
  person.person.handle = "alice";
  person.person.slot_time = domain::Minutes{9 * 60 + 30};
  person.person.since = day(2020, 1, 1);
  person.created_at = midnight(2020, 1, 1);
  CHECK(written_line(person, domain::Section::people) == record_json(person).dump());

  domain::SelfCheckRecord check;
  check.month = date::year{2026} / 2;
  check.date = day(2026, 2, 27);
  check.answers = {1, 2, 3, 4, 5, 1, 2};
  check.logged_at = midnight(2026, 2, 27) + std::chrono::seconds{59};
  CHECK(written_line(check, domain::Section::self_checks) == record_json(check).dump());
}

TEST_CASE("Text that is not UTF-8 stops the export and names the record", "[archive]") {
  domain::ConcernRecord concern{domain::ConcernId{3},        "bad \xff byte", day(2026, 1, 2),
                                domain::ConcernStatus::open, std::nullopt,    ""};
  CHECK_THROWS_WITH(written_line(concern, domain::Section::concerns),
                    Catch::Contains("concerns[0]") && Catch::Contains("not UTF-8"));
}

TEST_CASE("An export read from a stream is the one read from its text", "[archive]") {
  const std::string text =
      "{\"format\": \"mgr-export\", \"version\": 1, \"last_id\": 5, \"people\": [\n"
      "{\"id\":1,\"handle\":\"alice\",\"name\":null,\"relation\":\"report\",\"cadence\":"
      "\"weekly\",\"day\":null,\"time\":null,\"length_minutes\":30,\"tz\":null,\"since\":"
      "\"2026-01-01\",\"archived\":false,\"created_at\":\"2026-01-01T08:00:00Z\"}]}";
  std::istringstream in{text};
  const auto from_stream = read_archive_json(in);
  const auto from_text = read_archive_json(text);
  REQUIRE(from_stream.people.size() == 1);
  CHECK(from_stream.people[0].person.handle == from_text.people[0].person.handle);
  CHECK(from_stream.last_id == 5);

  std::istringstream cut{text.substr(0, text.size() - 3)};
  CHECK_THROWS_AS(read_archive_json(cut), UsageError);
}

namespace {

// An export of one person whose record is `person` (the text between its braces).
std::string export_with_person(const std::string& person) {
  return "{\"format\": \"mgr-export\", \"version\": 1, \"last_id\": 5, \"people\": [\n{" + person +
         "}]}";
}

const std::string k_alice =
    "\"id\":1,\"handle\":\"alice\",\"name\":null,\"relation\":\"report\",\"cadence\":\"weekly\","
    "\"day\":null,\"time\":null,\"length_minutes\":30,\"tz\":null,\"since\":\"2026-01-01\","
    "\"archived\":false,\"created_at\":\"2026-01-01T08:00:00Z\"";

}  // namespace

TEST_CASE("The reader takes a record's fields in any order, the last of a key given twice",
          "[archive]") {
  const auto archive = read_archive_json(
      export_with_person("\"created_at\":\"2026-01-01T08:00:00Z\",\"handle\":\"bob\"," + k_alice +
                         ",\"handle\":\"carol\""));
  REQUIRE(archive.people.size() == 1);
  CHECK(archive.people[0].person.handle == "carol");
  CHECK(archive.people[0].person.since == domain::Date{date::year{2026} / 1 / 1});
}

TEST_CASE("The reader names what is wrong with a record's shape", "[archive]") {
  CHECK_THROWS_WITH(read_archive_json(export_with_person(k_alice + ",\"zeta\":1,\"extra\":[1]")),
                    Catch::Contains("people[0] ('alice'): unknown field 'extra'"));
  std::string many = k_alice;
  for (int i = 0; i < 100; ++i) many += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
  CHECK_THROWS_WITH(read_archive_json(export_with_person(many)),
                    Catch::Contains("people[0]: has more than 64 fields"));
  CHECK_THROWS_WITH(
      read_archive_json(export_with_person(k_alice).replace(
          export_with_person(k_alice).find("\"name\":null"), 11, "\"name\":{\"a\":[1,{}]}")),
      Catch::Contains("name is '{\"a\":[1,{}]}', not text"));
  CHECK_THROWS_WITH(read_archive_json("{\"format\": \"mgr-export\", \"version\": 1, \"last_id\": "
                                      "5, \"entries\": {\"id\": 1}}"),
                    Catch::Contains("entries is not a list of records"));
  CHECK_THROWS_WITH(read_archive_json("{\"format\": \"mgr-export\", \"version\": 1, \"last_id\": "
                                      "5, \"entries\": [[1]]}"),
                    Catch::Contains("entries[0]: is not an object"));
  CHECK_THROWS_WITH(read_archive_json("[1, 2]"), Catch::Contains("not a JSON object"));
  CHECK_THROWS_WITH(read_archive_json("{\"format\": [\"mgr-export\"], \"version\": 1}"),
                    Catch::Contains("\"format\" is not \"mgr-export\""));
}
