#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <system_error>

namespace mgr::util {

namespace fs = std::filesystem;

namespace {

// The temporary file being written, for the signal handler: a fixed buffer, because a handler
// may only use async-signal-safe calls (unlink, raise) and no allocation.
char g_temp_path[4096];
volatile std::sig_atomic_t g_temp_active = 0;

extern "C" void remove_temp_and_reraise(int signal_number) {
  if (g_temp_active) ::unlink(g_temp_path);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// Installs the cleanup handler for as long as it lives; restores the previous handlers.
class TempFileGuard {
 public:
  explicit TempFileGuard(const std::string& path) {
    std::strncpy(g_temp_path, path.c_str(), sizeof g_temp_path - 1);
    struct sigaction action {};
    action.sa_handler = remove_temp_and_reraise;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &m_old_int);
    ::sigaction(SIGTERM, &action, &m_old_term);
    g_temp_active = 1;
  }
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;
  ~TempFileGuard() {
    g_temp_active = 0;
    ::sigaction(SIGINT, &m_old_int, nullptr);
    ::sigaction(SIGTERM, &m_old_term, nullptr);
  }

 private:
  struct sigaction m_old_int {};
  struct sigaction m_old_term {};
};

[[noreturn]] void fail(const fs::path& target, int error) {
  throw std::system_error(error, std::generic_category(), "cannot write '" + target.string() + "'");
}

// 0, or the errno of the write that failed.
int write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const auto written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return errno;
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the rename itself happened; an unsyncable folder is not an error
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_private_file(const fs::path& target, std::string_view content) {
  std::error_code ignored;
  if (target.filename().empty() || fs::is_directory(target, ignored)) fail(target, EISDIR);
  const fs::path folder = target.parent_path();
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  if (temp.size() >= sizeof g_temp_path) fail(target, ENAMETOOLONG);

  // Blocks the signals while the temporary file is created and registered, so that a signal
  // arriving in between cannot leave an unregistered file behind.
  sigset_t blocked, previous;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  ::sigprocmask(SIG_BLOCK, &blocked, &previous);
  const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
  const int open_error = errno;
  if (fd < 0) {
    ::sigprocmask(SIG_SETMASK, &previous, nullptr);
    fail(target, open_error);
  }
  TempFileGuard guard{temp};
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);

  const auto give_up = [&](int error, bool still_open) {
    if (still_open) ::close(fd);
    ::unlink(temp.c_str());
    fail(target, error);
  };
  if (::fchmod(fd, 0600) != 0) give_up(errno, true);
  if (const int error = write_all(fd, content)) give_up(error, true);
  if (::fsync(fd) != 0) give_up(errno, true);
  if (::close(fd) != 0) give_up(errno, false);
  if (::rename(temp.c_str(), target.c_str()) != 0) give_up(errno, false);
  sync_folder(folder);
}

}  // namespace mgr::util
