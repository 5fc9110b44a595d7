#pragma once
// The agenda: what is due when, for `mgr schedule` and `mgr today` (and the reminders). A pure
// function of the loaded people, open delegations and open actions and the run's clock.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/model.hpp"
#include "domain/schedule.hpp"

namespace mgr::domain {

enum class AgendaKind { one_on_one, checkin, delegation_due, action_due };
std::string_view name_of(AgendaKind kind);

struct AgendaItem {
  AgendaKind kind = AgendaKind::one_on_one;
  // The day it is listed on: its due date, or today when that has passed, because an overdue
  // item is something to do today, not something to look for in the past.
  Date day;
  Date due;
  int overdue_days = 0;
  std::string person;
  // The delegation's or action's id (one id space); a 1:1 slot has none.
  std::optional<std::int64_t> id;
  std::string text;  // the delegation's outcome or the action's text
  std::optional<DueSlot> slot;

  // A 1:1 listed on its own day has a time; an overdue one listed today does not.
  bool shows_slot_time() const { return slot && slot->start && day == due; }
};

// Everything the agenda is computed from.
struct AgendaInput {
  std::vector<PersonSchedule> people;        // active people with a cadence
  std::vector<Delegation> open_delegations;  // with their last check-in
  std::vector<Action> my_open_actions;
};

// Every item due on or before `until`, overdue ones listed today. Sorted by day; within a day
// 1:1s first (timed ones by start), then check-ins, delegations and actions.
std::vector<AgendaItem> build_agenda(const AgendaInput& input, const Clock& clock, Date until);

}  // namespace mgr::domain
