#pragma once
// The first-year view of spec/reflect.md (`mgr progress`): each calendar month of the log judged
// with the review's own rules, and a few plain sentences about where the manager stands.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/reflect.hpp"
#include "domain/review.hpp"

namespace mgr::domain {

// A calendar month as the view shows it: up to its last day, or to today while it runs.
struct MonthSpan {
  std::string label;  // 2026-11
  Date first;
  Date last;  // the month's last day, or today
  bool complete = true;
};

// The months since the one history starts in, at most `max_months` of them, the last being
// today's; none before history starts.
std::vector<MonthSpan> progress_months(Date history_start, Date today, int max_months);

// The day the log must be loaded from for `months`: the review of the first week ending in the
// first month looks back review_lookback_days before that week's Monday.
Date progress_load_from(const std::vector<MonthSpan>& months, const ReviewPolicy& policy);

struct ProgressMonth {
  MonthSpan span;
  // 1:1s with reports whose day in the series fell in the month (and has passed), and how many
  // were held; the others were missed.
  int one_on_ones_due = 0;
  int one_on_ones_held = 0;
  int feedback_positive = 0;
  int feedback_constructive = 0;
  // Concerns opened in the month; decided: talked about, closed, or past concern_days_max.
  int concerns_opened = 0;
  int concerns_decided = 0;
  int concerns_in_time = 0;  // first conversation within concern_days_max
  int ic_minutes = 0;
  int mgmt_minutes = 0;
  int learn_minutes = 0;
  // Your actions due in the month (not dropped), and those done by their due date.
  int promises_due = 0;
  int promises_kept = 0;
  std::vector<std::pair<std::string, double>> habits;  // id, strength at the month's end
  std::vector<std::pair<std::string, int>> flags;      // id, ISO weeks ending in the month
  std::optional<int> fit;                              // that month's self-check

  int one_on_ones_missed() const { return one_on_ones_due - one_on_ones_held; }
  std::optional<int> one_on_ones_held_pct() const;
  std::optional<int> concerns_in_time_pct() const;
  std::optional<int> ic_share_pct() const;  // IC of IC + management
  std::optional<int> promises_kept_pct() const;
};

// `part` of `whole` in percent, rounded half up; nothing when `whole` is 0.
std::optional<int> percent_of(int part, int whole);

struct Progress {
  std::vector<ProgressMonth> months;  // oldest first
  int month_number = 0;               // today's month counted from the first month of the log
  std::vector<std::string> summary;   // plain sentences
};

// The view of `months` from a log window loaded from progress_load_from(months) to today, and
// the self-checks of those months.
Progress make_progress(const ReviewInput& input, const std::vector<SelfCheck>& checks,
                       const ReviewPolicy& policy, const ReviewContext& context,
                       const std::vector<MonthSpan>& months, Date history_start);

}  // namespace mgr::domain
