#include "storage/backup.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <fstream>
#include <system_error>
#include <thread>

#include "domain/errors.hpp"
#include "util/pending_file.hpp"

namespace mgr::storage {

namespace fs = std::filesystem;

namespace {

// As long as a writer may hold the database: see the busy timeout in database.cpp.
constexpr auto k_give_up_after = std::chrono::seconds(10);

// The application id in an SQLite header: four big-endian bytes at offset 68.
bool is_mgr_file_or_empty(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 72> header{};
  in.read(header.data(), header.size());
  if (in.gcount() == 0) return true;
  if (!in) return false;
  static constexpr char k_magic[] = "SQLite format 3";
  if (std::string(header.data(), 15) != k_magic || header[15] != '\0') return false;
  std::uint32_t application_id = 0;
  for (int i = 68; i < 72; ++i)
    application_id = (application_id << 8) | static_cast<unsigned char>(header[i]);
  return application_id == static_cast<std::uint32_t>(k_application_id);
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

void check_destination(const fs::path& database, const fs::path& destination) {
  std::error_code ec;
  const auto status = fs::status(destination, ec);
  if (!fs::exists(status)) return;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (same_file(destination, database.string() + suffix))
      throw UsageError("'" + destination.string() + "' is the database itself",
                       "back up to another file or folder");
  }
  if (!fs::is_regular_file(status))
    throw UsageError("'" + destination.string() + "' is not a regular file",
                     "name a new file or a folder");
  if (!is_mgr_file_or_empty(destination))
    throw UsageError("'" + destination.string() + "' exists and is not an mgr database",
                     "mgr only replaces an earlier backup; name a new file or a folder");
  // Frames in a -wal beside it belong to the old file and would be replayed onto the new one.
  const fs::path wal = destination.string() + "-wal";
  if (fs::exists(wal, ec) && fs::file_size(wal, ec) > 0)
    throw UsageError("'" + destination.string() +
                         "' is open in another program, or was not "
                         "closed cleanly ('" +
                         wal.string() + "' holds changes)",
                     "close it first, or name a new file");
}

}  // namespace

fs::path default_backup_folder(const fs::path& database) {
  return database.parent_path() / "backups";
}

std::string backup_file_name(date::local_seconds when, int copy_number) {
  std::string name = "mgr-backup-" + date::format("%Y%m%d-%H%M%S", when);
  if (copy_number > 1) name += "-" + std::to_string(copy_number);
  return name + ".db";
}

BackupCopy backup_database(Database& source, const fs::path& destination) {
  check_destination(source.path(), destination);
  const std::string what =
      "cannot back up '" + source.path().string() + "' to '" + destination.string() + "'";
  try {
    util::remove_abandoned_partials(destination.parent_path());
    util::PendingFile pending{destination};
    {
      // The copy needs no journal of its own: until commit() it is only a temporary file.
      SQLite::Database copy{pending.path().string(), SQLite::OPEN_READWRITE};
      copy.exec("PRAGMA journal_mode = OFF");
      SQLite::Backup backup{copy, source.handle()};
      const auto give_up = std::chrono::steady_clock::now() + k_give_up_after;
      // One step of every page: the whole copy under one read lock, so one snapshot.
      while (backup.executeStep(-1) != SQLITE_DONE) {
        if (std::chrono::steady_clock::now() > give_up)
          throw TemporaryFailure("database '" + source.path().string() + "' stayed busy",
                                 "another program holds it; try again in a moment");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    pending.commit();
  } catch (const Error&) {
    throw;
  } catch (const SQLite::Exception& sql) {
    const int code = sql.getErrorCode() & 0xff;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
      throw Failure(what + ": the database is damaged: " + sql.what(),
                    "run `mgr doctor` to see what is wrong; an earlier backup may be intact");
    throw Failure(what + ": " + sql.what());
  } catch (const std::exception& other) {
    throw Failure(what + ": " + other.what());
  }
  std::error_code ec;
  return {destination, fs::file_size(destination, ec)};
}

}  // namespace mgr::storage
