#include "domain/progress.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>

#include "domain/parse.hpp"
#include "domain/review_rules.hpp"

namespace mgr::domain {

using date::days;

namespace {

date::year_month month_containing(Date day) {
  const date::year_month_day ymd{day};
  return ymd.year() / ymd.month();
}

Date first_day(date::year_month month) {
  return Date{month / date::day{1}};
}

Date last_day(date::year_month month) {
  return Date{month / date::last};
}

void count_one_on_ones(ProgressMonth& month, const ReviewInput& input,
                       const ReviewContext& context) {
  const SeriesContext series{context.user_zone, month.span.last, context.workdays};
  for (const auto& schedule : input.people) {
    if (!is_active_report(schedule.person)) continue;
    for (const auto& occurrence :
         occurrences_between(schedule, series, month.span.first, month.span.last)) {
      month.one_on_ones_due += 1;
      month.one_on_ones_held += occurrence.held.has_value();
    }
  }
}

void count_feedback(ProgressMonth& month, const EntryIndex& index) {
  for (const auto* entry : index.of_kind(EntryKind::feedback, month.span.first, month.span.last)) {
    if (!entry->polarity) continue;
    (*entry->polarity == Polarity::positive ? month.feedback_positive
                                            : month.feedback_constructive) += 1;
  }
}

void count_concerns(ProgressMonth& month, const ReviewInput& input, const ReviewPolicy& policy,
                    Date today) {
  for (const auto& concern : input.concerns) {
    if (concern.opened < month.span.first || concern.opened > month.span.last) continue;
    month.concerns_opened += 1;
    const auto deadline = concern.opened + days{policy.concern_days_max};
    const bool in_time = concern.first_conversation && *concern.first_conversation <= deadline &&
                         *concern.first_conversation <= today;
    const bool decided = in_time || (concern.closed && *concern.closed <= today) ||
                         (concern.first_conversation && *concern.first_conversation <= today) ||
                         deadline < today;
    month.concerns_decided += decided;
    month.concerns_in_time += in_time;
  }
}

void count_promises(ProgressMonth& month, const ReviewInput& input) {
  for (const auto& action : input.my_actions) {
    if (action.owner != Owner::me || !action.due || action.status == ActionStatus::dropped)
      continue;
    if (*action.due < month.span.first || *action.due > month.span.last) continue;
    month.promises_due += 1;
    month.promises_kept += action.done && *action.done <= *action.due;
  }
}

// Each flag of the ISO weeks whose Sunday falls in the month, as the review of that week saw it
// (the running week as of today). The habits of each week are judged from the same view and
// kept, since the habit strengths of later months look back over these weeks.
void count_flags(ProgressMonth& month, const ReviewInput& input, const ReviewPolicy& policy,
                 const ReviewContext& context, const std::shared_ptr<const EntryIndex>& index,
                 HabitWeekCache& habit_weeks) {
  std::map<std::string, int> fired;
  auto week = week_containing(month.span.first, context.today);
  if (week.to < month.span.first) week = week_containing(week.from + days{7}, context.today);
  for (; week.from <= context.today && week.to <= last_day(month_containing(month.span.first));
       week = week_containing(week.from + days{7}, context.today)) {
    const WeekView view{input, policy, week, context, index};
    for (const auto& flag : run_detectors(view)) fired[flag.id] += 1;
    habit_weeks.met.emplace(std::make_pair(week.from, week.as_of), habits_met(view));
  }
  month.flags.assign(fired.begin(), fired.end());
}

void measure_habits(ProgressMonth& month, const ReviewInput& input, const ReviewPolicy& policy,
                    const ReviewContext& context, const std::shared_ptr<const EntryIndex>& index,
                    HabitWeekCache& cache) {
  // The habit week that ends on the month's last day seen: strength as it stood then.
  const auto week = week_containing(month.span.last, month.span.last);
  for (const auto& habit : evaluate_habits(input, policy, week, context, index, &cache))
    month.habits.emplace_back(habit.id, habit.strength);
}

// ---- the sentences ----

struct Measure {
  const char* name;
  bool higher_is_better;
  double scale;  // a change of `scale` counts 1
  std::function<std::optional<double>(const ProgressMonth&)> value;
  std::function<std::string(double)> shown;
};

std::string one_decimal(double value) {
  const auto tenths = static_cast<long>(std::lround(value * 10));
  return std::to_string(tenths / 10) + "." + std::to_string(std::labs(tenths % 10));
}

std::string shown_percent(double value) {
  return std::to_string(std::lround(value)) + "%";
}

// A month's days seen, for rates per week of a month still running.
double weeks_in(const MonthSpan& span) {
  return static_cast<double>((span.last - span.first).count() + 1) / 7.0;
}

std::optional<double> as_double(std::optional<int> value) {
  if (!value) return std::nullopt;
  return static_cast<double>(*value);
}

const std::vector<Measure>& measures() {
  static const std::vector<Measure> all = {
      {"1:1s held", true, 100,
       [](const ProgressMonth& m) { return as_double(m.one_on_ones_held_pct()); }, shown_percent},
      {"concerns talked about in time", true, 100,
       [](const ProgressMonth& m) { return as_double(m.concerns_in_time_pct()); }, shown_percent},
      {"IC share", false, 100, [](const ProgressMonth& m) { return as_double(m.ic_share_pct()); },
       shown_percent},
      {"promises kept on time", true, 100,
       [](const ProgressMonth& m) { return as_double(m.promises_kept_pct()); }, shown_percent},
      {"learning", true, 2,
       [](const ProgressMonth& m) -> std::optional<double> {
         return m.learn_minutes / 60.0 / weeks_in(m.span);
       },
       [](double value) { return one_decimal(value) + "h a week"; }},
      {"feedback given", true, 2,
       [](const ProgressMonth& m) -> std::optional<double> {
         return (m.feedback_positive + m.feedback_constructive) / weeks_in(m.span);
       },
       [](double value) { return one_decimal(value) + " a week"; }},
      {"self-check fit", true, 100, [](const ProgressMonth& m) { return as_double(m.fit); },
       [](double value) { return std::to_string(std::lround(value)); }},
  };
  return all;
}

std::optional<double> mean_of(const Measure& measure, const std::vector<ProgressMonth>& months,
                              std::size_t from, std::size_t count) {
  double sum = 0;
  int seen = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    if (auto value = measure.value(months[i])) {
      sum += *value;
      seen += 1;
    }
  }
  if (seen == 0) return std::nullopt;
  return sum / seen;
}

std::string where_you_are(int month_number) {
  const auto n = std::to_string(month_number);
  if (month_number < 6)
    return "Month " + n +
           " of your first year: the guide says 6-12 months before the job feels competent, so "
           "feeling unsure now is normal.";
  if (month_number <= 12)
    return "Month " + n +
           " of your first year: inside the 6-12 months the guide gives before the job feels "
           "competent.";
  return "Month " + n + " since your log starts: past the 6-12 months the guide gives a new " +
         "manager to feel competent.";
}

// A month the comparison can stand on: at least two weeks of it inside the log, so that a log
// started on the 28th does not make its first month look empty.
constexpr int k_comparable_days = 14;

void compare_ends(Progress& progress, Date history_start) {
  std::vector<ProgressMonth> months;
  for (const auto& month : progress.months)
    if ((month.span.last - std::max(month.span.first, history_start)).count() + 1 >=
        k_comparable_days)
      months.push_back(month);
  if (months.size() < 2) {
    progress.summary.emplace_back(
        "Less than two months of log so far: the first months and the latest are compared once "
        "there are two with two weeks of log or more.");
    return;
  }
  const std::size_t k = std::min<std::size_t>(3, months.size() / 2);
  const auto span =
      k == 1 ? std::string{"the first month and the last"}
             : "the first " + std::to_string(k) + " months and the last " + std::to_string(k);
  struct Change {
    const Measure* measure;
    double before, after, score;
  };
  std::optional<Change> best, worst;
  for (const auto& measure : measures()) {
    const auto before = mean_of(measure, months, 0, k);
    const auto after = mean_of(measure, months, months.size() - k, k);
    if (!before || !after) continue;
    const double score =
        (*after - *before) / measure.scale * (measure.higher_is_better ? 1.0 : -1.0);
    if (score > 0.005 && (!best || score > best->score))
      best = Change{&measure, *before, *after, score};
    if (score < -0.005 && (!worst || score < worst->score))
      worst = Change{&measure, *before, *after, score};
  }
  const auto described = [](const Change& change) {
    return std::string{change.measure->name} + ", " + change.measure->shown(change.before) +
           " -> " + change.measure->shown(change.after);
  };
  progress.summary.push_back(best ? "Improved most between " + span + ": " + described(*best) + "."
                                  : "Nothing improved between " + span + ".");
  progress.summary.push_back(worst ? "Slipped most between " + span + ": " + described(*worst) + "."
                                   : "Nothing slipped between " + span + ".");
}

}  // namespace

