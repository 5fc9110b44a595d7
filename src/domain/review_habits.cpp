// The weekly habits of spec/review.md: met in a week or not, the streak, and the strength.
#include <algorithm>
#include <cmath>

#include "domain/review_rules.hpp"

namespace mgr::domain {

using date::days;

bool one_on_ones_habit_met(const WeekView& view) {
  for (const auto& [schedule, state] : view.series) {
    if (!view.is_report(schedule->person)) continue;
    if (state.overdue_days(view.week.as_of) > view.policy.overdue_grace_days) return false;
    for (const auto cancelled : schedule->history.cancelled) {
      if (cancelled < view.week.from || cancelled > view.week.as_of) continue;
      const bool held_later =
          std::any_of(schedule->history.held.begin(), schedule->history.held.end(),
                      [&](Date held) { return held >= cancelled && held <= view.week.as_of; });
      if (!held_later) return false;
    }
  }
  return true;
}

bool feedback_habit_met(const WeekView& view) {
  const auto from = view.week.as_of - days{view.policy.feedback_every_weeks * 7 - 1};
  for (const auto& person : view.input.reports) {
    // Someone who joined after the window started cannot have missed it yet.
    if (!view.is_report(person) || person.since > from) continue;
    if (view.index->of_person(EntryKind::feedback, person.handle, from, view.week.as_of).empty())
      return false;
  }
  return true;
}

bool learning_habit_met(const WeekView& view) {
  return !view.entries(EntryKind::learn, view.week.from, view.week.as_of).empty();
}

bool ic_limit_habit_met(const WeekView& view) {
  return view.facts.ic_minutes <= std::lround(view.policy.ic_hours_max * 60);
}

bool hard_conversations_habit_met(const WeekView& view) {
  for (const auto& concern : view.input.concerns) {
    if (!view.open_at_end(concern)) continue;
    const bool talked =
        concern.first_conversation && *concern.first_conversation <= view.week.as_of;
    if (!talked && days_between(concern.opened, view.week.as_of) > view.policy.concern_days_max)
      return false;
  }
  return true;
}

int habit_streak(const std::vector<bool>& met) {
  int streak = 0;
  while (streak < static_cast<int>(met.size()) && met[static_cast<std::size_t>(streak)]) ++streak;
  return streak;
}

double habit_strength(const std::vector<bool>& met) {
  double weighted = 0;
  double total = 0;
  double weight = 1;
  for (const bool week_met : met) {
    weighted += week_met ? weight : 0;
    total += weight;
    weight *= 0.8;
  }
  return total > 0 ? weighted / total : 0.0;
}

namespace {

struct HabitRule {
  const char* id;
  const char* title;
  bool (*met)(const WeekView&);
};

constexpr HabitRule k_rules[] = {
    {"one-on-ones", "1:1s held on time", one_on_ones_habit_met},
    {"feedback", "feedback for every report", feedback_habit_met},
    {"learning", "time for your own learning", learning_habit_met},
    {"ic-limit", "IC work within the limit", ic_limit_habit_met},
    {"hard-conversations", "concerns talked about in time", hard_conversations_habit_met}};

}  // namespace

std::vector<bool> habits_met(const WeekView& view) {
  std::vector<bool> met;
  for (const auto& rule : k_rules) met.push_back(rule.met(view));
  return met;
}

std::vector<Habit> evaluate_habits(const ReviewInput& input, const ReviewPolicy& policy,
                                   const ReviewWeek& week, const ReviewContext& context,
                                   std::shared_ptr<const EntryIndex> index, HabitWeekCache* cache) {
  if (!index) index = std::make_shared<const EntryIndex>(input);
  // Whether each rule was met in one week, from the cache when that week was judged before.
  const auto judge = [&](const ReviewWeek& judged) {
    const auto key = std::make_pair(judged.from, judged.as_of);
    if (cache != nullptr) {
      const auto found = cache->met.find(key);
      if (found != cache->met.end()) return found->second;
    }
    auto met = habits_met(WeekView{input, policy, judged, context, index});
    if (cache != nullptr) cache->met.emplace(key, met);
    return met;
  };

  // The reviewed week first, then earlier ones, as long as the log reaches into them.
  std::vector<std::vector<bool>> weeks;
  for (int k = 0; k < k_habit_weeks; ++k) {
    ReviewWeek earlier = week;
    if (k > 0) {
      earlier = week_containing(week.from - days{7 * k}, context.today);
      if (!history_reaches(input, earlier.as_of)) break;
    } else if (!history_reaches(input, week.as_of)) {
      break;
    }
    weeks.push_back(judge(earlier));
  }

  std::vector<Habit> habits;
  for (std::size_t r = 0; r < std::size(k_rules); ++r) {
    std::vector<bool> met;
    for (const auto& week_met : weeks) met.push_back(week_met[r]);
    Habit habit;
    habit.id = k_rules[r].id;
    habit.title = k_rules[r].title;
    habit.met = !met.empty() && met.front();
    habit.streak = habit_streak(met);
    habit.strength = habit_strength(met);
    habits.push_back(habit);
  }
  return habits;
}

}  // namespace mgr::domain
