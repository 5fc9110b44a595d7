#include "domain/reflect.hpp"

#include <catch2/catch.hpp>
#include <utility>

#include "domain/errors.hpp"
#include "review_scenario.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using review_test::day;
using review_test::Scenario;

TEST_CASE("fit: the counted values' mean scaled to 0-100, the pulls reversed", "[reflect]") {
  // The spec's example: 4,2,5,3,4,2,3 count as 4,2,5,3,4,4,3 -> mean 25/7 -> 64.
  CHECK(fit_of({4, 2, 5, 3, 4, 2, 3}) == 64);
  CHECK(fit_of({1, 1, 1, 1, 1, 5, 5}) == 0);
  CHECK(fit_of({5, 5, 5, 5, 5, 1, 1}) == 100);
  CHECK(fit_of({3, 3, 3, 3, 3, 3, 3}) == 50);
  // Sum 8: 1/28 of the way = 3.57 -> 4; sum 34: 27/28 = 96.43 -> 96.
  CHECK(fit_of({2, 1, 1, 1, 1, 5, 5}) == 4);
  CHECK(fit_of({5, 5, 5, 5, 4, 1, 1}) == 96);
  // Reversed statements count 6 - answer: agreeing that the craft pulls lowers fit.
  CHECK(fit_of({3, 3, 3, 3, 3, 5, 3}) < fit_of({3, 3, 3, 3, 3, 1, 3}));
}

TEST_CASE("the statements are the spec's seven, in its order", "[reflect]") {
  std::vector<std::string> ids;
  for (const auto& statement : statements()) ids.emplace_back(statement.id);
  CHECK(ids == std::vector<std::string>{"coaching", "systems", "letting-go", "hard-talks",
                                        "ambiguity", "craft-pull", "focus-pull"});
  CHECK(statements()[5].reversed);
  CHECK(statements()[6].reversed);
  CHECK_FALSE(statements()[0].reversed);
}

TEST_CASE("the answers: exactly seven values 1-5, the bad one named", "[reflect]") {
  CHECK(parse_answers("4,2,5,3,4,2,3") == Answers{4, 2, 5, 3, 4, 2, 3});
  CHECK(parse_answers(" 4, 2,5 ,3,4,2,3") == Answers{4, 2, 5, 3, 4, 2, 3});
  CHECK_THROWS_MATCHES(parse_answers("4,2,6,3,4,2,3"), mgr::UsageError,
                       WhatContains("'6' for letting-go"));
  CHECK_THROWS_MATCHES(parse_answers("4,2,5"), mgr::UsageError, WhatContains("3 values"));
  CHECK_THROWS_MATCHES(parse_answers("4,2,5,3,4,2,3,1"), mgr::UsageError,
                       WhatContains("more than seven"));
  CHECK_THROWS_MATCHES(parse_answers("4,,5,3,4,2,3"), mgr::UsageError, WhatContains("''"));
  for (const char* bad : {"", "0,1,1,1,1,1,1", "4.5,2,5,3,4,2,3", "four", "44,2,5,3,4,2,3"})
    CHECK_THROWS_AS(parse_answers(bad), mgr::UsageError);
  CHECK(parse_answer(" 3 ") == 3);
  CHECK_FALSE(parse_answer(""));
  CHECK_FALSE(parse_answer("6"));
  CHECK_FALSE(parse_answer("yes"));
}

TEST_CASE("a self-check belongs to its calendar month", "[reflect]") {
  CHECK(month_of(day("2026-11-30")) == "2026-11");
  CHECK(month_of(day("2027-01-01")) == "2027-01");
  CHECK(reflect_window_start(day("2026-11-29")) == day("2026-10-31"));
}

namespace {

// A self-check on Sun 2026-11-29 looks at 10-31 to 11-29.
ReflectEvidence evidence_of(const Scenario& s) {
  return reflect_evidence(s.input, s.policy, day("2026-11-29"), s.context);
}

const Disagreement* disagreement(const std::vector<Disagreement>& found, const char* id) {
  for (const auto& d : found)
    if (d.id == id) return &d;
  return nullptr;
}

// Answers of 3 everywhere but `id`.
Answers answering(const char* id, int answer) {
  Answers answers{3, 3, 3, 3, 3, 3, 3};
  for (std::size_t i = 0; i < k_statement_count; ++i)
    if (statements()[i].id == id) answers[i] = answer;
  return answers;
}

}  // namespace

