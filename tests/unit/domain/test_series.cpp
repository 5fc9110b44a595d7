#include "domain/series.hpp"

#include <catch2/catch.hpp>

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using date::days;

namespace {

// Every test pins "today" and uses the real tz database, so the expectations below are the
// calendar and the zone rules themselves.
const mgr::domain::Zone* zone(const char* name) {
  return mgr::domain::find_zone(name);
}

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

Instant utc(const char* rfc3339) {
  return *parse_instant(rfc3339);
}

date::local_seconds wall(const char* iso, int hours, int minutes = 0) {
  return date::local_seconds{day(iso)} + std::chrono::hours{hours} + std::chrono::minutes{minutes};
}

// A fixed slot: `weekday` (and a time in `tz`, the user's zone when null).
Person slot(const char* weekday, const char* since, const char* cadence = "weekly",
            std::optional<int> hours = std::nullopt, int minutes = 0, const char* tz = nullptr) {
  Person p;
  p.handle = "alice";
  p.cadence = parse_cadence(cadence);
  p.since = day(since);
  p.slot_day = parse_weekday(weekday);
  if (hours) p.slot_time = Minutes{*hours * 60 + minutes};
  if (tz != nullptr) p.zone = zone(tz);
  return p;
}

Person rolling(const char* cadence, const char* since) {
  Person p;
  p.handle = "bob";
  p.cadence = parse_cadence(cadence);
  p.since = day(since);
  return p;
}

struct Scenario {
  PersonSchedule schedule;
  SeriesContext context;

  Scenario(Person person, const char* today, const char* user_zone = "Europe/Berlin") {
    schedule.person = std::move(person);
    context.user_zone = zone(user_zone);
    context.today = day(today);
  }
  Scenario& held(std::initializer_list<const char*> dates) {
    for (const char* d : dates) schedule.history.held.push_back(day(d));
    return *this;
  }
  Scenario& cancelled(const char* d) {
    schedule.history.cancelled.push_back(day(d));
    return *this;
  }
  Scenario& away(const char* from, const char* to) {
    schedule.person.away.push_back({AwayId{1}, day(from), day(to), ""});
    return *this;
  }
  Scenario& skip(const char* regular) {
    schedule.skips.push_back({day(regular), "offsite"});
    return *this;
  }
  Scenario& move(const char* regular, const char* to, std::optional<int> hours = std::nullopt) {
    std::optional<Minutes> time;
    if (hours) time = Minutes{*hours * 60};
    schedule.moves.push_back({day(regular), day(to), time, 1});
    return *this;
  }
  SeriesState state(int days_ahead = 60) const {
    return series_state(schedule, context, context.today + days{days_ahead});
  }
  // The dates of the upcoming occurrences still to hold.
  std::vector<Date> to_hold(int days_ahead = 60) const {
    std::vector<Date> dates;
    for (const auto& occurrence : state(days_ahead).upcoming)
      if (occurrence.to_hold() && !occurrence.cancelled) dates.push_back(occurrence.date);
    return dates;
  }
};

std::vector<Date> dates(std::initializer_list<const char*> isos) {
  std::vector<Date> out;
  for (const char* iso : isos) out.push_back(day(iso));
  return out;
}

const Occurrence* upcoming_on(const SeriesState& state, const char* iso) {
  for (const auto& occurrence : state.upcoming)
    if (occurrence.date == day(iso)) return &occurrence;
  return nullptr;
}

}  // namespace

TEST_CASE("a fixed slot starts at the first slot on or after since", "[series]") {
  // A person added on Thu 2026-11-26 with a Thursday slot: their first 1:1 is today.
  CHECK(Scenario(slot("thu", "2026-11-26"), "2026-11-26").to_hold(14) ==
        dates({"2026-11-26", "2026-12-03", "2026-12-10"}));
  // ... also for a monthly person: the first slot, not a month later.
  CHECK(Scenario(slot("fri", "2026-11-26", "monthly"), "2026-11-26").state().next->date ==
        day("2026-11-27"));
  // A slot time already past on the since date still counts that day: it is the first slot
  // starting after the start of the day.
  const Scenario morning{slot("thu", "2026-11-26", "weekly", 8), "2026-11-26"};
  CHECK(morning.state().next->date == day("2026-11-26"));
}

