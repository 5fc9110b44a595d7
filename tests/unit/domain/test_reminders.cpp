#include "domain/clock.hpp"
#include "domain/reminders.hpp"

#include <catch2/catch.hpp>

#include "domain/parse.hpp"

using namespace mgr::domain;

namespace {

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

// The agenda as seen on `iso` in Berlin.
SeriesContext on(const char* iso) {
  return {mgr::domain::find_zone("Europe/Berlin"), day(iso), Workdays{}};
}

PersonSchedule weekly(const char* handle, const char* last_held, const char* name = "") {
  PersonSchedule schedule;
  schedule.person.handle = handle;
  schedule.person.name = name;
  schedule.person.since = day("2026-10-01");
  schedule.history.held = {day(last_held)};
  return schedule;
}

Delegation delegation(std::int64_t id, std::optional<Date> due, Cadence checkin = Cadence{}) {
  Delegation d;
  d.id = DelegationId{id};
  d.person = "bob";
  d.outcome = "Migrate CI";
  d.created = day("2026-11-20");
  d.due = due;
  d.checkin = checkin;
  return d;
}

Concern concern(std::int64_t id, const char* opened, std::optional<Date> talked = std::nullopt) {
  Concern c;
  c.id = ConcernId{id};
  c.people = {"carol", "dave"};
  c.text = "Conflict over reviews";
  c.opened = day(opened);
  c.first_conversation = talked;
  return c;
}

// A database that knows a month of history and had something logged yesterday.
AgendaInput busy_input() {
  AgendaInput input;
  input.log_start = day("2026-10-01");
  input.last_logged = day("2026-11-25");
  return input;
}

std::vector<std::string> kinds(const std::vector<ReminderItem>& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.emplace_back(name_of(item.kind));
  return names;
}

}  // namespace

TEST_CASE("nothing due, nothing to say", "[reminders]") {
  const auto items = reminders_for(busy_input(), on("2026-11-26"), AgendaPolicy{});
  CHECK(items.empty());
}

TEST_CASE("kinds are named as in the JSON of the contract", "[reminders]") {
  CHECK(name_of(ReminderKind::one_on_one) == "1on1");
  CHECK(name_of(ReminderKind::checkin) == "checkin");
  CHECK(name_of(ReminderKind::delegation) == "delegation");
  CHECK(name_of(ReminderKind::action) == "action");
  CHECK(name_of(ReminderKind::concern) == "concern");
  CHECK(name_of(ReminderKind::review) == "review");
  CHECK(name_of(ReminderKind::nudge) == "nudge");
}

TEST_CASE("1:1s due today or overdue, with their person and due date", "[reminders]") {
  auto input = busy_input();
  input.people = {weekly("alice", "2026-11-19", "Alice Nguyen"),  // due today
                  weekly("bob", "2026-11-16"),                    // due Mon: overdue
                  weekly("carol", "2026-11-24")};                 // due next week
  const auto items = reminders_for(input, on("2026-11-26"), AgendaPolicy{});
  REQUIRE(items.size() == 2);
  CHECK(items[0].kind == ReminderKind::one_on_one);
  CHECK(items[0].person == "bob");
  CHECK(items[0].due == day("2026-11-23"));
  CHECK(items[0].overdue_days == 3);
  CHECK(items[0].text == "bob");
  CHECK(items[0].key == "1on1:2026-11-23");
  CHECK(items[1].person == "alice");
  CHECK(items[1].text == "Alice Nguyen");
  CHECK(items[1].overdue_days == 0);
  CHECK(items[1].occurrence.has_value());
}

TEST_CASE("check-ins due or overdue, delegations due within two days or late", "[reminders]") {
  auto input = busy_input();
  input.open_delegations = {
      delegation(10, day("2026-11-25")),                               // late by a day
      delegation(11, day("2026-11-28")),                               // due in two days
      delegation(12, day("2026-11-29")),                               // three days: not yet
      delegation(13, std::nullopt, Cadence{Cadence::Unit::days, 3})};  // check-in due 11-23
  const auto items = reminders_for(input, on("2026-11-26"), AgendaPolicy{});
  REQUIRE(kinds(items) == std::vector<std::string>{"checkin", "delegation", "delegation"});
  CHECK(items[0].id == 13);
  CHECK(items[0].due == day("2026-11-23"));
  CHECK(items[0].overdue_days == 3);
  CHECK(items[0].key == "checkin:13");
  CHECK(items[1].id == 10);
  CHECK(items[1].overdue_days == 1);
  CHECK(items[2].id == 11);
  CHECK(items[2].due == day("2026-11-28"));
  CHECK(items[2].overdue_days == 0);
  CHECK(items[2].key == "delegation:11");
  CHECK(items[2].text == "Migrate CI");
}

