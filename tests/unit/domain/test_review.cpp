#include "domain/review.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "domain/review_rules.hpp"
#include "review_scenario.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using date::days;
using review_test::day;
using review_test::Scenario;

namespace {

using Detector = std::optional<Flag> (*)(const WeekView&);

Flag fires(const Scenario& s, Detector detector) {
  const auto raised = detector(s.view());
  REQUIRE(raised);
  CHECK_FALSE(raised->evidence.empty());
  CHECK_FALSE(raised->fix.empty());
  return *raised;
}

void quiet(const Scenario& s, Detector detector) {
  const auto raised = detector(s.view());
  if (raised) INFO("fired with: " << raised->evidence.front());
  CHECK_FALSE(raised);
}

}  // namespace

TEST_CASE("weeks: ISO labels, the current week so far, W53", "[review]") {
  const auto week = week_containing(day("2026-11-26"), day("2026-11-26"));
  CHECK(week.label == "2026-W48");
  CHECK(week.from == day("2026-11-23"));
  CHECK(week.to == day("2026-11-29"));
  CHECK(week.as_of == day("2026-11-26"));
  const auto w53 = parse_review_week("2026-W53", day("2027-02-01"));
  CHECK(w53.from == day("2026-12-28"));
  CHECK(w53.to == day("2027-01-03"));
  CHECK(w53.as_of == day("2027-01-03"));
  CHECK(week_containing(day("2027-01-01"), day("2027-02-01")).label == "2026-W53");
  CHECK(parse_review_week("2027-w01", day("2027-02-01")).from == day("2027-01-04"));
  CHECK_THROWS_MATCHES(parse_review_week("2026-W54", day("2027-02-01")), mgr::UsageError,
                       WhatContains("'2026-W54'"));
  CHECK_THROWS_MATCHES(parse_review_week("2027-W53", day("2028-02-01")), mgr::UsageError,
                       WhatContains("2027 has weeks 1 to 52"));
  for (const char* bad : {"2026-48", "2026-W4", "W48", "2026-W00", "20x6-W01", ""})
    CHECK_THROWS_AS(parse_review_week(bad, day("2027-02-01")), mgr::UsageError);
  CHECK_THROWS_MATCHES(parse_review_week("2026-W50", day("2026-11-26")), mgr::UsageError,
                       WhatContains("not started"));
}

TEST_CASE("ic-creep: over the limit, twice the limit, or any IC while a 1:1 is overdue",
          "[review][detector]") {
  Scenario s;
  s.log(EntryKind::ic, "2026-11-23", {}, 480);  // exactly 8h: quiet
  quiet(s, detect_ic_creep);
  s.log(EntryKind::ic, "2026-11-24", {}, 1);  // one minute over
  CHECK(fires(s, detect_ic_creep).severity == Severity::warn);
  s.log(EntryKind::ic, "2026-11-25", {}, 480);  // 16h01m: over twice the limit
  const auto alert = fires(s, detect_ic_creep);
  CHECK(alert.severity == Severity::alert);
  CHECK(alert.evidence.front() == "16h1m of IC work in 2026-W48 (limit 8h)");

  Scenario overdue;
  overdue.log(EntryKind::ic, "2026-11-24", {}, 60);
  quiet(overdue, detect_ic_creep);
  auto& bob = overdue.series("bob");
  bob.history.held = {day("2026-11-16")};  // Monday 11-23 went by
  const auto flag = fires(overdue, detect_ic_creep);
  CHECK(flag.evidence.front() == "1h of IC work while bob's 1:1 was overdue (due Mon 2026-11-23)");
  // IC logged outside the week does not count.
  Scenario earlier;
  earlier.log(EntryKind::ic, "2026-11-22", {}, 900);
  quiet(earlier, detect_ic_creep);
}