TEST_CASE("a held 1:1 satisfies the nearest occurrence: late or early keeps the rhythm",
          "[series]") {
  // The reproduction: weekly Thursday, held on Friday 2026-10-16.
  const auto weekly_thursday = slot("thu", "2026-10-01");
  SECTION("a day late") {
    Scenario s{weekly_thursday, "2026-10-17"};
    s.held({"2026-10-01", "2026-10-08", "2026-10-16"});
    CHECK(s.state().missed.empty());
    CHECK(s.to_hold(14) == dates({"2026-10-22", "2026-10-29"}));
  }
  SECTION("a day early") {
    Scenario s{weekly_thursday, "2026-10-15"};
    s.held({"2026-10-08", "2026-10-14"});
    const auto state = s.state(14);
    CHECK(state.missed.empty());
    REQUIRE(upcoming_on(state, "2026-10-15"));
    CHECK(upcoming_on(state, "2026-10-15")->held == day("2026-10-14"));
    CHECK(state.next->date == day("2026-10-22"));
  }
  SECTION("a tie goes to the earlier occurrence") {
    // Monday is three days from Thursday 10-15 and three days to Thursday 10-22.
    Scenario s{weekly_thursday, "2026-10-19"};
    s.held({"2026-10-08", "2026-10-18"});
    CHECK(s.state().missed.empty());
    CHECK(s.state().next->date == day("2026-10-22"));
  }
  SECTION("two held in one week satisfy one occurrence") {
    Scenario s{weekly_thursday, "2026-10-16"};
    s.held({"2026-10-08", "2026-10-15", "2026-10-16"});
    CHECK(s.state().next->date == day("2026-10-22"));
    CHECK(s.state().missed.empty());
  }
}

TEST_CASE("cancelled: satisfies nothing, and the series goes on", "[series]") {
  // The reproduction: Monday 10:00 slot, held 10-26, cancelled 11-02.
  const auto monday = slot("mon", "2026-10-19", "weekly", 10);
  SECTION("cancelled today shows as cancelled") {
    Scenario s{monday, "2026-11-02"};
    s.held({"2026-10-19", "2026-10-26"}).cancelled("2026-11-02");
    const auto state = s.state(14);
    REQUIRE(upcoming_on(state, "2026-11-02"));
    CHECK(upcoming_on(state, "2026-11-02")->status(day("2026-11-02")) ==
          OccurrenceStatus::cancelled);
    CHECK(state.next->date == day("2026-11-09"));
  }
  SECTION("the next day it is overdue, and the next slot is still there") {
    Scenario s{monday, "2026-11-03"};
    s.held({"2026-10-19", "2026-10-26"}).cancelled("2026-11-02");
    const auto state = s.state(21);
    REQUIRE(state.overdue());
    CHECK(state.overdue()->date == day("2026-11-02"));
    CHECK(state.overdue_days(day("2026-11-03")) == 1);
    CHECK(state.missed.size() == 1);
    CHECK(s.to_hold(21) == dates({"2026-11-09", "2026-11-16", "2026-11-23"}));
  }
  SECTION("held two days later, it satisfies the cancelled occurrence") {
    Scenario s{monday, "2026-11-05"};
    s.held({"2026-10-19", "2026-10-26", "2026-11-04"}).cancelled("2026-11-02");
    CHECK(s.state().missed.empty());
    CHECK(s.state().next->date == day("2026-11-09"));
  }
}

TEST_CASE("three missed weeks give one overdue occurrence with missed 3", "[series]") {
  Scenario s{slot("thu", "2026-10-01"), "2026-10-23"};
  s.held({"2026-10-01"});
  const auto state = s.state();
  REQUIRE(state.overdue());
  CHECK(state.overdue()->date == day("2026-10-08"));
  CHECK(state.missed.size() == 3);
  CHECK(state.overdue_days(day("2026-10-23")) == 15);
  CHECK(state.next->date == day("2026-10-29"));
  CHECK(state.last_held == day("2026-10-01"));
}

