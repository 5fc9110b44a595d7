#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using mgr::storage::Database;
using mgr::storage::EntryFilter;
using mgr::storage::Store;
namespace fs = std::filesystem;

namespace {

// A fresh private directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mgr-unit-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

// The process umask, restored when the test ends however it ends.
class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : m_saved(::umask(mask)) {}
  ~UmaskGuard() { ::umask(m_saved); }
  UmaskGuard(const UmaskGuard&) = delete;
  UmaskGuard& operator=(const UmaskGuard&) = delete;

 private:
  mode_t m_saved;
};

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0xFFFFu;
  return static_cast<unsigned>(info.st_mode & 07777);
}

fs::path sibling(const fs::path& path, const char* suffix) {
  return fs::path{path.string() + suffix};
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::set<std::string> listing(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& item : fs::directory_iterator(folder)) names.insert(item.path().filename());
  return names;
}

// Runs the sqlite3 command-line shell on `path` and returns its output without the trailing
// newline. The SQL must not contain single quotes.
std::string sqlite_cli(const fs::path& path, const std::string& sql) {
  const fs::path out = sibling(path, ".cli-output");
  const std::string command = "sqlite3 -batch -noheader '" + path.string() + "' '" + sql + "' > '" +
                              out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::string text = read_bytes(out);
  fs::remove(out);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (status != 0) return "sqlite3 failed: " + text;
  return text;
}

unsigned header_u32(const std::string& bytes, std::size_t offset) {
  unsigned value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes.at(offset + i));
  return value;
}

Person make_person(const std::string& handle, const char* cadence = "weekly") {
  Person person;
  person.handle = handle;
  person.cadence = parse_cadence(cadence);
  person.since = "2026-11-01";
  return person;
}

Entry make_entry(const char* kind, const char* date, const std::string& note = {}) {
  Entry entry;
  entry.kind = kind;
  entry.date = date;
  entry.logged_at = "2026-11-26T10:00:00Z";
  entry.note = note;
  return entry;
}

std::vector<long long> ids_of(const std::vector<Entry>& entries) {
  std::vector<long long> ids;
  for (const auto& entry : entries) ids.push_back(entry.id);
  return ids;
}

template <typename T>
std::vector<long long> item_ids(const std::vector<T>& items) {
  std::vector<long long> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return ids;
}

std::vector<std::string> handles_of(const std::vector<Person>& people) {
  std::vector<std::string> handles;
  for (const auto& person : people) handles.push_back(person.handle);
  return handles;
}

// An open database in a temp folder with a Store over it, and shortcuts that write through
// Database::write as the commands do.
struct StoreFixture {
  TempDir dir;
  fs::path path = dir.path() / "mgr.db";
  Database db = Database::open_for_writing(path);
  Store store{db};

  long long person(const std::string& handle) {
    long long id = 0;
    db.write([&] { id = store.add_person(make_person(handle), "2026-11-01T09:00:00Z"); });
    return id;
  }
  long long entry(const Entry& value, const std::vector<long long>& people = {}) {
    long long id = 0;
    db.write([&] { id = store.add_entry(value, people); });
    return id;
  }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Database: files, modes, pragmas, refusals

TEST_CASE("open_for_writing creates a private folder and private files whatever the umask",
          "[storage]") {
  const mode_t mask = GENERATE(mode_t{022}, mode_t{0}, mode_t{077});
  INFO("umask " << std::oct << mask);
  UmaskGuard guard(mask);
  TempDir dir;
  const fs::path folder = dir.path() / "data" / "mgr";
  const fs::path path = folder / "mgr.db";
  {
    auto db = Database::open_for_writing(path);
    CHECK(mode_of(folder) == 0700);
    CHECK(mode_of(path) == 0600);
    REQUIRE(fs::exists(sibling(path, "-wal")));
    REQUIRE(fs::exists(sibling(path, "-shm")));
    CHECK(mode_of(sibling(path, "-wal")) == 0600);
    CHECK(mode_of(sibling(path, "-shm")) == 0600);
    Store store{db};
    db.write([&] { store.add_person(make_person("alice"), "2026-11-26T10:00:00Z"); });
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(sibling(path, "-wal")) == 0600);
    CHECK(mode_of(sibling(path, "-shm")) == 0600);
  }
  // The last connection removes -wal and -shm; they come back private on the next write.
  {
    auto db = Database::open_for_writing(path);
    Store store{db};
    db.write([&] { store.add_person(make_person("bob"), "2026-11-26T10:00:00Z"); });
    CHECK(mode_of(folder) == 0700);
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(sibling(path, "-wal")) == 0600);
    CHECK(mode_of(sibling(path, "-shm")) == 0600);
  }
}

TEST_CASE("open_for_writing in an existing folder leaves the folder alone", "[storage]") {
  UmaskGuard guard(022);
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0750));
  const fs::path path = dir.path() / "mgr.db";
  auto db = Database::open_for_writing(path);
  CHECK(mode_of(dir.path()) == 0750);
  CHECK(mode_of(path) == 0600);
  CHECK(db.path() == path);
}

TEST_CASE("a new database is WAL, stamped with mgr's id and at the latest schema version",
          "[storage]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  REQUIRE(mgr::storage::latest_schema_version() >= 1);
  {
    auto db = Database::open_for_writing(path);
    CHECK(db.schema_version() == mgr::storage::latest_schema_version());
    CHECK(sqlite_cli(path, "PRAGMA journal_mode") == "wal");
    CHECK(sqlite_cli(path, "PRAGMA user_version") ==
          std::to_string(mgr::storage::latest_schema_version()));
    CHECK(sqlite_cli(path, "PRAGMA application_id") ==
          std::to_string(mgr::storage::k_application_id));
    CHECK(sqlite_cli(path, "PRAGMA integrity_check") == "ok");
    CHECK(sqlite_cli(path, "PRAGMA foreign_key_check").empty());
  }
  // Once closed, everything is in the main file's header.
  const std::string bytes = read_bytes(path);
  REQUIRE(bytes.size() >= 100);
  CHECK(bytes.substr(0, 16) == std::string("SQLite format 3\0", 16));
  CHECK(static_cast<int>(bytes[18]) == 2);  // WAL write version
  CHECK(static_cast<int>(bytes[19]) == 2);  // WAL read version
  CHECK(header_u32(bytes, 60) == static_cast<unsigned>(mgr::storage::latest_schema_version()));
  CHECK(header_u32(bytes, 68) == static_cast<unsigned>(mgr::storage::k_application_id));
  CHECK(bytes.substr(68, 4) == "MGR1");
  CHECK_FALSE(fs::exists(sibling(path, "-wal")));
}

