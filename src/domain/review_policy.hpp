#pragma once

namespace mgr::domain {

// The thresholds of the weekly review (spec/review.md); defaults here, overridable under
// [review] in the config file.
struct ReviewPolicy {
  double ic_hours_max = 8;
  int overdue_grace_days = 2;
  int feedback_window_weeks = 4;
  int feedback_every_weeks = 2;
  int concern_days_max = 7;
  int checkins_per_week_max = 2;
  int self_dev_days = 14;
  int promise_grace_days = 2;
};

}  // namespace mgr::domain
