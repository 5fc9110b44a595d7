#pragma once
// The detectors and habits of the weekly review, one small function each, reading like the
// tables of spec/review.md. make_review (review.cpp) runs them; tests call them one by one.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/review.hpp"

namespace mgr::domain {

// The loaded entries by kind, by person and kind, and check-ins by delegation, each in date
// order: the rules ask for a kind (and a person) within dates, many times over.
class EntryIndex {
 public:
  explicit EntryIndex(const ReviewInput& input);
  std::vector<const LogEntry*> of_kind(EntryKind kind, Date from, Date to) const;
  std::vector<const LogEntry*> of_person(EntryKind kind, const std::string& handle, Date from,
                                         Date to) const;
  std::vector<const LogEntry*> checkins_of(DelegationId delegation, Date to) const;

 private:
  // Places in m_entries, by date: half the size of pointers over a window of many months.
  using Places = std::vector<std::uint32_t>;
  std::vector<const LogEntry*> dated_between(const Places& places, Date from, Date to) const;

  const std::vector<LogEntry>& m_entries;
  std::map<EntryKind, Places> m_by_kind;
  std::map<std::pair<EntryKind, std::string>, Places> m_by_person;
  std::map<std::int64_t, Places> m_checkins;
};

// Everything a rule looks at for one week, with each person's series as of the week's end.
struct WeekView {
  const ReviewInput& input;
  const ReviewPolicy& policy;
  ReviewWeek week;
  const ReviewContext& context;
  std::vector<std::pair<const PersonSchedule*, SeriesState>> series;
  WindowFacts facts;
  std::shared_ptr<const EntryIndex> index;

  // `index` of input.entries, shared by the views of several weeks; built when not given.
  WeekView(const ReviewInput& input, const ReviewPolicy& policy, ReviewWeek week,
           const ReviewContext& context, std::shared_ptr<const EntryIndex> index = nullptr);

  bool is_report(const Person& person) const;
  // Entries of `kind` dated within [from, to], by date.
  std::vector<const LogEntry*> entries(EntryKind kind, Date from, Date to) const {
    return index->of_kind(kind, from, to);
  }
  // Open at the window's end: opened by then, and not closed by then.
  bool open_at_end(const Concern& concern) const;
  bool open_at_end(const Delegation& delegation) const;
  bool open_at_end(const Action& action) const;
};

// Detectors: nothing, or the flag.
std::optional<Flag> detect_ic_creep(const WeekView& view);
std::optional<Flag> detect_missed_one_on_ones(const WeekView& view);
std::optional<Flag> detect_friend_not_boss(const WeekView& view);
std::optional<Flag> detect_avoided_conflict(const WeekView& view);
std::optional<Flag> detect_not_delegating(const WeekView& view);
std::optional<Flag> detect_delegation_without_support(const WeekView& view);
std::optional<Flag> detect_micromanaging(const WeekView& view);
std::optional<Flag> detect_no_self_development(const WeekView& view);
std::optional<Flag> detect_no_managing_up(const WeekView& view);
std::optional<Flag> detect_broken_promises(const WeekView& view);

// Every detector, the flags most severe first (in the order of the spec within a severity).
std::vector<Flag> run_detectors(const WeekView& view);

// Habits: met in that week or not.
bool one_on_ones_habit_met(const WeekView& view);
bool feedback_habit_met(const WeekView& view);
bool learning_habit_met(const WeekView& view);
bool ic_limit_habit_met(const WeekView& view);
bool hard_conversations_habit_met(const WeekView& view);

// `met[k]` for the reviewed week (k = 0) and the weeks before it, only weeks since history
// starts: consecutive weeks met from k = 0, and Σ met(k)·0.8^k / Σ 0.8^k.
int habit_streak(const std::vector<bool>& met);
double habit_strength(const std::vector<bool>& met);

// Which habit rules each week met, by (Monday, last day seen): the first-year view judges the
// same weeks for the months whose ends they precede, and judges each once.
// Whether the week of `view` met each habit rule, in the order evaluate_habits lists them.
std::vector<bool> habits_met(const WeekView& view);

struct HabitWeekCache {
  std::map<std::pair<Date, Date>, std::vector<bool>> met;
};

// Each habit over the reviewed week and up to k_habit_weeks - 1 earlier ones.
std::vector<Habit> evaluate_habits(const ReviewInput& input, const ReviewPolicy& policy,
                                   const ReviewWeek& week, const ReviewContext& context,
                                   std::shared_ptr<const EntryIndex> index = nullptr,
                                   HabitWeekCache* cache = nullptr);

}  // namespace mgr::domain
