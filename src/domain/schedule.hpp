#pragma once
#include <date/date.h>
#include <date/tz.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/model.hpp"

// The scheduling rules of spec/cli.md "The scheduler", as pure functions: the caller loads the
// person, their 1:1s, skips and delegations and passes the run's Clock; nothing here reads the
// database or the system clock.
//
// All dates are the user's local dates (as stored). A person's own zone matters only for the
// instant of a slot with a --time: the slot is the first such weekday/time in the person's zone
// that starts on or after the due date in the user's calendar, and its due date is then the
// user's local date of that instant. Counting in the user's calendar keeps a far-away report's
// weekly slot exactly a week apart: the held 1:1 is logged on the user's date, so counting the
// next one from the person's calendar would drift by a week whenever the two dates differ.

namespace mgr::domain {

// The dates of the 1:1s logged with one person, oldest first.
struct OneOnOneHistory {
  std::vector<Date> held;
  std::vector<Date> cancelled;  // never move the cadence; kept for what the review shows
};

// One person and everything their 1:1 dates depend on.
struct PersonSchedule {
  Person person;
  OneOnOneHistory history;
  std::vector<Skip> skips;
};

// One occurrence of a person's 1:1.
struct DueSlot {
  std::string person;  // handle
  // The user's local date the 1:1 is due: one cadence after the last held 1:1 (or `since`),
  // moved by skips, time away and the person's slot day/time.
  Date due_date;
  // Set when the person has a --time (the instant of the slot); a --day alone only picks the
  // date.
  std::optional<Instant> start;
  std::optional<date::local_seconds> start_in_person_zone;
  std::optional<date::local_seconds> start_in_user_zone;
  const date::time_zone* person_zone = nullptr;  // the person's zone, else the user's
  bool other_zone = false;                       // the person's zone is not the user's
  Minutes length{30};
  int overdue_days = 0;  // the user's local days since due_date; 0 until it has passed
  std::optional<Date> last_held;
};

// weekly/biweekly/Nd add days; monthly is the same day next month, clamped to that month's last
// day (2027-01-31 -> 2027-02-28). Throws std::logic_error for `none`, which has no next date.
Date add_cadence(Date from, const Cadence& cadence);

// The person's next 1:1; nothing for cadence none or an archived person. Rules:
// - due one cadence after the latest held 1:1, else after `since`; cancelled ones are ignored;
// - a skip recorded for date D, with D after that anchor and on or before the due date it would
//   otherwise get, stands in for a held 1:1 on D: the cadence moves on from D (due D + cadence).
//   It is not a held 1:1: `last_held` stays the real one, and overdue days count from the moved
//   due date. A skip dated after the due date belongs to a later occurrence (upcoming_slots);
// - a due date, or slot, inside time away moves to the first workday after the time away, and
//   the slot day/time is applied again from there.
std::optional<DueSlot> next_one_on_one(const PersonSchedule& schedule, const Clock& clock);

// The occurrences due on or before `until` (the user's local date), for the schedule and the
// iCalendar export. The first is next_one_on_one (even when overdue); each later one is one
// cadence after the previous one as if that were held as planned, or held today when it is
// overdue, with skips and time away applied as above.
std::vector<DueSlot> upcoming_slots(const PersonSchedule& schedule, const Clock& clock, Date until);

// `mgr schedule skip`: the next occurrence, or the one due on `on`. Throws UsageError when the
// person has no 1:1 series or no occurrence on that day.
DueSlot occurrence_to_skip(const PersonSchedule& schedule, std::optional<Date> on,
                           const Clock& clock);

// One check-in interval after the last check-in, or after the hand-off (`created`) when none
// was logged yet, whichever is later. Nothing for check-ins "none" or a delegation not open.
std::optional<Date> next_checkin_due(const Delegation& delegation);

// Local days (the user's zone) since `due`; 0 on the due date itself and before it.
int overdue_days(Date due, const Clock& clock);

// The instant of a wall time in `zone`, as RFC 5545 reads local times: an ambiguous time (the
// hour repeated when clocks go back) is its first occurrence; a time that does not exist (the
// hour skipped when clocks go forward) uses the offset from before the gap, so it moves forward
// by the length of the gap (Berlin 02:30 on the spring-forward day is 03:30 CEST).
Instant wall_time_to_instant(date::local_seconds wall, const date::time_zone* zone);

// The first Monday..Friday after `day`.
Date first_workday_after(Date day);

// The ISO 8601 week of a date: "2026-W53", "2027-W01".
std::string iso_week_label(Date day);

}  // namespace mgr::domain
