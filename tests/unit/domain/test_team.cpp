#include "domain/clock.hpp"
#include "domain/team.hpp"

#include <catch2/catch.hpp>

#include "domain/parse.hpp"

using namespace mgr::domain;

namespace {

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

PersonSchedule person(const char* handle, const char* cadence, const char* since,
                      std::optional<const char*> weekday = std::nullopt) {
  PersonSchedule schedule;
  schedule.person.handle = handle;
  schedule.person.cadence = parse_cadence(cadence);
  schedule.person.since = day(since);
  if (weekday) schedule.person.slot_day = parse_weekday(*weekday);
  return schedule;
}

SeriesContext on(const char* today) {
  SeriesContext context;
  context.user_zone = mgr::domain::find_zone("Europe/Berlin");
  context.today = day(today);
  return context;
}

Concern concern(int id, std::vector<std::string> people) {
  Concern c;
  c.id = ConcernId{id};
  c.people = std::move(people);
  c.text = "concern";
  c.opened = day("2026-11-02");
  return c;
}

Delegation delegation(int id, const char* handle) {
  Delegation d;
  d.id = DelegationId{id};
  d.person = handle;
  d.outcome = "outcome";
  d.created = day("2026-11-02");
  return d;
}

}  // namespace

TEST_CASE("the team overview: last 1:1 held and the next one due", "[team]") {
  TeamInput input;
  auto alice = person("alice", "weekly", "2026-11-01", "thu");
  alice.history.held = {day("2026-11-12"), day("2026-11-19")};
  input.people.push_back(alice);
  const auto rows = team_overview(input, on("2026-11-24"));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].person.handle == "alice");
  CHECK(rows[0].last_held == day("2026-11-19"));
  REQUIRE(rows[0].next);
  CHECK(rows[0].next->date == day("2026-11-26"));
  CHECK_FALSE(rows[0].overdue);
  CHECK(rows[0].overdue_days == 0);
  CHECK(rows[0].missed == 0);
}

TEST_CASE("the team overview: how overdue a 1:1 is and how many went by", "[team]") {
  TeamInput input;
  auto bob = person("bob", "weekly", "2026-11-01", "mon");
  bob.history.held = {day("2026-11-02")};
  input.people.push_back(bob);
  // Mondays 11-09, 11-16 and 11-23 went by without a 1:1.
  const auto rows = team_overview(input, on("2026-11-26"));
  REQUIRE(rows[0].overdue);
  CHECK(rows[0].overdue->date == day("2026-11-09"));
  CHECK(rows[0].overdue_days == 17);
  CHECK(rows[0].missed == 3);
  CHECK(rows[0].last_held == day("2026-11-02"));
  REQUIRE(rows[0].next);
  CHECK(rows[0].next->date == day("2026-11-30"));
}

TEST_CASE("the team overview: no series without a cadence or when archived", "[team]") {
  TeamInput input;
  auto carol = person("carol", "none", "2026-10-01");
  carol.history.held = {day("2026-11-20")};
  auto dave = person("dave", "weekly", "2026-10-01", "mon");
  dave.person.archived = true;
  input.people = {carol, dave};
  const auto rows = team_overview(input, on("2026-11-26"));
  REQUIRE(rows.size() == 2);
  // A peer without a cadence may still have had a 1:1.
  CHECK(rows[0].last_held == day("2026-11-20"));
  CHECK_FALSE(rows[0].next);
  CHECK_FALSE(rows[0].overdue);
  CHECK_FALSE(rows[1].last_held);
  CHECK_FALSE(rows[1].next);
  CHECK_FALSE(rows[1].overdue);
}

TEST_CASE("the team overview: open concerns and delegations go to each person in them", "[team]") {
  TeamInput input;
  input.people = {person("alice", "none", "2026-10-01"), person("bob", "none", "2026-10-01"),
                  person("carol", "none", "2026-10-01")};
  input.open_concerns = {concern(10, {"alice", "bob"}), concern(11, {"bob"})};
  input.open_delegations = {delegation(12, "alice"), delegation(13, "alice"),
                            delegation(14, "carol")};
  const auto rows = team_overview(input, on("2026-11-26"));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].open_concerns.size() == 1);
  CHECK(rows[0].open_delegations.size() == 2);
  CHECK(rows[1].open_concerns.size() == 2);
  CHECK(rows[1].open_concerns[1].id == ConcernId{11});
  CHECK(rows[1].open_delegations.empty());
  CHECK(rows[2].open_concerns.empty());
  CHECK(rows[2].open_delegations.size() == 1);
}
