#pragma once
#include <chrono>
#include <filesystem>
#include <optional>

namespace mgr::util {

// An exclusive advisory lock (flock) on a file of its own, held while the object lives. The
// lock file is created mode 0600 when missing and left in place afterwards: removing it would
// let a third process lock a new file while a second still waits on the old one.
class FileLock {
 public:
  // Waits up to `patience` for the lock; nothing when another process held it all that time.
  // Throws std::system_error naming the file when it cannot be opened.
  static std::optional<FileLock> acquire(const std::filesystem::path& path,
                                         std::chrono::milliseconds patience);

  FileLock(FileLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

}  // namespace mgr::util
