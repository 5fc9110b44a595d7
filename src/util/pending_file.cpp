#include "util/pending_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <string>
#include <system_error>

namespace mgr::util {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_partial_marker = ".partial-";
// Between creating a pending file and locking it lies a moment in which it looks abandoned.
constexpr auto k_abandoned_after = std::chrono::seconds(10);

// The pending file, for the signal handler: a fixed buffer, because a handler may only use
// async-signal-safe calls (unlink, raise) and no allocation.
char g_pending_path[4096];
volatile std::sig_atomic_t g_pending_active = 0;

extern "C" void remove_pending_and_reraise(int signal_number) {
  if (g_pending_active) ::unlink(g_pending_path);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

struct SignalHandlers {
  struct sigaction interrupt {};
  struct sigaction terminate {};
};
SignalHandlers g_previous_handlers;

void stop_guarding_signals() {
  g_pending_active = 0;
  ::sigaction(SIGINT, &g_previous_handlers.interrupt, nullptr);
  ::sigaction(SIGTERM, &g_previous_handlers.terminate, nullptr);
}

[[noreturn]] void fail(const fs::path& target, int error) {
  throw std::system_error(error, std::generic_category(), "cannot write '" + target.string() + "'");
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // the rename itself happened; an unsyncable folder is not an error
  ::fsync(fd);
  ::close(fd);
}

bool is_partial_name(const std::string& name) {
  const auto marker = name.rfind(k_partial_marker);
  return name.size() > 1 && name.front() == '.' && marker != std::string::npos &&
         name.size() - marker == std::strlen(k_partial_marker) + 6;
}

}  // namespace

PendingFile::PendingFile(const fs::path& target) : m_target(target) {
  std::error_code ignored;
  if (target.filename().empty() || fs::is_directory(target, ignored)) fail(target, EISDIR);
  std::string temp =
      (target.parent_path() / ("." + target.filename().string() + k_partial_marker + "XXXXXX"))
          .string();
  if (temp.size() >= sizeof g_pending_path) fail(target, ENAMETOOLONG);

  // The signals wait while the file is created and registered, so that one arriving in between
  // cannot leave an unregistered file behind.
  sigset_t blocked, previous;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  ::sigprocmask(SIG_BLOCK, &blocked, &previous);
  m_fd = ::mkostemp(temp.data(), O_CLOEXEC);
  const int open_error = errno;
  if (m_fd >= 0) {
    std::strncpy(g_pending_path, temp.c_str(), sizeof g_pending_path - 1);
    struct sigaction action {};
    action.sa_handler = remove_pending_and_reraise;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &g_previous_handlers.interrupt);
    ::sigaction(SIGTERM, &action, &g_previous_handlers.terminate);
    g_pending_active = 1;
  }
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  if (m_fd < 0) fail(target, open_error);
  m_temp = temp;
  if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0 || ::fchmod(m_fd, 0600) != 0) {
    const int error = errno;
    ::close(m_fd);
    m_fd = -1;
    ::unlink(m_temp.c_str());
    stop_guarding_signals();
    fail(target, error);
  }
}

PendingFile::~PendingFile() {
  if (!m_committed && !m_temp.empty()) ::unlink(m_temp.c_str());
  if (m_fd >= 0) ::close(m_fd);
  if (!m_temp.empty()) stop_guarding_signals();
}

void PendingFile::commit() {
  if (::fchmod(m_fd, 0600) != 0 || ::fsync(m_fd) != 0) fail(m_target, errno);
  if (::rename(m_temp.c_str(), m_target.c_str()) != 0) fail(m_target, errno);
  m_committed = true;
  sync_folder(m_target.parent_path());
}

std::vector<fs::path> remove_abandoned_partials(const fs::path& folder) {
  std::vector<fs::path> removed;
  std::error_code ec;
  fs::directory_iterator entries{folder.empty() ? fs::path(".") : folder, ec};
  if (ec) return removed;
  const auto now = fs::file_time_type::clock::now();
  for (const auto& entry : entries) {
    if (!is_partial_name(entry.path().filename().string())) continue;
    if (!entry.is_regular_file(ec)) continue;
    const auto written = fs::last_write_time(entry.path(), ec);
    if (ec || now - written < k_abandoned_after) continue;
    const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) continue;
    // Unlinking while holding the lock: the owner of a live pending file holds it throughout.
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(entry.path().c_str()) == 0)
      removed.push_back(entry.path());
    ::close(fd);
  }
  return removed;
}

}  // namespace mgr::util
