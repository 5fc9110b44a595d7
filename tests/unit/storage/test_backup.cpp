// storage::backup_database against real files: the copy, what it refuses to replace, and
// storage::Database::open_unchanged, which backup and doctor use.
#include "storage/backup.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "domain/errors.hpp"
#include "storage/migrations.hpp"
#include "storage_test_support.hpp"
#include "what_contains.hpp"

using namespace storage_test;
using mgr::storage::backup_database;
using mgr::storage::backup_file_name;
using mgr::storage::Database;

namespace {

date::local_seconds local(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
  return date::local_days{date::year{y} / m / d} + std::chrono::hours{hh} +
         std::chrono::minutes{mm} + std::chrono::seconds{ss};
}

}  // namespace

TEST_CASE("backup files are named after the local time, numbered within a second",
          "[storage][backup]") {
  CHECK(backup_file_name(local(2026, 11, 27, 8, 30, 5)) == "mgr-backup-20261127-083005.db");
  CHECK(backup_file_name(local(2026, 1, 2, 23, 0, 0), 2) == "mgr-backup-20260102-230000-2.db");
  CHECK(mgr::storage::default_backup_folder("/home/me/.local/share/mgr/mgr.db") ==
        "/home/me/.local/share/mgr/backups");
}

TEST_CASE("a backup holds the same data and replaces only an earlier backup", "[storage][backup]") {
  StoreFixture f;
  f.person("alice");
  f.entry(make_entry(mgr::domain::EntryKind::note, "2026-11-20", "kept"));
  const fs::path copy = f.dir.path() / "copy.db";
  const auto made = backup_database(f.db, copy);
  CHECK(made.file == copy);
  CHECK(made.bytes == fs::file_size(copy));
  CHECK(sqlite_cli(copy, "SELECT note FROM entries") == "kept");
  CHECK(sqlite_cli(copy, "PRAGMA integrity_check") == "ok");

  f.entry(make_entry(mgr::domain::EntryKind::note, "2026-11-21", "later"));
  backup_database(f.db, copy);
  CHECK(sqlite_cli(copy, "SELECT count(*) FROM entries") == "2");

  SECTION("not the database itself") {
    CHECK_THROWS_MATCHES(backup_database(f.db, f.path), mgr::UsageError,
                         WhatContains("the database itself"));
  }
  SECTION("not a file of something else") {
    const fs::path notes = f.dir.path() / "notes.txt";
    write_bytes(notes, "mine");
    CHECK_THROWS_MATCHES(backup_database(f.db, notes), mgr::UsageError,
                         WhatContains(notes.string()));
    CHECK(read_bytes(notes) == "mine");
  }
  SECTION("not a copy whose -wal still holds changes") {
    write_bytes(sibling(copy, "-wal"), "frames");
    CHECK_THROWS_MATCHES(backup_database(f.db, copy), mgr::UsageError, WhatContains("-wal"));
  }
}

TEST_CASE("open_unchanged neither migrates nor refuses a newer schema", "[storage][backup]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  { Database::open_for_writing(path); }
  REQUIRE(sqlite_cli(path, "PRAGMA user_version = 999") == "");
  auto db = Database::open_unchanged(path);
  REQUIRE(db);
  CHECK(db->schema_version() == 999);
  CHECK_FALSE(Database::open_unchanged(dir.path() / "missing.db"));
  write_bytes(dir.path() / "empty.db", "");
  CHECK_THROWS_AS(Database::open_unchanged(dir.path() / "empty.db"), mgr::Failure);
}
