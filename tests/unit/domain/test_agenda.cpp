#include "domain/agenda.hpp"

#include <catch2/catch.hpp>

#include "domain/parse.hpp"

using namespace mgr::domain;

namespace {

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

// Thu 2026-11-26 09:00 in Berlin.
const Clock k_thursday{*parse_instant("2026-11-26T08:00:00Z"), date::locate_zone("Europe/Berlin")};

PersonSchedule weekly(const char* handle, const char* last_held) {
  PersonSchedule schedule;
  schedule.person.handle = handle;
  schedule.person.since = day("2026-10-01");
  schedule.history.held = {day(last_held)};
  return schedule;
}

Delegation delegation(std::int64_t id, const char* created, std::optional<Date> due) {
  Delegation d;
  d.id = DelegationId{id};
  d.person = "bob";
  d.outcome = "Migrate CI";
  d.created = day(created);
  d.due = due;
  return d;
}

Action my_action(std::int64_t id, std::optional<Date> due) {
  Action a;
  a.id = ActionId{id};
  a.person = "alice";
  a.text = "Send the rubric";
  a.created = day("2026-11-01");
  a.due = due;
  return a;
}

}  // namespace

TEST_CASE("the agenda lists overdue items today with their due date", "[agenda]") {
  AgendaInput input;
  input.people = {weekly("bob", "2026-11-16")};  // due Mon 11-23: three days overdue
  const auto items = build_agenda(input, k_thursday, day("2026-11-26"));
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == AgendaKind::one_on_one);
  CHECK(items[0].day == day("2026-11-26"));
  CHECK(items[0].due == day("2026-11-23"));
  CHECK(items[0].overdue_days == 3);
  CHECK_FALSE(items[0].shows_slot_time());
}

TEST_CASE("the agenda holds 1:1s, check-ins, delegation and action due dates in the window",
          "[agenda]") {
  AgendaInput input;
  input.people = {weekly("alice", "2026-11-19")};  // due today, then 12-03
  input.open_delegations = {delegation(7, "2026-11-20", day("2026-12-01"))};  // check-in 11-27
  input.my_open_actions = {my_action(9, day("2026-11-27")), my_action(10, std::nullopt),
                           my_action(11, day("2026-12-24"))};
  const auto items = build_agenda(input, k_thursday, day("2026-12-03"));

  std::vector<std::pair<AgendaKind, Date>> listed;
  for (const auto& item : items) listed.emplace_back(item.kind, item.day);
  CHECK(listed == std::vector<std::pair<AgendaKind, Date>>{
                      {AgendaKind::one_on_one, day("2026-11-26")},
                      {AgendaKind::checkin, day("2026-11-27")},
                      {AgendaKind::action_due, day("2026-11-27")},
                      {AgendaKind::delegation_due, day("2026-12-01")},
                      {AgendaKind::one_on_one, day("2026-12-03")},
                  });
  CHECK(items[1].id == 7);
  CHECK(items[2].id == 9);
  CHECK(items[2].text == "Send the rubric");
}

TEST_CASE("within a day, timed 1:1s come first in order of their start", "[agenda]") {
  auto early = weekly("zed", "2026-11-19");
  early.person.slot_day = date::Thursday;
  early.person.slot_time = Minutes{9 * 60 + 30};
  auto late = weekly("amy", "2026-11-19");
  late.person.slot_day = date::Thursday;
  late.person.slot_time = Minutes{16 * 60};
  AgendaInput input;
  input.people = {late, early};
  input.my_open_actions = {my_action(3, day("2026-11-26"))};
  const auto items = build_agenda(input, k_thursday, day("2026-11-26"));
  REQUIRE(items.size() == 3);
  CHECK(items[0].person == "zed");
  CHECK(items[1].person == "amy");
  CHECK(items[2].kind == AgendaKind::action_due);
}
