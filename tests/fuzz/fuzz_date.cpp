// Dates as the user types them (domain::parse_date, parse_iso_date) and day names
// (parse_weekday): any input is a value or a UsageError, and every value formats back to text
// that parses to the same value.
#include <cstdint>
#include <string>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "fuzz_support.hpp"

using namespace mgr::domain;

namespace {

const Date k_today{date::year{2026} / 11 / 26};

void check_date(std::string_view text, DateDirection direction) {
  Date parsed;
  try {
    parsed = parse_date(text, k_today, direction);
  } catch (const mgr::UsageError&) {
    return;
  }
  const std::string formatted = format_date(parsed);
  fuzz::require(parse_iso_date(formatted) == parsed, "format_date parses back", text);
  fuzz::require(parse_date(formatted, k_today, direction) == parsed, "parse_date round trip", text);
  // A day name is within a week of today, on the side the direction says.
  const std::string lowered = to_lower(text);
  try {
    const auto day = parse_weekday(lowered);
    fuzz::require(date::weekday{parsed} == day, "a day name gives that weekday", text);
    const auto distance = (parsed - k_today).count();
    if (direction == DateDirection::past)
      fuzz::require(distance <= 0 && distance > -7, "a past day name is this week", text);
    else
      fuzz::require(distance >= 0 && distance < 7, "a future day name is this week", text);
  } catch (const mgr::UsageError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  if (auto iso = parse_iso_date(text))
    fuzz::require(format_date(*iso) == text, "an ISO date formats back to itself", text);
  check_date(text, DateDirection::past);
  check_date(text, DateDirection::future);
  try {
    const auto day = parse_weekday(text);
    fuzz::require(parse_weekday(weekday_name(day)) == day, "weekday round trip", text);
  } catch (const mgr::UsageError&) {
  }
  return 0;
}
