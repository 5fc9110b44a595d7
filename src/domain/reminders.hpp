#pragma once
// What `mgr remind` says for a day (spec/cli.md "Reminders (for cron)"): the day's agenda, the
// same one `mgr today` shows (domain/agenda.hpp), as a list of items each e-mailed at most once
// a day.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/model.hpp"
#include "domain/series.hpp"

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
  std::optional<Occurrence> occurrence;  // a 1:1's (its time, zones, status)
  int missed = 0;                        // an overdue 1:1: occurrences missed
  std::optional<CheckinStatus> warning;  // a delegation whose last check-in said at-risk/blocked
  // Which thing this is, stable through the day and free of any name or text, so a reminder
  // already sent for that day can be recognised: "1on1:2026-11-23" (the occurrence's regular
  // date, with `person`), "checkin:17", "delegation:17", "action:42", "concern:9", "review",
  // "nudge".
  std::string key;
};

// Everything to remind of on `context.today`, in the order of ReminderKind, then by due date,
// person and id. Empty when there is nothing to say. Only your own actions: a reminder is for
// what you have to do.
std::vector<ReminderItem> reminders_for(const AgendaInput& input, const SeriesContext& context,
                                        const AgendaPolicy& policy);

}  // namespace mgr::domain
