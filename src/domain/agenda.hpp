#pragma once
// The agenda: what is due when. `mgr schedule` lists a window of days; `mgr today` (and the
// reminders) one day with everything that needs attention. Pure functions of the loaded people,
// open items and the day.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"
#include "domain/series.hpp"

namespace mgr::domain {

enum class AgendaKind { one_on_one, checkin, delegation, action, concern };
// The words of the JSON output: 1on1, checkin, delegation, action, concern.
std::string_view name_of(AgendaKind kind);

struct AgendaItem {
  AgendaKind kind = AgendaKind::one_on_one;
  // The day it is listed on: its date, or today when that has passed, because an overdue item
  // is something to do today, not something to look for in the past.
  Date day;
  Date due;
  int overdue_days = 0;
  std::string person;
  std::optional<std::int64_t> id;  // the delegation's, action's or concern's id; none for 1:1s
  std::string text;                // the outcome, the action's or the concern's text
  // A 1:1:
  std::optional<Occurrence> occurrence;
  OccurrenceStatus status = OccurrenceStatus::due;
  int missed = 0;
  std::optional<Date> last_held;
  // An action: whose it is.
  std::optional<Owner> owner;
  // A delegation: its last check-in said at-risk or blocked.
  std::optional<CheckinStatus> warning;

  // A 1:1 listed on its own day has a time; an overdue one listed today does not.
  bool shows_slot_time() const {
    return occurrence && occurrence->start && day == occurrence->date;
  }
};

// Everything the agenda is computed from.
struct AgendaInput {
  std::vector<PersonSchedule> people;        // active people with a cadence
  std::vector<Delegation> open_delegations;  // with their last check-in
  std::vector<Action> open_actions;          // yours and theirs
  std::vector<Concern> open_concerns;
  std::optional<Date> last_logged;  // the newest entry's date
  std::optional<Date> log_start;    // the earliest --since: the nudge waits for it
};

struct AgendaPolicy {
  Workdays workdays;
  int concern_days_max = 7;
  date::weekday review_day = date::Friday;
  int nudge_after_workdays = 3;
  int delegation_due_soon_days = 2;
};

// `mgr schedule`: every 1:1 occurrence, check-in, delegation due date and action due date from
// today to `until`, overdue ones listed today. Sorted by day; within a day 1:1s first (timed
// ones by start), then check-ins, delegations and actions.
std::vector<AgendaItem> schedule_agenda(const AgendaInput& input, const SeriesContext& context,
                                        Date until);

// One day, for `mgr today` and `mgr remind`.
struct DayAgenda {
  Date day;
  std::vector<AgendaItem> one_on_ones;  // the day's occurrences and overdue ones
  // Check-ins due or overdue; delegations due within two days, late, or at risk; concerns left
  // unaddressed too long; actions (yours and theirs) due or overdue.
  std::vector<AgendaItem> due;
  bool review_day = false;
  // Workdays since something was last logged, when that is enough for a nudge.
  std::optional<int> quiet_workdays;
  std::optional<Date> last_logged;
  // The next 1:1 after this day, for "nothing due; next up is ...".
  std::optional<AgendaItem> next_one_on_one;

  bool nothing_to_do() const { return one_on_ones.empty() && due.empty(); }
};

DayAgenda day_agenda(const AgendaInput& input, const SeriesContext& context,
                     const AgendaPolicy& policy);

}  // namespace mgr::domain