TEST_CASE("k_application_id matches the value the schema stamps", "[storage]") {
  CHECK(mgr::storage::k_application_id == 1296519729);
}

TEST_CASE("reopening an up-to-date database migrates nothing and keeps the data", "[storage]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  {
    auto db = Database::open_for_writing(path);
    Store store{db};
    db.write([&] { store.add_person(make_person("alice"), "2026-11-26T10:00:00Z"); });
  }
  const std::string schema_before = sqlite_cli(path, "SELECT sql FROM sqlite_schema ORDER BY name");
  const std::string bytes_before = read_bytes(path);
  for (int round = 0; round < 2; ++round) {
    auto db = Database::open_for_writing(path);
    CHECK(db.schema_version() == mgr::storage::latest_schema_version());
    Store store{db};
    CHECK(store.find_person("alice"));
    CHECK(store.list_people(true).size() == 1);
  }
  CHECK(sqlite_cli(path, "SELECT sql FROM sqlite_schema ORDER BY name") == schema_before);
  CHECK(read_bytes(path) == bytes_before);
}

TEST_CASE("open_read_only on a missing database returns nothing and creates nothing", "[storage]") {
  TempDir dir;
  const fs::path missing_folder = dir.path() / "not-yet" / "mgr";
  CHECK_FALSE(Database::open_read_only(missing_folder / "mgr.db").has_value());
  CHECK_FALSE(fs::exists(dir.path() / "not-yet"));
  CHECK_FALSE(Database::open_read_only(dir.path() / "mgr.db").has_value());
  CHECK(listing(dir.path()).empty());
}

TEST_CASE("open_read_only reads an mgr database without changing it", "[storage]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  {
    auto db = Database::open_for_writing(path);
    Store store{db};
    db.write([&] { store.add_person(make_person("alice"), "2026-11-26T10:00:00Z"); });
  }
  const std::string bytes_before = read_bytes(path);
  {
    auto db = Database::open_read_only(path);
    REQUIRE(db.has_value());
    CHECK(db->schema_version() == mgr::storage::latest_schema_version());
    Store store{*db};
    REQUIRE(store.find_person("alice"));
    CHECK(store.list_people(true).size() == 1);
    // A read-only connection cannot write, and says so as a typed failure.
    CHECK_THROWS_AS(
        db->write([&] { store.add_person(make_person("bob"), "2026-11-26T10:00:00Z"); }),
        mgr::Failure);
    CHECK_FALSE(store.find_person("bob"));
  }
  CHECK(read_bytes(path) == bytes_before);
}

TEST_CASE("files that are not mgr databases are refused by name and left untouched", "[storage]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  SECTION("an empty file") {
    write_bytes(path, "");
  }
  SECTION("a text file") {
    write_bytes(path, "name,handle\nAlice,alice\n");
  }
  SECTION("a file shorter than the SQLite header") {
    write_bytes(path, "SQLite");
  }
  SECTION("a foreign SQLite database with a table") {
    REQUIRE(sqlite_cli(path,
                       "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); "
                       "INSERT INTO notes (body) VALUES (42)") == "");
    REQUIRE(read_bytes(path).substr(0, 15) == "SQLite format 3");
  }
  SECTION("a foreign SQLite database stamped by another application") {
    REQUIRE(sqlite_cli(path, "PRAGMA application_id = 42; PRAGMA user_version = 3") == "");
    REQUIRE(read_bytes(path).substr(0, 15) == "SQLite format 3");
  }
  bool wal_mode = false;
  SECTION("a foreign WAL-mode SQLite database") {
    REQUIRE(sqlite_cli(path, "PRAGMA journal_mode = WAL; CREATE TABLE t (x)") == "wal");
    REQUIRE(read_bytes(path).substr(0, 15) == "SQLite format 3");
    wal_mode = true;
  }
  const std::string bytes_before = read_bytes(path);
  const auto listing_before = listing(dir.path());
  const auto mode_before = mode_of(path);

  CHECK_THROWS_MATCHES(Database::open_for_writing(path), mgr::Failure, WhatContains(path.string()));
  CHECK(read_bytes(path) == bytes_before);
  CHECK(listing(dir.path()) == listing_before);
  CHECK(mode_of(path) == mode_before);

  CHECK_THROWS_MATCHES(Database::open_read_only(path), mgr::Failure, WhatContains(path.string()));
  CHECK(read_bytes(path) == bytes_before);
  CHECK(mode_of(path) == mode_before);
  if (wal_mode) {
    // Known limitation: SQLite needs a -shm file to read a WAL database, and a read-only
    // connection cannot remove it (nor the empty -wal) when it closes. The file itself is intact.
    auto expected = listing_before;
    expected.insert("mgr.db-wal");
    expected.insert("mgr.db-shm");
    CHECK(listing(dir.path()) == expected);
    CHECK(read_bytes(sibling(path, "-wal")).empty());
  } else {
    CHECK(listing(dir.path()) == listing_before);
  }
}