std::optional<int> percent_of(int part, int whole) {
  if (whole <= 0) return std::nullopt;
  return (part * 200 + whole) / (whole * 2);
}

std::optional<int> ProgressMonth::one_on_ones_held_pct() const {
  return percent_of(one_on_ones_held, one_on_ones_due);
}
std::optional<int> ProgressMonth::concerns_in_time_pct() const {
  return percent_of(concerns_in_time, concerns_decided);
}
std::optional<int> ProgressMonth::ic_share_pct() const {
  return percent_of(ic_minutes, ic_minutes + mgmt_minutes);
}
std::optional<int> ProgressMonth::promises_kept_pct() const {
  return percent_of(promises_kept, promises_due);
}

std::vector<MonthSpan> progress_months(Date history_start, Date today, int max_months) {
  std::vector<MonthSpan> months;
  if (history_start > today || max_months <= 0) return months;
  const auto first = month_containing(history_start);
  auto month = month_containing(today);
  for (int i = 0; i < max_months && month >= first; ++i, month -= date::months{1}) {
    MonthSpan span;
    span.label = format_date(first_day(month)).substr(0, 7);
    span.first = first_day(month);
    span.last = std::min(last_day(month), today);
    span.complete = last_day(month) < today;
    months.push_back(std::move(span));
  }
  std::reverse(months.begin(), months.end());
  return months;
}

