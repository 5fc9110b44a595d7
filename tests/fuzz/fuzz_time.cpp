// Times of day (domain::parse_clock_time): any input is a UsageError or a minute of the day, and
// an accepted time is the text format_clock_time writes for it, give or take a leading zero.
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
  // H:MM is accepted too; format_clock_time writes the HH:MM form of the same time.
  const auto written = format_clock_time(parsed);
  fuzz::require(written == text || written == "0" + std::string{text},
                "format_clock_time gives the input back, zero-padded", text);
  return 0;
}