TEST_CASE("a database from a newer mgr is refused naming both versions", "[storage]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  { auto db = Database::open_for_writing(path); }
  REQUIRE(sqlite_cli(path, "PRAGMA user_version = 99") == "");
  const std::string bytes_before = read_bytes(path);
  const std::string ours = "version " + std::to_string(mgr::storage::latest_schema_version());

  CHECK_THROWS_MATCHES(Database::open_for_writing(path), mgr::Failure, WhatContains("99"));
  CHECK_THROWS_MATCHES(Database::open_for_writing(path), mgr::Failure, WhatContains(ours));
  CHECK_THROWS_MATCHES(Database::open_for_writing(path), mgr::Failure, WhatContains(path.string()));
  CHECK_THROWS_MATCHES(Database::open_read_only(path), mgr::Failure, WhatContains("99"));
  CHECK_THROWS_MATCHES(Database::open_read_only(path), mgr::Failure, WhatContains(ours));
  CHECK(sqlite_cli(path, "PRAGMA user_version") == "99");
  CHECK(read_bytes(path) == bytes_before);
}

TEST_CASE("Database::write commits, or rolls back everything when the work throws", "[storage]") {
  StoreFixture f;
  f.person("alice");
  REQUIRE(f.store.find_person("alice"));

  CHECK_THROWS_MATCHES(f.db.write([&] {
    f.store.add_person(make_person("bob"), "2026-11-26T10:00:00Z");
    throw std::runtime_error("boom");
  }),
                       mgr::Failure, WhatContains("boom"));
  CHECK_FALSE(f.store.find_person("bob"));

  // mgr's own errors come out with their type (and so their exit code) intact.
  CHECK_THROWS_MATCHES(f.db.write([&] {
    f.store.add_person(make_person("carol"), "2026-11-26T10:00:00Z");
    throw mgr::UsageError("invalid handle 'x y'");
  }),
                       mgr::UsageError, WhatContains("'x y'"));
  CHECK_FALSE(f.store.find_person("carol"));
  CHECK_THROWS_AS(f.db.write([] { throw mgr::TemporaryFailure("mail server busy"); }),
                  mgr::TemporaryFailure);
  CHECK_THROWS_AS(f.db.write([] { throw mgr::Failure("disk gone"); }), mgr::Failure);
  try {
    f.db.write([] { throw mgr::UsageError("bad"); });
    FAIL("no exception");
  } catch (const mgr::Error& error) {
    CHECK(error.code() == mgr::ExitCode::usage);
  }

  // A constraint failure halfway through undoes the statements before it.
  CHECK_THROWS_AS(f.db.write([&] {
    f.store.add_person(make_person("dave"), "2026-11-26T10:00:00Z");
    f.store.add_person(make_person("alice"), "2026-11-26T10:00:00Z");
  }),
                  mgr::Failure);
  CHECK_FALSE(f.store.find_person("dave"));
  CHECK(handles_of(f.store.list_people(true)) == std::vector<std::string>{"alice"});
  CHECK(sqlite_cli(f.path, "SELECT count(*) FROM people") == "1");

  // The connection stays usable afterwards.
  f.person("erin");
  CHECK(f.store.find_person("erin"));
  CHECK(sqlite_cli(f.path, "SELECT count(*) FROM people") == "2");
}

TEST_CASE("a reader is not blocked by a writer and sees only committed data", "[storage]") {
  StoreFixture f;
  f.person("alice");
  f.db.write([&] {
    f.store.add_person(make_person("bob"), "2026-11-26T10:00:00Z");
    auto reader = Database::open_read_only(f.path);
    REQUIRE(reader.has_value());
    Store other{*reader};
    CHECK(handles_of(other.list_people(true)) == std::vector<std::string>{"alice"});
  });
  auto reader = Database::open_read_only(f.path);
  REQUIRE(reader.has_value());
  Store other{*reader};
  CHECK(handles_of(other.list_people(true)) == std::vector<std::string>{"alice", "bob"});
}

TEST_CASE("foreign keys are enforced", "[storage]") {
  StoreFixture f;
  CHECK_THROWS_AS(f.entry(make_entry("note", "2026-11-26"), {12345}), mgr::Failure);
  CHECK_FALSE(f.store.latest_entry_id());
  CHECK_THROWS_AS(f.db.write([&] { f.store.add_topic(999, "x", "2026-11-26"); }), mgr::Failure);
}

// ---------------------------------------------------------------------------------------------
// Store: people

TEST_CASE("Store: a person round-trips with every field", "[storage]") {
  StoreFixture f;
  Person alice = make_person("alice", "biweekly");
  alice.name = "Alice Zo\xC3\xAB Smith \xF0\x9F\x9A\x80";
  alice.relation = Relation::manager;
  alice.day = "tue";
  alice.time_minutes = 9 * 60 + 30;
  alice.length_minutes = 45;
  alice.tz = "America/New_York";
  alice.since = "2026-11-02";
  long long id = 0;
  f.db.write([&] { id = f.store.add_person(alice, "2026-11-02T08:00:00Z"); });
  CHECK(id > 0);

  const auto found = f.store.find_person("alice");
  REQUIRE(found);
  CHECK(found->id == id);
  CHECK(found->handle == "alice");
  CHECK(found->name == alice.name);
  CHECK(found->relation == Relation::manager);
  CHECK(found->cadence.text == "biweekly");
  CHECK(found->cadence.unit == Cadence::Unit::days);
  CHECK(found->cadence.count == 14);
  CHECK(found->day == std::optional<std::string>{"tue"});
  CHECK(found->time_minutes == std::optional<int>{570});
  CHECK(found->length_minutes == 45);
  CHECK(found->tz == std::optional<std::string>{"America/New_York"});
  CHECK(found->since == "2026-11-02");
  CHECK_FALSE(found->archived);
  CHECK(found->away.empty());
  CHECK(sqlite_cli(f.path, "SELECT slot_time, created_at FROM people") ==
        "09:30|2026-11-02T08:00:00Z");
}

