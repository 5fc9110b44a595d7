#pragma once
#include <filesystem>
#include <vector>

namespace mgr::util {

// A private file that appears at `target` complete or not at all, for content another library
// writes by name (SQLite's backup API). The constructor creates `.NAME.partial-XXXXXX` beside the
// target, mode 0600 whatever the umask, and holds an flock on it for as long as it lives;
// commit() flushes it to disk, renames it over the target and flushes the folder. Until then
// the destructor, SIGINT or SIGTERM removes it. A process killed outright (SIGKILL, a power cut)
// leaves it behind unlocked, which is how remove_abandoned_partials() recognises it.
// One PendingFile at a time per process: the signal handler knows one path.
// Throws std::system_error naming the target.
class PendingFile {
 public:
  explicit PendingFile(const std::filesystem::path& target);
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile();

  // Where to write. The flock taken here does not interfere with SQLite's own (fcntl) locks, and
  // this descriptor stays open until commit() or destruction, so SQLite must have closed the file
  // by then: closing any descriptor of a file drops the process's fcntl locks on it.
  const std::filesystem::path& path() const { return m_temp; }
  const std::filesystem::path& target() const { return m_target; }

  void commit();

 private:
  std::filesystem::path m_target;
  std::filesystem::path m_temp;
  int m_fd = -1;
  bool m_committed = false;
};

// Removes the pending files in `folder` that processes killed before commit() left behind: a
// `.*.partial-XXXXXX` file nobody holds locked and last written more than a few seconds ago (a
// newer one may be a moment away from being locked by the process that just created it).
// Returns the files it removed; a folder it cannot read yields nothing.
std::vector<std::filesystem::path> remove_abandoned_partials(const std::filesystem::path& folder);

}  // namespace mgr::util