TEST_CASE("no 1:1 held yet: every passed occurrence since the start is missed", "[series]") {
  Scenario s{slot("tue", "2026-11-09"), "2026-11-26"};
  CHECK(s.state().missed.size() == 3);  // 11-10, 11-17, 11-24
  CHECK_FALSE(s.state().last_held);
}

TEST_CASE("time away moves an occurrence to the first workday after it", "[series]") {
  SECTION("away on the slot day only: the next workday, at the same time") {
    // The reproduction: weekly Thursday 08:30 in Los Angeles, away Thu 2026-11-12.
    Scenario s{slot("thu", "2026-11-05", "weekly", 8, 30, "America/Los_Angeles"), "2026-11-11"};
    s.held({"2026-11-05"}).away("2026-11-12", "2026-11-12");
    const auto state = s.state(14);
    const auto* friday = upcoming_on(state, "2026-11-13");
    REQUIRE(friday);
    CHECK(friday->moved);
    CHECK(friday->regular == day("2026-11-12"));
    CHECK(friday->start == utc("2026-11-13T16:30:00Z"));  // 17:30 in Berlin, as on Thursday
    CHECK(s.to_hold(14) == dates({"2026-11-13", "2026-11-19"}));
  }
  SECTION("away for three weeks leaves one occurrence to catch up") {
    Scenario s{slot("mon", "2026-11-02"), "2026-11-06"};
    s.held({"2026-11-02"}).away("2026-11-09", "2026-11-25");
    const auto state = s.state(30);
    std::vector<Date> dropped;
    for (const auto& occurrence : state.upcoming)
      if (occurrence.dropped) dropped.push_back(occurrence.regular);
    CHECK(dropped == dates({"2026-11-09", "2026-11-16"}));
    CHECK(s.to_hold(35) == dates({"2026-11-26", "2026-11-30", "2026-12-07"}));
  }
  SECTION("a catch-up that would land on the next occurrence is dropped") {
    Scenario s{slot("mon", "2026-11-02"), "2026-11-06"};
    s.held({"2026-11-02"}).away("2026-11-09", "2026-11-27");
    CHECK(s.to_hold(35) == dates({"2026-11-30", "2026-12-07"}));
  }
  SECTION("with configured workdays") {
    Scenario s{slot("thu", "2026-11-05"), "2026-11-10"};
    s.context.workdays = Workdays::from_names({"sun", "mon", "tue", "wed", "thu"});
    s.held({"2026-11-05"}).away("2026-11-12", "2026-11-12");
    CHECK(s.to_hold(7) == dates({"2026-11-15"}));
  }
}

TEST_CASE("monthly fixed slots keep their ordinal weekday, every month once", "[series]") {
  const auto check_every_month = [](const Person& person, const char* today,
                                    const std::function<Date(date::year_month)>& expected) {
    Scenario s{person, today};
    const auto state = s.state(740);
    std::vector<Date> got;
    for (const auto& occurrence : state.upcoming) got.push_back(occurrence.date);
    REQUIRE(got.size() >= 24);
    auto month =
        date::year_month_day{got.front()}.year() / date::year_month_day{got.front()}.month();
    for (std::size_t i = 0; i < 24; ++i, month += date::months{1}) {
      INFO("occurrence " << i);
      CHECK(got[i] == expected(month));
    }
  };
  SECTION("the 2nd Tuesday") {
    check_every_month(slot("tue", "2026-01-08", "monthly"), "2026-01-01",
                      [](date::year_month ym) { return Date{ym / date::Tuesday[2]}; });
  }
  SECTION("the last Friday, when the first one was a 5th") {
    check_every_month(slot("fri", "2027-01-29", "monthly", 10), "2027-01-29",
                      [](date::year_month ym) { return Date{ym / date::Friday[date::last]}; });
  }
  SECTION("the issue's reproduction: since Sun 2027-01-31, Fridays") {
    // The first slot is Fri 2027-02-05, the first Friday: February and September included.
    check_every_month(slot("fri", "2027-01-31", "monthly", 10), "2027-01-31",
                      [](date::year_month ym) { return Date{ym / date::Friday[1]}; });
  }
}