TEST_CASE("Store: optional person fields stay empty", "[storage]") {
  StoreFixture f;
  Person bob = make_person("bob", "10d");
  bob.relation = Relation::peer;
  f.db.write([&] { f.store.add_person(bob, "2026-11-02T08:00:00Z"); });
  const auto found = f.store.find_person("bob");
  REQUIRE(found);
  CHECK(found->name.empty());
  CHECK(found->relation == Relation::peer);
  CHECK(found->cadence.text == "10d");
  CHECK(found->cadence.count == 10);
  CHECK_FALSE(found->day);
  CHECK_FALSE(found->time_minutes);
  CHECK_FALSE(found->tz);
  CHECK(found->length_minutes == 30);
  // Empty text is stored as NULL.
  CHECK(sqlite_cli(f.path, "SELECT name IS NULL, slot_day IS NULL, tz IS NULL FROM people") ==
        "1|1|1");
  CHECK_FALSE(f.store.find_person("nobody"));
  CHECK_FALSE(f.store.find_person("Bob"));  // handles are stored folded; lookups are exact
}

TEST_CASE("Store: list_people filters archived people and sorts by handle", "[storage]") {
  StoreFixture f;
  const long long carol = f.person("carol");
  f.person("alice");
  f.person("bob");
  f.db.write([&] { f.store.set_archived(carol, true); });

  CHECK(handles_of(f.store.list_people(false)) == std::vector<std::string>{"alice", "bob"});
  const auto everyone = f.store.list_people(true);
  CHECK(handles_of(everyone) == std::vector<std::string>{"alice", "bob", "carol"});
  REQUIRE(everyone.size() == 3);
  CHECK_FALSE(everyone[0].archived);
  CHECK(everyone[2].archived);
  CHECK(f.store.find_person("carol")->archived);
  CHECK(f.store.all_handles() == std::vector<std::string>{"alice", "bob", "carol"});

  f.db.write([&] { f.store.set_archived(carol, false); });
  CHECK(handles_of(f.store.list_people(false)) ==
        std::vector<std::string>{"alice", "bob", "carol"});
}

TEST_CASE("Store: adding an existing handle fails and adds nothing", "[storage]") {
  StoreFixture f;
  f.person("alice");
  CHECK_THROWS_AS(f.person("alice"), mgr::Failure);
  CHECK(f.store.list_people(true).size() == 1);
}

TEST_CASE("Store: update_person and time away", "[storage]") {
  StoreFixture f;
  const long long id = f.person("alice");
  auto alice = *f.store.find_person("alice");
  alice.name = "Alice";
  alice.cadence = parse_cadence("monthly");
  alice.day = "fri";
  alice.tz = "Europe/Berlin";
  f.db.write([&] { f.store.update_person(alice); });
  auto found = f.store.find_person("alice");
  REQUIRE(found);
  CHECK(found->id == id);
  CHECK(found->name == "Alice");
  CHECK(found->cadence.unit == Cadence::Unit::months);
  CHECK(found->day == std::optional<std::string>{"fri"});
  CHECK(found->tz == std::optional<std::string>{"Europe/Berlin"});

  alice.tz.reset();
  alice.day.reset();
  f.db.write([&] { f.store.update_person(alice); });
  CHECK_FALSE(f.store.find_person("alice")->tz);
  CHECK_FALSE(f.store.find_person("alice")->day);

  f.db.write([&] {
    f.store.add_time_away(id, {0, "2026-12-20", "2027-01-03", "holiday"});
    f.store.add_time_away(id, {0, "2026-12-01", "2026-12-01", ""});
  });
  const auto away = f.store.find_person("alice")->away;
  REQUIRE(away.size() == 2);
  CHECK(away[0].from == "2026-12-01");
  CHECK(away[0].to == "2026-12-01");
  CHECK(away[0].reason.empty());
  CHECK(away[1].from == "2026-12-20");
  CHECK(away[1].to == "2027-01-03");
  CHECK(away[1].reason == "holiday");
  CHECK(away[1].id > 0);
  CHECK(f.store.list_people(false).at(0).away.size() == 2);
  // A period that ends before it starts is refused by the schema.
  CHECK_THROWS_AS(f.db.write([&] {
    f.store.add_time_away(id, {0, "2027-01-05", "2027-01-04", ""});
  }),
                  mgr::Failure);
  CHECK(f.store.find_person("alice")->away.size() == 2);
}

TEST_CASE("Store: skips", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long bob = f.person("bob");
  f.db.write([&] {
    f.store.add_skip(alice, "2026-12-08", "offsite", "2026-11-26T10:00:00Z");
    f.store.add_skip(alice, "2026-12-01", "", "2026-11-26T10:00:00Z");
    f.store.add_skip(bob, "2026-12-02", "sick", "2026-11-26T10:00:00Z");
  });
  const auto skips = f.store.skips_for(alice);
  REQUIRE(skips.size() == 2);
  CHECK(skips[0].person == "alice");
  CHECK(skips[0].due_date == "2026-12-01");
  CHECK(skips[0].reason.empty());
  CHECK(skips[1].due_date == "2026-12-08");
  CHECK(skips[1].reason == "offsite");
  CHECK(f.store.skips_for(bob).size() == 1);
}

// ---------------------------------------------------------------------------------------------
// Store: entries

