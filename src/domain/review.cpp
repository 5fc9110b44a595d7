#include "domain/review.hpp"

#include <date/iso_week.h>

#include <algorithm>
#include <map>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "domain/review_rules.hpp"

namespace mgr::domain {

using date::days;

std::string_view name_of(Severity severity) {
  return severity == Severity::alert ? "alert" : "warn";
}

std::string hash_id(std::int64_t id) {
  return "#" + std::to_string(id);
}

int cadence_length_days(const Cadence& cadence) {
  switch (cadence.unit) {
    case Cadence::Unit::days:
      return cadence.count;
    case Cadence::Unit::months:
      return 30 * cadence.count;
    case Cadence::Unit::none:
      break;
  }
  return 0;
}

ReviewWeek week_containing(Date day, Date today) {
  const iso_week::year_weeknum_weekday iso{day};
  ReviewWeek week;
  week.label = iso_week_label(day);
  week.from = Date{iso_week::year_weeknum_weekday{iso.year(), iso.weeknum(), iso_week::mon}};
  week.to = week.from + days{6};
  week.as_of = std::min(week.to, today);
  return week;
}

ReviewWeek parse_review_week(std::string_view label, Date today) {
  const auto bad = [&](const std::string& why) {
    return UsageError("invalid week '" + std::string{label} + "'" + why,
                      "weeks are ISO weeks such as 2026-W48 (2026 has 53, 2027 has 52)");
  };
  const std::string text = to_lower(label);
  if (text.size() != 8 || text[4] != '-' || text[5] != 'w') throw bad("");
  int year = 0;
  unsigned number = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == 4 || i == 5) continue;
    if (text[i] < '0' || text[i] > '9') throw bad("");
    if (i < 4)
      year = year * 10 + (text[i] - '0');
    else
      number = number * 10 + static_cast<unsigned>(text[i] - '0');
  }
  if (year < 1900 || year > 2999) throw bad(": years run from 1900 to 2999");
  // The last ISO week of a year is the one holding 28 December.
  const iso_week::year_weeknum_weekday last{Date{date::year{year} / date::December / 28}};
  const unsigned weeks = static_cast<unsigned>(last.weeknum());
  if (number < 1 || number > weeks)
    throw bad(": " + std::to_string(year) + " has weeks 1 to " + std::to_string(weeks));
  const Date monday{iso_week::year_weeknum_weekday{iso_week::year{year}, iso_week::weeknum{number},
                                                   iso_week::mon}};
  if (monday > today)
    throw UsageError("week " + std::string{label} + " has not started yet",
                     "review this week (the default), --last or an earlier --week");
  return week_containing(monday, today);
}

int review_lookback_days(const ReviewPolicy& policy) {
  // The earliest habit week, then the longest look back from a week's end: feedback every N
  // weeks, the feedback window, self-development, a delegation or a feedback request.
  const int longest = std::max({policy.feedback_every_weeks * 7, policy.feedback_window_weeks * 7,
                                policy.self_dev_days, 28, 42, k_chart_weeks * 7});
  return (k_habit_weeks - 1) * 7 + longest;
}

WindowFacts window_facts(const std::vector<DayMinutes>& minutes, Date from, Date to) {
  WindowFacts facts{from, to};
  for (const auto& day : minutes) {
    if (day.day < from || day.day > to) continue;
    switch (day.kind) {
      case EntryKind::ic:
        facts.ic_minutes += day.minutes;
        break;
      case EntryKind::mgmt:
        facts.mgmt_minutes += day.minutes;
        break;
      case EntryKind::learn:
        facts.learn_minutes += day.minutes;
        break;
      case EntryKind::one_on_one:
        facts.one_on_one_minutes += day.minutes;
        break;
      default:
        break;
    }
  }
  return facts;
}

bool history_reaches(const ReviewInput& input, Date day) {
  return input.history_start && *input.history_start <= day;
}

SeriesState series_as_of(const PersonSchedule& schedule, const ReviewContext& context, Date day) {
  const SeriesContext series{context.user_zone, day, context.workdays};
  // Far enough to find the next occurrence of a monthly series moved by time away.
  return series_state(schedule, series, day + days{93});
}

