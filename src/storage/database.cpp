#include "storage/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <system_error>

#include "domain/errors.hpp"
#include "storage/database_file.hpp"
#include "storage/decode.hpp"
#include "storage/migrations.hpp"

namespace mgr::storage {

namespace fs = std::filesystem;

namespace {

namespace file = database_file;

// Long enough that a cron `mgr remind` and an interactive `mgr log` simply queue.
constexpr int k_busy_timeout_ms = 10000;

// Every write checks the whole file (PRAGMA quick_check) before it commits while the file is
// small: up to this size (the first weeks of notes) the check costs less than the process
// start does. It reads every page, so on a larger file it would cost many times the write
// itself (about 30 ms at 4 MB) and make a write slower on a small database than on a large
// one. Beyond it, a write relies on SQLite's own checks of every page it touches (made stricter
// by cell_size_check) and `mgr doctor` checks the rest.
constexpr std::int64_t k_checked_write_max_bytes = std::int64_t{256} << 10;

// mgr runs on one thread and each connection stays on it, so SQLite's locking of the
// connection around every call (a mutex per column read) buys nothing: it is left out.
std::unique_ptr<SQLite::Database> connect(const std::string& where, int flags) {
  return std::make_unique<SQLite::Database>(where, flags | SQLite::OPEN_NOMUTEX);
}

void configure_connection(SQLite::Database& db) {
  db.setBusyTimeout(k_busy_timeout_ms);
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = FULL");
  // Sorts and temporary tables stay in memory: SQLite would otherwise spill them, note text
  // and all, into unlinked files in /var/tmp that outlive nothing but are readable while open.
  db.exec("PRAGMA temp_store = MEMORY");
  // Checks each page's cells as it is read, so that damage on a page a command touches stops
  // the command instead of being built upon.
  db.exec("PRAGMA cell_size_check = ON");
}

int pragma_int(SQLite::Database& db, const char* pragma) {
  return db.execAndGet(std::string("PRAGMA ") + pragma).getInt();
}

// An existing file must be ours: stamped with our application id, or (while being created by a
// concurrent mgr) completely empty of tables.
void check_is_mgr_database(SQLite::Database& db, const fs::path& path) {
  const int application_id = pragma_int(db, "application_id");
  const int tables = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
  if (application_id == k_application_id) return;
  if (application_id == 0 && tables == 0) return;
  throw Failure("'" + path.string() + "' is an SQLite database but not an mgr database",
                "point --db/MGR_DB at an mgr database; mgr leaves this file untouched");
}

void check_not_newer(SQLite::Database& db, const fs::path& path) {
  const int version = pragma_int(db, "user_version");
  if (version > latest_schema_version())
    throw Failure("database '" + path.string() + "' has schema version " + std::to_string(version) +
                      " but this mgr only knows up to version " +
                      std::to_string(latest_schema_version()),
                  "upgrade mgr to use this database");
}

void make_private_files(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const fs::path file = path.string() + suffix;
    if (fs::exists(file)) ::chmod(file.c_str(), 0600);
  }
}

// `mgr doctor` names what is wrong (a damaged page, a value it cannot read) and what to do.
const char* k_doctor_hint =
    "run `mgr doctor` to check the whole file; if it is damaged, restore a backup (README: "
    "Backup and restore)";

// What SQLite's message ("disk I/O error") leaves out: which step failed, and what the
// operating system said ("No space left on device"); empty when there is nothing to add.
std::string io_detail(sqlite3* handle, const SQLite::Exception& sql) {
  const int code = sql.getErrorCode() & 0xff;
  if (code != SQLITE_IOERR && code != SQLITE_FULL && code != SQLITE_CANTOPEN &&
      code != SQLITE_READONLY && code != SQLITE_PERM)
    return {};
  std::string detail;
  const int extended = sql.getExtendedErrorCode();
  if (extended == SQLITE_IOERR_FSYNC || extended == SQLITE_IOERR_DIR_FSYNC)
    detail = "flushing to disk failed";
  const int error = handle != nullptr ? sqlite3_system_errno(handle) : 0;
  if (error != 0)
    detail +=
        (detail.empty() ? "" : ": ") + std::error_code(error, std::generic_category()).message();
  return detail.empty() ? detail : " (" + detail + ")";
}

// Maps what can go wrong inside SQLite (or in decoding what it returned) to mgr's typed errors
// naming the file: busy -> TemporaryFailure (75), everything else -> Failure (1). mgr's own
// errors pass through with their dynamic type. `handle`, when there is one, adds what the
// operating system said.
[[noreturn]] void rethrow_as_mgr_error(const fs::path& path, sqlite3* handle = nullptr) {
  try {
    throw;
  } catch (const Error&) {
    throw;
  } catch (const DamagedValue& damaged) {
    throw Failure(
        "database '" + path.string() + "' holds a value mgr cannot read: " + damaged.what(),
        k_doctor_hint);
  } catch (const SQLite::Exception& sql) {
    const int code = sql.getErrorCode() & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
      throw TemporaryFailure("database '" + path.string() + "' is busy: " + sql.what(),
                             "another mgr is writing; try again in a moment");
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
      throw Failure("database '" + path.string() + "' is damaged: " + sql.what(), k_doctor_hint);
    throw Failure("cannot use database '" + path.string() + "': " + sql.what() +
                  io_detail(handle, sql));
  } catch (const std::exception& other) {
    throw Failure("database '" + path.string() + "': " + other.what());
  }
}

// The same while building a new database: everything reads "cannot create database".
[[noreturn]] void rethrow_as_creation_error(const fs::path& path) {
  try {
    throw;
  } catch (const SQLite::Exception& sql) {
    throw Failure("cannot create database '" + path.string() + "': " + sql.what());
  } catch (const Error& error) {
    throw Failure("cannot create database '" + path.string() + "': " + error.what(), error.hint());
  } catch (const std::exception& other) {
    throw Failure("cannot create database '" + path.string() + "': " + other.what());
  }
}

}  // namespace