TEST_CASE("Store: an entry round-trips with its people, tags and attributes", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long bob = f.person("bob");
  CHECK_FALSE(f.store.latest_entry_id());

  Entry one = make_entry("1on1", "2026-11-20", "talked about career\nand growth");
  one.minutes = 30;
  one.mood = 4;
  one.tags = {"growth", "career", "growth"};
  const long long one_id = f.entry(one, {alice});

  Entry talk = make_entry("talk", "2026-11-22", "mediated");
  const long long talk_id = f.entry(talk, {bob, alice});

  Entry feedback = make_entry("feedback", "2026-11-23");
  feedback.polarity = "constructive";
  const long long feedback_id = f.entry(feedback, {bob});

  Entry learn = make_entry("learn", "2026-11-24", "book");
  learn.minutes = 90;
  learn.learn_type = "reading";
  const long long learn_id = f.entry(learn);

  Entry cancelled = make_entry("1on1", "2026-11-25");
  cancelled.cancelled = true;
  const long long cancelled_id = f.entry(cancelled, {alice});

  const auto found = f.store.find_entry(one_id);
  REQUIRE(found);
  CHECK(found->id == one_id);
  CHECK(found->kind == "1on1");
  CHECK(found->date == "2026-11-20");
  CHECK(found->logged_at == "2026-11-26T10:00:00Z");
  CHECK(found->note == "talked about career\nand growth");
  CHECK(found->minutes == std::optional<int>{30});
  CHECK(found->mood == std::optional<int>{4});
  CHECK_FALSE(found->cancelled);
  CHECK(found->people == std::vector<std::string>{"alice"});
  CHECK(found->tags == std::vector<std::string>{"career", "growth"});
  CHECK_FALSE(found->polarity);
  CHECK_FALSE(found->status);
  CHECK_FALSE(found->learn_type);
  CHECK_FALSE(found->about);
  CHECK_FALSE(found->delegation);

  const auto talk_found = f.store.find_entry(talk_id);
  REQUIRE(talk_found);
  CHECK(talk_found->people == std::vector<std::string>{"bob", "alice"});  // order as given
  CHECK(talk_found->tags.empty());
  CHECK_FALSE(talk_found->minutes);
  CHECK_FALSE(talk_found->mood);

  CHECK(f.store.find_entry(feedback_id)->polarity == std::optional<std::string>{"constructive"});
  CHECK(f.store.find_entry(feedback_id)->note.empty());
  CHECK(f.store.find_entry(learn_id)->learn_type == std::optional<std::string>{"reading"});
  CHECK(f.store.find_entry(learn_id)->people.empty());
  CHECK(f.store.find_entry(cancelled_id)->cancelled);
  CHECK_FALSE(f.store.find_entry(cancelled_id + 100));
  CHECK(f.store.latest_entry_id() == std::optional<long long>{cancelled_id});
}

TEST_CASE("Store: the schema refuses out-of-range entry attributes", "[storage]") {
  StoreFixture f;
  Entry mood = make_entry("1on1", "2026-11-20");
  mood.mood = 6;
  CHECK_THROWS_AS(f.entry(mood), mgr::Failure);
  Entry minutes = make_entry("ic", "2026-11-20");
  minutes.minutes = 1441;
  CHECK_THROWS_AS(f.entry(minutes), mgr::Failure);
  CHECK_THROWS_AS(f.entry(make_entry("standup", "2026-11-20")), mgr::Failure);
  CHECK_FALSE(f.store.latest_entry_id());
}

TEST_CASE("Store: list_entries honours every filter field", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long bob = f.person("bob");
  const long long carol = f.person("carol");
  const long long e1 = f.entry(make_entry("1on1", "2026-11-20"), {alice});
  const long long e2 = f.entry(make_entry("talk", "2026-11-22"), {bob, alice});
  const long long e3 = f.entry(make_entry("ic", "2026-11-22"));
  const long long e4 = f.entry(make_entry("feedback", "2026-11-24"), {bob});
  const long long e5 = f.entry(make_entry("learn", "2026-11-26"));
  const long long e6 = f.entry(make_entry("1on1", "2026-11-18"), {carol});
  using Ids = std::vector<long long>;

  // Newest date first; the later id first within a day.
  CHECK(ids_of(f.store.list_entries({})) == Ids{e5, e4, e3, e2, e1, e6});

  EntryFilter by_alice;
  by_alice.person_id = alice;
  CHECK(ids_of(f.store.list_entries(by_alice)) == Ids{e2, e1});
  EntryFilter by_bob;
  by_bob.person_id = bob;
  CHECK(ids_of(f.store.list_entries(by_bob)) == Ids{e4, e2});

  EntryFilter one_on_ones;
  one_on_ones.kind = "1on1";
  CHECK(ids_of(f.store.list_entries(one_on_ones)) == Ids{e1, e6});

  EntryFilter since;
  since.since = "2026-11-22";
  CHECK(ids_of(f.store.list_entries(since)) == Ids{e5, e4, e3, e2});

  EntryFilter until;
  until.until = "2026-11-22";
  CHECK(ids_of(f.store.list_entries(until)) == Ids{e3, e2, e1, e6});

  EntryFilter one_day;
  one_day.since = "2026-11-22";
  one_day.until = "2026-11-22";
  CHECK(ids_of(f.store.list_entries(one_day)) == Ids{e3, e2});

  EntryFilter limit;
  limit.limit = 2;
  CHECK(ids_of(f.store.list_entries(limit)) == Ids{e5, e4});

  EntryFilter combined;
  combined.person_id = alice;
  combined.kind = "talk";
  CHECK(ids_of(f.store.list_entries(combined)) == Ids{e2});

  EntryFilter bob_latest;
  bob_latest.person_id = bob;
  bob_latest.limit = 1;
  CHECK(ids_of(f.store.list_entries(bob_latest)) == Ids{e4});

  EntryFilter nothing;
  nothing.kind = "mgmt";
  CHECK(f.store.list_entries(nothing).empty());
}

TEST_CASE("Store: update_entry changes the date and note", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long id = f.entry(make_entry("note", "2026-11-20", "first"), {alice});
  f.db.write([&] { f.store.update_entry(id, "2026-11-21", "second"); });
  CHECK(f.store.find_entry(id)->date == "2026-11-21");
  CHECK(f.store.find_entry(id)->note == "second");
  CHECK(f.store.find_entry(id)->people == std::vector<std::string>{"alice"});
  f.db.write([&] { f.store.update_entry(id, "2026-11-21", ""); });
  CHECK(f.store.find_entry(id)->note.empty());
}

