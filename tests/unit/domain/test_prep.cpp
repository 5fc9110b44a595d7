#include "domain/clock.hpp"
#include "domain/prep.hpp"

#include <catch2/catch.hpp>

#include "domain/parse.hpp"

using namespace mgr::domain;

namespace {

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

const SeriesContext k_thursday{mgr::domain::find_zone("Europe/Berlin"),
                               *parse_iso_date("2026-11-26"), Workdays{}};

Entry held(std::int64_t id, const char* date, std::optional<int> mood) {
  Entry e;
  e.id = EntryId{id};
  e.kind = EntryKind::one_on_one;
  e.date = day(date);
  e.mood = mood;
  e.people = {"alice"};
  return e;
}

}  // namespace

TEST_CASE("prep_counts counts the person's open items only", "[prep]") {
  std::vector<Topic> topics(3);
  topics[0].person = "alice";
  topics[1].person = "alice";
  topics[2].person = "bob";
  std::vector<Action> actions(3);
  actions[0].person = "alice";
  actions[0].owner = Owner::me;
  actions[1].person = "alice";
  actions[1].owner = Owner::them;
  actions[2].person = "bob";
  std::vector<Concern> concerns(2);
  concerns[0].people = {"bob", "alice"};
  concerns[1].people = {"bob"};

  const auto counts =
      prep_counts("alice", day("2026-11-19"), topics, actions, concerns, k_thursday.today);
  CHECK(counts.days_since_last == 7);
  CHECK(counts.topics == 2);
  CHECK(counts.my_actions == 1);
  CHECK(counts.their_actions == 1);
  CHECK(counts.concerns == 1);

  CHECK_FALSE(prep_counts("alice", std::nullopt, {}, {}, {}, k_thursday.today).days_since_last);
}

TEST_CASE("the prep sheet: last 1:1, the mood trend oldest first, next check-ins", "[prep]") {
  PrepInput input;
  input.schedule.person.handle = "alice";
  input.schedule.person.since = day("2026-10-01");
  input.schedule.history.held = {day("2026-11-12"), day("2026-11-19")};
  // Newest first, as storage loads them; one more than the window.
  input.recent_one_on_ones = {held(30, "2026-11-19", 4), held(25, "2026-11-12", std::nullopt),
                              held(20, "2026-11-05", 3), held(15, "2026-10-29", 2),
                              held(10, "2026-10-22", 5), held(5, "2026-10-15", 1)};
  Delegation d;
  d.id = DelegationId{40};
  d.created = day("2026-11-20");
  input.open_delegations = {d};

  const auto sheet = make_prep_sheet(input, k_thursday);
  REQUIRE(sheet.last_one_on_one);
  CHECK(sheet.last_one_on_one->id == EntryId{30});
  CHECK(sheet.days_since_last == 7);
  REQUIRE(sheet.recent_one_on_ones.size() == k_mood_window);
  CHECK(sheet.recent_one_on_ones.front().id == EntryId{10});
  CHECK(sheet.recent_one_on_ones.back().id == EntryId{30});
  REQUIRE(sheet.series.next);
  CHECK(sheet.series.next->date == day("2026-11-26"));
  REQUIRE(sheet.delegations.size() == 1);
  CHECK(sheet.delegations[0].next_checkin == day("2026-11-27"));
}

TEST_CASE("the prep sheet of someone never met", "[prep]") {
  PrepInput input;
  input.schedule.person.handle = "new";
  input.schedule.person.since = day("2026-11-26");
  input.schedule.person.cadence = Cadence{};
  const auto sheet = make_prep_sheet(input, k_thursday);
  CHECK_FALSE(sheet.last_one_on_one);
  CHECK_FALSE(sheet.days_since_last);
  CHECK_FALSE(sheet.series.next);
  CHECK(sheet.recent_one_on_ones.empty());
}
