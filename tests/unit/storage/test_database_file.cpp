// The database as a file: what counts as the leftover of an interrupted first run, the private
// folders, the creation lock, moving a build into place, and what Database makes of them.
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "domain/errors.hpp"
#include "storage/database.hpp"
#include "storage/database_file.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"
#include "storage_test_support.hpp"
#include "what_contains.hpp"

using namespace storage_test;
using mgr::storage::Database;
using mgr::storage::Store;
namespace file = mgr::storage::database_file;
using Found = file::Found;

namespace {

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0xFFFFu;
  return static_cast<unsigned>(info.st_mode & 07777);
}

void write_file(const fs::path& path, const std::string& bytes, unsigned mode) {
  write_bytes(path, bytes);
  fs::permissions(path, fs::perms(mode));
}

// The header SQLite writes to a -journal before the first page of a transaction: its magic, a
// record count, a nonce, the database's size in pages before the transaction, sector and page
// size, padded to a sector.
std::string journal_header(unsigned pages_before, bool committed = false) {
  std::string header =
      committed ? std::string(8, '\0') : std::string("\xd9\xd5\x05\xf9\x20\xa1\x63\xd7", 8);
  header += std::string(4, '\0') + std::string("\x7e\xa3\xcf\xc2", 4);
  for (int shift = 24; shift >= 0; shift -= 8)
    header += static_cast<char>((pages_before >> shift) & 0xff);
  header += std::string("\x00\x00\x02\x00\x00\x00\x10\x00", 8);
  header.resize(512, '\0');
  return header;
}

class UmaskGuard {
 public:
  explicit UmaskGuard(mode_t mask) : m_saved(::umask(mask)) {}
  ~UmaskGuard() { ::umask(m_saved); }
  UmaskGuard(const UmaskGuard&) = delete;
  UmaskGuard& operator=(const UmaskGuard&) = delete;

 private:
  mode_t m_saved;
};

}  // namespace

TEST_CASE("inspect: what an interrupted first run left holds nothing and is private",
          "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  CHECK(file::inspect(path) == Found::nothing);

  write_file(path, "", 0600);
  SECTION("a private empty file alone") {
    CHECK(file::inspect(path) == Found::interrupted_creation);
  }
  SECTION("with empty side files") {
    write_file(sibling(path, "-wal"), "", 0600);
    write_file(sibling(path, "-shm"), std::string(32768, '\0'), 0600);
    write_file(sibling(path, "-journal"), "", 0600);
    CHECK(file::inspect(path) == Found::interrupted_creation);
  }
  SECTION("with a hot journal of a database that had no pages") {
    write_file(sibling(path, "-journal"), journal_header(0), 0600);
    CHECK(file::inspect(path) == Found::interrupted_creation);
  }
  SECTION("with a committed journal") {
    write_file(sibling(path, "-journal"), journal_header(7, true), 0600);
    CHECK(file::inspect(path) == Found::interrupted_creation);
  }
  SECTION("but not with a journal that would restore pages") {
    write_file(sibling(path, "-journal"), journal_header(3) + std::string(3 * 4100, 'p'), 0600);
    CHECK(file::inspect(path) == Found::file);
  }
  SECTION("nor with a journal that is not SQLite's") {
    write_file(sibling(path, "-journal"), std::string(600, 'j'), 0600);
    CHECK(file::inspect(path) == Found::file);
  }
  SECTION("nor with a journal too short to say") {
    write_file(sibling(path, "-journal"), "short", 0600);
    CHECK(file::inspect(path) == Found::file);
  }
  SECTION("nor with something in the -wal (a database all in its log)") {
    write_file(sibling(path, "-wal"), std::string(4128, 'w'), 0600);
    CHECK(file::inspect(path) == Found::file);
  }
  SECTION("nor when others may read it (mgr never made it so)") {
    fs::permissions(path, fs::perms(0644));
    CHECK(file::inspect(path) == Found::file);
  }
  SECTION("nor when it holds a byte") {
    write_file(path, "x", 0600);
    CHECK(file::inspect(path) == Found::file);
  }
}

TEST_CASE("inspect refuses a folder by name", "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  fs::create_directory(path);
  CHECK_THROWS_MATCHES(file::inspect(path), mgr::Failure, WhatContains("is a folder"));
  CHECK_THROWS_MATCHES(Database::open_for_writing(path), mgr::Failure, WhatContains(path.string()));
}