EntryIndex::EntryIndex(const ReviewInput& input) : m_entries(input.entries) {
  for (std::uint32_t at = 0; at < m_entries.size(); ++at) {
    const auto& entry = m_entries[at];
    m_by_kind[entry.kind].push_back(at);
    input.for_each_person(entry, [&](const std::string& handle) {
      m_by_person[{entry.kind, handle}].push_back(at);
    });
    if (entry.kind == EntryKind::checkin && entry.delegation)
      m_checkins[entry.delegation->value].push_back(at);
  }
  // By day, and within a day in the order they were logged, whatever order storage read them in.
  const auto by_date = [this](std::uint32_t a, std::uint32_t b) {
    const auto& first = m_entries[a];
    const auto& second = m_entries[b];
    return first.date != second.date ? first.date < second.date : first.id.value < second.id.value;
  };
  for (auto& [kind, places] : m_by_kind) std::stable_sort(places.begin(), places.end(), by_date);
  for (auto& [key, places] : m_by_person) std::stable_sort(places.begin(), places.end(), by_date);
  for (auto& [id, places] : m_checkins) std::stable_sort(places.begin(), places.end(), by_date);
}

std::vector<const LogEntry*> EntryIndex::dated_between(const Places& places, Date from,
                                                       Date to) const {
  const auto first =
      std::lower_bound(places.begin(), places.end(), from,
                       [this](std::uint32_t at, Date day) { return m_entries[at].date < day; });
  const auto last = std::upper_bound(first, places.end(), to, [this](Date day, std::uint32_t at) {
    return day < m_entries[at].date;
  });
  std::vector<const LogEntry*> entries;
  entries.reserve(static_cast<std::size_t>(last - first));
  for (auto at = first; at != last; ++at) entries.push_back(&m_entries[*at]);
  return entries;
}

std::vector<const LogEntry*> EntryIndex::of_kind(EntryKind kind, Date from, Date to) const {
  const auto found = m_by_kind.find(kind);
  if (found == m_by_kind.end()) return {};
  return dated_between(found->second, from, to);
}

std::vector<const LogEntry*> EntryIndex::of_person(EntryKind kind, const std::string& handle,
                                                   Date from, Date to) const {
  const auto found = m_by_person.find({kind, handle});
  if (found == m_by_person.end()) return {};
  return dated_between(found->second, from, to);
}

std::vector<const LogEntry*> EntryIndex::checkins_of(DelegationId delegation, Date to) const {
  const auto found = m_checkins.find(delegation.value);
  if (found == m_checkins.end()) return {};
  return dated_between(found->second, Date::min(), to);
}

WeekView::WeekView(const ReviewInput& review_input, const ReviewPolicy& review_policy,
                   ReviewWeek reviewed, const ReviewContext& review_context,
                   std::shared_ptr<const EntryIndex> entry_index)
    : input(review_input),
      policy(review_policy),
      week(std::move(reviewed)),
      context(review_context),
      facts(window_facts(review_input.minutes, week.from, week.as_of)),
      index(entry_index ? std::move(entry_index)
                        : std::make_shared<const EntryIndex>(review_input)) {
  for (const auto& schedule : input.people)
    series.emplace_back(&schedule, series_as_of(schedule, context, week.as_of));
}

bool is_active_report(const Person& person) {
  return (person.relation == Relation::report || person.relation == Relation::skip) &&
         !person.archived;
}

bool WeekView::is_report(const Person& person) const {
  return is_active_report(person);
}

bool WeekView::open_at_end(const Concern& concern) const {
  return concern.opened <= week.as_of && (concern.status == ConcernStatus::open ||
                                          (concern.closed && *concern.closed > week.as_of));
}

bool WeekView::open_at_end(const Delegation& delegation) const {
  return delegation.created <= week.as_of &&
         (delegation.status == DelegationStatus::open ||
          (delegation.closed && *delegation.closed > week.as_of));
}

bool WeekView::open_at_end(const Action& action) const {
  if (action.created > week.as_of) return false;
  if (action.status == ActionStatus::open) return true;
  // Done or dropped after the window's end: it was still open then. A dropped action has no
  // closing date, so it counts as closed.
  return action.status == ActionStatus::done && action.done && *action.done > week.as_of;
}

