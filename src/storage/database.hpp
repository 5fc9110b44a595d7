#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace SQLite {
class Database;
}

namespace mgr::storage {

// mgr's stamp in the SQLite header ('MGR1'), set by the first migration.
inline constexpr int k_application_id = 0x4D475231;

// One open mgr database. Every query runs inside read() or write(): write() is one
// BEGIN IMMEDIATE ... COMMIT, so a failing command leaves the file exactly as it was; read() is
// one snapshot, so a command sees one consistent state. Both turn SQLite's errors (and stored
// values that do not decode) into mgr's typed errors naming the file.
class Database {
 public:
  // Opens and migrates; when the file is missing, first creates it whole (the folders 0700, the
  // file 0600), or in place of the empty file an interrupted first run left. Refuses a file it
  // cannot read or write, and a foreign, empty, damaged or newer database, naming the path.
  static Database open_for_writing(const std::filesystem::path& path);
  // Opens an existing database for reading; nothing when there is none (or only what an
  // interrupted first run left). Never creates. Refuses a foreign, empty, or newer database;
  // an older schema is migrated first (which briefly takes the write lock). In a folder it may
  // not write, reads the file without the -shm file SQLite would create.
  static std::optional<Database> open_read_only(const std::filesystem::path& path);
  // Opens an existing database read-only exactly as it is: never migrates, and accepts any schema
  // version, for `mgr backup` (which copies the file as it is) and `mgr doctor` (which reports a
  // pending migration or a newer schema instead of acting on it). Nothing when the file does not
  // exist; refuses an empty or foreign file like the other two.
  static std::optional<Database> open_unchanged(const std::filesystem::path& path);

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const std::filesystem::path& path() const { return m_path; }
  int schema_version() const;
  // One-line notices from migrating this database just now (e.g. renumbered ids), for the user.
  const std::vector<std::string>& notices() const { return m_notices; }

  // Runs `work` in one IMMEDIATE transaction and returns its value; commits if it returns,
  // rolls back if it throws. On a database of up to 256 KiB, the whole file passes SQLite's
  // quick_check before the commit, or nothing is written (Failure naming the file).
  template <typename Work>
  auto write(Work&& work) {
    return run(true, std::forward<Work>(work));
  }
  // Runs `work` in one read transaction and returns its value.
  template <typename Work>
  auto read(Work&& work) {
    return run(false, std::forward<Work>(work));
  }

  // For storage code only: the SQLiteCpp handle.
  SQLite::Database& handle() { return *m_db; }

 private:
  Database(std::filesystem::path path, std::unique_ptr<SQLite::Database> db);
  static std::vector<std::string> create(const std::filesystem::path& path);
  void migrate();
  void check_integrity();
  void transact(bool write, const std::function<void()>& work);

  template <typename Work>
  auto run(bool write, Work&& work) {
    using Result = std::invoke_result_t<Work&>;
    if constexpr (std::is_void_v<Result>) {
      transact(write, work);
    } else {
      std::optional<Result> result;
      transact(write, [&] { result.emplace(work()); });
      return std::move(*result);
    }
  }

  std::filesystem::path m_path;
  std::unique_ptr<SQLite::Database> m_db;
  std::vector<std::string> m_notices;
};

}  // namespace mgr::storage