TEST_CASE("a rolling cadence is due one cadence after the last held 1:1, on a workday",
          "[series]") {
  SECTION("biweekly added on Saturday 2026-11-07: due Monday 2026-11-23, not overdue") {
    Scenario s{rolling("biweekly", "2026-11-07"), "2026-11-23"};
    const auto state = s.state();
    CHECK(state.missed.empty());
    CHECK(state.next->date == day("2026-11-23"));
    CHECK(state.next->regular == day("2026-11-23"));
  }
  SECTION("after the last held one") {
    Scenario s{rolling("weekly", "2026-10-01"), "2026-11-20"};
    s.held({"2026-11-10"});
    CHECK(s.state().next->date == day("2026-11-24"));
    CHECK(s.to_hold(21) == dates({"2026-11-24", "2026-12-01", "2026-12-08"}));
  }
  SECTION("a Friday due date moves to Sunday when the week runs Sunday to Thursday") {
    Scenario s{rolling("weekly", "2026-11-13"), "2026-11-16"};
    s.context.workdays = Workdays::from_names({"sun", "mon", "tue", "wed", "thu"});
    CHECK(s.state().next->date == day("2026-11-22"));
  }
  SECTION("monthly: the same day next month, clamped") {
    Scenario s{rolling("monthly", "2027-01-31"), "2027-02-01"};
    CHECK(s.state().next->date == day("2027-03-01"));  // Sun 02-28 -> Mon 03-01
  }
  SECTION("overdue, with the missed ones counted") {
    Scenario s{rolling("weekly", "2026-10-01"), "2026-11-20"};
    s.held({"2026-10-27"});
    const auto state = s.state();
    REQUIRE(state.overdue());
    CHECK(state.overdue()->date == day("2026-11-03"));
    CHECK(state.missed.size() == 3);  // 11-03, 11-10, 11-17
    CHECK(state.next->date == day("2026-11-24"));
  }
  SECTION("a skip continues one cadence after the skipped date") {
    Scenario s{rolling("weekly", "2026-10-01"), "2026-11-20"};
    s.held({"2026-11-16"}).skip("2026-11-23");
    CHECK(s.to_hold(14) == dates({"2026-11-30"}));
  }
}

TEST_CASE("skip and move change one occurrence, the rest of the series stays", "[series]") {
  Scenario s{slot("thu", "2026-11-05", "weekly", 10), "2026-11-20"};
  s.held({"2026-11-19"});
  SECTION("a skipped occurrence is neither due nor overdue") {
    s.skip("2026-11-26");
    const auto state = s.state(14);
    REQUIRE(upcoming_on(state, "2026-11-26"));
    CHECK(upcoming_on(state, "2026-11-26")->status(day("2026-11-20")) == OccurrenceStatus::skipped);
    CHECK(upcoming_on(state, "2026-11-26")->sequence == 1);
    CHECK(s.to_hold(14) == dates({"2026-12-03"}));
  }
  SECTION("skipping an overdue one clears it") {
    Scenario late{slot("thu", "2026-11-05", "weekly", 10), "2026-11-27"};
    late.held({"2026-11-19"});
    CHECK(late.state().missed.size() == 1);
    late.skip("2026-11-26");
    CHECK(late.state().missed.empty());
  }
  SECTION("a moved occurrence keeps its regular date and changes its start") {
    s.move("2026-11-26", "2026-11-27", 15);
    const auto state = s.state(14);
    const auto* friday = upcoming_on(state, "2026-11-27");
    REQUIRE(friday);
    CHECK(friday->regular == day("2026-11-26"));
    CHECK(friday->start == utc("2026-11-27T14:00:00Z"));
    CHECK(friday->status(day("2026-11-20")) == OccurrenceStatus::moved);
    CHECK(friday->sequence == 1);
    CHECK(s.to_hold(14) == dates({"2026-11-27", "2026-12-03"}));
  }
  SECTION("moved without a time keeps its time of day") {
    s.move("2026-11-26", "2026-11-30");
    CHECK(upcoming_on(s.state(14), "2026-11-30")->start == utc("2026-11-30T09:00:00Z"));
  }
}

