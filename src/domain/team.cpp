#include "domain/team.hpp"

#include <algorithm>

namespace mgr::domain {

namespace {

// Far enough ahead to reach the next occurrence of any cadence, even past a long time away.
constexpr date::days k_look_ahead{400};

std::optional<Date> last_held_by(const OneOnOneHistory& history, Date today) {
  std::optional<Date> last;
  for (const auto held : history.held)
    if (held <= today && (!last || held > *last)) last = held;
  return last;
}

}  // namespace

std::vector<TeamRow> team_overview(const TeamInput& input, const SeriesContext& context) {
  std::vector<TeamRow> rows;
  rows.reserve(input.people.size());
  for (const auto& schedule : input.people) {
    TeamRow row;
    row.person = schedule.person;
    row.last_held = last_held_by(schedule.history, context.today);
    const auto series = series_state(schedule, context, context.today + k_look_ahead);
    row.next = series.next;
    if (const auto* overdue = series.overdue()) {
      row.overdue = *overdue;
      row.overdue_days = series.overdue_days(context.today);
      row.missed = static_cast<int>(series.missed.size());
    }
    const auto& handle = schedule.person.handle;
    for (const auto& concern : input.open_concerns)
      if (std::find(concern.people.begin(), concern.people.end(), handle) != concern.people.end())
        row.open_concerns.push_back(concern);
    for (const auto& delegation : input.open_delegations)
      if (delegation.person == handle) row.open_delegations.push_back(delegation);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace mgr::domain
