// The first-year view: months since history starts, each judged with the review's own rules,
// and the sentences that compare the first months with the latest.
#include "domain/progress.hpp"

#include <catch2/catch.hpp>

#include "review_scenario.hpp"

using namespace mgr::domain;
using review_test::day;
using review_test::Scenario;

namespace {

const ProgressMonth& month_labelled(const Progress& progress, const std::string& label) {
  for (const auto& month : progress.months)
    if (month.span.label == label) return month;
  FAIL("no month " << label);
  throw std::logic_error("unreachable");
}

Progress progress_of(const Scenario& s, std::vector<SelfCheck> checks = {}, int max_months = 12) {
  const auto months = progress_months(*s.input.history_start, s.context.today, max_months);
  return make_progress(s.input, checks, s.policy, s.context, months, *s.input.history_start);
}

int flag_weeks(const ProgressMonth& month, const std::string& id) {
  for (const auto& [flag, weeks] : month.flags)
    if (flag == id) return weeks;
  return 0;
}

}  // namespace

TEST_CASE("progress months: from history's month to today's, at most N, the last running",
          "[progress]") {
  const auto months = progress_months(day("2026-09-15"), day("2026-11-27"), 12);
  REQUIRE(months.size() == 3);
  CHECK(months[0].label == "2026-09");
  CHECK(months[0].first == day("2026-09-01"));
  CHECK(months[0].last == day("2026-09-30"));
  CHECK(months[0].complete);
  CHECK(months[2].label == "2026-11");
  CHECK(months[2].last == day("2026-11-27"));
  CHECK_FALSE(months[2].complete);

  const auto last_two = progress_months(day("2025-01-31"), day("2027-02-28"), 2);
  REQUIRE(last_two.size() == 2);
  CHECK(last_two[0].label == "2027-01");
  CHECK(last_two[1].label == "2027-02");
  CHECK(last_two[1].last == day("2027-02-28"));

  CHECK(progress_months(day("2026-12-01"), day("2026-11-27"), 12).empty());
  CHECK(progress_months(day("2026-11-27"), day("2026-11-27"), 12).size() == 1);
}

TEST_CASE("percent_of rounds half up and is nothing for nothing", "[progress]") {
  CHECK(percent_of(1, 2) == 50);
  CHECK(percent_of(1, 3) == 33);
  CHECK(percent_of(2, 3) == 67);
  CHECK(percent_of(1, 8) == 13);  // 12.5 -> 13
  CHECK_FALSE(percent_of(0, 0));
}

TEST_CASE("a month's 1:1s, feedback, hours, concerns and promises", "[progress]") {
  Scenario s;
  s.series("alice");
  // October has four Mondays after the 1st: 10-05, 10-12, 10-19, 10-26. Three held.
  s.input.people.back().history.held = {day("2026-10-05"), day("2026-10-12"), day("2026-10-26")};
  s.feedback("2026-10-07", "alice", Polarity::positive);
  s.feedback("2026-10-08", "alice", Polarity::positive);
  s.feedback("2026-10-20", "alice", Polarity::constructive);
  s.log(EntryKind::ic, "2026-10-06", {}, 600);
  s.log(EntryKind::mgmt, "2026-10-06", {}, 1800);
  s.log(EntryKind::learn, "2026-10-09", {}, 90);
  auto& talked = s.concern("2026-10-01", "alice");
  talked.first_conversation = day("2026-10-03");
  s.concern("2026-10-10", "alice");  // never talked about, long past the limit
  s.concern("2026-11-27", "alice");  // still within the limit: not decided yet
  auto& kept = s.promise("2026-10-15");
  kept.done = day("2026-10-14");
  auto& late = s.promise("2026-10-16");
  late.done = day("2026-10-20");
  s.promise("2026-10-30");  // still open

  const auto progress = progress_of(s);
  const auto& october = month_labelled(progress, "2026-10");
  CHECK(october.one_on_ones_due == 4);
  CHECK(october.one_on_ones_held == 3);
  CHECK(october.one_on_ones_missed() == 1);
  CHECK(october.one_on_ones_held_pct() == 75);
  CHECK(october.feedback_positive == 2);
  CHECK(october.feedback_constructive == 1);
  CHECK(october.ic_minutes == 600);
  CHECK(october.mgmt_minutes == 1800);
  CHECK(october.learn_minutes == 90);
  CHECK(october.ic_share_pct() == 25);
  CHECK(october.concerns_opened == 2);
  CHECK(october.concerns_decided == 2);
  CHECK(october.concerns_in_time == 1);
  CHECK(october.concerns_in_time_pct() == 50);
  CHECK(october.promises_due == 3);
  CHECK(october.promises_kept == 1);
  CHECK(october.promises_kept_pct() == 33);

  const auto& november = month_labelled(progress, "2026-11");
  CHECK(november.concerns_opened == 1);
  CHECK(november.concerns_decided == 0);
  CHECK_FALSE(november.concerns_in_time_pct());
  CHECK_FALSE(november.ic_share_pct());
}

