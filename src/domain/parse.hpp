#pragma once
#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/errors.hpp"
#include "domain/model.hpp"

// Reading what the user typed: every form the contract accepts, and a UsageError naming the
// value (with a hint) for anything else.

namespace mgr::domain {

std::string to_lower(std::string_view text);

// Relative day names resolve differently depending on what they are for: a log entry is about
// the past ("mon" = the most recent Monday), a schedule about the future (the next Monday).
enum class DateDirection { past, future };

// Strict YYYY-MM-DD that exists in the calendar, or nothing.
std::optional<Date> parse_iso_date(std::string_view text);

// Years 1900 to 2999: every date mgr takes in lies in them.
bool in_supported_years(Date day);

// Every date form of the contract: YYYY-MM-DD, today, yesterday, tomorrow, mon..sun, -3d/+3d,
// -2w/+2w (-0d is today). Years outside 1900-2999 are refused, also when a relative form
// reaches them. Throws UsageError naming the value.
Date parse_date(std::string_view text, Date today, DateDirection direction);

// YYYY-MM-DD
std::string format_date(Date day);
// "Tue 2026-12-01"
std::string format_day(Date day);

// 45m, 90min, 1h, 1hr, 1h30m, 1h30, "1h 30m", 1:30, 1.5h or a bare number of minutes; > 0 and
// <= 24h.
Minutes parse_duration(std::string_view text);
// Whether parse_duration takes the text (to spot "1h 30m" typed as two words).
bool looks_like_duration(std::string_view text);
// 30 -> "30m", 90 -> "1h30m", 120 -> "2h".
std::string format_minutes(Minutes minutes);

// ^[a-z0-9][a-z0-9._-]{0,31}$ after folding to lower case.
std::string parse_handle(std::string_view text);
bool is_valid_handle(std::string_view lowered);

// mon..sun (full names accepted), 0 = Sunday as in date::weekday.
date::weekday parse_weekday(std::string_view text);
std::string weekday_name(date::weekday day);  // "mon".."sun"

// HH:MM or H:MM on a 24-hour clock, as the time after midnight.
Minutes parse_clock_time(std::string_view text);
std::string format_clock_time(Minutes after_midnight);

// weekly | biweekly | monthly | Nd (1-365) | none.
Cadence parse_cadence(std::string_view text);

// One of an enum's names (model.hpp), e.g. a relation or a check-in status; `what` names the
// value in the error ("invalid relation 'boss'"), which lists the choices.
[[noreturn]] void throw_invalid_choice(std::string_view text, std::string_view what,
                                       const std::vector<std::string>& choices);
template <typename Enum>
Enum parse_choice(std::string_view text, std::string_view what) {
  if (auto value = enum_from_name<Enum>(to_lower(text))) return *value;
  throw_invalid_choice(text, what, enum_names<Enum>());
}

// Any valid UTF-8 without control characters or bidirectional overrides; used for display names.
void check_display_name(std::string_view text);
bool is_valid_utf8(std::string_view text);

// The candidate closest to `typed` by edit distance, when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view typed,
                                         const std::vector<std::string>& candidates);

// A positive integer id as mgr prints it ("#" prefix allowed); `what` names it in the error.
std::int64_t parse_id_number(std::string_view text, std::string_view what);
template <typename IdType>
IdType parse_id(std::string_view text, std::string_view what) {
  return IdType{parse_id_number(text, what)};
}
// A count such as --limit: a whole number, 1 or more; `what` names it in the error.
std::int64_t parse_count(std::string_view text, std::string_view what);
// "3,4,#5" into distinct ids, in the order given.
std::vector<std::int64_t> parse_id_numbers(std::string_view text, std::string_view what);
template <typename IdType>
std::vector<IdType> parse_id_list(std::string_view text, std::string_view what) {
  std::vector<IdType> ids;
  for (auto number : parse_id_numbers(text, what)) ids.emplace_back(number);
  return ids;
}

// "a,b" into trimmed, non-empty parts.
std::vector<std::string> split_list(std::string_view text);

}  // namespace mgr::domain