TEST_CASE("missed-one-on-ones: overdue past the grace, or cancelled and not held that week",
          "[review][detector]") {
  Scenario s;
  auto& bob = s.series("bob");
  bob.history.held = {day("2026-11-23")};
  quiet(s, detect_missed_one_on_ones);
  // Seen on Wednesday 11-25: 2 days overdue is the grace, quiet; Thursday fires.
  bob.history.held = {day("2026-11-16")};
  s.week.as_of = day("2026-11-25");
  quiet(s, detect_missed_one_on_ones);
  s.week.as_of = day("2026-11-26");
  auto flag = fires(s, detect_missed_one_on_ones);
  CHECK(flag.severity == Severity::warn);
  CHECK(flag.evidence.front() == "bob: 1:1 overdue 3 days (due Mon 2026-11-23), 1 missed");
  // Overdue by more than a whole cadence: alert.
  bob.history.held = {day("2026-11-09")};
  s.week.as_of = day("2026-11-29");
  CHECK(fires(s, detect_missed_one_on_ones).severity == Severity::alert);

  Scenario cancelled;
  auto& carol = cancelled.series("carol");
  carol.history.held = {day("2026-11-16")};
  carol.history.cancelled = {day("2026-11-23")};
  carol.history.held.push_back(day("2026-11-24"));  // held the next day: quiet
  quiet(cancelled, detect_missed_one_on_ones);
  carol.history.held.pop_back();
  carol.person.cadence = Cadence{Cadence::Unit::days, 14};  // not overdue, but cancelled
  carol.person.since = day("2026-11-09");
  cancelled.week.as_of = day("2026-11-24");
  flag = fires(cancelled, detect_missed_one_on_ones);
  CHECK(flag.evidence.back() == "carol: 1:1 cancelled Mon 2026-11-23 and not held later that week");

  // A peer's 1:1 is not a report's.
  Scenario peer;
  auto& pat = peer.series("pat", Relation::peer);
  pat.history.held = {day("2026-10-05")};
  quiet(peer, detect_missed_one_on_ones);
}

TEST_CASE("friend-not-boss: only praise for four weeks, or for someone with an open concern",
          "[review][detector]") {
  Scenario s;
  s.report("alice");
  s.feedback("2026-11-02", "alice", Polarity::positive);  // 11-02 is the window's first day
  s.feedback("2026-11-10", "alice", Polarity::positive);
  quiet(s, detect_friend_not_boss);  // 2 positive
  s.feedback("2026-11-27", "alice", Polarity::positive);
  const auto flag = fires(s, detect_friend_not_boss);
  CHECK(flag.severity == Severity::warn);
  CHECK(flag.evidence.front() ==
        "3 positive feedbacks since 2026-11-02, no constructive feedback and no hard conversation");
  SECTION("a constructive feedback or a hard conversation keeps it quiet") {
    s.feedback("2026-11-20", "alice", Polarity::constructive);
    quiet(s, detect_friend_not_boss);
  }
  SECTION("a talk keeps it quiet") {
    s.log(EntryKind::talk, "2026-11-20", {"alice"});
    quiet(s, detect_friend_not_boss);
  }
  SECTION("praise older than the window does not count") {
    s.input.entries.front().date = day("2026-11-01");
    quiet(s, detect_friend_not_boss);
  }

  Scenario concern;
  concern.report("bob");
  concern.concern("2026-11-20", "bob");
  concern.feedback("2026-11-18", "bob", Polarity::positive);  // before the concern
  quiet(concern, detect_friend_not_boss);
  concern.feedback("2026-11-24", "bob", Polarity::positive);
  const auto alert = fires(concern, detect_friend_not_boss);
  CHECK(alert.severity == Severity::alert);
  concern.log(EntryKind::talk, "2026-11-25", {"bob"});
  quiet(concern, detect_friend_not_boss);
}

TEST_CASE("avoided-conflict: a concern older than the limit with no conversation",
          "[review][detector]") {
  Scenario s;
  s.week.as_of = day("2026-11-29");
  auto& concern = s.concern("2026-11-22", "bob");  // 7 days at the window's end: quiet
  quiet(s, detect_avoided_conflict);
  concern.opened = day("2026-11-21");  // 8 days
  auto flag = fires(s, detect_avoided_conflict);
  CHECK(flag.severity == Severity::warn);
  CHECK(flag.evidence.front() ==
        "concern #100 about bob: open 8 days (since 2026-11-21), no conversation yet");
  concern.opened = day("2026-11-08");  // 21 days: still warn
  CHECK(fires(s, detect_avoided_conflict).severity == Severity::warn);
  concern.opened = day("2026-11-07");  // 22 days: more than 3 times the limit
  CHECK(fires(s, detect_avoided_conflict).severity == Severity::alert);
  concern.first_conversation = day("2026-11-28");
  quiet(s, detect_avoided_conflict);
  concern.first_conversation = day("2026-11-30");  // after the window: not yet
  fires(s, detect_avoided_conflict);

  Scenario dropped;
  auto& gone = dropped.concern("2026-11-25", "carol");
  gone.status = ConcernStatus::dropped;
  gone.closed = day("2026-11-26");
  flag = fires(dropped, detect_avoided_conflict);
  CHECK(flag.evidence.front() ==
        "concern #100 about carol: dropped 2026-11-26 without a conversation");
  gone.first_conversation = day("2026-11-25");
  quiet(dropped, detect_avoided_conflict);
}