TEST_CASE("hard-talks: a concern that waited past the limit disagrees with a 4 or 5", "[reflect]") {
  Scenario s;
  // Opened 11-02, first conversation 11-20: waited 18 days (limit 7).
  s.concern("2026-11-02", "bob").first_conversation = day("2026-11-20");
  // Opened 11-25, talked about 11-26: in time.
  s.concern("2026-11-25", "cara").first_conversation = day("2026-11-26");
  // Opened and resolved long before the window: not in play.
  auto& old = s.concern("2026-09-01", "dan");
  old.first_conversation = day("2026-09-02");
  old.status = ConcernStatus::resolved;
  old.closed = day("2026-09-10");

  const auto e = evidence_of(s);
  CHECK(e.concerns_in_play == 2);
  CHECK(e.concerns_opened == 2);
  CHECK(e.concerns_addressed == 2);
  REQUIRE(e.median_days_to_talk);
  CHECK(*e.median_days_to_talk == Approx(9.5));  // 18 and 1
  REQUIRE(e.waited_too_long.size() == 1);
  CHECK_FALSE(e.every_concern_in_time);

  const auto found = disagreements(answering("hard-talks", 5), e, s.policy);
  const auto* d = disagreement(found, "hard-talks");
  REQUIRE(d);
  CHECK(d->answer == 5);
  CHECK_THAT(d->evidence, Catch::Contains("#" + std::to_string(e.waited_too_long[0].value)));
  CHECK(disagreement(disagreements(answering("hard-talks", 3), e, s.policy), "hard-talks") ==
        nullptr);
  CHECK_THAT(evidence_line("hard-talks", e, s.policy),
             Catch::Contains("2 concerns opened, 2 talked about (median 9.5 days"));
}

TEST_CASE("hard-talks: a concern still waiting at the end of the window counts too", "[reflect]") {
  Scenario s;
  s.concern("2026-11-10", "bob");  // 19 days without a conversation by 11-29
  auto e = evidence_of(s);
  CHECK(e.waited_too_long.size() == 1);
  // Young and still unaddressed: neither late nor in time yet.
  Scenario young;
  young.concern("2026-11-26", "bob");
  e = evidence_of(young);
  CHECK(e.waited_too_long.empty());
  CHECK_FALSE(e.every_concern_in_time);
  CHECK(disagreements(answering("hard-talks", 1), e, young.policy).empty());
}

TEST_CASE("hard-talks: waiting past the limit and talking in time meet at the same day",
          "[reflect]") {
  // Limit 7: talked about on day 7 is in time and did not wait too long; on day 8 it is late
  // by both measures, so the evidence never says "none waited" beside a late one.
  for (const auto& [talked, late] : {std::pair{"2026-11-22", false}, {"2026-11-23", true}}) {
    Scenario s;
    s.concern("2026-11-15", "bob").first_conversation = day(talked);
    const auto e = evidence_of(s);
    CAPTURE(talked);
    CHECK(e.waited_too_long.size() == (late ? 1U : 0U));
    CHECK(e.every_concern_in_time == !late);
  }
  // Dropped on day 8 without a conversation: it waited 8 days.
  Scenario dropped;
  auto& concern = dropped.concern("2026-11-15", "bob");
  concern.status = ConcernStatus::dropped;
  concern.closed = day("2026-11-23");
  CHECK(evidence_of(dropped).waited_too_long.size() == 1);
  // Dropped on day 7: it never waited past the limit.
  Scenario dropped_early;
  auto& early = dropped_early.concern("2026-11-15", "bob");
  early.status = ConcernStatus::dropped;
  early.closed = day("2026-11-22");
  CHECK(evidence_of(dropped_early).waited_too_long.empty());
}

