// The byte search of `mgr person forget`: every occurrence in the file is found once, also one
// that straddles the border between two chunks read.
#include <catch2/catch.hpp>

#include "storage/forget.hpp"
#include "storage_test_support.hpp"

using storage_test::TempDir;
using storage_test::write_bytes;

namespace {

// The size of the chunks count_terms_in_file reads (4 MiB).
constexpr std::size_t k_chunk = std::size_t{4} << 20;

}  // namespace

TEST_CASE("count_terms_in_file finds each occurrence once, across chunk borders", "[forget]") {
  TempDir dir;
  const auto file = dir.path() / "bytes";
  std::string bytes(2 * k_chunk + 100, '\0');
  // At the start, across the first border, just after it, across the second, at the end.
  for (const std::size_t at :
       {std::size_t{0}, k_chunk - 3, k_chunk + 10, 2 * k_chunk - 1, bytes.size() - 5})
    bytes.replace(at, 5, at % 2 == 0 ? "alice" : "ALICE");
  write_bytes(file, bytes);
  const auto counts = mgr::storage::count_terms_in_file(file, {"alice", "Alice Example", "li"});
  CHECK(counts == std::vector<std::size_t>{5, 0, 5});
}

TEST_CASE("count_terms_in_file of a file that is not there finds nothing", "[forget]") {
  TempDir dir;
  CHECK(mgr::storage::count_terms_in_file(dir.path() / "missing", {"alice"}) ==
        std::vector<std::size_t>{0});
}