TEST_CASE("not-delegating: nothing handed over in 4 weeks with 2 reports, or a reclaim",
          "[review][detector]") {
  Scenario s;
  s.report("alice");
  quiet(s, detect_not_delegating);  // one report
  s.report("bob");
  const auto flag = fires(s, detect_not_delegating);
  CHECK(flag.evidence.front() == "no delegation handed over since 2026-11-02 (2 reports)");
  s.log(EntryKind::delegate, "2026-11-02", {"bob"});  // the window's first day
  quiet(s, detect_not_delegating);
  SECTION("a log younger than four weeks stays quiet") {
    Scenario young;
    young.input.history_start = day("2026-11-03");
    young.report("alice");
    young.report("bob");
    quiet(young, detect_not_delegating);
  }
  SECTION("a reclaim this week") {
    auto& reclaimed = s.delegation("2026-11-02", "bob");
    reclaimed.status = DelegationStatus::reclaimed;
    reclaimed.closed = day("2026-11-27");
    CHECK(fires(s, detect_not_delegating).evidence.front() ==
          "delegation #103 (Own the release) taken back from bob on 2026-11-27");
  }
}

TEST_CASE("delegation-without-support: no why, no plan, or no check-in for too long",
          "[review][detector]") {
  Scenario s;
  auto& d = s.delegation("2026-11-20", "bob");  // weekly check-ins; 9 days at the end
  quiet(s, detect_delegation_without_support);
  d.created = day("2026-11-19");  // 10 days: 7 + 2 is the limit, 10 is over
  auto flag = fires(s, detect_delegation_without_support);
  CHECK(flag.evidence.front() ==
        "delegation #100 to bob (Own the release): handed over 2026-11-19, 10 days ago "
        "(check-ins weekly)");
  s.log(EntryKind::checkin, "2026-11-25", {"bob"}).delegation = d.id;
  quiet(s, detect_delegation_without_support);
  d.why.clear();
  CHECK(fires(s, detect_delegation_without_support).evidence.front() ==
        "delegation #100 to bob (Own the release): no why given");
  d.why = "Growth";
  d.checkin = Cadence{};
  CHECK(fires(s, detect_delegation_without_support).evidence.front() ==
        "delegation #100 to bob (Own the release): no check-in plan");
  d.status = DelegationStatus::done;
  d.closed = day("2026-11-20");
  quiet(s, detect_delegation_without_support);
}

TEST_CASE("micromanaging: more check-ins on one delegation in a week than the limit",
          "[review][detector]") {
  Scenario s;
  auto& d = s.delegation("2026-11-01", "carol");
  for (const char* date : {"2026-11-23", "2026-11-25"})
    s.log(EntryKind::checkin, date).delegation = d.id;
  s.log(EntryKind::checkin, "2026-11-22").delegation = d.id;  // the week before
  quiet(s, detect_micromanaging);
  s.log(EntryKind::checkin, "2026-11-27").delegation = d.id;
  CHECK(fires(s, detect_micromanaging).evidence.front() ==
        "delegation #100 to carol: 3 check-ins in 2026-W48 (2026-11-23, 2026-11-25, 2026-11-27)");
  s.policy.checkins_per_week_max = 3;
  quiet(s, detect_micromanaging);
}

