// Handles (domain::parse_handle): any input is a UsageError or the input folded to lower case,
// which is a valid handle and parses to itself.
#include <cstdint>
#include <string>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "fuzz_support.hpp"

using namespace mgr::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  std::string handle;
  try {
    handle = parse_handle(text);
  } catch (const mgr::UsageError&) {
    fuzz::require(!is_valid_handle(to_lower(text)), "a refused handle is invalid", text);
    return 0;
  }
  fuzz::require(handle == to_lower(text), "a handle is the input in lower case", text);
  fuzz::require(is_valid_handle(handle) && handle.size() <= 32, "a handle is valid", text);
  fuzz::require(parse_handle(handle) == handle, "a handle parses to itself", text);
  return 0;
}
