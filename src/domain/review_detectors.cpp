// The detectors of spec/review.md, one function each: when it fires, the evidence that made it
// fire (people, ids, dates), and a fix in a sentence or two.
#include <algorithm>
#include <cmath>

#include "domain/parse.hpp"
#include "domain/review_rules.hpp"

namespace mgr::domain {

using date::days;

namespace {

std::string hours(int minutes) {
  return format_minutes(Minutes{minutes});
}

Flag flag(const char* id, const char* title, const char* fix) {
  Flag raised;
  raised.id = id;
  raised.title = title;
  raised.fix = fix;
  return raised;
}

std::optional<Flag> fired(Flag raised) {
  if (raised.evidence.empty()) return std::nullopt;
  return raised;
}

std::string people_of(const std::vector<std::string>& handles) {
  std::string joined;
  for (const auto& handle : handles) joined += (joined.empty() ? "" : ", ") + handle;
  return joined;
}

// The reports whose 1:1 is overdue at the window's end, with their series.
std::vector<std::pair<const Person*, const SeriesState*>> overdue_reports(const WeekView& view) {
  std::vector<std::pair<const Person*, const SeriesState*>> found;
  for (const auto& [schedule, state] : view.series)
    if (view.is_report(schedule->person) && state.overdue())
      found.emplace_back(&schedule->person, &state);
  return found;
}

}  // namespace

std::optional<Flag> detect_ic_creep(const WeekView& view) {
  auto raised = flag("ic-creep", "Still doing IC work",
                     "Put management work in your calendar first this week (1:1s, reviews, "
                     "planning), and hand the next hands-on task to someone on the team with "
                     "the context they need instead of picking it up yourself.");
  const int ic = view.facts.ic_minutes;
  const auto limit = static_cast<int>(std::lround(view.policy.ic_hours_max * 60));
  if (ic > limit) {
    raised.severity = ic > 2 * limit ? Severity::alert : Severity::warn;
    raised.evidence.push_back(hours(ic) + " of IC work in " + view.week.label + " (limit " +
                              hours(limit) + ")");
  } else if (ic > 0) {
    for (const auto& [person, state] : overdue_reports(view))
      raised.evidence.push_back(hours(ic) + " of IC work while " + person->handle +
                                "'s 1:1 was overdue (due " + format_day(state->overdue()->date) +
                                ")");
  }
  if (raised.evidence.empty()) return std::nullopt;
  // The longest stretches of IC work, as the entries that show it.
  auto ic_entries = view.entries(EntryKind::ic, view.week.from, view.week.as_of);
  std::stable_sort(ic_entries.begin(), ic_entries.end(),
                   [](const LogEntry* a, const LogEntry* b) { return a->minutes > b->minutes; });
  constexpr std::size_t k_shown = 5;
  for (std::size_t i = 0; i < ic_entries.size() && i < k_shown; ++i)
    raised.evidence.push_back(hash_id(ic_entries[i]->id.value) + " " +
                              format_date(ic_entries[i]->date) + " " +
                              format_minutes(Minutes{ic_entries[i]->minutes}) + " of IC work");
  if (ic_entries.size() > k_shown)
    raised.evidence.push_back("and " + std::to_string(ic_entries.size() - k_shown) +
                              " more IC entries this week");
  return raised;
}

std::optional<Flag> detect_missed_one_on_ones(const WeekView& view) {
  auto raised = flag("missed-one-on-ones", "Letting 1:1s slide",
                     "Hold the overdue 1:1s this week, even short ones, and when you have to "
                     "cancel one, put the new time in the calendar at once.");
  const auto grace = view.policy.overdue_grace_days;
  for (const auto& [schedule, state] : view.series) {
    const auto& person = schedule->person;
    if (!view.is_report(person)) continue;
    if (const auto* overdue = state.overdue()) {
      const int late = state.overdue_days(view.week.as_of);
      if (late > grace) {
        if (late > cadence_length_days(person.cadence)) raised.severity = Severity::alert;
        raised.evidence.push_back(person.handle + ": 1:1 overdue " + std::to_string(late) +
                                  " days (due " + format_day(overdue->date) + "), " +
                                  std::to_string(state.missed.size()) + " missed");
      }
    }
    // Cancelled this week and not held later in the week.
    for (const auto cancelled : schedule->history.cancelled) {
      if (cancelled < view.week.from || cancelled > view.week.as_of) continue;
      const bool held_later =
          std::any_of(schedule->history.held.begin(), schedule->history.held.end(),
                      [&](Date held) { return held >= cancelled && held <= view.week.as_of; });
      if (!held_later)
        raised.evidence.push_back(person.handle + ": 1:1 cancelled " + format_day(cancelled) +
                                  " and not held later that week");
    }
  }
  return fired(raised);
}

std::optional<Flag> detect_friend_not_boss(const WeekView& view) {
  auto raised = flag("friend-not-boss", "Being everyone's friend",
                     "Stay friendly and hold people to the bar: this week give one piece of "
                     "specific, kind constructive feedback where it is due, and name the "
                     "expectation and the next step.");
  const auto from = view.week.as_of - days{view.policy.feedback_window_weeks * 7 - 1};
  int positive = 0;
  int constructive = 0;
  for (const auto* entry : view.entries(EntryKind::feedback, from, view.week.as_of))
    (entry->polarity == Polarity::positive ? positive : constructive) += 1;
  const auto talks = view.entries(EntryKind::talk, from, view.week.as_of);
  if (positive >= 3 && constructive == 0 && talks.empty())
    raised.evidence.push_back(std::to_string(positive) + " positive feedbacks since " +
                              format_date(from) +
                              ", no constructive feedback and no hard conversation");
  // Someone with an open concern who heard only praise since it was opened.
  for (const auto& concern : view.input.concerns) {
    if (!view.open_at_end(concern)) continue;
    std::vector<const LogEntry*> praise;
    bool redirected = false;
    for (const auto& handle : concern.people) {
      for (const auto* entry :
           view.index->of_person(EntryKind::feedback, handle, concern.opened, view.week.as_of)) {
        if (entry->polarity == Polarity::positive)
          praise.push_back(entry);
        else
          redirected = true;
      }
      redirected =
          redirected ||
          !view.index->of_person(EntryKind::talk, handle, concern.opened, view.week.as_of).empty();
    }
    if (praise.empty() || redirected) continue;
    raised.severity = Severity::alert;
    std::string line = people_of(concern.people) + " has open concern " +
                       hash_id(concern.id.value) + " (since " + format_date(concern.opened) +
                       ") and heard only praise since:";
    for (const auto* entry : praise)
      line += " " + hash_id(entry->id.value) + " " + format_date(entry->date);
    raised.evidence.push_back(line);
  }
  return fired(raised);
}

std::optional<Flag> detect_avoided_conflict(const WeekView& view) {
  auto raised = flag("avoided-conflict", "Avoiding conflict",
                     "Have the conversation this week: describe what you saw and its impact, "
                     "listen, and agree on the next step. Small and early is easier than big "
                     "and late.");
  const auto max_days = view.policy.concern_days_max;
  for (const auto& concern : view.input.concerns) {
    const bool talked =
        concern.first_conversation && *concern.first_conversation <= view.week.as_of;
    if (view.open_at_end(concern) && !talked) {
      const int age = days_between(concern.opened, view.week.as_of);
      if (age <= max_days) continue;
      if (age > 3 * max_days) raised.severity = Severity::alert;
      raised.evidence.push_back("concern " + hash_id(concern.id.value) + " about " +
                                people_of(concern.people) + ": open " + std::to_string(age) +
                                " days (since " + format_date(concern.opened) +
                                "), no conversation yet");
    } else if (concern.status == ConcernStatus::dropped && concern.closed &&
               *concern.closed >= view.week.from && *concern.closed <= view.week.as_of && !talked) {
      raised.evidence.push_back("concern " + hash_id(concern.id.value) + " about " +
                                people_of(concern.people) + ": dropped " +
                                format_date(*concern.closed) + " without a conversation");
    }
  }
  return fired(raised);
}

std::optional<Flag> detect_not_delegating(const WeekView& view) {
  auto raised = flag("not-delegating", "Not delegating enough",
                     "Pick one outcome you would normally do yourself and hand it over this "
                     "week, with why it matters, the constraints, and when you will check in.");
  const auto from = view.week.as_of - days{27};
  int reports = 0;
  for (const auto& person : view.input.reports) reports += view.is_report(person);
  if (reports >= 2 && history_reaches(view.input, from) &&
      view.entries(EntryKind::delegate, from, view.week.as_of).empty())
    raised.evidence.push_back("no delegation handed over since " + format_date(from) + " (" +
                              std::to_string(reports) + " reports)");
  for (const auto& delegation : view.input.delegations)
    if (delegation.status == DelegationStatus::reclaimed && delegation.closed &&
        *delegation.closed >= view.week.from && *delegation.closed <= view.week.as_of)
      raised.evidence.push_back("delegation " + hash_id(delegation.id.value) + " (" +
                                delegation.outcome + ") taken back from " + delegation.person +
                                " on " + format_date(*delegation.closed));
  return fired(raised);
}

std::optional<Flag> detect_delegation_without_support(const WeekView& view) {
  auto raised = flag("delegation-without-support", "Delegating poorly: no support",
                     "For each open delegation, write down why it matters and set a check-in "
                     "rhythm; then keep the next check-in, short and about the outcome.");
  for (const auto& delegation : view.input.delegations) {
    if (!view.open_at_end(delegation)) continue;
    const std::string which = "delegation " + hash_id(delegation.id.value) + " to " +
                              delegation.person + " (" + delegation.outcome + ")";
    if (delegation.why.empty()) raised.evidence.push_back(which + ": no why given");
    if (delegation.checkin.is_none()) {
      raised.evidence.push_back(which + ": no check-in plan");
      continue;
    }
    std::optional<Date> last;
    if (delegation.last_checkin && delegation.last_checkin->date <= view.week.as_of)
      last = delegation.last_checkin->date;
    for (const auto* entry : view.index->checkins_of(delegation.id, view.week.as_of))
      if (!last || entry->date > *last) last = entry->date;
    const auto contact = last ? std::max(*last, delegation.created) : delegation.created;
    const int since = days_between(contact, view.week.as_of);
    if (since > cadence_length_days(delegation.checkin) + 2)
      raised.evidence.push_back(which + ": " + (last ? "last check-in " : "handed over ") +
                                format_date(contact) + ", " + std::to_string(since) +
                                " days ago (check-ins " + cadence_name(delegation.checkin) + ")");
  }
  return fired(raised);
}

std::optional<Flag> detect_micromanaging(const WeekView& view) {
  auto raised = flag("micromanaging", "Delegating poorly: micromanaging",
                     "Agree on fewer, planned check-ins about the outcome, and let the person "
                     "come to you in between; ask what they need rather than how it is going.");
  for (const auto& delegation : view.input.delegations) {
    std::vector<std::string> days_seen;
    for (const auto* entry : view.index->checkins_of(delegation.id, view.week.as_of))
      if (entry->date >= view.week.from) days_seen.push_back(format_date(entry->date));
    if (static_cast<int>(days_seen.size()) <= view.policy.checkins_per_week_max) continue;
    std::string line = "delegation " + hash_id(delegation.id.value) + " to " + delegation.person +
                       ": " + std::to_string(days_seen.size()) + " check-ins in " +
                       view.week.label + " (";
    for (std::size_t i = 0; i < days_seen.size(); ++i) line += (i == 0 ? "" : ", ") + days_seen[i];
    raised.evidence.push_back(line + ")");
  }
  return fired(raised);
}

std::optional<Flag> detect_no_self_development(const WeekView& view) {
  auto raised = flag("no-self-development", "Ignoring your own development",
                     "Book an hour for your own growth this week (a chapter, a course, a talk "
                     "with a mentor) and ask one person for feedback on how you manage.");
  const auto end = view.week.as_of;
  std::optional<Date> last_learn;
  std::optional<Date> last_request;
  for (const auto* entry : view.entries(EntryKind::learn, Date::min(), end)) {
    if (!last_learn || entry->date > *last_learn) last_learn = entry->date;
    if (entry->learn_type == LearnType::feedback_request &&
        (!last_request || entry->date > *last_request))
      last_request = entry->date;
  }
  const auto since = [](const std::optional<Date>& day) {
    return day ? " since " + format_date(*day) : std::string{" yet"};
  };
  const int window = view.policy.self_dev_days;
  if ((!last_learn || days_between(*last_learn, end) >= window) &&
      history_reaches(view.input, end - days{window - 1})) {
    if ((!last_learn || days_between(*last_learn, end) >= 28) &&
        history_reaches(view.input, end - days{27}))
      raised.severity = Severity::alert;
    raised.evidence.push_back("no learning logged" + since(last_learn) + " (" +
                              std::to_string(window) + " days or more)");
  }
  if ((!last_request || days_between(*last_request, end) >= 42) &&
      history_reaches(view.input, end - days{41}))
    raised.evidence.push_back("no feedback asked about your management" + since(last_request) +
                              " (6 weeks or more)");
  return fired(raised);
}

std::optional<Flag> detect_no_managing_up(const WeekView& view) {
  auto raised = flag("no-managing-up", "Neglecting your own manager",
                     "Book the 1:1 with your manager this week and bring what you are working "
                     "on and where you need help; `mgr review --format markdown` is a start.");
  for (const auto& [schedule, state] : view.series) {
    if (schedule->person.relation != Relation::manager || schedule->person.archived) continue;
    const auto* overdue = state.overdue();
    const int late = state.overdue_days(view.week.as_of);
    if (overdue && late > view.policy.overdue_grace_days)
      raised.evidence.push_back(schedule->person.handle + ": 1:1 overdue " + std::to_string(late) +
                                " days (due " + format_day(overdue->date) + ")");
  }
  return fired(raised);
}

std::optional<Flag> detect_broken_promises(const WeekView& view) {
  auto raised = flag("broken-promises", "Not following through",
                     "Do the overdue ones first this week, or tell the person today when they "
                     "will get it; promise less and keep all of it.");
  for (const auto& action : view.input.my_actions) {
    if (action.owner != Owner::me || !action.due || !view.open_at_end(action)) continue;
    const int late = days_between(*action.due, view.week.as_of);
    if (late <= view.policy.promise_grace_days) continue;
    raised.evidence.push_back("action " + hash_id(action.id.value) + " for " + action.person +
                              ", due " + format_date(*action.due) + " (" + std::to_string(late) +
                              " days ago): " + action.text);
  }
  if (raised.evidence.size() >= 3) raised.severity = Severity::alert;
  return fired(raised);
}

std::vector<Flag> run_detectors(const WeekView& view) {
  std::vector<Flag> flags;
  for (const auto detector :
       {detect_ic_creep, detect_missed_one_on_ones, detect_friend_not_boss, detect_avoided_conflict,
        detect_not_delegating, detect_delegation_without_support, detect_micromanaging,
        detect_no_self_development, detect_no_managing_up, detect_broken_promises})
    if (auto raised = detector(view)) flags.push_back(std::move(*raised));
  std::stable_sort(flags.begin(), flags.end(), [](const Flag& a, const Flag& b) {
    return a.severity == Severity::alert && b.severity != Severity::alert;
  });
  return flags;
}

}  // namespace mgr::domain