TEST_CASE(
    "no-self-development: no learning in 14 days (alert at 28), no feedback asked in 6 "
    "weeks",
    "[review][detector]") {
  Scenario s;
  s.log(EntryKind::learn, "2026-11-16", {}, 60).learn_type = LearnType::feedback_request;
  quiet(s, detect_no_self_development);             // 13 days before the end
  s.input.entries.back().date = day("2026-11-15");  // 14 days
  auto flag = fires(s, detect_no_self_development);
  CHECK(flag.severity == Severity::warn);
  CHECK(flag.evidence.front() == "no learning logged since 2026-11-15 (14 days or more)");
  s.input.entries.back().date = day("2026-11-01");  // 28 days
  CHECK(fires(s, detect_no_self_development).severity == Severity::alert);
  SECTION("a learn entry but no feedback request in six weeks") {
    Scenario requests;
    requests.log(EntryKind::learn, "2026-11-28", {}, 30);
    requests.log(EntryKind::learn, "2026-10-19", {}, 30).learn_type = LearnType::feedback_request;
    quiet(requests, detect_no_self_development);             // 41 days
    requests.input.entries.back().date = day("2026-10-18");  // 42 days
    CHECK(fires(requests, detect_no_self_development).evidence.front() ==
          "no feedback asked about your management since 2026-10-18 (6 weeks or more)");
  }
  SECTION("quiet until the log is long enough") {
    Scenario young;
    young.input.history_start = day("2026-11-20");
    quiet(young, detect_no_self_development);
    young.input.history_start = day("2026-11-16");  // 14 days: the first rule can fire
    CHECK(fires(young, detect_no_self_development).evidence.size() == 1);
  }
}

TEST_CASE("no-managing-up: the manager's 1:1 overdue past the grace", "[review][detector]") {
  Scenario s;
  auto& erin = s.series("erin", Relation::manager);
  erin.history.held = {day("2026-11-23")};
  quiet(s, detect_no_managing_up);
  erin.history.held = {day("2026-11-16")};
  s.week.as_of = day("2026-11-25");  // 2 days: the grace
  quiet(s, detect_no_managing_up);
  s.week.as_of = day("2026-11-26");
  CHECK(fires(s, detect_no_managing_up).evidence.front() ==
        "erin: 1:1 overdue 3 days (due Mon 2026-11-23)");
}

TEST_CASE("broken-promises: your actions overdue past the grace, 3 or more alert",
          "[review][detector]") {
  Scenario s;
  auto& first = s.promise("2026-11-27");  // 2 days at the end: the grace
  quiet(s, detect_broken_promises);
  first.due = day("2026-11-26");
  auto flag = fires(s, detect_broken_promises);
  CHECK(flag.severity == Severity::warn);
  CHECK(flag.evidence.front() ==
        "action #100 for alice, due 2026-11-26 (3 days ago): Send the rubric");
  s.promise("2026-11-20");
  s.promise("2026-11-01");
  CHECK(fires(s, detect_broken_promises).severity == Severity::alert);
  SECTION("done, even late, is not broken; done after the window's end was open then") {
    for (auto& action : s.input.my_actions) {
      action.status = ActionStatus::done;
      action.done = day("2026-11-28");
    }
    quiet(s, detect_broken_promises);
    s.input.my_actions.front().done = day("2026-11-30");
    fires(s, detect_broken_promises);
  }
  SECTION("theirs are not yours") {
    for (auto& action : s.input.my_actions) action.owner = Owner::them;
    quiet(s, detect_broken_promises);
  }
}

TEST_CASE("an empty week of a brand-new database raises nothing", "[review]") {
  ReviewInput empty;
  ReviewPolicy policy;
  const ReviewContext context{mgr::domain::find_zone("Europe/Berlin"), Workdays{},
                              day("2026-11-26")};
  const auto week = week_containing(day("2026-11-26"), day("2026-11-26"));
  const auto review = make_review(empty, policy, week, context);
  CHECK(review.flags.empty());
  CHECK(review.one_on_ones.empty());
  CHECK_FALSE(review.self_check_due);
  REQUIRE(review.habits.size() == 5);
  for (const auto& habit : review.habits) {
    CHECK(habit.streak == 0);
    CHECK(habit.strength == 0.0);
  }
  // A database started this week with people but nothing logged: still nothing.
  Scenario fresh;
  fresh.input.history_start = day("2026-11-25");
  fresh.series("alice").person.since = day("2026-11-25");
  fresh.input.people.back().person.slot_day = date::Thursday;
  fresh.report("bob").since = day("2026-11-25");
  fresh.context.today = day("2026-11-26");
  fresh.week = week_containing(day("2026-11-26"), day("2026-11-26"));
  CHECK(make_review(fresh.input, fresh.policy, fresh.week, fresh.context).flags.empty());
}

