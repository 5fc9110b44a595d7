// Upgrading a database written by the previous release (tests/fixtures/README.md describes it).
#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"
#include "storage_test_support.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using namespace storage_test;
using mgr::storage::Database;
using mgr::storage::Numbered;
using mgr::storage::Store;
namespace fs = std::filesystem;

namespace {

const fs::path k_fixture = fs::path(__FILE__).parent_path() / "../../fixtures/release-0.1.0.db";

// A private copy of the fixture (the fixture itself is never opened by mgr).
fs::path copy_of_fixture(const TempDir& dir, const char* name = "mgr.db") {
  REQUIRE(fs::exists(k_fixture));
  const fs::path copy = dir.path() / name;
  fs::copy_file(k_fixture, copy);
  return copy;
}

// Entries #1-#11 as 0.1.0 numbered them (sqlite3 release-0.1.0.db 'select id,kind from entries').
const std::vector<std::pair<std::int64_t, EntryKind>> k_entries{
    {1, EntryKind::note},  {2, EntryKind::one_on_one}, {3, EntryKind::concern},
    {4, EntryKind::talk},  {5, EntryKind::delegate},   {6, EntryKind::checkin},
    {7, EntryKind::ic},    {8, EntryKind::learn},      {9, EntryKind::feedback},
    {10, EntryKind::mgmt}, {11, EntryKind::one_on_one}};

}  // namespace

TEST_CASE("the fixture is a 0.1.0 database at schema version 1", "[storage][migration]") {
  REQUIRE(fs::exists(k_fixture));
  TempDir dir;
  const fs::path copy = copy_of_fixture(dir);
  CHECK(sqlite_cli(copy, "PRAGMA user_version") == "1");
  CHECK(sqlite_cli(copy, "PRAGMA application_id") ==
        std::to_string(mgr::storage::k_application_id));
  CHECK(sqlite_cli(copy,
                   "SELECT group_concat(id || ':' || kind, ' ') FROM (SELECT id, kind FROM "
                   "entries ORDER BY id)") ==
        "1:note 2:1on1 3:concern 4:talk 5:delegate 6:checkin 7:ic 8:learn 9:feedback 10:mgmt "
        "11:1on1");
  CHECK(sqlite_cli(copy, "SELECT group_concat(id, ',') FROM (SELECT id FROM topics ORDER BY id)") ==
        "1,2,3");
  CHECK(
      sqlite_cli(copy, "SELECT group_concat(id, ',') FROM (SELECT id FROM actions ORDER BY id)") ==
      "1,2,3");
}

