#pragma once
// The 1:1 series of spec/cli.md ("When a 1:1 is due — the series"), as pure functions of a
// person's loaded schedule and the day it is looked at.
//
// A person with a fixed slot (--day, maybe --time) has a series of regular occurrences, like a
// recurring calendar event: the first slot at or after the start of their --since date, then
// one cadence apart (monthly: the same ordinal weekday, "the 2nd Tuesday", or the last one when
// the first was a 5th). A held 1:1 satisfies the occurrence nearest to it (a tie goes to the
// earlier), so holding one a day late or early keeps the rhythm. A rolling cadence (no --day)
// has its next occurrence one cadence after the last held 1:1 (or --since), moved to a workday,
// and the following ones a cadence apart.
//
// Every occurrence is dated by the user's calendar (the local date of its start in the user's
// zone); a timed slot is at the person's wall time in the person's zone.
#include <date/date.h>
#include <date/tz.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"

namespace mgr::domain {

// The dates of the 1:1s logged with one person (user's dates), oldest first.
struct OneOnOneHistory {
  std::vector<Date> held;
  std::vector<Date> cancelled;
};

// One person and everything their series depends on.
struct PersonSchedule {
  Person person;
  OneOnOneHistory history;
  std::vector<Skip> skips;
  std::vector<Move> moves;  // oldest first; a later move of the same occurrence wins
};

// Where the series is looked at from: the user's zone, the day ("today", or the end of a week
// the review looks back at; 1:1s logged after it are ignored) and the config's workdays.
struct SeriesContext {
  const Zone* user_zone = nullptr;
  Date today;
  Workdays workdays;
};

enum class OccurrenceStatus { due, overdue, cancelled, moved, skipped, held, dropped };
std::string_view name_of(OccurrenceStatus status);

struct Occurrence {
  std::string person;  // handle
  Date regular;        // its date in the series: what a skip or move names, and the .ics UID
  Date date;           // where it happens, after moves and time away
  std::optional<Instant> start;  // with a --time
  std::optional<date::local_seconds> start_in_person_zone;
  std::optional<date::local_seconds> start_in_user_zone;
  const Zone* person_zone = nullptr;  // the person's zone, else the user's
  bool other_zone = false;            // the person's zone is not the user's
  Minutes length{30};
  bool moved = false;    // by `schedule move` or by time away
  bool skipped = false;  // `schedule skip`
  std::string skip_reason;
  bool dropped = false;      // time away pushed it onto the next occurrence
  bool cancelled = false;    // a 1:1 logged --cancelled for it (it stays to be held)
  std::optional<Date> held;  // the held 1:1 that satisfied it
  int sequence = 0;          // how often it changed, for the .ics SEQUENCE

  // Still to be held: not satisfied, skipped or dropped.
  bool to_hold() const { return !held && !skipped && !dropped; }
  // held, skipped and dropped as they are; otherwise overdue once its day has passed, then
  // cancelled, moved or due.
  OccurrenceStatus status(Date today) const;
};

struct SeriesState {
  std::optional<Date> last_held;
  // The occurrences still to hold whose day passed after the last held 1:1, oldest first: the
  // first is the overdue one, and how many there are is `missed`.
  std::vector<Occurrence> missed;
  // Every occurrence from today on, in every status, whose date or regular date is on or
  // before `until`, by date.
  std::vector<Occurrence> upcoming;
  // The first upcoming occurrence still to hold that was not cancelled.
  std::optional<Occurrence> next;

  const Occurrence* overdue() const { return missed.empty() ? nullptr : &missed.front(); }
  int overdue_days(Date today) const;
};

// Nothing (an empty state) for cadence none or an archived person.
SeriesState series_state(const PersonSchedule& schedule, const SeriesContext& context, Date until);

// The occurrences of the series dated within [from, to] that were to be held (neither skipped
// nor dropped by time away) and whose day has passed or that were held, each with the 1:1 that
// satisfied it; 1:1s logged after context.today are ignored. "1:1s held of those due" over a
// past window (the self-check and the first-year view). A rolling cadence is replayed from the
// last held 1:1 before the window: each held 1:1 satisfies the occurrence pending then and
// restarts the count a cadence later; one held closer to the occurrence it follows than to the
// pending one is an extra and satisfies nothing.
std::vector<Occurrence> occurrences_between(const PersonSchedule& schedule,
                                            const SeriesContext& context, Date from, Date to);

// The occurrence `mgr schedule skip` or `move` changes: the one on `on` (its date or regular
// date), else the overdue one, else the next one still to hold. Throws UsageError when there is
// none, or the person has no series; `verb` ("skip", "move") words the error.
Occurrence occurrence_to_change(const PersonSchedule& schedule, const SeriesContext& context,
                                std::optional<Date> on, std::string_view verb);

// One check-in interval after the last check-in, or after the hand-off (`created`) when none
// was logged yet, whichever is later. Nothing for check-ins "none" or a delegation not open.
std::optional<Date> next_checkin_due(const Delegation& delegation);

// Days from `due` to `today`; 0 on the due date itself and before it.
int overdue_days(Date due, Date today);

}  // namespace mgr::domain
