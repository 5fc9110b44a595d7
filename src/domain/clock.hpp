#pragma once
#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace mgr::domain {

// "Now" as one run of mgr sees it: read once in main and passed down, so that every date a
// command computes agrees with every other.
struct Clock {
  Instant now;
  const Zone* zone = nullptr;  // the user's

  // The user's calendar day at `now` (not the UTC day).
  Date today() const;
  date::local_seconds local_now() const;
  // The user's local days from `day` to today; negative for a day still ahead.
  int days_since(Date day) const { return static_cast<int>((today() - day).count()); }
};

// The user's zone, and a warning when TZ could not be used as set.
struct ZoneChoice {
  const Zone* zone = nullptr;
  std::string warning;
};

// The user's zone: the configured name, else TZ, else the system zone. TZ may be a zone name
// (optionally after ':') or a file in a zoneinfo folder; a POSIX rule such as
// `CET-1CEST,M3.5.0,M10.5.0/3` falls back to the system zone with a warning. Throws UsageError
// naming an unknown zone, or a file outside any zoneinfo folder.
ZoneChoice choose_zone(const std::string& configured, const char* tz_env);
// choose_zone's zone alone.
const Zone* resolve_zone(const std::string& configured, const char* tz_env);

// The zone a line of /etc/sysconfig/clock names (`ZONE="America/New_York"`), if it names one.
std::optional<std::string_view> zone_in_sysconfig_line(std::string_view line);

// A zone given on the command line or in the database.
const Zone* find_zone(std::string_view name);

// MGR_NOW: YYYY-MM-DD (09:00 local), YYYY-MM-DDTHH:MM[:SS] (local wall time) or RFC 3339 with
// Z or an offset. Throws UsageError naming the value.
Instant parse_now(std::string_view text, const Zone* zone);

// RFC 3339 UTC, as stored: 2026-11-26T17:45:00Z.
std::string format_instant(Instant instant);
// The exact form format_instant writes, or nothing.
std::optional<Instant> parse_instant(std::string_view text);

}  // namespace mgr::domain