TEST_CASE("Store: deleting a 1:1 reopens the topics it covered and removes its actions",
          "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  long long covered = 0, done_by_hand = 0, dropped = 0, untouched = 0;
  f.db.write([&] {
    covered = f.store.add_topic(alice, "career path", "2026-11-10");
    done_by_hand = f.store.add_topic(alice, "laptop", "2026-11-11");
    dropped = f.store.add_topic(alice, "offsite", "2026-11-12");
    untouched = f.store.add_topic(alice, "promo", "2026-11-13");
  });
  Entry one = make_entry("1on1", "2026-11-20", "good talk");
  one.tags = {"career"};
  const long long one_id = f.entry(one, {alice});
  long long mine = 0, theirs = 0, unrelated = 0;
  f.db.write([&] {
    f.store.close_topic(covered, "done", "2026-11-20", one_id);
    f.store.close_topic(done_by_hand, "done", "2026-11-19", std::nullopt);
    f.store.close_topic(dropped, "dropped", "2026-11-18", std::nullopt);
    mine = f.store.add_action(alice, "me", "send the doc", "2026-11-20", std::nullopt, one_id);
    theirs = f.store.add_action(alice, "them", "draft a plan", "2026-11-20",
                                std::optional<std::string>{"2026-11-27"}, one_id);
    unrelated =
        f.store.add_action(alice, "me", "book room", "2026-11-15", std::nullopt, std::nullopt);
  });
  REQUIRE(f.store.find_topic(covered)->status == "done");

  f.db.write([&] { f.store.delete_entry(one_id); });

  CHECK_FALSE(f.store.find_entry(one_id));
  const auto reopened = f.store.find_topic(covered);
  REQUIRE(reopened);
  CHECK(reopened->status == "open");
  CHECK_FALSE(reopened->closed_date);
  CHECK(f.store.find_topic(done_by_hand)->status == "done");
  CHECK(f.store.find_topic(done_by_hand)->closed_date == std::optional<std::string>{"2026-11-19"});
  CHECK(f.store.find_topic(dropped)->status == "dropped");
  CHECK(f.store.find_topic(untouched)->status == "open");
  CHECK_FALSE(f.store.find_action(mine));
  CHECK_FALSE(f.store.find_action(theirs));
  CHECK(f.store.find_action(unrelated));
  EntryFilter by_alice;
  by_alice.person_id = alice;
  CHECK(f.store.list_entries(by_alice).empty());
  CHECK(sqlite_cli(f.path,
                   "SELECT (SELECT count(*) FROM entry_people), (SELECT count(*) FROM "
                   "entry_tags), (SELECT count(*) FROM topics WHERE covered_by IS NOT "
                   "NULL)") == "0|0|0");
  CHECK_FALSE(f.store.latest_entry_id());
}

TEST_CASE("Store: deleting a delegate entry removes the delegation and its check-ins",
          "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long delegate = f.entry(make_entry("delegate", "2026-11-10", "ship it"), {alice});
  Delegation delegation;
  delegation.outcome = "ship it";
  delegation.checkin = "weekly";
  delegation.created = "2026-11-10";
  f.db.write([&] { f.store.add_delegation(delegate, alice, delegation); });
  Entry checkin = make_entry("checkin", "2026-11-17");
  checkin.delegation = delegate;
  checkin.status = "on-track";
  const long long checkin_id = f.entry(checkin, {alice});
  const long long other = f.entry(make_entry("note", "2026-11-18"), {alice});

  f.db.write([&] { f.store.delete_entry(delegate); });
  CHECK_FALSE(f.store.find_delegation(delegate));
  CHECK_FALSE(f.store.find_entry(checkin_id));
  CHECK(f.store.find_entry(other));
  CHECK(f.store.count_entries_about_delegation(delegate) == 0);
}

TEST_CASE("Store: deleting a concern entry removes the concern, not the talks about it",
          "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long concern = f.entry(make_entry("concern", "2026-11-10", "late"), {alice});
  f.db.write([&] { f.store.add_concern(concern, "late", "2026-11-10"); });
  Entry talk = make_entry("talk", "2026-11-12");
  talk.about = concern;
  const long long talk_id = f.entry(talk, {alice});

  f.db.write([&] { f.store.delete_entry(concern); });
  CHECK_FALSE(f.store.find_concern(concern));
  const auto kept = f.store.find_entry(talk_id);
  REQUIRE(kept);
  CHECK_FALSE(kept->about);
}

// ---------------------------------------------------------------------------------------------
// Store: concerns, delegations, topics, actions

TEST_CASE("Store: a concern's first conversation is derived from entries about it", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long bob = f.person("bob");
  const long long concern =
      f.entry(make_entry("concern", "2026-11-10", "friction in reviews"), {bob, alice});
  f.db.write([&] { f.store.add_concern(concern, "friction in reviews", "2026-11-10"); });

  auto found = f.store.find_concern(concern);
  REQUIRE(found);
  CHECK(found->id == concern);
  CHECK(found->people == std::vector<std::string>{"bob", "alice"});
  CHECK(found->text == "friction in reviews");
  CHECK(found->opened == "2026-11-10");
  CHECK(found->status == "open");
  CHECK_FALSE(found->first_conversation);
  CHECK_FALSE(found->closed_date);
  CHECK(found->close_note.empty());

  // A cancelled 1:1 about it is not a conversation.
  Entry cancelled = make_entry("1on1", "2026-11-11");
  cancelled.cancelled = true;
  cancelled.about = concern;
  f.entry(cancelled, {alice});
  CHECK_FALSE(f.store.find_concern(concern)->first_conversation);

  // An entry that is not about it does not count either.
  f.entry(make_entry("talk", "2026-11-12"), {alice});
  CHECK_FALSE(f.store.find_concern(concern)->first_conversation);

  Entry talk = make_entry("talk", "2026-11-16");
  talk.about = concern;
  const long long talk_id = f.entry(talk, {bob, alice});
  CHECK(f.store.find_concern(concern)->first_conversation ==
        std::optional<std::string>{"2026-11-16"});

  // Back-filled earlier: the first conversation moves to it.
  Entry feedback = make_entry("feedback", "2026-11-14");
  feedback.polarity = "constructive";
  feedback.about = concern;
  const long long feedback_id = f.entry(feedback, {bob});
  CHECK(f.store.find_concern(concern)->first_conversation ==
        std::optional<std::string>{"2026-11-14"});
  CHECK(f.store.find_entry(feedback_id)->about == std::optional<long long>{concern});

  // Deleting it un-does that.
  f.db.write([&] { f.store.delete_entry(feedback_id); });
  CHECK(f.store.find_concern(concern)->first_conversation ==
        std::optional<std::string>{"2026-11-16"});
  f.db.write([&] { f.store.delete_entry(talk_id); });
  CHECK_FALSE(f.store.find_concern(concern)->first_conversation);
  CHECK_FALSE(f.store.find_concern(concern + 1000));
}

