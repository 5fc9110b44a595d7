#pragma once
// The team at a glance (`mgr person list`): for each person the last 1:1 held, the next one
// due or how overdue one is, and what is open about them. A pure function of the loaded people,
// their series and the open items.
#include <optional>
#include <vector>

#include "domain/model.hpp"
#include "domain/series.hpp"

namespace mgr::domain {

// What storage loads for the overview: only bounded, indexed reads (each person's series from a
// little before their last held 1:1, and the open concerns and delegations).
struct TeamInput {
  std::vector<PersonSchedule> people;  // the people listed, by handle
  std::vector<Concern> open_concerns;
  std::vector<Delegation> open_delegations;
};

struct TeamRow {
  Person person;
  // The latest held 1:1 on or before today, whatever the cadence (a peer without one may still
  // have had a 1:1).
  std::optional<Date> last_held;
  // The next occurrence still to hold from today on; none for cadence none or an archived
  // person.
  std::optional<Occurrence> next;
  // The oldest occurrence still to hold whose day passed, with how many days ago it was due
  // and how many occurrences went by since the last held 1:1.
  std::optional<Occurrence> overdue;
  int overdue_days = 0;
  int missed = 0;
  std::vector<Concern> open_concerns;  // about them (alone or with others)
  std::vector<Delegation> open_delegations;
};

// One row per person of `input.people`, in the same order.
std::vector<TeamRow> team_overview(const TeamInput& input, const SeriesContext& context);

}  // namespace mgr::domain
