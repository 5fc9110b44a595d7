// Times of day (domain::parse_clock_time): any input is a UsageError or a minute of the day, and
// an accepted time is exactly the text format_clock_time writes for it.
#include <cstdint>
#include <string>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "fuzz_support.hpp"

using namespace mgr::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  Minutes parsed{};
  try {
    parsed = parse_clock_time(text);
  } catch (const mgr::UsageError&) {
    return 0;
  }
  fuzz::require(parsed.count() >= 0 && parsed.count() < 24 * 60, "a minute of the day", text);
  fuzz::require(format_clock_time(parsed) == text, "format_clock_time gives the input back", text);
  return 0;
}
