#include "util/editor.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>

namespace mgr::util {

namespace fs = std::filesystem;

namespace {

// The note file, for the signal handler: a fixed buffer, because a handler may only use
// async-signal-safe calls (unlink, raise) and no allocation.
char g_note_path[4096];
volatile std::sig_atomic_t g_note_active = 0;

extern "C" void remove_note_and_reraise(int signal_number) {
  if (g_note_active) ::unlink(g_note_path);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// While the note file exists: SIGTERM and SIGHUP remove it before mgr stops, and SIGINT and
// SIGQUIT are left to the editor (a terminal sends them to both; `vi` ignores them, a script
// stops and mgr then cleans up). Restores the previous handlers when it goes.
class NoteFileGuard {
 public:
  explicit NoteFileGuard(const std::string& path) {
    std::strncpy(g_note_path, path.c_str(), sizeof g_note_path - 1);
    struct sigaction remove {};
    remove.sa_handler = remove_note_and_reraise;
    sigemptyset(&remove.sa_mask);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGTERM, &remove, &m_old_term);
    ::sigaction(SIGHUP, &remove, &m_old_hup);
    ::sigaction(SIGINT, &ignore, &m_old_int);
    ::sigaction(SIGQUIT, &ignore, &m_old_quit);
    g_note_active = 1;
  }
  NoteFileGuard(const NoteFileGuard&) = delete;
  NoteFileGuard& operator=(const NoteFileGuard&) = delete;
  ~NoteFileGuard() {
    ::unlink(g_note_path);
    g_note_active = 0;
    ::sigaction(SIGTERM, &m_old_term, nullptr);
    ::sigaction(SIGHUP, &m_old_hup, nullptr);
    ::sigaction(SIGINT, &m_old_int, nullptr);
    ::sigaction(SIGQUIT, &m_old_quit, nullptr);
  }

 private:
  struct sigaction m_old_term {};
  struct sigaction m_old_hup {};
  struct sigaction m_old_int {};
  struct sigaction m_old_quit {};
};

[[noreturn]] void fail(const fs::path& file, int error) {
  throw std::system_error(error, std::generic_category(),
                          "cannot prepare the note file '" + file.string() + "'");
}

int write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const auto written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return errno;
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

std::string read_all(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw EditorFailed("the note file was gone after editing");
  std::string content;
  char buffer[65536];
  while (true) {
    const auto got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      const int error = errno;
      ::close(fd);
      throw EditorFailed(std::string{"cannot read the note file: "} + std::strerror(error));
    }
    if (got == 0) break;
    content.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return content;
}

// Runs the editor on `path` the way git does: `sh -c '<command> "$@"' <command> <path>`, in
// its own child with the default signal dispositions; returns its wait status.
int run_editor(const std::string& editor_command, const std::string& path) {
  const std::string script = editor_command + " \"$@\"";
  const pid_t child = ::fork();
  if (child < 0)
    throw EditorFailed(std::string{"cannot start the editor: "} + std::strerror(errno));
  if (child == 0) {
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGQUIT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGHUP, SIG_DFL);
    ::execl("/bin/sh", "sh", "-c", script.c_str(), editor_command.c_str(), path.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) throw EditorFailed(std::string{"lost the editor: "} + std::strerror(errno));
  }
  return status;
}

}  // namespace

std::string edit_in_editor(const std::string& editor_command, const fs::path& folder,
                           std::string_view initial) {
  std::string path = (folder / "mgr-note-XXXXXX.md").string();
  if (path.size() >= sizeof g_note_path) fail(path, ENAMETOOLONG);

  // The signals wait while the file is created and registered, so that one arriving in between
  // cannot leave an unregistered file behind.
  sigset_t blocked, previous;
  sigemptyset(&blocked);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&blocked, signal_number);
  ::sigprocmask(SIG_BLOCK, &blocked, &previous);
  const int fd = ::mkostemps(path.data(), 3, O_CLOEXEC);
  const int open_error = errno;
  if (fd < 0) {
    ::sigprocmask(SIG_SETMASK, &previous, nullptr);
    fail(path, open_error);
  }
  NoteFileGuard guard{path};
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);

  if (::fchmod(fd, 0600) != 0 || write_all(fd, initial) != 0) {
    const int error = errno;
    ::close(fd);
    fail(path, error);
  }
  if (::close(fd) != 0) fail(path, errno);

  const int status = run_editor(editor_command, path);
  // The shell reports an editor that a signal stopped as 128 + the signal.
  const int signal_number =
      WIFSIGNALED(status) ? WTERMSIG(status)
      : WIFEXITED(status) && WEXITSTATUS(status) > 128 && WEXITSTATUS(status) <= 128 + 64
          ? WEXITSTATUS(status) - 128
          : 0;
  if (signal_number != 0)
    throw EditorFailed("the editor was interrupted (signal " + std::to_string(signal_number) + ")");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    throw EditorFailed("cannot run the editor '" + editor_command + "'");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw EditorFailed("the editor '" + editor_command + "' exited with status " +
                       std::to_string(WEXITSTATUS(status)));
  return read_all(path);
}

}  // namespace mgr::util
