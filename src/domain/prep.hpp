#pragma once
// What a manager wants in front of them before a 1:1: the prep sheet of `mgr prep` and the
// one-line prep of `mgr today`.
#include <optional>
#include <vector>

#include "domain/clock.hpp"
#include "domain/model.hpp"
#include "domain/series.hpp"

namespace mgr::domain {

// How many of the latest held 1:1s the sheet shows the mood of.
inline constexpr std::size_t k_mood_window = 5;

// The one line `mgr today` prints under each 1:1.
struct PrepCounts {
  std::optional<int> days_since_last;
  int topics = 0;
  int my_actions = 0;
  int their_actions = 0;
  int concerns = 0;
};

// Counts for one person among everyone's open topics, actions and concerns.
PrepCounts prep_counts(const std::string& handle, std::optional<Date> last_held,
                       const std::vector<Topic>& open_topics,
                       const std::vector<Action>& open_actions,
                       const std::vector<Concern>& open_concerns, Date today);

// What storage loads for one person's sheet: only the rows the sheet shows.
struct PrepInput {
  PersonSchedule schedule;
  std::vector<Entry> recent_one_on_ones;  // held ones, newest first, at most k_mood_window
  std::optional<Entry> last_positive;
  std::optional<Entry> last_constructive;
  std::vector<Topic> open_topics;
  std::vector<Action> open_actions;
  std::vector<Delegation> open_delegations;
  std::vector<Concern> open_concerns;
};

struct DelegationPrep {
  Delegation delegation;
  std::optional<Date> next_checkin;
};

struct PrepSheet {
  Person person;
  SeriesState series;  // next, overdue and missed occurrences
  std::optional<Entry> last_one_on_one;
  std::optional<int> days_since_last;
  std::vector<Topic> topics;
  std::vector<Action> actions;
  std::vector<DelegationPrep> delegations;
  std::vector<Concern> concerns;
  std::optional<Entry> last_positive;
  std::optional<Entry> last_constructive;
  std::vector<Entry> recent_one_on_ones;  // oldest first, for the mood trend
};

PrepSheet make_prep_sheet(PrepInput input, const SeriesContext& context);

}  // namespace mgr::domain
