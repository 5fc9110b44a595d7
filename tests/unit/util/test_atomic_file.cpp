#include "util/atomic_file.hpp"

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace fs = std::filesystem;
using mgr::util::write_private_file;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mgr-util-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::permissions(m_path, fs::perms::owner_all, ignored);
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

unsigned mode_of(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return static_cast<unsigned>(info.st_mode & 07777);
}

std::size_t entries_in(const fs::path& folder) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(folder), fs::directory_iterator{}));
}

}  // namespace

TEST_CASE("write_private_file creates a 0600 file with the content, whatever the umask", "[util]") {
  TempDir dir;
  const auto target = dir.path() / "out.ics";
  const mode_t saved = ::umask(022);
  write_private_file(target, "BEGIN:VCALENDAR\r\n");
  ::umask(saved);
  CHECK(read_file(target) == "BEGIN:VCALENDAR\r\n");
  CHECK(mode_of(target) == 0600);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("write_private_file replaces an existing file and makes it private", "[util]") {
  TempDir dir;
  const auto target = dir.path() / "out.txt";
  std::ofstream(target) << "old and longer content";
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read);
  write_private_file(target, "new");
  CHECK(read_file(target) == "new");
  CHECK(mode_of(target) == 0600);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("write_private_file fails naming the target and leaves nothing behind", "[util]") {
  TempDir dir;
  SECTION("a missing folder") {
    CHECK_THROWS_WITH(write_private_file(dir.path() / "no" / "out.txt", "x"),
                      Catch::Contains("no/out.txt"));
  }
  SECTION("a folder as target") {
    fs::create_directory(dir.path() / "folder");
    CHECK_THROWS_AS(write_private_file(dir.path() / "folder", "x"), std::system_error);
    CHECK(entries_in(dir.path() / "folder") == 0);
  }
  if (::geteuid() != 0) {
    SECTION("a read-only folder") {
      fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
      CHECK_THROWS_AS(write_private_file(dir.path() / "out.txt", "x"), std::system_error);
      fs::permissions(dir.path(), fs::perms::owner_all);
      CHECK(entries_in(dir.path()) == 0);
    }
  }
}

TEST_CASE("write_private_file reports a full disk and removes its temporary file", "[util]") {
  // /dev/full is a character device, so the temporary file cannot live beside it; a bind mount
  // is not available to a test. Instead: a file size limit turns the write into EFBIG.
  TempDir dir;
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit {
      4096, 4096
    };
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      write_private_file(dir.path() / "big.txt", std::string(100000, 'x'));
    } catch (const std::system_error& error) {
      ::_exit(error.code().value() == EFBIG ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(entries_in(dir.path()) == 0);
}

TEST_CASE("SIGTERM while writing removes the temporary file", "[util]") {
  TempDir dir;
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child keeps writing a large file; the parent kills it while a temporary file exists.
    ::close(pipe_fds[0]);
    if (::write(pipe_fds[1], "x", 1) != 1) ::_exit(3);
    for (;;) write_private_file(dir.path() / "out.bin", std::string(64 << 20, 'y'));
  }
  ::close(pipe_fds[1]);
  char ready = 0;
  REQUIRE(::read(pipe_fds[0], &ready, 1) == 1);
  ::close(pipe_fds[0]);
  // Let it get into a write of the temporary file, then stop it.
  for (int i = 0; i < 200; ++i) {
    bool temp_seen = false;
    for (const auto& item : fs::directory_iterator(dir.path()))
      temp_seen = temp_seen || item.path().filename().string().rfind(".out.bin.", 0) == 0;
    if (temp_seen) break;
    ::usleep(5000);
  }
  ::kill(child, SIGTERM);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
  for (const auto& item : fs::directory_iterator(dir.path())) {
    INFO(item.path().filename().string());
    CHECK(item.path().filename() == "out.bin");
  }
}
