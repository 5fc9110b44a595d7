#pragma once
#include <date/date.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "storage/database.hpp"

namespace mgr::storage {

// `backups` beside the database: where `mgr backup` writes when given no destination, and where
// other commands look for the copies that exist.
std::filesystem::path default_backup_folder(const std::filesystem::path& database);

// mgr-backup-20261127-083000.db for a backup at that local time; the second one within the same
// second is mgr-backup-20261127-083000-2.db, and so on.
std::string backup_file_name(date::local_seconds when, int copy_number = 1);

struct BackupCopy {
  std::filesystem::path file;
  std::uintmax_t bytes = 0;
};

// Copies `source` to `destination` (a file in an existing folder) with SQLite's online backup
// API, in one step: one read transaction, so the copy is one consistent snapshot even while
// other mgr processes go on writing (in WAL mode a reader does not hold up writers). The copy
// appears at `destination` complete or not at all, mode 0600 (util::PendingFile); a pending copy
// that a killed backup left in that folder is removed first. Replaces an earlier backup, but
// refuses (UsageError naming it) the database itself, a file that is not an mgr database, and
// one whose -wal holds changes (open elsewhere, or not closed cleanly).
BackupCopy backup_database(Database& source, const std::filesystem::path& destination);

}  // namespace mgr::storage