TEST_CASE("dates are the user's, slots are at the person's wall time", "[series]") {
  SECTION("Los Angeles Monday 17:00 is Tuesday 02:00 in Berlin, a week apart") {
    Scenario s{slot("mon", "2026-11-23", "weekly", 17, 0, "America/Los_Angeles"), "2026-11-24"};
    auto state = s.state(14);
    REQUIRE(state.next);
    CHECK(state.next->date == day("2026-11-24"));
    CHECK(state.next->start == utc("2026-11-24T01:00:00Z"));
    CHECK(state.next->start_in_person_zone == wall("2026-11-23", 17));
    CHECK(state.next->start_in_user_zone == wall("2026-11-24", 2));
    CHECK(state.next->other_zone);
    s.held({"2026-11-24"});
    CHECK(s.to_hold(14) == dates({"2026-12-01", "2026-12-08"}));
  }
  SECTION("Tokyo Monday 07:00 is Sunday 23:00 in Berlin") {
    Scenario s{slot("mon", "2026-11-22", "weekly", 7, 0, "Asia/Tokyo"), "2026-11-22"};
    CHECK(s.state().next->date == day("2026-11-22"));
    CHECK(s.state().next->start_in_user_zone == wall("2026-11-22", 23));
  }
  SECTION("Tokyo 09:00 is 01:00 in a Berlin winter and 02:00 in summer") {
    Scenario s{slot("mon", "2026-03-16", "weekly", 9, 0, "Asia/Tokyo"), "2026-03-16"};
    const auto state = s.state(21);
    CHECK(upcoming_on(state, "2026-03-23")->start_in_user_zone == wall("2026-03-23", 1));
    CHECK(upcoming_on(state, "2026-03-30")->start_in_user_zone == wall("2026-03-30", 2));
  }
  SECTION("Berlin across 2026-10-25: 10:00 local both weeks") {
    Scenario s{slot("tue", "2026-10-19", "weekly", 10), "2026-10-19"};
    const auto state = s.state(14);
    CHECK(upcoming_on(state, "2026-10-20")->start == utc("2026-10-20T08:00:00Z"));
    CHECK(upcoming_on(state, "2026-10-27")->start == utc("2026-10-27T09:00:00Z"));
  }
  SECTION("New York Monday 09:00 seen from Berlin across 2026-10-25 and 2026-11-01") {
    Scenario s{slot("mon", "2026-10-19", "weekly", 9, 0, "America/New_York"), "2026-10-19"};
    const auto state = s.state(21);
    CHECK(upcoming_on(state, "2026-10-19")->start_in_user_zone == wall("2026-10-19", 15));
    CHECK(upcoming_on(state, "2026-10-26")->start_in_user_zone == wall("2026-10-26", 14));
    CHECK(upcoming_on(state, "2026-11-02")->start_in_user_zone == wall("2026-11-02", 15));
    CHECK(upcoming_on(state, "2026-11-02")->start == utc("2026-11-02T14:00:00Z"));
  }
  SECTION("New York across 2027-03-14, a user in Los Angeles") {
    Scenario s{slot("mon", "2027-03-08", "weekly", 9, 0, "America/New_York"), "2027-03-08",
               "America/Los_Angeles"};
    const auto state = s.state(14);
    CHECK(upcoming_on(state, "2027-03-08")->start == utc("2027-03-08T14:00:00Z"));
    CHECK(upcoming_on(state, "2027-03-15")->start == utc("2027-03-15T13:00:00Z"));
    CHECK(upcoming_on(state, "2027-03-15")->start_in_user_zone == wall("2027-03-15", 6));
  }
  SECTION("a Sunday 02:30 Berlin slot on the spring-forward day 2026-03-29") {
    Scenario s{slot("sun", "2026-03-22", "weekly", 2, 30), "2026-03-23"};
    const auto state = s.state(7);
    const auto* spring = upcoming_on(state, "2026-03-29");
    REQUIRE(spring);
    CHECK(spring->start == utc("2026-03-29T01:30:00Z"));
    CHECK(spring->start_in_person_zone == wall("2026-03-29", 3, 30));
  }
}

