#include "util/pending_file.hpp"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace fs = std::filesystem;
using mgr::util::PendingFile;
using mgr::util::remove_abandoned_partials;

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

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
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

void make_old(const fs::path& path) {
  fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::minutes(5));
}

struct Umask {
  explicit Umask(mode_t mask) : previous(::umask(mask)) {}
  ~Umask() { ::umask(previous); }
  Umask(const Umask&) = delete;
  Umask& operator=(const Umask&) = delete;
  mode_t previous;
};

}  // namespace

TEST_CASE("a committed pending file appears at the target, 0600 under umask 022", "[util]") {
  TempDir dir;
  const Umask permissive{022};
  const fs::path target = dir.path() / "copy.db";
  {
    PendingFile pending{target};
    CHECK(pending.path().parent_path() == dir.path());
    CHECK(pending.path().filename().string().rfind(".copy.db.partial-", 0) == 0);
    CHECK(mode_of(pending.path()) == 0600);
    write_file(pending.path(), "complete");
    CHECK_FALSE(fs::exists(target));
    pending.commit();
  }
  CHECK(read_file(target) == "complete");
  CHECK(mode_of(target) == 0600);
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a pending file that is never committed leaves nothing behind", "[util]") {
  TempDir dir;
  const fs::path target = dir.path() / "copy.db";
  write_file(target, "the previous copy");
  {
    PendingFile pending{target};
    write_file(pending.path(), "half");
  }
  CHECK(read_file(target) == "the previous copy");
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a pending file into a missing folder names the target", "[util]") {
  TempDir dir;
  const fs::path target = dir.path() / "missing" / "copy.db";
  try {
    PendingFile pending{target};
    FAIL("no error");
  } catch (const std::system_error& error) {
    CHECK_THAT(error.what(), Catch::Contains(target.string()));
  }
}

TEST_CASE("only unlocked, older pending files count as abandoned", "[util]") {
  TempDir dir;
  const fs::path abandoned = dir.path() / ".copy.db.partial-Ab12Cd";
  const fs::path just_created = dir.path() / ".other.db.partial-Zz99Yy";
  const fs::path unrelated = dir.path() / ".copy.db.partial-toolong";
  const fs::path visible = dir.path() / "copy.db.partial-Ab12Cd";
  for (const auto& path : {abandoned, just_created, unrelated, visible}) write_file(path, "x");
  for (const auto& path : {abandoned, unrelated, visible}) make_old(path);

  PendingFile live{dir.path() / "live.db"};
  make_old(live.path());

  const auto removed = remove_abandoned_partials(dir.path());
  REQUIRE(removed.size() == 1);
  CHECK(removed.front() == abandoned);
  CHECK_FALSE(fs::exists(abandoned));
  for (const auto& path : {just_created, unrelated, visible, live.path()}) CHECK(fs::exists(path));
}

TEST_CASE("an unreadable folder has no abandoned files", "[util]") {
  CHECK(remove_abandoned_partials("/nonexistent/mgr-folder").empty());
}