TEST_CASE("Store: list_concerns and closing a concern", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long later = f.entry(make_entry("concern", "2026-11-12", "b"), {alice});
  const long long earlier = f.entry(make_entry("concern", "2026-11-05", "a"), {alice});
  const long long dropped = f.entry(make_entry("concern", "2026-11-06", "c"), {alice});
  f.db.write([&] {
    f.store.add_concern(later, "b", "2026-11-12");
    f.store.add_concern(earlier, "a", "2026-11-05");
    f.store.add_concern(dropped, "c", "2026-11-06");
  });
  using Ids = std::vector<long long>;
  CHECK(item_ids(f.store.list_concerns(false)) == Ids{earlier, dropped, later});

  f.db.write([&] {
    f.store.close_concern(earlier, "resolved", "2026-11-20", "sorted out");
    f.store.close_concern(dropped, "dropped", "2026-11-21", "");
  });
  CHECK(item_ids(f.store.list_concerns(false)) == Ids{later});
  const auto all = f.store.list_concerns(true);
  CHECK(item_ids(all) == Ids{earlier, dropped, later});
  const auto resolved = f.store.find_concern(earlier);
  REQUIRE(resolved);
  CHECK(resolved->status == "resolved");
  CHECK(resolved->closed_date == std::optional<std::string>{"2026-11-20"});
  CHECK(resolved->close_note == "sorted out");
  CHECK(f.store.find_concern(dropped)->status == "dropped");
  CHECK(f.store.find_concern(dropped)->close_note.empty());
  CHECK_THROWS_AS(f.db.write([&] { f.store.close_concern(later, "forgotten", "2026-11-22", ""); }),
                  mgr::Failure);
  CHECK(f.store.find_concern(later)->status == "open");
}

TEST_CASE("Store: delegations with their last check-in", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long bob = f.person("bob");

  const long long first = f.entry(make_entry("delegate", "2026-11-02", "release 2.0"), {alice});
  Delegation release;
  release.outcome = "release 2.0";
  release.why = "frees my time";
  release.due = "2026-12-15";
  release.checkin = "weekly";
  release.constraints = "no new deps";
  release.created = "2026-11-02";
  const long long second = f.entry(make_entry("delegate", "2026-11-03", "hiring loop"), {bob});
  Delegation hiring;
  hiring.outcome = "hiring loop";
  hiring.checkin = "biweekly";
  hiring.created = "2026-11-03";
  f.db.write([&] {
    f.store.add_delegation(first, alice, release);
    f.store.add_delegation(second, bob, hiring);
  });

  auto found = f.store.find_delegation(first);
  REQUIRE(found);
  CHECK(found->id == first);
  CHECK(found->person == "alice");
  CHECK(found->outcome == "release 2.0");
  CHECK(found->why == "frees my time");
  CHECK(found->due == std::optional<std::string>{"2026-12-15"});
  CHECK(found->checkin == "weekly");
  CHECK(found->constraints == "no new deps");
  CHECK(found->created == "2026-11-02");
  CHECK(found->status == "open");
  CHECK_FALSE(found->last_checkin);
  CHECK_FALSE(found->closed_date);
  const auto bare = f.store.find_delegation(second);
  REQUIRE(bare);
  CHECK(bare->why.empty());
  CHECK_FALSE(bare->due);
  CHECK(bare->constraints.empty());
  CHECK(bare->checkin == "biweekly");

  auto checkin = [&](const char* date, const char* status, const char* note) {
    Entry entry = make_entry("checkin", date, note);
    entry.delegation = first;
    entry.status = status;
    return f.entry(entry, {alice});
  };
  checkin("2026-11-09", "on-track", "fine");
  checkin("2026-11-23", "at-risk", "slipping");
  checkin("2026-11-16", "blocked", "waiting on infra");
  found = f.store.find_delegation(first);
  REQUIRE(found->last_checkin);
  CHECK(found->last_checkin->date == "2026-11-23");
  CHECK(found->last_checkin->status == std::optional<std::string>{"at-risk"});
  CHECK(found->last_checkin->note == "slipping");
  // Two on the same day: the one logged later wins.
  checkin("2026-11-23", "on-track", "unblocked");
  CHECK(f.store.find_delegation(first)->last_checkin->note == "unblocked");
  CHECK(f.store.count_entries_about_delegation(first) == 4);
  CHECK(f.store.count_entries_about_delegation(second) == 0);
  const auto all_checkins = f.store.checkins(first);
  REQUIRE(all_checkins.size() == 4);
  CHECK(all_checkins[0].note == "unblocked");
  CHECK(all_checkins[1].note == "slipping");
  CHECK(all_checkins[2].note == "waiting on infra");
  CHECK(all_checkins[3].note == "fine");
  CHECK_FALSE(f.store.find_delegation(second)->last_checkin);

  using Ids = std::vector<long long>;
  CHECK(item_ids(f.store.list_delegations(std::nullopt, false)) == Ids{first, second});
  CHECK(item_ids(f.store.list_delegations(alice, false)) == Ids{first});
  CHECK(item_ids(f.store.list_delegations(bob, false)) == Ids{second});
  CHECK(f.store.list_delegations(std::nullopt, false).at(0).last_checkin);

  f.db.write([&] { f.store.close_delegation(second, "reclaimed", "2026-11-25", "took it back"); });
  CHECK(item_ids(f.store.list_delegations(std::nullopt, false)) == Ids{first});
  CHECK(f.store.list_delegations(bob, false).empty());
  CHECK(item_ids(f.store.list_delegations(bob, true)) == Ids{second});
  CHECK(item_ids(f.store.list_delegations(std::nullopt, true)) == Ids{first, second});
  const auto reclaimed = f.store.find_delegation(second);
  CHECK(reclaimed->status == "reclaimed");
  CHECK(reclaimed->closed_date == std::optional<std::string>{"2026-11-25"});
  CHECK(reclaimed->close_note == "took it back");
  CHECK_FALSE(f.store.find_delegation(second + 1000));
}