TEST_CASE("the occurrence a skip or a move changes", "[series]") {
  Scenario s{slot("thu", "2026-11-05"), "2026-11-27"};
  s.held({"2026-11-12"});
  // 11-19 and 11-26 were missed.
  CHECK(occurrence_to_change(s.schedule, s.context, std::nullopt, "skip").date ==
        day("2026-11-19"));
  CHECK(occurrence_to_change(s.schedule, s.context, day("2026-12-03"), "skip").date ==
        day("2026-12-03"));
  CHECK_THROWS_MATCHES(occurrence_to_change(s.schedule, s.context, day("2026-12-02"), "skip"),
                       mgr::UsageError, WhatContains("no 1:1 to skip on Wed 2026-12-02"));
  s.schedule.person.cadence = Cadence{};
  CHECK_THROWS_MATCHES(occurrence_to_change(s.schedule, s.context, std::nullopt, "move"),
                       mgr::UsageError, WhatContains("cadence none"));
}

TEST_CASE("no series for cadence none or an archived person", "[series]") {
  auto none = slot("thu", "2026-11-05");
  none.cadence = Cadence{};
  CHECK_FALSE(Scenario(none, "2026-11-26").state().next);
  auto archived = slot("thu", "2026-11-05");
  archived.archived = true;
  CHECK(Scenario(archived, "2026-11-26").state().upcoming.empty());
}

TEST_CASE("1:1s logged after the day looked at are ignored", "[series]") {
  // The review looks at the end of a past week.
  Scenario s{slot("thu", "2026-11-05"), "2026-11-15"};
  s.held({"2026-11-05", "2026-11-20"});
  CHECK(s.state().last_held == day("2026-11-05"));
  CHECK(s.state().missed.size() == 1);
}

TEST_CASE("a long series is built from near the last held 1:1", "[series]") {
  Scenario s{slot("wed", "2016-01-06"), "2026-11-24"};
  s.held({"2026-11-18"});
  CHECK(s.state().missed.empty());
  CHECK(s.state().next->date == day("2026-11-25"));
  Scenario late{slot("wed", "2016-01-06"), "2026-11-26"};
  late.held({"2026-11-18"});
  CHECK(late.state().missed.size() == 1);
  Scenario monthly{slot("wed", "2016-01-06", "monthly"), "2026-11-26"};
  monthly.held({"2026-11-04"});
  CHECK(monthly.state().missed.empty());
  CHECK(monthly.state().next->date == day("2026-12-02"));
}

TEST_CASE("delegation check-ins are due one interval after the last contact", "[series]") {
  Delegation delegation;
  delegation.id = DelegationId{7};
  delegation.created = day("2026-11-20");
  CHECK(next_checkin_due(delegation) == day("2026-11-27"));
  delegation.last_checkin = Checkin{EntryId{9}, day("2026-11-24"), CheckinStatus::on_track, ""};
  CHECK(next_checkin_due(delegation) == day("2026-12-01"));
  delegation.last_checkin = Checkin{EntryId{9}, day("2026-11-18"), std::nullopt, ""};
  CHECK(next_checkin_due(delegation) == day("2026-11-27"));
  delegation.checkin = parse_cadence("none");
  CHECK_FALSE(next_checkin_due(delegation));
  delegation.checkin = parse_cadence("weekly");
  delegation.status = DelegationStatus::done;
  CHECK_FALSE(next_checkin_due(delegation));
}

// ---- the occurrences of a past window: "1:1s held of those due" (self-check, progress) ----