Date progress_load_from(const std::vector<MonthSpan>& months, const ReviewPolicy& policy) {
  if (months.empty()) return Date::max();
  return months.front().first - days{7 + review_lookback_days(policy)};
}

Progress make_progress(const ReviewInput& input, const std::vector<SelfCheck>& checks,
                       const ReviewPolicy& policy, const ReviewContext& context,
                       const std::vector<MonthSpan>& months, Date history_start) {
  Progress progress;
  const auto index = std::make_shared<const EntryIndex>(input);
  HabitWeekCache habit_weeks;
  for (const auto& span : months) {
    ProgressMonth month;
    month.span = span;
    count_one_on_ones(month, input, context);
    count_feedback(month, *index);
    count_concerns(month, input, policy, context.today);
    const auto facts = window_facts(input.minutes, span.first, span.last);
    month.ic_minutes = facts.ic_minutes;
    month.mgmt_minutes = facts.mgmt_minutes;
    month.learn_minutes = facts.learn_minutes;
    count_promises(month, input);
    count_flags(month, input, policy, context, index, habit_weeks);
    measure_habits(month, input, policy, context, index, habit_weeks);
    for (const auto& check : checks)
      if (month_of(check.date) == span.label) month.fit = check.fit();
    progress.months.push_back(std::move(month));
  }
  const auto start = month_containing(history_start);
  const auto now = month_containing(context.today);
  progress.month_number = static_cast<int>((now - start).count()) + 1;
  progress.summary.push_back(where_you_are(progress.month_number));
  compare_ends(progress, history_start);
  return progress;
}

}  // namespace mgr::domain
