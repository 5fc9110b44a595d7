#pragma once
#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mgr::domain {

// Relative day names resolve differently depending on what they are for: a log entry is about
// the past ("mon" = the most recent Monday), a schedule about the future (the next Monday).
enum class DateDirection { past, future };

// Strict YYYY-MM-DD that exists in the calendar, or nothing.
std::optional<date::year_month_day> parse_iso_date(std::string_view text);

// Every date form of the contract: YYYY-MM-DD, today, yesterday, tomorrow, mon..sun, -3d/+3d.
// Throws UsageError naming the value.
date::year_month_day parse_date(std::string_view text, date::year_month_day today,
                                DateDirection direction);

std::string format_date(date::year_month_day day);
std::string format_date(date::local_days day);

// 45m, 1h, 1h30m, 1.5h or a bare number of minutes; > 0 and <= 24h.
int parse_duration_minutes(std::string_view text);
// 30 -> "30m", 90 -> "1h30m", 120 -> "2h".
std::string format_minutes(int minutes);

// ^[a-z0-9][a-z0-9._-]{0,31}$ after folding to lower case.
std::string parse_handle(std::string_view text);
bool is_valid_handle(std::string_view lowered);

// mon..sun (full names accepted), 0 = Sunday as in date::weekday.
date::weekday parse_weekday(std::string_view text);
std::string weekday_name(date::weekday day);  // "mon".."sun"

// HH:MM on a 24-hour clock, as minutes after midnight.
int parse_clock_time(std::string_view text);
std::string format_clock_time(int minutes_after_midnight);

// Any valid UTF-8 without control characters; used for display names.
void check_display_name(std::string_view text);
bool is_valid_utf8(std::string_view text);

// The candidate closest to `typed` by edit distance, when it is close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view typed,
                                         const std::vector<std::string>& candidates);

// A positive integer id such as an entry, topic or delegation id ("#" prefix allowed).
long long parse_id(std::string_view text, std::string_view what);
// "3,4,#5" into ids.
std::vector<long long> parse_id_list(std::string_view text, std::string_view what);

// "a,b" into trimmed, non-empty parts.
std::vector<std::string> split_list(std::string_view text);

std::string to_lower(std::string_view text);

}  // namespace mgr::domain
