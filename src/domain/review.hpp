#pragma once
// The weekly review of spec/review.md: am I doing the job, or drifting back into my old one?
// A pure function of the loaded window of the log, the policy and the week; the detectors and
// habits are small functions in review_detectors.cpp and review_habits.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/model.hpp"
#include "domain/review_policy.hpp"
#include "domain/series.hpp"

namespace mgr::domain {

// An ISO week (Monday to Sunday) and how much of it the review sees: up to its end, or up to
// today for the current week.
struct ReviewWeek {
  std::string label;  // 2026-W48
  Date from;          // Monday
  Date to;            // Sunday
  Date as_of;         // the window's last day
};

// The ISO week containing `day`, seen from `today`.
ReviewWeek week_containing(Date day, Date today);
// "2026-W48" (also lower case); throws UsageError for a week the year does not have
// (2026-W54, 2027-W53) or a malformed label.
ReviewWeek parse_review_week(std::string_view label, Date today);

// How many weeks before the reviewed one the review looks at: habit strength weighs the
// reviewed week and up to 11 earlier ones.
inline constexpr int k_habit_weeks = 12;
// The charts of the HTML review show the reviewed week and the weeks before it, this many in all.
inline constexpr int k_chart_weeks = 8;
// The review loads the log from this many days before the reviewed week's Monday: the habit
// weeks, plus the feedback window before the earliest of them.
int review_lookback_days(const ReviewPolicy& policy);

// Minutes logged on one day in one kind (ic, mgmt, learn, held 1:1s).
struct DayMinutes {
  Date day;
  EntryKind kind = EntryKind::ic;
  int minutes = 0;
};

// An entry as the review's rules read it: what it is, when, about whom, and the few fields they
// count. Without the note, tags, mood and times of an Entry, a window of many months (`mgr
// progress` at thousands of entries a year) stays a few megabytes.
struct LogEntry {
  EntryId id;
  std::optional<DelegationId> delegation;  // a check-in's
  Date date;
  std::int32_t minutes = 0;  // as logged; 0 when none were
  // The people it names: the run of ReviewInput::entry_people starting at people_from (see
  // ReviewInput::for_each_person).
  std::uint32_t people_from = 0;
  std::uint32_t people_count = 0;
  EntryKind kind = EntryKind::note;
  std::optional<Polarity> polarity;
  std::optional<LearnType> learn_type;
};

// What storage loads for a review: the window of the log and the items it touches.
struct ReviewInput {
  std::vector<PersonSchedule> people;  // active people with a cadence, with their 1:1 history
  std::vector<Person> reports;         // active, relation report or skip
  // Entries dated from the window start to the week's end, without notes or tags: those the
  // rules read one by one (feedback, talk, delegate, checkin, learn) and the reviewed week's IC
  // work (its evidence).
  std::vector<LogEntry> entries;
  // Who the entries name: each entry's run of entry_people, as places in `handles`. Four bytes a
  // name where a list of strings per entry took some seventy, which at 1M entries is a few
  // megabytes of `mgr progress`.
  std::vector<std::string> handles;
  std::vector<std::uint32_t> entry_people;
  // The minutes of every day of the window by kind, summed.
  std::vector<DayMinutes> minutes;
  std::vector<Concern> concerns;  // open during the window (with their first conversation)
  // Delegations open during the window, with the last check-in before it.
  std::vector<Delegation> delegations;
  std::vector<Action> my_actions;     // yours, due in the window or still open and due earlier
  std::optional<Date> history_start;  // the earliest entry's date or --since
  std::optional<Date> last_self_check;