TEST_CASE("open_for_writing migrates a 0.1.0 database into one id space", "[storage][migration]") {
  REQUIRE(mgr::storage::latest_schema_version() >= 2);
  TempDir dir;
  const fs::path path = copy_of_fixture(dir);
  const std::string fixture_before = read_bytes(k_fixture);

  auto db = Database::open_for_writing(path);
  CHECK(db.schema_version() == mgr::storage::latest_schema_version());
  CHECK(sqlite_cli(path, "PRAGMA user_version") ==
        std::to_string(mgr::storage::latest_schema_version()));
  REQUIRE(db.notices().size() == 1);
  CHECK_THAT(db.notices().front(), Catch::Contains("renumbered"));
  Store store{db};

  db.read([&] {
    // Every entry keeps its id and its kind.
    for (const auto& [id, kind] : k_entries) {
      INFO("entry #" << id);
      const auto entry = store.find_entry(EntryId{id});
      REQUIRE(entry);
      CHECK(entry->kind == kind);
      CHECK(store.what_is(id) == std::optional<Numbered>{Numbered::entry});
    }
    CHECK(store.list_entries({}).size() == k_entries.size());
    CHECK(store.latest_entry_id() == std::optional<EntryId>{EntryId{11}});

    // Each person's entry count (person show's "N older entries") is filled in from their
    // links, which the 0.1.0 file already had.
    std::int64_t linked = 0;
    for (const auto& person : store.list_people(true)) {
      INFO(person.handle);
      const auto count = store.count_entries_of(person.id);
      CHECK(std::to_string(count) ==
            sqlite_cli(path, "SELECT count(*) FROM entry_people WHERE person_id = " +
                                 std::to_string(person.id.value)));
      linked += count;
    }
    CHECK(linked > 0);

    // Talking points come next, in the order they were created...
    const auto topics = store.list_topics(std::nullopt, true);
    CHECK(ids_of(topics) == std::vector<TopicId>{TopicId{12}, TopicId{13}, TopicId{14}});
    REQUIRE(topics.size() == 3);
    CHECK(topics[0].text == "Promotion timeline");
    CHECK(topics[0].person == "alice");
    CHECK(topics[0].status == TopicStatus::done);
    CHECK(topics[0].closed == std::optional<Date>{day("2026-10-06")});
    CHECK(topics[1].text == "On-call load");
    CHECK(topics[1].person == "bob");
    CHECK(topics[1].status == TopicStatus::open);
    CHECK(topics[2].text == "Conference talk");
    CHECK(topics[2].status == TopicStatus::open);
    for (const auto& topic : topics)
      CHECK(store.what_is(topic.id.value) == std::optional<Numbered>{Numbered::topic});

    // ...then action items, also in creation order.
    const auto actions = store.list_actions(std::nullopt, std::nullopt, true);
    REQUIRE(actions.size() == 3);
    const auto send = store.find_action(ActionId{15});
    const auto draft = store.find_action(ActionId{16});
    const auto book = store.find_action(ActionId{17});
    REQUIRE(send);
    REQUIRE(draft);
    REQUIRE(book);
    CHECK(send->text == "Send rubric");
    CHECK(send->owner == Owner::me);
    CHECK(send->status == ActionStatus::open);
    CHECK(draft->text == "Draft self-review");
    CHECK(draft->owner == Owner::them);
    CHECK(draft->status == ActionStatus::open);
    CHECK(book->text == "Book room");
    CHECK(book->person == "bob");
    CHECK(book->due == std::optional<Date>{day("2026-10-20")});
    CHECK(book->status == ActionStatus::open);
    CHECK_FALSE(book->done);
    for (std::int64_t id = 15; id <= 17; ++id)
      CHECK(store.what_is(id) == std::optional<Numbered>{Numbered::action});
    CHECK_FALSE(store.what_is(18));

    // The old numbers of talking points and actions now name entries only.
    CHECK_FALSE(store.find_topic(TopicId{1}));
    CHECK_FALSE(store.find_action(ActionId{3}));

    // What referred to entries still does.
    const auto concern = store.find_concern(ConcernId{3});
    REQUIRE(concern);
    CHECK(concern->status == ConcernStatus::resolved);
    CHECK(concern->first_conversation == std::optional<Date>{day("2026-10-08")});
    const auto delegation = store.find_delegation(DelegationId{5});
    REQUIRE(delegation);
    REQUIRE(delegation->last_checkin);
    CHECK(delegation->last_checkin->id == EntryId{6});
    const auto bob = store.find_person("bob");
    REQUIRE(bob);
    REQUIRE(bob->zone != nullptr);
    CHECK(bob->zone->name() == "America/New_York");
  });
  // The talking point covered by 1:1 #2 is still covered by it, and #2's actions are still its.
  CHECK(sqlite_cli(path, "SELECT covered_by FROM topics WHERE id = 12") == "2");
  CHECK(sqlite_cli(path,
                   "SELECT group_concat(id, ',') FROM (SELECT id FROM actions WHERE "
                   "entry_id = 2 ORDER BY id)") == "15,16");
  CHECK(sqlite_cli(path, "PRAGMA integrity_check") == "ok");
  CHECK(sqlite_cli(path, "PRAGMA foreign_key_check").empty());

  // New ids continue after the highest one in use.
  const EntryId next = db.write([&] {
    const auto alice = store.find_person("alice");
    REQUIRE(alice);
    return store.record_entry(make_entry(EntryKind::note, "2026-10-16", "after the upgrade"),
                              {alice->id});
  });
  CHECK(next == EntryId{18});
  const TopicId topic = db.write(
      [&] { return store.add_topic(store.find_person("alice")->id, "after", day("2026-10-16")); });
  CHECK(topic == TopicId{19});

  // The fixture itself is untouched.
  CHECK(read_bytes(k_fixture) == fixture_before);
}