TEST_CASE("Store: topics listing filters", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long bob = f.person("bob");
  long long a1 = 0, a2 = 0, a3 = 0, b1 = 0;
  f.db.write([&] {
    a2 = f.store.add_topic(alice, "second", "2026-11-12");
    a1 = f.store.add_topic(alice, "first", "2026-11-10");
    b1 = f.store.add_topic(bob, "bob's", "2026-11-11");
    a3 = f.store.add_topic(alice, "third", "2026-11-12");
  });
  using Ids = std::vector<long long>;
  CHECK(item_ids(f.store.list_topics(alice, false)) == Ids{a1, a2, a3});
  CHECK(item_ids(f.store.list_topics(bob, false)) == Ids{b1});
  CHECK(item_ids(f.store.list_topics(std::nullopt, false)) == Ids{a1, b1, a2, a3});

  f.db.write([&] {
    f.store.close_topic(a2, "done", "2026-11-20", std::nullopt);
    f.store.close_topic(a3, "dropped", "2026-11-21", std::nullopt);
  });
  CHECK(item_ids(f.store.list_topics(alice, false)) == Ids{a1});
  CHECK(item_ids(f.store.list_topics(alice, true)) == Ids{a1, a2, a3});
  CHECK(item_ids(f.store.list_topics(std::nullopt, false)) == Ids{a1, b1});
  const auto done = f.store.find_topic(a2);
  REQUIRE(done);
  CHECK(done->person == "alice");
  CHECK(done->text == "second");
  CHECK(done->created == "2026-11-12");
  CHECK(done->status == "done");
  CHECK(done->closed_date == std::optional<std::string>{"2026-11-20"});
  CHECK(f.store.find_topic(b1)->text == "bob's");
  CHECK_FALSE(f.store.find_topic(b1)->closed_date);
  CHECK_FALSE(f.store.find_topic(a3 + 1000));
}

TEST_CASE("Store: actions listing filters", "[storage]") {
  StoreFixture f;
  const long long alice = f.person("alice");
  const long long bob = f.person("bob");
  long long mine = 0, theirs = 0, bobs = 0, done = 0;
  f.db.write([&] {
    theirs = f.store.add_action(alice, "them", "write plan", "2026-11-12",
                                std::optional<std::string>{"2026-11-30"}, std::nullopt);
    mine = f.store.add_action(alice, "me", "send doc", "2026-11-10", std::nullopt, std::nullopt);
    bobs = f.store.add_action(bob, "me", "intro to ops", "2026-11-11", std::nullopt, std::nullopt);
    done = f.store.add_action(alice, "me", "book room", "2026-11-13", std::nullopt, std::nullopt);
  });
  f.db.write([&] { f.store.mark_action_done(done, "2026-11-14"); });
  using Ids = std::vector<long long>;
  const std::optional<std::string> me{"me"};
  const std::optional<std::string> them{"them"};

  CHECK(item_ids(f.store.list_actions(std::nullopt, std::nullopt, false)) ==
        Ids{mine, bobs, theirs});
  CHECK(item_ids(f.store.list_actions(std::nullopt, std::nullopt, true)) ==
        Ids{mine, bobs, theirs, done});
  CHECK(item_ids(f.store.list_actions(alice, std::nullopt, false)) == Ids{mine, theirs});
  CHECK(item_ids(f.store.list_actions(alice, std::nullopt, true)) == Ids{mine, theirs, done});
  CHECK(item_ids(f.store.list_actions(alice, me, false)) == Ids{mine});
  CHECK(item_ids(f.store.list_actions(alice, me, true)) == Ids{mine, done});
  CHECK(item_ids(f.store.list_actions(alice, them, false)) == Ids{theirs});
  CHECK(item_ids(f.store.list_actions(std::nullopt, me, false)) == Ids{mine, bobs});
  CHECK(item_ids(f.store.list_actions(bob, them, true)).empty());

  const auto plan = f.store.find_action(theirs);
  REQUIRE(plan);
  CHECK(plan->person == "alice");
  CHECK(plan->owner == "them");
  CHECK(plan->text == "write plan");
  CHECK(plan->created == "2026-11-12");
  CHECK(plan->due == std::optional<std::string>{"2026-11-30"});
  CHECK_FALSE(plan->done);
  CHECK(f.store.find_action(done)->done == std::optional<std::string>{"2026-11-14"});
  CHECK_FALSE(f.store.find_action(done + 1000));
  CHECK_THROWS_AS(f.db.write([&] {
    f.store.add_action(alice, "boss", "x", "2026-11-14", std::nullopt, std::nullopt);
  }),
                  mgr::Failure);
}
