#pragma once
// Calendar arithmetic the scheduling rules share: cadences, workdays, wall times in a zone,
// ISO weeks.
#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace mgr::domain {

// The days a due date may land on (config `workdays`, default Monday to Friday).
class Workdays {
 public:
  Workdays();  // mon..fri
  // From names such as {"sun","mon","tue","wed","thu"}; throws UsageError naming a bad day or
  // an empty list.
  static Workdays from_names(const std::vector<std::string>& names);

  bool contains(date::weekday day) const { return m_days[day.c_encoding()]; }
  std::vector<std::string> names() const;  // "mon".."sun", in week order from Monday

 private:
  std::array<bool, 7> m_days{};  // by date::weekday::c_encoding(), Sunday = 0
};

// `day` itself when it is a workday, else the next workday.
Date workday_on_or_after(Date day, const Workdays& workdays);
// The first workday after `day`.
Date first_workday_after(Date day, const Workdays& workdays);
// Workdays strictly between `from` and `to`.
int workdays_between(Date from, Date to, const Workdays& workdays);

// weekly/biweekly/Nd add days; monthly is the same day next month, clamped to that month's last
// day (2027-01-31 -> 2027-02-28). Throws std::logic_error for `none`, which has no next date.
Date add_cadence(Date from, const Cadence& cadence);

// The instant of a wall time in `zone`, as RFC 5545 reads local times: an ambiguous time (the
// hour repeated when clocks go back) is its first occurrence; a time that does not exist (the
// hour skipped when clocks go forward) uses the offset from before the gap, so it moves forward
// by the length of the gap (Berlin 02:30 on the spring-forward day is 03:30 CEST).
Instant wall_time_to_instant(date::local_seconds wall, const Zone* zone);

// The ISO 8601 week of a date: "2026-W53", "2027-W01".
std::string iso_week_label(Date day);

}  // namespace mgr::domain