TEST_CASE("a migrated database is not migrated again", "[storage][migration]") {
  TempDir dir;
  const fs::path path = copy_of_fixture(dir);
  { auto db = Database::open_for_writing(path); }
  const std::string bytes = read_bytes(path);
  auto db = Database::open_for_writing(path);
  CHECK(db.schema_version() == mgr::storage::latest_schema_version());
  CHECK(db.notices().empty());
  Store store{db};
  CHECK(db.read([&] { return store.find_topic(TopicId{12}).has_value(); }));
  CHECK(read_bytes(path) == bytes);
}

TEST_CASE("open_read_only migrates a 0.1.0 database and returns a usable database",
          "[storage][migration]") {
  TempDir dir;
  const fs::path path = copy_of_fixture(dir, "read.db");
  REQUIRE(sqlite_cli(path, "PRAGMA user_version") == "1");

  auto db = Database::open_read_only(path);
  REQUIRE(db.has_value());
  CHECK(db->schema_version() == mgr::storage::latest_schema_version());
  CHECK(sqlite_cli(path, "PRAGMA user_version") ==
        std::to_string(mgr::storage::latest_schema_version()));
  REQUIRE(db->notices().size() == 1);
  CHECK_THAT(db->notices().front(), Catch::Contains("renumbered"));

  Store store{*db};
  db->read([&] {
    CHECK(store.list_entries({}).size() == k_entries.size());
    CHECK(store.find_entry(EntryId{2})->kind == EntryKind::one_on_one);
    CHECK(ids_of(store.list_topics(std::nullopt, true)) ==
          std::vector<TopicId>{TopicId{12}, TopicId{13}, TopicId{14}});
    CHECK(ids_of(store.list_actions(std::nullopt, std::nullopt, true)) ==
          std::vector<ActionId>{ActionId{15}, ActionId{16}, ActionId{17}});
    CHECK(store.what_is(14) == std::optional<Numbered>{Numbered::topic});
    CHECK(store.list_people(true).size() == 3);
  });
  // It is still a read-only connection.
  CHECK_THROWS_AS(
      db->write([&] { store.add_person(make_person("dave"), instant("2026-10-16T09:00:00Z")); }),
      mgr::Failure);
}

TEST_CASE("a 0.1.0 database without talking points or actions migrates without a notice",
          "[storage][migration]") {
  TempDir dir;
  const fs::path path = copy_of_fixture(dir);
  REQUIRE(sqlite_cli(path, "DELETE FROM topics; DELETE FROM actions") == "");
  auto db = Database::open_for_writing(path);
  CHECK(db.schema_version() == mgr::storage::latest_schema_version());
  CHECK(db.notices().empty());
  Store store{db};
  const TopicId topic = db.write(
      [&] { return store.add_topic(store.find_person("alice")->id, "first", day("2026-10-16")); });
  CHECK(topic == TopicId{12});
}

TEST_CASE("an action done in 0.1.0 has status done after the migration", "[storage][migration]") {
  TempDir dir;
  const fs::path path = copy_of_fixture(dir);
  // 0.1.0 knew only done (a done_date) or open.
  REQUIRE(sqlite_cli(path, "UPDATE actions SET done_date = '2026-10-12' WHERE id = 1") == "");
  auto db = Database::open_for_writing(path);
  Store store{db};
  db.read([&] {
    const auto done = store.find_action(ActionId{15});
    REQUIRE(done);
    CHECK(done->text == "Send rubric");
    CHECK(done->status == ActionStatus::done);
    CHECK(done->done == std::optional<Date>{day("2026-10-12")});
    CHECK(ids_of(store.list_actions(std::nullopt, std::nullopt, false)) ==
          std::vector<ActionId>{ActionId{16}, ActionId{17}});
  });
}

TEST_CASE("the migration sums the minutes the 0.1.0 log holds by day and kind",
          "[storage][migration]") {
  TempDir dir;
  const fs::path path = copy_of_fixture(dir);
  { auto db = Database::open_for_writing(path); }
  // The cancelled 1:1 of 2026-10-14 has no minutes and adds nothing; notes and the rest have no
  // time to add up.
  CHECK(sqlite_cli(path, "SELECT kind, date, minutes FROM day_minutes ORDER BY kind, date") ==
        "1on1|2026-10-06|30\nic|2026-10-09|120\nlearn|2026-10-09|45\nmgmt|2026-10-14|60");
}