TEST_CASE("streak and strength arithmetic", "[review][habit]") {
  CHECK(habit_streak({}) == 0);
  CHECK(habit_streak({false, true, true}) == 0);
  CHECK(habit_streak({true, true, false, true}) == 2);
  CHECK(habit_strength({}) == 0.0);
  CHECK(habit_strength({true}) == 1.0);
  CHECK(habit_strength({false}) == 0.0);
  // met at k = 0 and 2 of three weeks: (1 + 0.64) / (1 + 0.8 + 0.64) = 1.64 / 2.44
  CHECK(habit_strength({true, false, true}) == Approx(1.64 / 2.44));
  // twelve weeks, only the oldest met: 0.8^11 / Σ_{k<12} 0.8^k
  std::vector<bool> oldest(12, false);
  oldest.back() = true;
  double total = 0;
  for (int k = 0; k < 12; ++k) total += std::pow(0.8, k);
  CHECK(habit_strength(oldest) == Approx(std::pow(0.8, 11) / total));
}

TEST_CASE("habits: met or not, week by week", "[review][habit]") {
  Scenario s;
  SECTION("learning") {
    CHECK_FALSE(learning_habit_met(s.view()));
    s.log(EntryKind::learn, "2026-11-29", {}, 30);
    CHECK(learning_habit_met(s.view()));
  }
  SECTION("ic-limit, at the boundary") {
    s.log(EntryKind::ic, "2026-11-24", {}, 480);
    CHECK(ic_limit_habit_met(s.view()));
    s.log(EntryKind::ic, "2026-11-25", {}, 1);
    CHECK_FALSE(ic_limit_habit_met(s.view()));
  }
  SECTION("feedback for every report within two weeks") {
    s.report("alice");
    s.report("bob");
    s.feedback("2026-11-16", "alice", Polarity::positive);  // the first day of two weeks
    s.feedback("2026-11-20", "bob", Polarity::constructive);
    CHECK(feedback_habit_met(s.view()));
    s.input.entries.front().date = day("2026-11-15");
    CHECK_FALSE(feedback_habit_met(s.view()));
  }
  SECTION("hard conversations, at the boundary") {
    auto& concern = s.concern("2026-11-22", "bob");
    CHECK(hard_conversations_habit_met(s.view()));
    concern.opened = day("2026-11-21");
    CHECK_FALSE(hard_conversations_habit_met(s.view()));
  }
  SECTION("one-on-ones: overdue past the grace, or cancelled and not held that week") {
    auto& bob = s.series("bob");
    bob.history.held = {day("2026-11-23")};
    CHECK(one_on_ones_habit_met(s.view()));
    bob.history.cancelled = {day("2026-11-24")};
    CHECK_FALSE(one_on_ones_habit_met(s.view()));
  }
}

TEST_CASE("habit streaks and strength over the weeks the log covers", "[review][habit]") {
  // Learning logged in the reviewed week and the two before it, not the third; the log starts
  // five weeks back, so five weeks count.
  Scenario s;
  s.input.history_start = day("2026-10-26");
  for (const char* date : {"2026-11-27", "2026-11-18", "2026-11-09"})
    s.log(EntryKind::learn, date, {}, 30);
  const auto habits = evaluate_habits(s.input, s.policy, s.week, s.context);
  const auto learning =
      std::find_if(habits.begin(), habits.end(), [](const Habit& h) { return h.id == "learning"; });
  REQUIRE(learning != habits.end());
  CHECK(learning->met);
  CHECK(learning->streak == 3);
  // (1 + 0.8 + 0.64) / (1 + 0.8 + 0.64 + 0.512 + 0.4096)
  CHECK(learning->strength == Approx(2.44 / 3.3616));
}