namespace {

std::vector<OneOnOneRow> one_on_one_rows(const WeekView& view) {
  std::vector<OneOnOneRow> rows;
  for (const auto& [schedule, state] : view.series) {
    OneOnOneRow row;
    row.person = schedule->person.handle;
    for (const auto day : schedule->history.held)
      row.held += day >= view.week.from && day <= view.week.as_of;
    for (const auto day : schedule->history.cancelled)
      row.cancelled += day >= view.week.from && day <= view.week.as_of;
    row.last = state.last_held;
    if (const auto* overdue = state.overdue())
      row.next_due = overdue->date;
    else if (state.next)
      row.next_due = state.next->date;
    row.overdue_days = state.overdue_days(view.week.as_of);
    row.missed = static_cast<int>(state.missed.size());
    rows.push_back(row);
  }
  return rows;
}

std::vector<OneOnOneWeeks> one_on_one_weeks(const WeekView& view) {
  std::vector<OneOnOneWeeks> rows;
  for (const auto& [schedule, state] : view.series) {
    OneOnOneWeeks row{schedule->person.handle, {}};
    for (int back = k_chart_weeks - 1; back >= 0; --back) {
      const auto from = view.week.from - days{7 * back};
      const auto end = back == 0 ? view.week.as_of : from + days{6};
      const auto in_week = [&](Date day) { return day >= from && day <= end; };
      OneOnOneWeek week;
      week.week = iso_week_label(from);
      week.held = static_cast<int>(
          std::count_if(schedule->history.held.begin(), schedule->history.held.end(), in_week));
      week.cancelled = static_cast<int>(std::count_if(schedule->history.cancelled.begin(),
                                                      schedule->history.cancelled.end(), in_week));
      // The series as it stood at that week's end: what was still to hold then.
      const auto seen = back == 0 ? state : series_as_of(*schedule, view.context, end);
      for (const auto& occurrence : seen.missed) week.missed += in_week(occurrence.date);
      row.weeks.push_back(week);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<FeedbackRow> feedback_rows(const WeekView& view) {
  std::map<std::string, FeedbackRow> rows;
  for (const auto& person : view.input.reports) rows[person.handle].person = person.handle;
  const auto window_from = view.week.as_of - days{view.policy.feedback_window_weeks * 7 - 1};
  for (const auto& entry : view.input.entries) {
    if (entry.kind != EntryKind::feedback || !entry.polarity || entry.date > view.week.as_of)
      continue;
    const bool positive = *entry.polarity == Polarity::positive;
    view.input.for_each_person(entry, [&](const std::string& handle) {
      auto found = rows.find(handle);
      if (found == rows.end()) return;
      auto& row = found->second;
      if (entry.date >= view.week.from) (positive ? row.positive : row.constructive) += 1;
      if (entry.date >= window_from)
        (positive ? row.positive_window : row.constructive_window) += 1;
      auto& last = positive ? row.last_positive : row.last_constructive;
      if (!last || entry.date > *last) last = entry.date;
    });
  }
  std::vector<FeedbackRow> list;
  for (auto& [handle, row] : rows) list.push_back(row);
  return list;
}

std::optional<Date> last_checkin_by(const WeekView& view, const Delegation& delegation) {
  std::optional<Date> last;
  if (delegation.last_checkin && delegation.last_checkin->date <= view.week.as_of)
    last = delegation.last_checkin->date;
  for (const auto* entry : view.index->checkins_of(delegation.id, view.week.as_of))
    if (!last || entry->date > *last) last = entry->date;
  return last;
}

bool closed_in_week(const WeekView& view, const std::optional<Date>& closed) {
  return closed && *closed >= view.week.from && *closed <= view.week.as_of;
}

DelegationSummary delegation_summary(const WeekView& view) {
  DelegationSummary summary;
  for (const auto& delegation : view.input.delegations) {
    if (view.open_at_end(delegation)) {
      const auto last = last_checkin_by(view, delegation);
      summary.open.push_back(
          {delegation.id, delegation.person, delegation.outcome, delegation.due, last});
      if (!delegation.checkin.is_none() &&
          add_cadence(last ? std::max(*last, delegation.created) : delegation.created,
                      delegation.checkin) < view.week.as_of)
        summary.checkins_overdue.push_back(delegation.id);
    } else if (closed_in_week(view, delegation.closed)) {
      summary.completed += delegation.status == DelegationStatus::done;
      summary.reclaimed += delegation.status == DelegationStatus::reclaimed;
      summary.dropped += delegation.status == DelegationStatus::dropped;
    }
  }
  return summary;
}

ConcernSummary concern_summary(const WeekView& view) {
  ConcernSummary summary;
  const auto in_week = [&](Date day) { return day >= view.week.from && day <= view.week.as_of; };
  for (const auto& concern : view.input.concerns) {
    if (concern.opened > view.week.as_of) continue;
    summary.opened += in_week(concern.opened);
    summary.addressed += concern.first_conversation && in_week(*concern.first_conversation);
    if (view.open_at_end(concern)) {
      const bool addressed =
          concern.first_conversation && *concern.first_conversation <= view.week.as_of;
      summary.open.push_back(
          {concern.id, concern.people, days_between(concern.opened, view.week.as_of), addressed});
    } else if (closed_in_week(view, concern.closed)) {
      summary.resolved += concern.status == ConcernStatus::resolved;
      summary.dropped += concern.status == ConcernStatus::dropped;
    }
  }
  return summary;
}

PromiseSummary promise_summary(const WeekView& view) {
  PromiseSummary summary;
  const auto eight_weeks_from = view.week.as_of - days{8 * 7 - 1};
  int due_8w = 0;
  int kept_8w = 0;
  for (const auto& action : view.input.my_actions) {
    if (action.owner != Owner::me || !action.due || action.status == ActionStatus::dropped)
      continue;
    const auto due = *action.due;
    const bool done_by_end = action.done && *action.done <= view.week.as_of;
    const bool on_time = done_by_end && *action.done <= due;
    if (due >= view.week.from && due <= view.week.as_of) {
      summary.due += 1;
      summary.kept += on_time;
      summary.late += done_by_end && !on_time;
    }
    if (due >= eight_weeks_from && due < view.week.as_of) {
      due_8w += 1;
      kept_8w += on_time;
    }
    if (view.open_at_end(action) && due < view.week.as_of) summary.overdue.push_back(action.id);
  }
  if (due_8w > 0) summary.on_time_rate_8w = static_cast<double>(kept_8w) / due_8w;
  return summary;
}

WeekMinutes week_minutes(const ReviewInput& input, Date from, Date to) {
  const auto facts = window_facts(input.minutes, from, to);
  return {iso_week_label(from), facts.ic_minutes, facts.mgmt_minutes, facts.learn_minutes,
          facts.one_on_one_minutes};
}

TimeSummary time_summary(const WeekView& view) {
  TimeSummary time;
  time.week = week_minutes(view.input, view.week.from, view.week.as_of);
  for (int back = 4; back >= 1; --back) {
    const auto from = view.week.from - days{7 * back};
    time.trend.push_back(week_minutes(view.input, from, from + days{6}));
  }
  for (int back = k_chart_weeks - 1; back >= 1; --back) {
    const auto from = view.week.from - days{7 * back};
    time.chart_weeks.push_back(week_minutes(view.input, from, from + days{6}));
  }
  time.chart_weeks.push_back(time.week);
  return time;
}

}  // namespace

Review make_review(const ReviewInput& input, const ReviewPolicy& policy, const ReviewWeek& week,
                   const ReviewContext& context) {
  const auto index = std::make_shared<const EntryIndex>(input);
  const WeekView view{input, policy, week, context, index};
  Review review;
  review.week = week;
  review.one_on_ones = one_on_one_rows(view);
  review.one_on_one_weeks = one_on_one_weeks(view);
  review.feedback = feedback_rows(view);
  review.delegations = delegation_summary(view);
  review.concerns = concern_summary(view);
  review.promises = promise_summary(view);
  review.time = time_summary(view);
  review.flags = run_detectors(view);
  review.habits = evaluate_habits(input, policy, week, context, index);
  // A self-check a month: due when the last is more than 30 days old, or when there was none
  // in a log at least that long.
  review.self_check_due = input.last_self_check
                              ? days_between(*input.last_self_check, week.as_of) > 30
                              : history_reaches(input, week.as_of - days{30});
  return review;
}

}  // namespace mgr::domain