namespace {

// The table definitions' CHECK constraints that compare a column with a list of three or more
// values, which SQLite checks through a temporary table built for every row.
std::vector<std::string> checks_naming_a_list(const fs::path& path) {
  const std::regex list{R"(CHECK \(\w+ IN \([^)]*,[^)]*,[^)]*\)\))"};
  std::vector<std::string> found;
  const std::string tables =
      sqlite_cli(path, "SELECT sql FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  for (std::sregex_iterator match{tables.begin(), tables.end(), list}, end; match != end; ++match)
    found.push_back(match->str());
  return found;
}

}  // namespace

TEST_CASE("the value lists of the CHECK constraints become comparisons that refuse the same",
          "[storage][migration]") {
  TempDir dir;
  const fs::path fresh = dir.path() / "fresh.db";
  { auto db = Database::open_for_writing(fresh); }
  const fs::path migrated = copy_of_fixture(dir);
  // What the detector looks for is there before the migration.
  CHECK_FALSE(checks_naming_a_list(migrated).empty());
  { auto db = Database::open_for_writing(migrated); }

  for (const auto& path : {fresh, migrated}) {
    INFO(path.filename().string());
    CHECK(checks_naming_a_list(path).empty());
    CHECK(sqlite_cli(path, "PRAGMA integrity_check") == "ok");
    // Each rewritten constraint still refuses a value off its list, and still lets NULL by
    // where the column may be empty.
    const std::pair<const char*, const char*> refused[] = {
        {"INSERT INTO ids (kind) VALUES ('entries')", "kind = 'entry'"},
        {"INSERT INTO people (handle, relation, cadence, since, created_at) VALUES ('x', 'boss', "
         "'weekly', '2026-01-01', '2026-01-01T00:00:00Z')",
         "relation = 'report'"},
        {"INSERT INTO people (handle, relation, cadence, slot_day, since, created_at) VALUES "
         "('x', 'peer', 'weekly', 'monday', '2026-01-01', '2026-01-01T00:00:00Z')",
         "slot_day = 'mon'"},
        {"INSERT INTO ids (id, kind) VALUES (900, 'entry'); INSERT INTO entries (id, kind, date, "
         "logged_at) VALUES (900, 'meeting', '2026-01-01', '2026-01-01T00:00:00Z')",
         "kind = '1on1'"},
        {"INSERT INTO ids (id, kind) VALUES (900, 'entry'); INSERT INTO entries (id, kind, date, "
         "logged_at, status) VALUES (900, 'checkin', '2026-01-01', '2026-01-01T00:00:00Z', "
         "'late')",
         "status = 'on-track'"},
        {"INSERT INTO ids (id, kind) VALUES (900, 'entry'); INSERT INTO entries (id, kind, date, "
         "logged_at, learn_type) VALUES (900, 'learn', '2026-01-01', '2026-01-01T00:00:00Z', "
         "'podcast')",
         "learn_type = 'reading'"},
        {"INSERT INTO concerns (id, text, opened, status) VALUES (901, 't', '2026-01-01', "
         "'closed')",
         "status = 'resolved'"},
        {"INSERT INTO delegations (id, person_id, outcome, created, status) VALUES (902, 1, 'o', "
         "'2026-01-01', 'closed')",
         "status = 'reclaimed'"},
        {"INSERT INTO ids (id, kind) VALUES (903, 'topic'); INSERT INTO topics (id, person_id, "
         "text, created, status) VALUES (903, 1, 't', '2026-01-01', 'closed')",
         "status = 'done'"},
        {"INSERT INTO ids (id, kind) VALUES (904, 'action'); INSERT INTO actions (id, "
         "person_id, owner, text, created, status) VALUES (904, 1, 'me', 't', '2026-01-01', "
         "'closed')",
         "status = 'done'"},
    };
    for (const auto& [statement, constraint] : refused) {
      INFO(statement);
      const auto result = sqlite_cli(path, std::string{"BEGIN; "} + statement + "; ROLLBACK;");
      CHECK_THAT(result, Catch::Contains("CHECK constraint failed") && Catch::Contains(constraint));
    }
    CHECK(sqlite_cli(path,
                     "BEGIN; INSERT INTO ids (id, kind) VALUES (900, 'entry'); INSERT INTO "
                     "entries (id, kind, date, logged_at, status, learn_type) VALUES (900, "
                     "'note', '2026-01-01', '2026-01-01T00:00:00Z', NULL, NULL); SELECT kind "
                     "FROM entries WHERE id = 900; ROLLBACK;") == "note");
  }
}
