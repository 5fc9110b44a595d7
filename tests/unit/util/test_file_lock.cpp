#include "util/file_lock.hpp"

#include <stdlib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

namespace fs = std::filesystem;
using mgr::util::FileLock;

TEST_CASE("a file lock is exclusive and private, and released with its holder",
          "[util][file_lock]") {
  std::string pattern = (fs::temp_directory_path() / "mgr-lock-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const fs::path path = fs::path(pattern) / "db.remind.lock";
  {
    auto held = FileLock::acquire(path, std::chrono::milliseconds{0});
    REQUIRE(held.has_value());
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    // flock locks belong to the open file description: a second open waits, even here.
    CHECK_FALSE(FileLock::acquire(path, std::chrono::milliseconds{60}).has_value());
  }
  CHECK(FileLock::acquire(path, std::chrono::milliseconds{0}).has_value());
  fs::remove_all(pattern);
}
