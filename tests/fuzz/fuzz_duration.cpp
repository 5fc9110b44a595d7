// Durations (domain::parse_duration): any input is a UsageError or a length from 1 minute to
// 24 hours, whose formatted form parses to the same length.
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
    parsed = parse_duration(text);
  } catch (const mgr::UsageError&) {
    return 0;
  }
  fuzz::require(parsed.count() >= 1 && parsed.count() <= 24 * 60, "1 minute to 24 hours", text);
  const std::string formatted = format_minutes(parsed);
  fuzz::require(parse_duration(formatted) == parsed, "format_minutes parses back", text);
  return 0;
}