TEST_CASE("hard-talks: a 1 or 2 while every concern was talked about in time disagrees",
          "[reflect]") {
  Scenario s;
  s.concern("2026-11-05", "bob").first_conversation = day("2026-11-06");
  s.concern("2026-11-15", "cara").first_conversation = day("2026-11-22");  // day 7: in time
  const auto e = evidence_of(s);
  CHECK(e.every_concern_in_time);
  const auto found = disagreements(answering("hard-talks", 2), e, s.policy);
  const auto* d = disagreement(found, "hard-talks");
  REQUIRE(d);
  CHECK_THAT(d->evidence, Catch::Contains("every concern (2)"));
  // No concern at all is no evidence either way.
  Scenario none;
  CHECK(disagreements(answering("hard-talks", 1), evidence_of(none), none.policy).empty());
}

TEST_CASE("letting-go: two weeks over the IC limit, or a reclaim, disagree with a 4 or 5",
          "[reflect]") {
  Scenario s;
  // W45 (11-02..08) 9h, W46 (11-09..15) 8h exactly, W47 (11-16..22) 10h.
  s.log(EntryKind::ic, "2026-11-03", {}, 9 * 60);
  s.log(EntryKind::ic, "2026-11-10", {}, 8 * 60);
  s.log(EntryKind::ic, "2026-11-17", {}, 10 * 60);
  // Before the window: not counted.
  s.log(EntryKind::ic, "2026-10-20", {}, 20 * 60);
  auto e = evidence_of(s);
  CHECK(e.ic_minutes == 27 * 60);
  CHECK(e.weeks_over_ic_limit == 2);
  CHECK(e.weeks_seen == 5);  // W44 (from Sat 10-31) to W48
  const auto found = disagreements(answering("letting-go", 4), e, s.policy);
  const auto* d = disagreement(found, "letting-go");
  REQUIRE(d);
  CHECK_THAT(d->evidence, Catch::Contains("2 weeks"));
  CHECK(disagreements(answering("letting-go", 2), e, s.policy).empty());

  Scenario reclaim;
  auto& taken = reclaim.delegation("2026-11-01", "bob");
  taken.status = DelegationStatus::reclaimed;
  taken.closed = day("2026-11-20");
  reclaim.log(EntryKind::delegate, "2026-11-02", {"bob"});
  e = evidence_of(reclaim);
  CHECK(e.reclaimed.size() == 1);
  CHECK(e.delegations_handed_off == 1);
  const auto found1 = disagreements(answering("letting-go", 5), e, reclaim.policy);
  d = disagreement(found1, "letting-go");
  REQUIRE(d);
  CHECK_THAT(d->evidence, Catch::Contains("took back delegation #"));
}

TEST_CASE("coaching: fewer than half the due 1:1s held disagrees with a 4 or 5", "[reflect]") {
  Scenario s;
  // Weekly on Monday: 11-02, 11-09, 11-16, 11-23 are due in the window; one held.
  auto& bob = s.series("bob");
  bob.person.cadence = Cadence{Cadence::Unit::days, 7};
  bob.history.held.push_back(day("2026-11-09"));
  s.feedback("2026-11-10", "bob", Polarity::positive);
  s.feedback("2026-11-11", "bob", Polarity::constructive);
  auto e = evidence_of(s);
  CHECK(e.one_on_ones_due == 4);
  CHECK(e.one_on_ones_held == 1);
  CHECK(e.feedback_positive == 1);
  CHECK(e.feedback_constructive == 1);
  const auto found2 = disagreements(answering("coaching", 4), e, s.policy);
  const auto* d = disagreement(found2, "coaching");
  REQUIRE(d);
  CHECK_THAT(d->evidence, Catch::Contains("only 1 of 4"));
  CHECK_THAT(evidence_line("coaching", e, s.policy),
             Catch::Contains("2 feedback conversations (1 positive, 1 constructive), 1 of 4 due"));
  // Half held is not "fewer than half".
  s.input.people.back().history.held.push_back(day("2026-11-16"));
  e = evidence_of(s);
  CHECK(e.one_on_ones_held == 2);
  CHECK(disagreements(answering("coaching", 5), e, s.policy).empty());
}