TEST_CASE("make_private_folders makes every missing folder 0700 and leaves others alone",
          "[storage][file]") {
  const UmaskGuard guard(022);
  TempDir dir;
  fs::permissions(dir.path(), fs::perms(0751));
  const fs::path deep = dir.path() / "a" / "b" / "c";
  file::make_private_folders(deep);
  CHECK(mode_of(dir.path()) == 0751);
  CHECK(mode_of(dir.path() / "a") == 0700);
  CHECK(mode_of(dir.path() / "a" / "b") == 0700);
  CHECK(mode_of(deep) == 0700);
  file::make_private_folders(deep);  // already there: nothing to do
  CHECK(mode_of(deep) == 0700);
}

TEST_CASE("the creation lock is a private file that one holder at a time gets", "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  const fs::path lock_path = sibling(path, ".lock");
  SECTION("created 0600") {
    const file::CreationLock lock{path, 50};
    CHECK(lock.held());
    CHECK(lock.warning().empty());
    CHECK(mode_of(lock_path) == 0600);
  }
  SECTION("made 0600 when others could open it") {
    write_file(lock_path, "", 0666);
    const file::CreationLock lock{path, 50};
    CHECK(mode_of(lock_path) == 0600);
  }
  SECTION("a second holder waits, then gives up with a temporary failure") {
    auto first = std::make_unique<file::CreationLock>(path, 50);
    CHECK_THROWS_MATCHES(file::CreationLock(path, 50), mgr::TemporaryFailure,
                         WhatContains(lock_path.string()));
    first.reset();
    const file::CreationLock second{path, 50};
    CHECK(second.held());
  }
}

TEST_CASE("only the builds of this database are removed as interrupted", "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  for (const char* name :
       {"mgr.db.creating-Ab12Cd", "mgr.db.creating-Ab12Cd-wal", "mgr.db.creating-Ab12Cd-shm",
        "mgr.db.creating-xyz789-journal", "mgr.db.creating-short", "mgr.db.creating-Ab12Cd.txt",
        "other.db.creating-Ab12Cd", "mgr.db"})
    write_bytes(dir.path() / name, "x");
  file::remove_interrupted_builds(path);
  CHECK(listing(dir.path()) == std::set<std::string>{"mgr.db", "mgr.db.creating-short",
                                                     "mgr.db.creating-Ab12Cd.txt",
                                                     "other.db.creating-Ab12Cd"});
}

TEST_CASE("a log left beside a missing database is not taken for the new one's",
          "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  SECTION("a -wal with content") {
    write_file(sibling(path, "-wal"), std::string(4128, 'w'), 0600);
    CHECK_THROWS_MATCHES(file::check_no_stray_side_files(path), mgr::Failure,
                         WhatContains(sibling(path, "-wal").string()));
    CHECK_THROWS_AS(Database::open_for_writing(path), mgr::Failure);
    CHECK_FALSE(fs::exists(path));
  }
  SECTION("a -journal with content") {
    write_file(sibling(path, "-journal"), journal_header(2), 0600);
    CHECK_THROWS_MATCHES(file::check_no_stray_side_files(path), mgr::Failure,
                         WhatContains(sibling(path, "-journal").string()));
  }
  SECTION("empty ones are removed") {
    write_file(sibling(path, "-wal"), "", 0600);
    write_file(sibling(path, "-shm"), std::string(32768, '\0'), 0600);
    file::check_no_stray_side_files(path);
    CHECK(listing(dir.path()).empty());
  }
}

TEST_CASE("publish moves a build into place, and never over another database", "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  const fs::path build = dir.path() / "mgr.db.creating-Ab12Cd";
  write_bytes(build, "new");
  SECTION("nothing there") {
    CHECK(file::publish(build, path, false));
    CHECK(read_bytes(path) == "new");
    CHECK_FALSE(fs::exists(build));
  }
  SECTION("another mgr's database got there first") {
    write_bytes(path, "theirs");
    CHECK_FALSE(file::publish(build, path, false));
    CHECK(read_bytes(path) == "theirs");
    CHECK(read_bytes(build) == "new");
  }
  SECTION("replacing an interrupted creation") {
    write_file(path, "", 0600);
    CHECK(file::publish(build, path, true));
    CHECK(read_bytes(path) == "new");
  }
}

TEST_CASE("immutable_uri keeps every byte of the path in the name", "[storage][file]") {
  CHECK(file::immutable_uri("/data/my notes?#%/mgr.db") ==
        "file:/data/my%20notes%3F%23%25/mgr.db?mode=ro&immutable=1");
  const std::string relative = file::immutable_uri("mgr.db");
  CHECK(relative.rfind("file:/", 0) == 0);
  CHECK(relative.find("/mgr.db?mode=ro&immutable=1") != std::string::npos);
}