TEST_CASE("flags count the weeks that end in the month, habits stand at the month's end",
          "[progress]") {
  Scenario s;
  // Twelve hours of IC work in each of the three weeks ending 10-11, 10-18 and 10-25.
  for (const char* date : {"2026-10-06", "2026-10-13", "2026-10-20"})
    s.log(EntryKind::ic, date, {}, 12 * 60);
  s.log(EntryKind::learn, "2026-11-24", {}, 60);
  const auto progress = progress_of(s);
  const auto& october = month_labelled(progress, "2026-10");
  CHECK(flag_weeks(october, "ic-creep") > 0);
  CHECK(flag_weeks(month_labelled(progress, "2026-09"), "ic-creep") == 0);
  CHECK(flag_weeks(month_labelled(progress, "2026-11"), "ic-creep") == 0);

  const auto strength = [](const ProgressMonth& month, const std::string& id) {
    for (const auto& [habit, value] : month.habits)
      if (habit == id) return value;
    return -1.0;
  };
  // Learning only in the last week of November: weak at October's end, stronger at November's.
  CHECK(strength(october, "learning") == Approx(0.0));
  CHECK(strength(month_labelled(progress, "2026-11"), "learning") > 0.0);
  // IC work over the limit in October's weeks weakens the IC habit at its end.
  CHECK(strength(october, "ic-limit") < strength(month_labelled(progress, "2026-09"), "ic-limit"));
}

TEST_CASE("progress sentences: where you are, what improved and slipped most", "[progress]") {
  Scenario s;
  s.context.today = day("2027-02-20");
  s.input.history_start = day("2026-09-01");
  // IC share falls from all IC (Sep-Nov) to a quarter (Dec-Feb); no other measure moves.
  for (const char* date : {"2026-09-08", "2026-10-06", "2026-11-10"})
    s.log(EntryKind::ic, date, {}, 120);
  for (const char* date : {"2026-12-08", "2027-01-12", "2027-02-09"}) {
    s.log(EntryKind::ic, date, {}, 60);
    s.log(EntryKind::mgmt, date, {}, 180);
  }
  std::vector<SelfCheck> checks(2);
  checks[0].date = day("2026-09-30");
  checks[0].answers = {3, 3, 3, 3, 3, 3, 3};
  checks[1].date = day("2027-02-09");
  checks[1].answers = {2, 2, 2, 2, 2, 4, 4};
  const auto progress = progress_of(s, checks);
  CHECK(progress.month_number == 6);
  REQUIRE(progress.months.size() == 6);
  CHECK(progress.months[0].fit == 50);
  CHECK_FALSE(progress.months[1].fit);
  CHECK(progress.months[5].fit == 25);
  REQUIRE(progress.summary.size() == 3);
  CHECK(progress.summary[0].find("Month 6 of your first year") == 0);
  CHECK(progress.summary[1] ==
        "Improved most between the first 3 months and the last 3: IC share, 100% -> 25%.");
  CHECK(progress.summary[2] ==
        "Slipped most between the first 3 months and the last 3: self-check fit, 50 -> 25.");
}

TEST_CASE("progress sentences for a single month and after the first year", "[progress]") {
  Scenario s;
  s.context.today = day("2026-09-20");
  auto progress = progress_of(s);
  CHECK(progress.month_number == 1);
  REQUIRE(progress.summary.size() == 2);
  CHECK(progress.summary[1].find("Less than two months of log so far") == 0);

  s.context.today = day("2027-11-05");
  progress = progress_of(s, {}, 3);
  CHECK(progress.month_number == 15);
  CHECK(progress.months.size() == 3);
  CHECK(progress.summary[0].find("Month 15 since your log starts") == 0);
  CHECK(progress.summary[1] == "Nothing improved between the first month and the last.");
}

TEST_CASE("a first month with less than two weeks of log is left out of the comparison",
          "[progress]") {
  Scenario s;
  s.input.history_start = day("2026-09-25");
  s.context.today = day("2026-11-27");
  // Nothing at all in September's six days; IC share 25% in October, 50% in November.
  s.log(EntryKind::ic, "2026-10-06", {}, 60);
  s.log(EntryKind::mgmt, "2026-10-06", {}, 180);
  s.log(EntryKind::ic, "2026-11-10", {}, 120);
  s.log(EntryKind::mgmt, "2026-11-10", {}, 120);
  const auto progress = progress_of(s);
  REQUIRE(progress.months.size() == 3);
  CHECK(progress.summary[2] ==
        "Slipped most between the first month and the last: IC share, 25% -> 50%.");
}

TEST_CASE("months across the clock changes and a year's end count each Monday once", "[progress]") {
  Scenario s;
  s.context.today = day("2027-04-02");
  auto& alice = s.series("alice");
  alice.person.slot_time = Minutes{10 * 60};
  // Berlin leaves summer time on Sun 2026-10-25 and enters it on Sun 2027-03-28; every Monday
  // from October to March held, the one after each change included.
  for (auto monday = day("2026-10-05"); monday <= day("2027-03-29"); monday += date::days{7})
    alice.history.held.push_back(monday);
  const auto progress = progress_of(s);
  const auto& october = month_labelled(progress, "2026-10");
  CHECK(october.one_on_ones_due == 4);
  CHECK(october.one_on_ones_held == 4);
  const auto& december = month_labelled(progress, "2026-12");
  CHECK(december.one_on_ones_due == 4);  // 12-07 to 12-28
  const auto& january = month_labelled(progress, "2027-01");
  CHECK(january.one_on_ones_due == 4);  // 01-04 to 01-25
  CHECK(january.span.first == day("2027-01-01"));
  const auto& march = month_labelled(progress, "2027-03");
  CHECK(march.one_on_ones_due == 5);
  CHECK(march.one_on_ones_held_pct() == 100);
}