Database::Database(fs::path path, std::unique_ptr<SQLite::Database> db)
    : m_path(std::move(path)), m_db(std::move(db)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::open_for_writing(const fs::path& given) {
  const fs::path path = file::resolve_links(given);
  std::vector<std::string> notices;
  if (file::inspect(path) != file::Found::file) notices = create(path);
  file::check_is_sqlite_file(path);
  file::check_writable(path);
  std::unique_ptr<SQLite::Database> db;
  try {
    // Never OPEN_CREATE: a database appears only whole, from create().
    db = connect(path.string(), SQLite::OPEN_READWRITE);
    configure_connection(*db);
    check_is_mgr_database(*db, path);
    check_not_newer(*db, path);
    // A -shm left by reading the file while it was read-only is read-only too, and SQLite has
    // opened it so: made private (and writable) as every file of ours, then opened again.
    if (file::exists(path.string() + "-shm") &&
        ::access((path.string() + "-shm").c_str(), W_OK) != 0) {
      db.reset();
      make_private_files(path);
      db = connect(path.string(), SQLite::OPEN_READWRITE);
      configure_connection(*db);
    }
    Database database{path, std::move(db)};
    database.m_notices = std::move(notices);
    // Only an empty file from an older mgr's interrupted first run is at version 0 here. The
    // journal mode cannot change inside a transaction; it is stored in the file.
    if (database.schema_version() == 0) database.m_db->exec("PRAGMA journal_mode = WAL");
    database.migrate();
    make_private_files(path);
    return database;
  } catch (...) {
    rethrow_as_mgr_error(path, db ? db->getHandle() : nullptr);
  }
}

// A new database is built beside its final name and renamed into place once complete and on
// disk, so that whatever interrupts a first run (kill -9, a full disk, a power cut) leaves
// either no database or a whole one: never a file the next command has to refuse.
std::vector<std::string> Database::create(const fs::path& path) {
  file::make_private_folders(path.parent_path());
  const file::CreationLock lock{path, k_busy_timeout_ms};
  std::vector<std::string> notices;
  if (!lock.warning().empty()) notices.push_back(lock.warning());
  // Looked at again under the lock: another mgr may have created it meanwhile.
  const auto found = file::inspect(path);
  if (found == file::Found::file) return notices;
  const bool replace = found == file::Found::interrupted_creation;
  // Without the lock, another mgr could be replacing the same empty file right now.
  if (replace && !lock.held()) file::check_is_sqlite_file(path);
  if (lock.held()) file::remove_interrupted_builds(path);
  if (!replace) file::check_no_stray_side_files(path);

  std::string build = file::creating_pattern(path);
  const int fd = ::mkostemp(build.data(), O_CLOEXEC);
  if (fd < 0)
    throw Failure("cannot create database '" + path.string() +
                  "': " + std::error_code(errno, std::generic_category()).message());
  ::close(fd);
  // Removes the build on every way out; once published, only its side files have its name.
  struct RemoveBuild {
    fs::path build;
    ~RemoveBuild() { file::remove_build(build); }
  } cleanup{build};
  try {
    {
      Database building{build, connect(build, SQLite::OPEN_READWRITE)};
      try {
        configure_connection(*building.m_db);
        // Nothing in a file that is thrown away on any failure needs a journal to undo it, nor
        // a flush before the one at the end: each page is written once, straight into the file.
        building.m_db->exec("PRAGMA journal_mode = OFF");
        building.m_db->exec("PRAGMA synchronous = OFF");
        building.migrate();
        building.m_db->exec("PRAGMA journal_mode = WAL");
      } catch (const SQLite::Exception& sql) {
        throw Failure(sql.what() + io_detail(building.m_db->getHandle(), sql));
      }
    }
    // Closing the only connection has removed the (empty) -wal.
    if (file::has_wal_content(build))
      throw Failure("its write-ahead log could not be moved into the file");
    file::sync_file(build);
  } catch (...) {
    rethrow_as_creation_error(path);
  }
  if (replace) {
    file::remove_empty_side_files(path);
    notices.push_back("'" + path.string() +
                      "' was an empty file left by an interrupted first run; created the "
                      "database in its place");
  }
  // When another mgr's database got there first (possible only without the lock), that one is
  // used and this build removed.
  file::publish(build, path, replace);
  return notices;
}

std::optional<Database> Database::open_read_only(const fs::path& given) {
  const fs::path path = file::resolve_links(given);
  // An interrupted first run holds nothing to read: as if there were no database yet.
  if (file::inspect(path) != file::Found::file) return std::nullopt;
  file::check_is_sqlite_file(path);
  try {
    std::unique_ptr<SQLite::Database> db;
    if (file::folder_is_writable(path) || file::exists(path.string() + "-shm")) {
      db = connect(path.string(), SQLite::OPEN_READONLY);
    } else if (!file::has_wal_content(path)) {
      // Reading WAL needs a -shm file that cannot be created in this folder; with nothing in
      // the -wal, the file alone is the whole database and is read without locks. Nobody can
      // write it meanwhile: a writer could not create the -wal either.
      db = connect(file::immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    } else {
      throw Failure("cannot read database '" + path.string() + "': its write-ahead log '" +
                        path.string() + "-wal' holds changes not yet in the file, and its " +
                        "folder is not writable, so SQLite cannot open the log",
                    "make the folder writable for a moment, or copy the database with its "
                    "-wal file to a writable folder and read the copy with --db");
    }
    configure_connection(*db);
    // A read walks each page it needs about once, in index order, so a page cache of a quarter
    // of SQLite's default costs no time (measured with hyperfine on every daily command at 1M
    // entries), and 1.5 MiB less memory for a command that reads a long window (review,
    // progress, reflect --history at a million entries).
    db->exec("PRAGMA cache_size = -512");
    check_is_mgr_database(*db, path);
    check_not_newer(*db, path);
    Database database{path, std::move(db)};
    if (database.schema_version() == latest_schema_version()) return database;
  } catch (...) {
    rethrow_as_mgr_error(path);
  }
  // The first command after an upgrade of mgr may well be a read: migrate, then read.
  auto notices = open_for_writing(path).notices();
  auto database = open_read_only(path);
  if (database) database->m_notices = std::move(notices);
  return database;
}

std::optional<Database> Database::open_unchanged(const fs::path& path) {
  if (!fs::exists(path)) return std::nullopt;
  // A first run publishes the file whole (by rename), so there is nothing to wait for here.
  file::check_is_sqlite_file(path);
  try {
    auto db = connect(path.string(), SQLite::OPEN_READONLY);
    db->setBusyTimeout(k_busy_timeout_ms);
    check_is_mgr_database(*db, path);
    return Database{path, std::move(db)};
  } catch (...) {
    rethrow_as_mgr_error(path);
  }
}

int Database::schema_version() const {
  return pragma_int(*m_db, "user_version");
}

void Database::transact(bool write, const std::function<void()>& work) {
  // A read is read-only even on a connection opened for writing: a write slipped into read()
  // fails instead of being committed.
  struct QueryOnly {
    SQLite::Database& db;
    bool on;
    QueryOnly(SQLite::Database& database, bool enable) : db(database), on(enable) {
      if (on) db.exec("PRAGMA query_only = 1");
    }
    ~QueryOnly() {
      if (on) db.tryExec("PRAGMA query_only = 0");
    }
    QueryOnly(const QueryOnly&) = delete;
    QueryOnly& operator=(const QueryOnly&) = delete;
  };
  try {
    const QueryOnly guard{*m_db, !write};
    SQLite::Transaction transaction(*m_db, write ? SQLite::TransactionBehavior::IMMEDIATE
                                                 : SQLite::TransactionBehavior::DEFERRED);
    work();
    if (write) check_integrity();
    transaction.commit();
  } catch (...) {
    rethrow_as_mgr_error(m_path, m_db->getHandle());
  }
}

void Database::check_integrity() {
  const std::int64_t size = m_db->execAndGet("PRAGMA page_count").getInt64() *
                            m_db->execAndGet("PRAGMA page_size").getInt64();
  if (size > k_checked_write_max_bytes) return;
  const std::string verdict = m_db->execAndGet("PRAGMA quick_check(1)").getString();
  if (verdict == "ok") return;
  // The first problem, without SQLite's "*** in database main ***" heading line.
  std::string problem;
  std::istringstream lines{verdict};
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("***", 0) != 0) problem += (problem.empty() ? "" : "; ") + line;
  throw Failure(
      "database '" + m_path.string() + "' is damaged (" + problem + "); nothing was written",
      k_doctor_hint);
}

void Database::migrate() {
  // Cheap when up to date: one PRAGMA read, so start-up cost does not grow with the data.
  if (schema_version() >= latest_schema_version()) return;
  // Migration 0002 gives talking points and actions new ids; say so where there were any.
  if (schema_version() == 1 &&
      m_db->execAndGet("SELECT (SELECT count(*) FROM topics) + (SELECT count(*) FROM actions)")
              .getInt() > 0)
    m_notices.emplace_back(
        "talking points and action items were renumbered after the log entries, so that every "
        "id names one thing; see `mgr topic list --all` and `mgr action list --all`");
  // Each migration in its own transaction; the version is re-read under the write lock in case
  // another mgr migrated first.
  for (const auto& migration : migrations()) {
    SQLite::Transaction transaction(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    if (schema_version() >= migration.version) continue;
    m_db->exec(migration.sql);
    m_db->exec("PRAGMA user_version = " + std::to_string(migration.version));
    transaction.commit();
  }
  // Moves the new schema from the -wal into the database file itself, so the file on disk is
  // a complete database from the start.
  m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace mgr::storage
