#pragma once
// Storage-internal: the database as a file in a folder, before and around SQLite. What sits at
// the path, whether it may be read or written, the private folders, the lock that makes
// creating a database a one-process affair, and moving a finished database into place.
#include <filesystem>
#include <optional>
#include <string>

namespace mgr::storage::database_file {

namespace fs = std::filesystem;

// The file a database path names: `database` itself, or where its symbolic links lead (so that
// a database linked into another folder is created, locked and checked there, and a link is
// never replaced by a file). Throws Failure on a loop of links.
fs::path resolve_links(const fs::path& database);

// What was found at a database path.
enum class Found {
  nothing,
  // A 0-byte file left by a first run that was interrupted before this version of mgr built
  // databases aside: private to the user as mgr makes it, with no -wal or -journal beside it
  // that could hold data. It holds nothing, so replacing it loses nothing.
  interrupted_creation,
  file,
};
// Throws Failure naming the path when it cannot be looked at (e.g. a folder on the way is not
// searchable) or is not a regular file.
Found inspect(const fs::path& database);

// Throws Failure unless `database` can be opened for reading and starts with the SQLite
// header: the permission error when it cannot be read, "empty" or "not an SQLite database"
// otherwise. A 0-byte file whose content is all in its -wal is accepted.
void check_is_sqlite_file(const fs::path& database);

// Throws Failure naming the file or folder when a write could not succeed: the database file
// is read-only to this user, or its folder (where SQLite keeps -wal and -shm) is not writable.
void check_writable(const fs::path& database);

bool folder_is_writable(const fs::path& database);
// The -wal file exists and holds something.
bool has_wal_content(const fs::path& database);
bool exists(const fs::path& file);

// Creates the missing folders on the way to `folder`, each 0700 whatever the umask, and flushes
// each new folder's parent so that the folder survives a crash.
void make_private_folders(const fs::path& folder);

// An SQLite URI that opens `database` read-only without locking or reading its -wal: for a
// database in a folder where the -shm file cannot be created, when its -wal holds nothing.
std::string immutable_uri(const fs::path& database);

// Held while a new database is built and moved into place, so that of two first commands at
// once, one builds the database and the other then finds it, and never replaces it (with
// whatever the first one already wrote into it). The lock is `<database>.lock`, a 0600 file of
// the user's (not the folder itself, which anyone may hold a lock on when they can read it).
class CreationLock {
 public:
  // Waits up to `timeout_ms` for another mgr creating the same database, then throws
  // TemporaryFailure. Where the file system has no locks (ENOLCK), goes on without one.
  CreationLock(const fs::path& database, int timeout_ms);
  CreationLock(const CreationLock&) = delete;
  CreationLock& operator=(const CreationLock&) = delete;
  ~CreationLock();

  bool held() const { return m_fd >= 0; }
  // Why there is no lock, for the user; empty when held.
  const std::string& warning() const { return m_warning; }

 private:
  int m_fd = -1;
  std::string m_warning;
};

// Names of the databases being built beside `database`: `<name>.creating-XXXXXX`.
std::string creating_pattern(const fs::path& database);
// Removes what interrupted builds left beside `database` (the build file and its -journal,
// -wal, -shm). Only safe while holding the CreationLock.
void remove_interrupted_builds(const fs::path& database);
// Throws Failure when a -wal or -journal with content sits beside a missing database: it
// belongs to a database that was moved or deleted, and SQLite would apply it to the new one.
// Empty ones (and a -shm) are removed.
void check_no_stray_side_files(const fs::path& database);
// Removes the side files of an interrupted creation (which inspect() found to hold nothing),
// so that SQLite does not take them for the new database's own.
void remove_empty_side_files(const fs::path& database);
// Removes a build and its side files; never throws.
void remove_build(const fs::path& build) noexcept;

// Flushes `file` to disk.
void sync_file(const fs::path& file);
// Moves the finished database `build` to `database`, then flushes the folder. Fails when
// `database` appeared meanwhile unless `replace` (an interrupted creation, under the lock).
// Returns false (leaving `build` in place) when another mgr's database got there first.
bool publish(const fs::path& build, const fs::path& database, bool replace);

}  // namespace mgr::storage::database_file