TEST_CASE("the review's sections", "[review]") {
  Scenario s;
  auto& alice = s.series("alice");
  alice.history.held = {day("2026-11-16"), day("2026-11-23")};
  alice.history.cancelled = {day("2026-11-24")};
  s.feedback("2026-11-24", "alice", Polarity::positive);
  s.feedback("2026-11-10", "alice", Polarity::constructive);
  s.log(EntryKind::ic, "2026-11-24", {}, 90);
  s.log(EntryKind::mgmt, "2026-11-25", {}, 240);
  s.log(EntryKind::ic, "2026-11-17", {}, 30);
  s.log(EntryKind::one_on_one, "2026-11-23", {"alice"}, 30);
  auto& kept = s.promise("2026-11-24");
  kept.status = ActionStatus::done;
  kept.done = day("2026-11-24");
  auto& late = s.promise("2026-11-25");
  late.status = ActionStatus::done;
  late.done = day("2026-11-27");
  s.promise("2026-11-26");
  auto& opened = s.concern("2026-11-24", "alice");
  opened.first_conversation = day("2026-11-25");
  auto& done = s.delegation("2026-11-01", "alice");
  done.status = DelegationStatus::done;
  done.closed = day("2026-11-27");

  const auto review = make_review(s.input, s.policy, s.week, s.context);
  REQUIRE(review.one_on_ones.size() == 1);
  CHECK(review.one_on_ones[0].held == 1);
  CHECK(review.one_on_ones[0].cancelled == 1);
  CHECK(review.one_on_ones[0].last == day("2026-11-23"));
  CHECK(review.one_on_ones[0].next_due == day("2026-11-30"));
  REQUIRE(review.feedback.size() == 1);
  CHECK(review.feedback[0].positive == 1);
  CHECK(review.feedback[0].constructive_window == 1);
  CHECK(review.time.week.ic == 90);
  CHECK(review.time.week.mgmt == 240);
  CHECK(review.time.week.one_on_one == 30);
  REQUIRE(review.time.trend.size() == 4);
  CHECK(review.time.trend.back().week == "2026-W47");
  CHECK(review.time.trend.back().ic == 30);
  CHECK(review.promises.due == 3);
  CHECK(review.promises.kept == 1);
  CHECK(review.promises.late == 1);
  CHECK(review.promises.overdue.size() == 1);
  REQUIRE(review.promises.on_time_rate_8w);
  CHECK(*review.promises.on_time_rate_8w == Approx(1.0 / 3));
  CHECK(review.concerns.opened == 1);
  CHECK(review.concerns.addressed == 1);
  CHECK(review.delegations.completed == 1);
  CHECK(review.self_check_due);  // a log of three months and no self-check
}

TEST_CASE("the eight weeks of the charts: time, and 1:1s held, cancelled and missed", "[review]") {
  Scenario s;
  auto& alice = s.series("alice");  // weekly on Mondays
  // Nothing held in W41 (Mon 10-05); held every Monday of W42 to W46; cancelled in W47 and
  // not held that week; held again in W48.
  alice.history.held = {day("2026-10-12"), day("2026-10-19"), day("2026-10-26"),
                        day("2026-11-02"), day("2026-11-09"), day("2026-11-23")};
  alice.history.cancelled = {day("2026-11-16")};
  s.log(EntryKind::ic, "2026-10-06", {}, 60);     // W41, the oldest week shown
  s.log(EntryKind::ic, "2026-09-29", {}, 600);    // W40, one week too early
  s.log(EntryKind::learn, "2026-11-18", {}, 45);  // W47
  s.log(EntryKind::mgmt, "2026-11-24", {}, 120);  // W48

  const auto review = make_review(s.input, s.policy, s.week, s.context);
  const auto& weeks = review.time.chart_weeks;
  REQUIRE(weeks.size() == 8);
  CHECK(weeks.front().week == "2026-W41");
  CHECK(weeks.front().ic == 60);
  CHECK(weeks[6].week == "2026-W47");
  CHECK(weeks[6].learn == 45);
  CHECK(weeks.back().week == review.time.week.week);
  CHECK(weeks.back().mgmt == 120);

  REQUIRE(review.one_on_one_weeks.size() == 1);
  const auto& grid = review.one_on_one_weeks.front();
  CHECK(grid.person == "alice");
  REQUIRE(grid.weeks.size() == 8);
  std::vector<std::string> labels;
  std::vector<int> held, cancelled, missed;
  for (const auto& week : grid.weeks) {
    labels.push_back(week.week);
    held.push_back(week.held);
    cancelled.push_back(week.cancelled);
    missed.push_back(week.missed);
  }
  CHECK(labels == std::vector<std::string>{"2026-W41", "2026-W42", "2026-W43", "2026-W44",
                                           "2026-W45", "2026-W46", "2026-W47", "2026-W48"});
  CHECK(held == std::vector<int>{0, 1, 1, 1, 1, 1, 0, 1});
  CHECK(cancelled == std::vector<int>{0, 0, 0, 0, 0, 0, 1, 0});
  // W41's Monday went by unheld; so did W47's, cancelled. Seen from the end of W48 the 1:1 of
  // W47 is forgiven by the one held since, but the grid shows each week as it ended.
  CHECK(missed == std::vector<int>{1, 0, 0, 0, 0, 0, 1, 0});
  CHECK(review.one_on_ones.front().held == grid.weeks.back().held);
}
