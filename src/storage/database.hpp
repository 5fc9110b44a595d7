#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace SQLite {
class Database;
}

namespace mgr::storage {

// mgr's stamp in the SQLite header ('MGR1'), set by the first migration.
inline constexpr int k_application_id = 0x4D475231;

// One open mgr database. Every write goes through write(), which runs the callback inside
// BEGIN IMMEDIATE ... COMMIT, so a failing command leaves the file exactly as it was.
class Database {
 public:
  // Opens (creating the folder 0700 and the file 0600 when missing) and migrates.
  static Database open_for_writing(const std::filesystem::path& path);
  // Opens an existing database read-only; nothing when the file does not exist. Never writes,
  // never creates. Refuses a foreign, empty, or newer database.
  static std::optional<Database> open_read_only(const std::filesystem::path& path);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const std::filesystem::path& path() const { return m_path; }
  int schema_version() const;

  // Runs `work` in one IMMEDIATE transaction; commits if it returns, rolls back if it throws.
  void write(const std::function<void()>& work);

  // For storage code only: the SQLiteCpp handle.
  SQLite::Database& handle() { return *m_db; }

 private:
  Database(std::filesystem::path path, std::unique_ptr<SQLite::Database> db);
  void migrate();

  std::filesystem::path m_path;
  std::unique_ptr<SQLite::Database> m_db;
};

// Maps SQLite failures to mgr's typed errors (busy -> TemporaryFailure, others -> Failure),
// naming the database path.
[[noreturn]] void rethrow_sqlite_error(const std::exception& error,
                                       const std::filesystem::path& path);

}  // namespace mgr::storage