  // Calls `visit` with the handle of each person `entry` names.
  template <typename Visit>
  void for_each_person(const LogEntry& entry, Visit&& visit) const {
    for (auto at = entry.people_from; at < entry.people_from + entry.people_count; ++at)
      visit(handles[entry_people[at]]);
  }
};

enum class Severity { warn, alert };
std::string_view name_of(Severity severity);

struct Flag {
  std::string id;  // stable: ic-creep, missed-one-on-ones, ...
  Severity severity = Severity::warn;
  std::string title;
  std::vector<std::string> evidence;  // people, ids and dates that made it fire
  std::string fix;
};

struct Habit {
  std::string id;  // one-on-ones, feedback, learning, ic-limit, hard-conversations
  std::string title;
  bool met = false;
  int streak = 0;         // consecutive weeks met, ending with the reviewed week
  double strength = 0.0;  // recent weeks weighted 0.8^k, in [0, 1]
};

struct OneOnOneRow {
  std::string person;
  int held = 0;
  int cancelled = 0;
  std::optional<Date> last;
  std::optional<Date> next_due;
  int overdue_days = 0;
  int missed = 0;
};

struct FeedbackRow {
  std::string person;
  int positive = 0;
  int constructive = 0;
  int positive_window = 0;
  int constructive_window = 0;
  std::optional<Date> last_positive;
  std::optional<Date> last_constructive;
};

struct OpenDelegationRow {
  DelegationId id;
  std::string person;
  std::string outcome;
  std::optional<Date> due;
  std::optional<Date> last_checkin;
};

struct DelegationSummary {
  std::vector<OpenDelegationRow> open;
  int completed = 0;
  int reclaimed = 0;
  int dropped = 0;
  std::vector<DelegationId> checkins_overdue;
};

struct OpenConcernRow {
  ConcernId id;
  std::vector<std::string> people;
  int age_days = 0;
  bool addressed = false;
};

struct ConcernSummary {
  std::vector<OpenConcernRow> open;
  int opened = 0;
  int addressed = 0;
  int resolved = 0;
  int dropped = 0;
};

struct PromiseSummary {
  int due = 0;                            // your actions due this week
  int kept = 0;                           // of those, done by the due date
  int late = 0;                           // done, but after it
  std::vector<ActionId> overdue;          // open and past due at the window's end, any week
  std::optional<double> on_time_rate_8w;  // done on time / due, over 8 weeks
};

struct WeekMinutes {
  std::string week;
  int ic = 0;
  int mgmt = 0;
  int learn = 0;
  int one_on_one = 0;
};

struct TimeSummary {
  WeekMinutes week;
  std::vector<WeekMinutes> trend;  // the 4 weeks before, oldest first
  // k_chart_weeks weeks, oldest first, ending with the reviewed week (so far).
  std::vector<WeekMinutes> chart_weeks;
};

// One person's 1:1s in one week, for the grid of the HTML review.
struct OneOnOneWeek {
  std::string week;  // 2026-W48
  int held = 0;
  int cancelled = 0;
  // Occurrences dated that week and still to hold at its end (the current week: so far).
  int missed = 0;
};

struct OneOnOneWeeks {
  std::string person;
  std::vector<OneOnOneWeek> weeks;  // k_chart_weeks, oldest first, as TimeSummary::chart_weeks
};

struct Review {
  ReviewWeek week;
  std::vector<OneOnOneRow> one_on_ones;
  std::vector<OneOnOneWeeks> one_on_one_weeks;  // the same people, week by week
  std::vector<FeedbackRow> feedback;
  DelegationSummary delegations;
  ConcernSummary concerns;
  PromiseSummary promises;
  TimeSummary time;
  std::vector<Flag> flags;  // the most severe first
  std::vector<Habit> habits;
  bool self_check_due = false;
};

// What the review needs to judge a week, besides the input.
struct ReviewContext {
  const Zone* user_zone = nullptr;
  Workdays workdays;
  Date today;
};

Review make_review(const ReviewInput& input, const ReviewPolicy& policy, const ReviewWeek& week,
                   const ReviewContext& context);

// ---- the building blocks, shared with the detectors and habits (and the self-check) ----

// The facts of the log within [from, to] (inclusive), computed once per window.
struct WindowFacts {
  Date from;
  Date to;
  int ic_minutes = 0;
  int mgmt_minutes = 0;
  int learn_minutes = 0;
  int one_on_one_minutes = 0;
};
WindowFacts window_facts(const std::vector<DayMinutes>& minutes, Date from, Date to);

// Whether the log reaches back to `day`: history-dependent rules stay quiet until it does.
bool history_reaches(const ReviewInput& input, Date day);

// The series of each person as of `day` (1:1s logged after it ignored).
SeriesState series_as_of(const PersonSchedule& schedule, const ReviewContext& context, Date day);

// Days from `earlier` to `later`.
inline int days_between(Date earlier, Date later) {
  return static_cast<int>((later - earlier).count());
}

// A report or skip-level report who is not archived: whose 1:1s and feedback the review counts.
bool is_active_report(const Person& person);

// How many days a cadence spans (a month counts 30), for "overdue by more than one cadence".
int cadence_length_days(const Cadence& cadence);

// The evidence string for one id: "#42".
std::string hash_id(std::int64_t id);

}  // namespace mgr::domain
