#include "storage/database_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>  // renameat2
#include <string_view>
#include <system_error>
#include <thread>

#include "domain/errors.hpp"

namespace mgr::storage::database_file {

namespace {

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

std::string error_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

fs::path with_suffix(const fs::path& path, const char* suffix) {
  return fs::path{path.string() + suffix};
}

fs::path folder_of(const fs::path& path) {
  return path.parent_path().empty() ? fs::path(".") : path.parent_path();
}

// Closes a descriptor on every path out of a scope.
class Descriptor {
 public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  int get() const { return m_fd; }

 private:
  int m_fd;
};

// The size of `file`, or nothing when it does not exist. Throws Failure on any other error.
std::optional<std::uint64_t> size_if_present(const fs::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) == 0) return static_cast<std::uint64_t>(info.st_size);
  if (errno == ENOENT) return std::nullopt;
  throw Failure("cannot look at " + quoted(file) + ": " + error_text(errno));
}

// Reads up to `bytes.size()` bytes from the start of `file`; the count read. Throws Failure
// naming the file when it cannot be opened or read (e.g. "Permission denied").
std::size_t read_start(const fs::path& file, std::string_view what, char* bytes,
                       std::size_t count) {
  const Descriptor fd{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  if (fd.get() < 0)
    throw Failure(
        "cannot read " + std::string(what) + " " + quoted(file) + ": " + error_text(errno),
        "mgr keeps it readable and writable by you only (mode 0600); check its owner "
        "and mode");
  std::size_t done = 0;
  while (done < count) {
    const auto got = ::read(fd.get(), bytes + done, count - done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0)
      throw Failure("cannot read " + std::string(what) + " " + quoted(file) + ": " +
                    error_text(errno));
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

// A rollback journal that leaves nothing when rolled back: empty, not hot (its header zeroed
// once committed), or hot for a database that had no pages before the transaction (SQLite
// truncates the file to that size when it rolls back).
bool journal_holds_nothing(const fs::path& journal) {
  const auto size = size_if_present(journal);
  if (!size || *size == 0) return true;
  std::array<unsigned char, 20> header{};
  if (read_start(journal, "journal", reinterpret_cast<char*>(header.data()), header.size()) <
      header.size())
    return false;
  static constexpr std::array<unsigned char, 8> k_magic{0xd9, 0xd5, 0x05, 0xf9,
                                                        0x20, 0xa1, 0x63, 0xd7};
  bool zeroed = true;
  bool magic = true;
  for (std::size_t i = 0; i < k_magic.size(); ++i) {
    zeroed = zeroed && header[i] == 0;
    magic = magic && header[i] == k_magic[i];
  }
  const bool no_pages_before =
      header[16] == 0 && header[17] == 0 && header[18] == 0 && header[19] == 0;
  return zeroed || (magic && no_pages_before);
}

void sync_descriptor(int fd, const fs::path& what) {
  while (::fsync(fd) != 0) {
    if (errno == EINTR) continue;
    // A folder on a file system that cannot flush folders (some FUSE and network ones) has
    // nothing more to flush.
    if (errno == EINVAL || errno == EROFS) return;
    throw Failure("cannot flush " + quoted(what) + " to disk: " + error_text(errno));
  }
}

void sync_folder(const fs::path& folder) {
  const Descriptor fd{::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  // A folder the user may write but not list (mode 0300) cannot be opened to flush it; the
  // change in it happened all the same.
  if (fd.get() < 0) return;
  sync_descriptor(fd.get(), folder);
}

bool is_creating_name(const std::string& name, const std::string& prefix) {
  if (name.compare(0, prefix.size(), prefix) != 0) return false;
  const std::string rest = name.substr(prefix.size());
  if (rest.size() < 6) return false;
  for (std::size_t i = 0; i < 6; ++i) {
    const char c = rest[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  const std::string suffix = rest.substr(6);
  return suffix.empty() || suffix == "-journal" || suffix == "-wal" || suffix == "-shm";
}

}  // namespace

bool exists(const fs::path& file) {
  return size_if_present(file).has_value();
}

fs::path resolve_links(const fs::path& database) {
  fs::path path = database;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(path, ec)) return path;
    const fs::path target = fs::read_symlink(path, ec);
    if (ec) throw Failure("cannot follow link " + quoted(path) + ": " + ec.message());
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  throw Failure("database " + quoted(database) + " is a loop of symbolic links");
}

Found inspect(const fs::path& database) {
  struct stat info {};
  if (::stat(database.c_str(), &info) != 0) {
    if (errno == ENOENT) return Found::nothing;
    throw Failure("cannot look at database " + quoted(database) + ": " + error_text(errno));
  }
  if (S_ISDIR(info.st_mode))
    throw Failure("database " + quoted(database) + " is a folder, not a file",
                  "point --db/MGR_DB at a file inside it, e.g. " + quoted(database / "mgr.db"));
  if (!S_ISREG(info.st_mode))
    throw Failure("database " + quoted(database) + " is not a regular file",
                  "point --db/MGR_DB at an mgr database");
  if (info.st_size != 0 || info.st_uid != ::geteuid() || (info.st_mode & 0777) != 0600)
    return Found::file;
  const auto wal = size_if_present(with_suffix(database, "-wal"));
  if (wal && *wal > 0) return Found::file;
  if (!journal_holds_nothing(with_suffix(database, "-journal"))) return Found::file;
  return Found::interrupted_creation;
}

void check_is_sqlite_file(const fs::path& database) {
  std::array<char, 16> header{};
  const auto got = read_start(database, "database", header.data(), header.size());
  if (got == 0) {
    // A database's content can still be all in its -wal file; only then is 0 bytes fine.
    if (has_wal_content(database)) return;
    throw Failure(
        "database " + quoted(database) + " is an empty file, not an mgr database",
        "move it aside or point --db/MGR_DB at the right file; mgr will not overwrite it");
  }
  static constexpr char k_magic[] = "SQLite format 3";  // followed by a NUL, as the header is
  if (got < header.size() || std::string(header.data(), 15) != k_magic || header[15] != '\0')
    throw Failure(quoted(database) + " is not an SQLite database",
                  "point --db/MGR_DB at an mgr database; mgr will not overwrite this file");
}

void check_writable(const fs::path& database) {
  if (::access(database.c_str(), W_OK) != 0 && errno != ENOENT)
    throw Failure("cannot change database " + quoted(database) + ": " + error_text(errno),
                  "commands that only read still work; to change it, make it writable for you "
                  "(chmod u+w)");
  const fs::path folder = folder_of(database);
  if (::access(folder.c_str(), W_OK) != 0)
    throw Failure("cannot change database " + quoted(database) + ": its folder " + quoted(folder) +
                      " is not writable (" + error_text(errno) + ")",
                  "SQLite keeps its -wal and -shm files beside the database; commands that "
                  "only read still work");
}

bool folder_is_writable(const fs::path& database) {
  return ::access(folder_of(database).c_str(), W_OK) == 0;
}

bool has_wal_content(const fs::path& database) {
  const auto size = size_if_present(with_suffix(database, "-wal"));
  return size && *size > 0;
}

void make_private_folders(const fs::path& folder) {
  if (folder.empty()) return;
  std::error_code ec;
  if (fs::is_directory(folder, ec)) return;
  make_private_folders(folder.parent_path());
  if (::mkdir(folder.c_str(), 0700) != 0) {
    if (errno == EEXIST && fs::is_directory(folder, ec)) return;
    throw Failure("cannot create folder " + quoted(folder) + ": " + error_text(errno));
  }
  // mkdir applies the umask, which can only take bits away; a umask of 0700 or more takes the
  // owner's own, so say exactly what the folder is.
  ::chmod(folder.c_str(), 0700);
  try {
    sync_folder(folder_of(folder));
  } catch (const Failure& failure) {
    throw Failure("cannot create folder " + quoted(folder) + ": " + failure.what());
  }
}

std::string immutable_uri(const fs::path& database) {
  // Every byte outside the unreserved set and '/' is percent-encoded, so that '?', '#' and '%'
  // in a file name stay part of the name.
  const std::string path = fs::absolute(database).lexically_normal().string();
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      uri += c;
    } else {
      uri += '%';
      uri += k_hex[byte >> 4];
      uri += k_hex[byte & 0x0f];
    }
  }
  return uri + "?mode=ro&immutable=1";
}

CreationLock::CreationLock(const fs::path& database, int timeout_ms) {
  const fs::path lock_path = with_suffix(database, ".lock");
  m_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (m_fd < 0)
    throw Failure("cannot create database " + quoted(database) + ": cannot open its lock file " +
                  quoted(lock_path) + ": " + error_text(errno));
  struct stat info {};
  if (::fstat(m_fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_uid != ::geteuid()) {
    ::close(m_fd);
    m_fd = -1;
    throw Failure("lock file " + quoted(lock_path) + " is not a file of yours",
                  "keep the database in a folder only you can write to (mgr creates its "
                  "folder 0700); remove the lock file if you know where it came from");
  }
  // Another user who could open the lock file could hold it and keep mgr waiting.
  if ((info.st_mode & 0077) != 0) ::fchmod(m_fd, 0600);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EINTR) continue;
    if (error == ENOLCK || error == EOPNOTSUPP) {
      ::close(m_fd);
      m_fd = -1;
      m_warning = "cannot lock " + quoted(lock_path) + " (" + error_text(error) +
                  "); relying on SQLite's own locking";
      return;
    }
    if (error != EWOULDBLOCK) {
      ::close(m_fd);
      m_fd = -1;
      throw Failure("cannot lock " + quoted(lock_path) + ": " + error_text(error));
    }
    if (std::chrono::steady_clock::now() > give_up) {
      ::close(m_fd);
      m_fd = -1;
      throw TemporaryFailure("database " + quoted(database) +
                                 " is being created by another mgr, which holds " +
                                 quoted(lock_path),
                             "try again in a moment");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

CreationLock::~CreationLock() {
  if (m_fd >= 0) ::close(m_fd);  // closing the descriptor releases the lock
}

std::string creating_pattern(const fs::path& database) {
  return database.string() + ".creating-XXXXXX";
}

void remove_interrupted_builds(const fs::path& database) {
  const std::string prefix = database.filename().string() + ".creating-";
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(folder_of(database), ec)) {
    const std::string name = item.path().filename().string();
    if (is_creating_name(name, prefix)) ::unlink(item.path().c_str());
  }
}

void check_no_stray_side_files(const fs::path& database) {
  for (const char* suffix : {"-wal", "-journal"}) {
    const fs::path side = with_suffix(database, suffix);
    const auto size = size_if_present(side);
    if (size && *size > 0)
      throw Failure("cannot create database " + quoted(database) + ": " + quoted(side) +
                        " is left from a database that is no longer there",
                    "if the database was moved, move this file with it; mgr will not start a "
                    "new database beside it");
  }
  remove_empty_side_files(database);
}

void remove_empty_side_files(const fs::path& database) {
  for (const char* suffix : {"-journal", "-wal", "-shm"}) {
    const fs::path side = with_suffix(database, suffix);
    if (::unlink(side.c_str()) != 0 && errno != ENOENT)
      throw Failure("cannot create database " + quoted(database) + ": cannot remove " +
                    quoted(side) + ": " + error_text(errno));
  }
}

void remove_build(const fs::path& build) noexcept {
  for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    ::unlink(with_suffix(build, suffix).c_str());
}

void sync_file(const fs::path& file) {
  const Descriptor fd{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
  if (fd.get() < 0) throw Failure("cannot flush " + quoted(file) + ": " + error_text(errno));
  sync_descriptor(fd.get(), file);
}

bool publish(const fs::path& build, const fs::path& database, bool replace) {
  int result =
      replace ? ::rename(build.c_str(), database.c_str())
              : ::renameat2(AT_FDCWD, build.c_str(), AT_FDCWD, database.c_str(), RENAME_NOREPLACE);
  if (result != 0 && !replace && errno == EEXIST) return false;
  // Some file systems cannot refuse to replace; the lock (or, without locks, the check just
  // made) stands in for it.
  if (result != 0 && !replace && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP))
    result = ::rename(build.c_str(), database.c_str());
  if (result != 0)
    throw Failure("cannot create database " + quoted(database) + ": moving " + quoted(build) +
                  " into place: " + error_text(errno));
  sync_folder(folder_of(database));
  return true;
}

}  // namespace mgr::storage::database_file
