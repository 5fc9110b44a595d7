// A stored value that does not decode (edited by hand in sqlite3, or damaged) is reported as a
// Failure naming the file, the table, the row and the value, and pointing to `mgr doctor`;
// nothing else about the database stops working.
#include <catch2/catch.hpp>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "storage/database.hpp"
#include "storage/store.hpp"
#include "storage_test_support.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using namespace storage_test;
using mgr::storage::EntryFilter;

namespace {

// An error whose what() names every part a damaged-value message must name. (Catch's `&&`
// keeps pointers to its operands, so one matcher holds all the parts instead.)
class NamesAll : public Catch::MatcherBase<std::exception> {
 public:
  NamesAll(const std::string& table, std::int64_t row, const std::string& column,
           const std::string& value)
      : m_parts{table, "row " + std::to_string(row), column, value} {}
  bool match(const std::exception& error) const override {
    const std::string what = error.what();
    for (const auto& part : m_parts)
      if (what.find(part) == std::string::npos) return false;
    return true;
  }
  std::string describe() const override {
    std::string text = "what() contains";
    for (const auto& part : m_parts) text += " \"" + part + "\"";
    return text;
  }

 private:
  std::vector<std::string> m_parts;
};

}  // namespace

TEST_CASE("a damaged value in people is a Failure naming the table, row, column and value",
          "[storage][damaged]") {
  StoreFixture f;
  // Damage a row whose id is not 1, so that the message must name the right row.
  f.person("alice");
  f.person("bob");
  const PersonId carol = f.person("carol");
  REQUIRE(carol.value == 3);
  const std::string where = " WHERE id = " + std::to_string(carol.value);

  std::string column;
  std::string value;
  SECTION("an unknown time zone") {
    column = "tz";
    value = "Mars/Base";
  }
  SECTION("an unknown cadence") {
    column = "cadence";
    value = "sometimes";
  }
  SECTION("a slot time that is not a time") {
    column = "slot_time";
    value = "25:99";
  }
  SECTION("a date that is not a date") {
    column = "since";
    value = "2026-02-30";
  }
  REQUIRE(sqlite_cli(f.path, "UPDATE people SET " + column + " = '" + value + "'" + where) == "");

  const auto damaged = NamesAll("people", carol.value, column, value);
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_person("carol"); }), mgr::Failure, damaged);
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_person("carol"); }), mgr::Failure,
                       WhatContains(f.path.string()));
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_person("carol"); }), mgr::Failure,
                       HintContains("mgr doctor"));
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.list_people(true); }), mgr::Failure, damaged);
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.active_schedules(); }), mgr::Failure, damaged);
  // The other rows still read, and the connection stays usable.
  f.read([&] {
    CHECK(f.store.find_person("alice"));
    CHECK(f.store.find_person("bob"));
  });
  f.person("dave");
  CHECK(f.read([&] { return f.store.find_person("dave").has_value(); }));
}

TEST_CASE("an entry of an unknown kind is a Failure naming entries, the row and the kind",
          "[storage][damaged]") {
  StoreFixture f;
  const PersonId alice = f.person("alice");
  f.db.write([&] { f.store.add_topic(alice, "first", day("2026-11-20")); });
  const EntryId good = f.entry(make_entry(EntryKind::note, "2026-11-20", "fine"), {alice});
  const EntryId bad = f.entry(make_entry(EntryKind::note, "2026-11-21", "soon bogus"), {alice});
  REQUIRE(bad.value == 3);
  // The schema's CHECK constraint would refuse the value; sqlite3 can be told to skip it.
  REQUIRE(sqlite_cli(f.path,
                     "PRAGMA ignore_check_constraints = 1; UPDATE entries SET kind = "
                     "'bogus' WHERE id = " +
                         std::to_string(bad.value)) == "");
  REQUIRE(sqlite_cli(f.path, "SELECT kind FROM entries WHERE id = " + std::to_string(bad.value)) ==
          "bogus");

  const auto damaged = NamesAll("entries", bad.value, "kind", "bogus");
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_entry(bad); }), mgr::Failure, damaged);
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_entry(bad); }), mgr::Failure,
                       WhatContains(f.path.string()));
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.list_entries({}); }), mgr::Failure, damaged);
  EntryFilter by_alice;
  by_alice.person = alice;
  CHECK_THROWS_MATCHES(f.read([&] { return f.store.list_entries(by_alice); }), mgr::Failure,
                       damaged);
  // The other entry still reads.
  const auto found = f.read([&] { return f.store.find_entry(good); });
  REQUIRE(found);
  CHECK(found->note == "fine");
}

TEST_CASE("other damaged values name their table too", "[storage][damaged]") {
  StoreFixture f;
  const PersonId alice = f.person("alice");
  const ActionId action = f.db.write([&] {
    return f.store.add_action(alice, Owner::me, "send doc", day("2026-11-20"), std::nullopt);
  });
  const EntryId entry = f.entry(make_entry(EntryKind::ic, "2026-11-20"), {alice});

  SECTION("an action's status") {
    REQUIRE(sqlite_cli(f.path,
                       "PRAGMA ignore_check_constraints = 1; UPDATE actions SET status = "
                       "'maybe' WHERE id = " +
                           std::to_string(action.value)) == "");
    CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_action(action); }), mgr::Failure,
                         NamesAll("actions", action.value, "status", "maybe"));
    CHECK_THROWS_MATCHES(f.read([&] { return f.store.list_actions(alice, std::nullopt, true); }),
                         mgr::Failure, NamesAll("actions", action.value, "status", "maybe"));
  }
  SECTION("an entry's date") {
    REQUIRE(sqlite_cli(f.path, "UPDATE entries SET date = 'last tuesday' WHERE id = " +
                                   std::to_string(entry.value)) == "");
    CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_entry(entry); }), mgr::Failure,
                         NamesAll("entries", entry.value, "date", "last tuesday"));
  }
  SECTION("an entry's logged_at") {
    REQUIRE(sqlite_cli(f.path, "UPDATE entries SET logged_at = '2026-11-20 10:00' WHERE id = " +
                                   std::to_string(entry.value)) == "");
    CHECK_THROWS_MATCHES(f.read([&] { return f.store.find_entry(entry); }), mgr::Failure,
                         NamesAll("entries", entry.value, "logged_at", "2026-11-20 10:00"));
  }
}
