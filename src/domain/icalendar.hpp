#pragma once
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

// The parts of RFC 5545 that `mgr schedule --ics` writes, as pure text functions: escaping,
// folding and a VCALENDAR of plain events. Times are written in UTC (`...Z`), which every
// calendar reads without a VTIMEZONE and which shows the right local time on both sides of a
// daylight-saving change.

namespace mgr::domain {

// A TEXT value (RFC 5545 3.3.11): `\` `;` `,` escaped, line breaks (LF, CRLF or CR) as `\n`,
// other control characters (not allowed in TEXT), C1 controls and the bidirectional overrides
// and isolates as spaces.
std::string escape_ical_text(std::string_view text);

// One content line, folded so that no physical line is longer than 75 octets (a continuation
// line starts with one space) and never inside a UTF-8 character; each physical line ends in
// CRLF.
std::string fold_ical_line(std::string_view line);

// 20261027T090000Z
std::string format_ical_utc(date::sys_seconds instant);
// 20261027
std::string format_ical_date(date::local_days day);

struct CalendarEvent {
  std::string uid;
  std::string summary;      // plain text; escaped when written
  std::string description;  // plain text, may hold line breaks; omitted when empty
  // A timed event starts at `start` and lasts `length`; without a start it is an all-day event
  // on `day`.
  std::optional<date::sys_seconds> start;
  Minutes length{30};
  Date day;
  // A newer version of an event has a higher SEQUENCE; a cancelled one is kept, with
  // STATUS:CANCELLED, so that a calendar that imported it before removes it.
  int sequence = 0;
  bool cancelled = false;
};

// A whole VCALENDAR. `stamp` is DTSTAMP of every event: the run's "now", so that the same data
// and clock give the same bytes.
std::string render_calendar(const std::vector<CalendarEvent>& events, date::sys_seconds stamp,
                            std::string_view calendar_name);

}  // namespace mgr::domain
