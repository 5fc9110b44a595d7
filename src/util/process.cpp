#include "util/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <system_error>

extern char** environ;

namespace mgr::util {

namespace {

[[noreturn]] void fail(int error, const std::string& what) {
  throw std::system_error(error, std::generic_category(), what);
}

// A pipe whose ends are close-on-exec and above 2: with standard input closed (as under some
// schedulers) a new pipe could otherwise be descriptor 0 itself.
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail(errno, "cannot create a pipe");
    read_end = raise_above_stdio(fds[0]);
    write_end = raise_above_stdio(fds[1]);
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  void close_read() {
    if (read_end >= 0) ::close(read_end);
    read_end = -1;
  }
  void close_write() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
  static int raise_above_stdio(int fd) {
    if (fd > STDERR_FILENO) return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    const int error = errno;
    ::close(fd);
    if (moved < 0) fail(error, "cannot create a pipe");
    return moved;
  }
};

struct SpawnSetup {
  posix_spawn_file_actions_t actions{};
  posix_spawnattr_t attributes{};
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    // The program starts with default signal handling and nothing blocked, whatever mgr did.
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// Writing to a program that exited early must fail with EPIPE, not end mgr with SIGPIPE.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &m_previous);
  }
  ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &m_previous, nullptr); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  struct sigaction m_previous {};
};

void write_all(int fd, const std::string& data) {
  std::size_t written = 0;
  while (written < data.size()) {
    const auto n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // the program stopped reading; its exit status says why
    }
    written += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd) {
  std::string data;
  char buffer[4096];
  while (true) {
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (n == 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  return data;
}

}  // namespace

ProcessResult run_process(const ProcessRun& run) {
  if (run.argv.empty() || run.argv.front().empty()) fail(EINVAL, "no program to run");
  std::optional<Pipe> input;
  std::optional<Pipe> output;
  SpawnSetup setup;
  if (run.input) {
    input.emplace();
    posix_spawn_file_actions_adddup2(&setup.actions, input->read_end, STDIN_FILENO);
  }
  if (run.capture_output) {
    output.emplace();
    posix_spawn_file_actions_adddup2(&setup.actions, output->write_end, STDOUT_FILENO);
  } else {
    posix_spawn_file_actions_adddup2(&setup.actions, STDERR_FILENO, STDOUT_FILENO);
  }

  std::vector<char*> argv;
  for (const auto& word : run.argv) argv.push_back(const_cast<char*>(word.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const bool has_path = run.argv.front().find('/') != std::string::npos;
  const int spawned =
      has_path
          ? ::posix_spawn(&pid, argv[0], &setup.actions, &setup.attributes, argv.data(), environ)
          : ::posix_spawnp(&pid, argv[0], &setup.actions, &setup.attributes, argv.data(), environ);
  if (spawned != 0) fail(spawned, "cannot run " + run.argv.front());

  ProcessResult result;
  if (input) {
    input->close_read();
    const IgnoreSigpipe ignore;
    write_all(input->write_end, *run.input);
    input->close_write();
  }
  if (output) {
    output->close_write();
    result.output = read_all(output->read_end);
    output->close_read();
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) fail(errno, "cannot wait for " + run.argv.front());
  }
  if (WIFEXITED(status)) {
    result.exit_status = WEXITSTATUS(status);
  } else {
    result.exit_status = -1;
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return result;
}

}  // namespace mgr::util
