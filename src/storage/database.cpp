#include "storage/database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <fstream>
#include <thread>

#include "domain/errors.hpp"
#include "storage/decode.hpp"
#include "storage/migrations.hpp"

namespace mgr::storage {

namespace fs = std::filesystem;

namespace {

// Long enough that a cron `mgr remind` and an interactive `mgr log` simply queue.
constexpr int k_busy_timeout_ms = 10000;

void check_is_sqlite_file(const fs::path& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) throw Failure("cannot read database '" + path.string() + "': " + ec.message());
  // A new database's content can still be all in its -wal file; only then is 0 bytes fine.
  const auto wal_size = fs::file_size(path.string() + "-wal", ec);
  if (size == 0 && !ec && wal_size > 0) return;
  if (size == 0)
    throw Failure(
        "database '" + path.string() + "' is an empty file, not an mgr database",
        "move it aside or point --db/MGR_DB at the right file; mgr will not overwrite it");
  std::ifstream in(path, std::ios::binary);
  std::array<char, 16> header{};
  in.read(header.data(), header.size());
  static constexpr char k_magic[] = "SQLite format 3";  // followed by a NUL, as the header is
  if (!in || std::string(header.data(), 15) != k_magic || header[15] != '\0')
    throw Failure("'" + path.string() + "' is not an SQLite database",
                  "point --db/MGR_DB at an mgr database; mgr will not overwrite this file");
}

void configure_connection(SQLite::Database& db) {
  db.setBusyTimeout(k_busy_timeout_ms);
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA synchronous = FULL");
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

// Opening must not race another mgr creating or migrating the same database: between SQLite
// creating the file and writing its header, another process would see an empty file and
// rightly refuse it. So opening (never the later transactions) holds a lock on the folder:
// exclusive to create or migrate, shared to read. It is held for milliseconds.
class FolderLock {
 public:
  FolderLock(const fs::path& folder, bool exclusive) {
    const fs::path dir = folder.empty() ? fs::path(".") : folder;
    m_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_fd < 0) return;  // e.g. an unreadable folder: SQLite's own locking still applies
    const auto give_up =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(k_busy_timeout_ms);
    while (::flock(m_fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0) {
      if (std::chrono::steady_clock::now() > give_up)
        throw TemporaryFailure("folder '" + dir.string() + "' stayed locked by another mgr",
                               "try again in a moment");
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;
  ~FolderLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing the descriptor releases the lock
  }

 private:
  int m_fd = -1;
};

void make_private_folder(const fs::path& folder) {
  if (folder.empty() || fs::exists(folder)) return;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw Failure("cannot create folder '" + folder.string() + "': " + ec.message());
  ::chmod(folder.c_str(), 0700);
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

// Maps what can go wrong inside SQLite (or in decoding what it returned) to mgr's typed errors
// naming the file: busy -> TemporaryFailure (75), everything else -> Failure (1). mgr's own
// errors pass through with their dynamic type.
[[noreturn]] void rethrow_as_mgr_error(const fs::path& path) {
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
    throw Failure("cannot use database '" + path.string() + "': " + sql.what());
  } catch (const std::exception& other) {
    throw Failure("database '" + path.string() + "': " + other.what());
  }
}

}  // namespace

Database::Database(fs::path path, std::unique_ptr<SQLite::Database> db)
    : m_path(std::move(path)), m_db(std::move(db)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Database Database::open_for_writing(const fs::path& path) {
  make_private_folder(path.parent_path());
  FolderLock lock{path.parent_path(), true};
  if (fs::exists(path)) check_is_sqlite_file(path);
  try {
    auto db = std::make_unique<SQLite::Database>(path.string(),
                                                 SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    configure_connection(*db);
    check_is_mgr_database(*db, path);
    check_not_newer(*db, path);
    Database database{path, std::move(db)};
    database.migrate();
    make_private_files(path);
    return database;
  } catch (...) {
    rethrow_as_mgr_error(path);
  }
}

std::optional<Database> Database::open_read_only(const fs::path& path) {
  if (!fs::exists(path)) return std::nullopt;
  std::vector<std::string> notices;
  {
    FolderLock lock{path.parent_path(), false};
    check_is_sqlite_file(path);
    try {
      auto db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READONLY);
      db->setBusyTimeout(k_busy_timeout_ms);
      check_is_mgr_database(*db, path);
      check_not_newer(*db, path);
      Database database{path, std::move(db)};
      if (database.schema_version() == latest_schema_version()) return database;
    } catch (...) {
      rethrow_as_mgr_error(path);
    }
  }
  // The first command after an upgrade of mgr may well be a read: migrate, then read.
  notices = open_for_writing(path).notices();
  auto database = open_read_only(path);
  if (database) database->m_notices = std::move(notices);
  return database;
}

std::optional<Database> Database::open_unchanged(const fs::path& path) {
  if (!fs::exists(path)) return std::nullopt;
  FolderLock lock{path.parent_path(), false};
  check_is_sqlite_file(path);
  try {
    auto db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READONLY);
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
    transaction.commit();
  } catch (...) {
    rethrow_as_mgr_error(m_path);
  }
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
  // The journal mode cannot change inside a transaction; it is stored in the file, so a new
  // database needs it once.
  if (schema_version() == 0) m_db->exec("PRAGMA journal_mode = WAL");
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
