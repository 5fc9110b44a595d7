#pragma once
// What `mgr remind` says for a day (spec/cli.md "Reminders (for cron)"): a pure function of the
// loaded data, the policy and the clock. Built on the agenda, with what the agenda does not
// hold (delegations due soon, concerns left too long, the review day, the logging nudge).
#include <date/date.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/clock.hpp"
#include "domain/model.hpp"

namespace mgr::domain {

// Named as the `kind` of the JSON items: 1on1, checkin, delegation, action, concern, review,
// nudge. Declared in the order a reminder lists them.
enum class ReminderKind { one_on_one, checkin, delegation, action, concern, review, nudge };
std::string_view name_of(ReminderKind kind);

struct ReminderItem {
  ReminderKind kind = ReminderKind::one_on_one;
  std::string person;              // handle; empty for the review and the nudge
  std::optional<std::int64_t> id;  // the delegation's, action's or concern's id
  // When it was (or is) due: a 1:1's occurrence, a check-in, a due date; for a concern the day
  // it became "too long unaddressed"; for the review the day itself. None for the nudge.
  std::optional<Date> due;
  int overdue_days = 0;        // local days since `due`; 0 on the day and before it
  std::optional<Date> opened;  // a concern: the day it was opened
  // What it is about: the person's name for a 1:1, the outcome, the action's or concern's
  // text; a sentence of its own for the review and the nudge.
  std::string text;
  std::optional<DueSlot> slot;  // a 1:1's occurrence (its time and zones)
  // Which thing this is, stable through the day and free of any name or text, so a reminder
  // already sent for that day can be recognised: "1on1:2026-11-23" (with `person`),
  // "checkin:17", "delegation:17", "action:42", "concern:9", "review", "nudge".
  std::string key;
};

struct ReminderInput {
  AgendaInput agenda;
  std::vector<Concern> open_concerns;
  // The latest date anything was logged on, on or before the day; nothing when never.
  std::optional<Date> last_logged;
  // The earliest date the database knows (first entry or first person's --since).
  std::optional<Date> history_start;
};

struct ReminderPolicy {
  int concern_days_max = 7;
  date::weekday review_day = date::Friday;
  std::vector<date::weekday> workdays = {date::Monday, date::Tuesday, date::Wednesday,
                                         date::Thursday, date::Friday};
};

// Delegations are mentioned this many days before they are due.
inline constexpr int k_delegation_warning_days = 2;
// The nudge comes after this many workdays with nothing logged.
inline constexpr int k_quiet_workdays = 3;

// A clock reading `day` as today (09:00 local), for reminders of a day other than today.
Clock clock_on(Date day, const Clock& clock);

// Everything to remind of on `day`, in the order of ReminderKind, then by due date, person and
// id. Empty when there is nothing to say.
std::vector<ReminderItem> reminders_for(const ReminderInput& input, const ReminderPolicy& policy,
                                        const Clock& clock, Date day);

// The workdays strictly before `day`, newest first, `count` of them.
std::vector<Date> workdays_before(Date day, int count, const std::vector<date::weekday>& workdays);

}  // namespace mgr::domain