TEST_CASE("a new database is built aside and appears whole", "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "data" / "mgr.db";
  {
    auto db = Database::open_for_writing(path);
    CHECK(db.notices().empty());
    CHECK(db.schema_version() == mgr::storage::latest_schema_version());
  }
  // Nothing of the build is left, and the lock file stays for the next first run.
  CHECK(listing(path.parent_path()) == std::set<std::string>{"mgr.db", "mgr.db.lock"});
  CHECK(sqlite_cli(path, "PRAGMA integrity_check") == "ok");
  CHECK(sqlite_cli(path, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("an interrupted first run's empty file is read as no database and written over",
          "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  write_file(path, "", 0600);
  write_file(sibling(path, "-journal"), journal_header(0), 0600);
  CHECK_FALSE(Database::open_read_only(path).has_value());
  CHECK(read_bytes(path).empty());
  CHECK(fs::exists(sibling(path, "-journal")));

  auto db = Database::open_for_writing(path);
  REQUIRE(db.notices().size() == 1);
  CHECK_THAT(db.notices()[0], Catch::Contains("interrupted first run"));
  Store store{db};
  db.write([&] { store.add_person(make_person("alice"), instant("2026-11-26T10:00:00Z")); });
  CHECK_FALSE(fs::exists(sibling(path, "-journal")));
  CHECK(mode_of(path) == 0600);
  CHECK(sqlite_cli(path, "SELECT handle FROM people") == "alice");
}

TEST_CASE("a write into a small damaged database fails and writes nothing", "[storage][file]") {
  TempDir dir;
  const fs::path path = dir.path() / "mgr.db";
  {
    auto db = Database::open_for_writing(path);
    Store store{db};
    db.write([&] {
      for (int i = 0; i < 40; ++i) {
        store.add_person(make_person("p" + std::to_string(i)), instant("2026-11-26T10:00:00Z"));
      }
    });
  }
  // Garbles the first leaf page of `people`: not where a new entry goes.
  const std::string leaf = sqlite_cli(
      path, "SELECT pageno FROM dbstat WHERE name = 'people' AND pagetype = 'leaf' LIMIT 1");
  REQUIRE_FALSE(leaf.empty());
  const long page = std::stol(leaf);
  {
    std::fstream damage(path, std::ios::in | std::ios::out | std::ios::binary);
    damage.seekp((page - 1) * 4096);
    damage << std::string(4096, '\xa5');
  }
  const std::string before = read_bytes(path);
  auto db = Database::open_for_writing(path);
  Store store{db};
  CHECK_THROWS_MATCHES(db.write([&] {
    store.record_entry(make_entry(mgr::domain::EntryKind::note, "2026-11-26", "x"), {});
  }),
                       mgr::Failure, WhatContains("'" + path.string() + "' is damaged"));
  CHECK(read_bytes(path) == before);
}

TEST_CASE("a database reached through a symbolic link is created and replaced at its target",
          "[storage][file]") {
  TempDir dir;
  const fs::path elsewhere = dir.path() / "synced";
  fs::create_directory(elsewhere);
  const fs::path link = dir.path() / "mgr.db";
  fs::create_symlink("synced/mgr.db", link);
  SECTION("made before the first run") {
    auto db = Database::open_for_writing(link);
    CHECK(db.path() == dir.path() / "synced" / "mgr.db");
  }
  SECTION("to what an interrupted first run left") {
    write_file(elsewhere / "mgr.db", "", 0600);
    auto db = Database::open_for_writing(link);
    CHECK(db.notices().size() == 1);
  }
  CHECK(fs::is_symlink(link));
  CHECK(listing(elsewhere) == std::set<std::string>{"mgr.db", "mgr.db.lock"});
  CHECK(sqlite_cli(link, "PRAGMA integrity_check") == "ok");
  CHECK(Database::open_read_only(link).has_value());
}

TEST_CASE("a loop of symbolic links is refused by name", "[storage][file]") {
  TempDir dir;
  fs::create_symlink("b.db", dir.path() / "a.db");
  fs::create_symlink("a.db", dir.path() / "b.db");
  CHECK_THROWS_MATCHES(Database::open_for_writing(dir.path() / "a.db"), mgr::Failure,
                       WhatContains("loop"));
}