TEST_CASE("my open actions due today or overdue", "[reminders]") {
  auto input = busy_input();
  Action due_today;
  due_today.id = ActionId{20};
  due_today.person = "alice";
  due_today.text = "Send the rubric";
  due_today.created = day("2026-11-01");
  due_today.due = day("2026-11-26");
  Action later = due_today;
  later.id = ActionId{21};
  later.due = day("2026-11-27");
  Action theirs = due_today;
  theirs.id = ActionId{22};
  theirs.owner = Owner::them;
  input.open_actions = {due_today, later, theirs};
  const auto items = reminders_for(input, on("2026-11-26"), AgendaPolicy{});
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == ReminderKind::action);
  CHECK(items[0].id == 20);
  CHECK(items[0].key == "action:20");
  CHECK(items[0].text == "Send the rubric");
}

TEST_CASE("concerns unaddressed longer than concern_days_max", "[reminders]") {
  auto input = busy_input();
  input.open_concerns = {concern(30, "2026-11-19"),  // 7 days: at the limit, quiet
                         concern(31, "2026-11-18"),  // 8 days: over it
                         concern(32, "2026-11-01", day("2026-11-02"))};  // addressed
  const auto items = reminders_for(input, on("2026-11-26"), AgendaPolicy{});
  REQUIRE(items.size() == 1);
  CHECK(items[0].kind == ReminderKind::concern);
  CHECK(items[0].id == 31);
  CHECK(items[0].person == "carol");
  CHECK(items[0].opened == day("2026-11-18"));
  CHECK(items[0].due == day("2026-11-25"));
  CHECK(items[0].overdue_days == 1);

  AgendaPolicy strict;
  strict.concern_days_max = 3;
  CHECK(reminders_for(input, on("2026-11-26"), strict).size() == 2);
}

TEST_CASE("the review day prompts for the review", "[reminders]") {
  const auto friday = reminders_for(busy_input(), on("2026-11-27"), AgendaPolicy{});
  REQUIRE(kinds(friday) == std::vector<std::string>{"review"});
  CHECK(friday[0].text.find("mgr review") != std::string::npos);
  CHECK(friday[0].due == day("2026-11-27"));

  AgendaPolicy thursday;
  thursday.review_day = date::Thursday;
  CHECK(kinds(reminders_for(busy_input(), on("2026-11-26"), thursday)) ==
        std::vector<std::string>{"review"});
}

TEST_CASE("a nudge after three workdays with nothing logged", "[reminders]") {
  auto input = busy_input();
  // Thursday: the three workdays before are Mon 23, Tue 24, Wed 25.
  input.last_logged = day("2026-11-23");
  CHECK(reminders_for(input, on("2026-11-26"), AgendaPolicy{}).empty());
  input.last_logged = day("2026-11-22");  // a Sunday entry is before the window
  auto items = reminders_for(input, on("2026-11-26"), AgendaPolicy{});
  REQUIRE(kinds(items) == std::vector<std::string>{"nudge"});
  CHECK(items[0].text.find("Sun 2026-11-22") != std::string::npos);
  CHECK_FALSE(items[0].due.has_value());

  // Monday: the weekend does not count; Wed, Thu, Fri were quiet.
  input.last_logged = day("2026-11-24");
  CHECK(kinds(reminders_for(input, on("2026-11-30"), AgendaPolicy{})) ==
        std::vector<std::string>{"nudge"});
  input.last_logged = day("2026-11-25");
  CHECK(reminders_for(input, on("2026-11-30"), AgendaPolicy{}).empty());
}

TEST_CASE("no nudge before the database has three workdays of history", "[reminders]") {
  AgendaInput input;
  input.log_start = day("2026-11-24");  // Tue: only Tue and Wed lie before Thursday
  CHECK(reminders_for(input, on("2026-11-26"), AgendaPolicy{}).empty());
  input.log_start = day("2026-11-23");
  const auto items = reminders_for(input, on("2026-11-26"), AgendaPolicy{});
  REQUIRE(kinds(items) == std::vector<std::string>{"nudge"});
  CHECK(items[0].text.find("Nothing logged yet") != std::string::npos);
  CHECK(reminders_for(AgendaInput{}, on("2026-11-26"), AgendaPolicy{}).empty());
}

TEST_CASE("another day is seen as if it were today", "[reminders]") {
  auto input = busy_input();
  input.people = {weekly("bob", "2026-11-16")};  // due Mon 11-23
  input.last_logged = day("2026-11-20");
  // On Mon 11-23 itself the 1:1 is due, not overdue, and Wed-Fri 18-20 saw entries.
  const auto items = reminders_for(input, on("2026-11-23"), AgendaPolicy{});
  REQUIRE(kinds(items) == std::vector<std::string>{"1on1"});
  CHECK(items[0].overdue_days == 0);
}

TEST_CASE("items are listed by kind, then due date", "[reminders]") {
  auto input = busy_input();
  input.last_logged = day("2026-11-01");
  input.people = {weekly("alice", "2026-11-19"), weekly("bob", "2026-11-16")};
  input.open_delegations = {delegation(10, day("2026-11-25"))};
  input.open_concerns = {concern(31, "2026-11-10")};
  const auto items = reminders_for(input, on("2026-11-27"), AgendaPolicy{});
  CHECK(kinds(items) ==
        std::vector<std::string>{"1on1", "1on1", "delegation", "concern", "review", "nudge"});
  CHECK(items[0].person == "bob");
}