namespace {

struct Tally {
  int due = 0;
  int held = 0;
};

Tally tally(const Scenario& s, const char* from, const char* to) {
  Tally t;
  for (const auto& occurrence : occurrences_between(s.schedule, s.context, day(from), day(to))) {
    t.due += 1;
    t.held += occurrence.held.has_value();
  }
  return t;
}

}  // namespace

TEST_CASE("a past window counts each slot once, held by the 1:1 nearest to it", "[series]") {
  // Weekly on Monday: 10-05 held, 10-12 held a day late, 10-19 missed, 10-26 held a day late.
  Scenario s{slot("mon", "2026-10-05"), "2026-11-01"};
  s.held({"2026-10-05", "2026-10-13", "2026-10-27"});
  const auto t = tally(s, "2026-10-01", "2026-10-31");
  CHECK(t.due == 4);
  CHECK(t.held == 3);
  const auto occurrences =
      occurrences_between(s.schedule, s.context, day("2026-10-01"), day("2026-10-31"));
  REQUIRE(occurrences.size() == 4);
  CHECK(occurrences[2].date == day("2026-10-19"));
  CHECK_FALSE(occurrences[2].held);
  CHECK(occurrences[3].held == day("2026-10-27"));
  // Only the slots within the window.
  CHECK(tally(s, "2026-10-12", "2026-10-18").due == 1);
}

TEST_CASE("a past window leaves out skipped slots and those not yet passed", "[series]") {
  Scenario s{slot("mon", "2026-10-05"), "2026-10-26"};
  s.held({"2026-10-05"}).skip("2026-10-12");
  // 10-19 passed unheld; 10-26 is today and not held yet: not due yet.
  const auto t = tally(s, "2026-10-01", "2026-10-31");
  CHECK(t.due == 2);
  CHECK(t.held == 1);
  // Held today, it counts.
  s.held({"2026-10-26"});
  CHECK(tally(s, "2026-10-01", "2026-10-31").due == 3);
  CHECK(tally(s, "2026-10-01", "2026-10-31").held == 2);
}

TEST_CASE("a past window seen from an earlier day ignores 1:1s logged after it", "[series]") {
  Scenario s{slot("mon", "2026-10-05"), "2026-10-20"};
  s.held({"2026-10-05", "2026-10-12", "2026-10-27"});
  const auto t = tally(s, "2026-10-01", "2026-10-31");
  CHECK(t.due == 3);  // 10-05, 10-12, 10-19 (10-26 has not passed on 10-20)
  CHECK(t.held == 2);
}

TEST_CASE("a rolling cadence in a past window: each held 1:1 restarts the count", "[series]") {
  // Weekly from Mon 10-05: due 10-12, held; due 10-19, missed; due 10-26, held late 10-28.
  Scenario s{rolling("weekly", "2026-10-05"), "2026-11-01"};
  s.held({"2026-10-12", "2026-10-28"});
  const auto occurrences =
      occurrences_between(s.schedule, s.context, day("2026-10-01"), day("2026-10-31"));
  REQUIRE(occurrences.size() == 3);
  CHECK(occurrences[0].held == day("2026-10-12"));
  CHECK(occurrences[1].date == day("2026-10-19"));
  CHECK_FALSE(occurrences[1].held);
  CHECK(occurrences[2].date == day("2026-10-26"));
  CHECK(occurrences[2].held == day("2026-10-28"));
  // An extra 1:1 in the same week counts once.
  Scenario twice{rolling("weekly", "2026-10-05"), "2026-10-25"};
  twice.held({"2026-10-12", "2026-10-13", "2026-10-20"});
  const auto t = tally(twice, "2026-10-01", "2026-10-24");
  CHECK(t.due == 2);  // 10-12 and 10-20 (a week after the 10-13 1:1)
  CHECK(t.held == 2);
}

TEST_CASE("a person without a series has no occurrences in a window", "[series]") {
  Person none = rolling("none", "2026-10-05");
  Scenario s{none, "2026-11-01"};
  CHECK(occurrences_between(s.schedule, s.context, day("2026-10-01"), day("2026-10-31")).empty());
}
