#pragma once
#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <string>
#include <string_view>

namespace mgr::domain {

using Seconds = date::sys_seconds;
using LocalDay = date::local_days;

// "Now" as one run of mgr sees it: read once in main and passed down, so that every date a
// command computes agrees with every other.
struct Clock {
  Seconds now;
  const date::time_zone* zone;

  // The user's calendar day at `now` (not the UTC day).
  date::year_month_day today() const;
  LocalDay today_days() const;
  date::local_seconds local_now() const;
};

// The user's zone: the configured name, else TZ, else the system zone. Throws UsageError
// naming an unknown zone.
const date::time_zone* resolve_zone(const std::string& configured, const char* tz_env);

// A zone given on the command line or in the database.
const date::time_zone* find_zone(std::string_view name);

// MGR_NOW: YYYY-MM-DD (09:00 local), YYYY-MM-DDTHH:MM[:SS] (local wall time) or RFC 3339 with
// Z or an offset. Throws UsageError naming the value.
Seconds parse_now(std::string_view text, const date::time_zone* zone);

// RFC 3339 UTC, as stored: 2026-11-26T17:45:00Z.
std::string format_instant(Seconds instant);
Seconds parse_instant(std::string_view text);

}  // namespace mgr::domain
