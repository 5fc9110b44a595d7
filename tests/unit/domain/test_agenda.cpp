#include "domain/agenda.hpp"
#include "domain/clock.hpp"

#include <catch2/catch.hpp>

#include "domain/parse.hpp"

using namespace mgr::domain;

namespace {

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

// Thu 2026-11-26 in Berlin.
const SeriesContext k_thursday{mgr::domain::find_zone("Europe/Berlin"),
                               *parse_iso_date("2026-11-26"), Workdays{}};

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
  const auto items = schedule_agenda(input, k_thursday, day("2026-11-26"));
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
  input.open_actions = {my_action(9, day("2026-11-27")), my_action(10, std::nullopt),
                        my_action(11, day("2026-12-24"))};
  const auto items = schedule_agenda(input, k_thursday, day("2026-12-03"));

  std::vector<std::pair<AgendaKind, Date>> listed;
  for (const auto& item : items) listed.emplace_back(item.kind, item.day);
  CHECK(listed == std::vector<std::pair<AgendaKind, Date>>{
                      {AgendaKind::one_on_one, day("2026-11-26")},
                      {AgendaKind::checkin, day("2026-11-27")},
                      {AgendaKind::action, day("2026-11-27")},
                      {AgendaKind::delegation, day("2026-12-01")},
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
  input.open_actions = {my_action(3, day("2026-11-26"))};
  const auto items = schedule_agenda(input, k_thursday, day("2026-11-26"));
  REQUIRE(items.size() == 3);
  CHECK(items[0].person == "zed");
  CHECK(items[1].person == "amy");
  CHECK(items[2].kind == AgendaKind::action);
}

TEST_CASE("the day agenda: what needs attention today", "[agenda]") {
  AgendaInput input;
  input.people = {weekly("bob", "2026-11-16")};  // overdue since Mon 11-23
  auto at_risk = delegation(7, "2026-11-01", std::nullopt);
  at_risk.last_checkin = Checkin{EntryId{8}, day("2026-11-25"), CheckinStatus::blocked, "stuck"};
  auto due_soon = delegation(9, "2026-11-20", day("2026-11-28"));  // in two days
  due_soon.last_checkin = Checkin{EntryId{10}, day("2026-11-25"), CheckinStatus::on_track, ""};
  auto due_later = delegation(11, "2026-11-20", day("2026-11-29"));
  due_later.last_checkin = Checkin{EntryId{12}, day("2026-11-25"), std::nullopt, ""};
  input.open_delegations = {at_risk, due_soon, due_later};
  auto theirs = my_action(13, day("2026-11-24"));
  theirs.owner = Owner::them;
  input.open_actions = {theirs, my_action(14, day("2026-11-27"))};
  Concern old;
  old.id = ConcernId{15};
  old.people = {"bob"};
  old.opened = day("2026-11-18");  // 8 days: past the 7 of the policy
  Concern recent = old;
  recent.id = ConcernId{16};
  recent.opened = day("2026-11-19");  // 7 days: not yet
  Concern talked_about = old;
  talked_about.id = ConcernId{17};
  talked_about.first_conversation = day("2026-11-20");
  input.open_concerns = {old, recent, talked_about};
  input.last_logged = day("2026-11-20");

  AgendaPolicy policy;
  const auto agenda = day_agenda(input, k_thursday, policy);
  REQUIRE(agenda.one_on_ones.size() == 1);
  CHECK(agenda.one_on_ones[0].status == OccurrenceStatus::overdue);
  CHECK(agenda.one_on_ones[0].overdue_days == 3);

  std::vector<std::pair<AgendaKind, std::int64_t>> due;
  for (const auto& item : agenda.due) due.emplace_back(item.kind, *item.id);
  CHECK(due == std::vector<std::pair<AgendaKind, std::int64_t>>{{AgendaKind::delegation, 7},
                                                                {AgendaKind::delegation, 9},
                                                                {AgendaKind::action, 13},
                                                                {AgendaKind::concern, 15}});
  CHECK(agenda.due[0].warning == CheckinStatus::blocked);
  CHECK(agenda.due[2].owner == Owner::them);
  CHECK(agenda.due[2].overdue_days == 2);
  CHECK_FALSE(agenda.review_day);
  CHECK(agenda.quiet_workdays == 3);  // Mon, Tue, Wed with nothing logged
  REQUIRE(agenda.next_one_on_one);
  CHECK(agenda.next_one_on_one->day == day("2026-11-30"));

  policy.review_day = date::Thursday;
  input.last_logged = day("2026-11-23");
  const auto review_day = day_agenda(input, k_thursday, policy);
  CHECK(review_day.review_day);
  CHECK_FALSE(review_day.quiet_workdays);
}
