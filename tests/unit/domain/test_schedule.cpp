#include "domain/schedule.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/model.hpp"
#include "domain/parse.hpp"

using namespace mgr::domain;
using date::local_days;

namespace {

// Every test pins its clock and uses the real tz database, so the expectations below are the
// calendar and the zone rules themselves, not whatever day the tests happen to run on.
const date::time_zone* zone(const char* name) {
  return date::locate_zone(name);
}

Clock clock_at(const char* utc, const char* user_zone = "Europe/Berlin") {
  return Clock{*parse_instant(utc), zone(user_zone)};
}

local_days day(const char* iso) {
  return *parse_iso_date(iso);
}

date::local_seconds wall(const char* iso, int hours, int minutes = 0) {
  return date::local_seconds{day(iso)} + std::chrono::hours{hours} + std::chrono::minutes{minutes};
}

date::sys_seconds utc(const char* rfc3339) {
  return *parse_instant(rfc3339);
}

Person person(const char* cadence = "weekly", const char* since = "2026-11-23") {
  Person p;
  p.handle = "alice";
  p.cadence = parse_cadence(cadence);
  p.since = day(since);
  return p;
}

// A weekly Tuesday 10:00 slot, the most common shape of a 1:1.
Person tuesday_ten(const char* since, const char* tz = nullptr) {
  Person p = person("weekly", since);
  p.slot_day = date::Tuesday;
  p.slot_time = Minutes{10 * 60};
  p.zone = tz != nullptr && *tz != '\0' ? zone(tz) : nullptr;
  return p;
}

OneOnOneHistory held(std::vector<const char*> dates) {
  OneOnOneHistory history;
  for (const char* date : dates) history.held.push_back(day(date));
  return history;
}

Skip skip(const char* due_date) {
  return {day(due_date), ""};
}

// The series functions take one person's loaded schedule; the tests spell its parts out.
std::optional<DueSlot> next_one_on_one(const Person& p, const OneOnOneHistory& history,
                                       const std::vector<Skip>& skips, const Clock& clock) {
  return mgr::domain::next_one_on_one(PersonSchedule{p, history, skips}, clock);
}

std::vector<DueSlot> upcoming_slots(const Person& p, const OneOnOneHistory& history,
                                    const std::vector<Skip>& skips, const Clock& clock,
                                    local_days until) {
  return mgr::domain::upcoming_slots(PersonSchedule{p, history, skips}, clock, until);
}

std::vector<local_days> due_dates(const std::vector<DueSlot>& slots) {
  std::vector<local_days> dates;
  for (const auto& slot : slots) dates.push_back(slot.due_date);
  return dates;
}

const Clock k_thursday = clock_at("2026-11-26T08:00:00Z");  // Thu 2026-11-26 09:00 in Berlin

}  // namespace

TEST_CASE("add_cadence adds days, or a calendar month clamped to its last day", "[schedule]") {
  CHECK(add_cadence(day("2026-11-26"), parse_cadence("weekly")) == day("2026-12-03"));
  CHECK(add_cadence(day("2026-11-26"), parse_cadence("biweekly")) == day("2026-12-10"));
  CHECK(add_cadence(day("2026-11-26"), parse_cadence("10d")) == day("2026-12-06"));
  CHECK(add_cadence(day("2026-12-28"), parse_cadence("weekly")) == day("2027-01-04"));

  const auto monthly = parse_cadence("monthly");
  CHECK(add_cadence(day("2026-11-26"), monthly) == day("2026-12-26"));
  CHECK(add_cadence(day("2026-12-15"), monthly) == day("2027-01-15"));
  CHECK(add_cadence(day("2027-01-31"), monthly) == day("2027-02-28"));
  CHECK(add_cadence(day("2028-01-31"), monthly) == day("2028-02-29"));
  CHECK(add_cadence(day("2028-02-29"), monthly) == day("2028-03-29"));
  CHECK(add_cadence(day("2026-03-31"), monthly) == day("2026-04-30"));

  CHECK_THROWS_AS(add_cadence(day("2026-11-26"), parse_cadence("none")), std::logic_error);
}

TEST_CASE("a 1:1 is due one cadence after since when none was held yet", "[schedule]") {
  const auto slot = next_one_on_one(person("weekly", "2026-11-23"), {}, {}, k_thursday);
  REQUIRE(slot);
  CHECK(slot->person == "alice");
  CHECK(slot->due_date == day("2026-11-30"));
  CHECK(slot->overdue_days == 0);
  CHECK_FALSE(slot->last_held);
  CHECK_FALSE(slot->start);
  CHECK(slot->length.count() == 30);
  CHECK(slot->person_zone == zone("Europe/Berlin"));
  CHECK_FALSE(slot->other_zone);

  CHECK(next_one_on_one(person("biweekly", "2026-11-23"), {}, {}, k_thursday)->due_date ==
        day("2026-12-07"));
  CHECK(next_one_on_one(person("10d", "2026-11-23"), {}, {}, k_thursday)->due_date ==
        day("2026-12-03"));
  CHECK(next_one_on_one(person("monthly", "2026-11-23"), {}, {}, k_thursday)->due_date ==
        day("2026-12-23"));
}

TEST_CASE("a 1:1 is due one cadence after the latest one held", "[schedule]") {
  // Out of order on purpose: the latest date counts, not the last in the list.
  const auto history = held({"2026-11-12", "2026-11-19", "2026-11-05"});
  const auto slot = next_one_on_one(person("weekly", "2026-10-01"), history, {}, k_thursday);
  REQUIRE(slot);
  CHECK(slot->due_date == day("2026-11-26"));
  CHECK(slot->overdue_days == 0);  // due today is not overdue
  CHECK(slot->last_held == day("2026-11-19"));

  SECTION("a 1:1 back-filled before since still counts") {
    const auto late_since = person("weekly", "2026-11-25");
    CHECK(next_one_on_one(late_since, held({"2026-11-24"}), {}, k_thursday)->due_date ==
          day("2026-12-01"));
  }
}

TEST_CASE("a cancelled 1:1 does not reset the cadence", "[schedule]") {
  OneOnOneHistory history = held({"2026-11-12"});
  history.cancelled = {day("2026-11-19")};
  const auto slot = next_one_on_one(person("weekly", "2026-10-01"), history, {}, k_thursday);
  REQUIRE(slot);
  CHECK(slot->due_date == day("2026-11-19"));
  CHECK(slot->overdue_days == 7);
  CHECK(slot->last_held == day("2026-11-12"));
}

TEST_CASE("no 1:1 is due for cadence none or an archived person", "[schedule]") {
  auto none = person("none");
  CHECK_FALSE(next_one_on_one(none, {}, {}, k_thursday));
  CHECK(upcoming_slots(none, {}, {}, k_thursday, day("2027-01-31")).empty());

  auto archived = person("weekly");
  archived.archived = true;
  CHECK_FALSE(next_one_on_one(archived, {}, {}, k_thursday));
  CHECK(upcoming_slots(archived, {}, {}, k_thursday, day("2027-01-31")).empty());
}

TEST_CASE("overdue days count the user's local days since the due date", "[schedule]") {
  const auto weekly = person("weekly", "2026-10-01");
  CHECK(next_one_on_one(weekly, held({"2026-11-16"}), {}, k_thursday)->overdue_days == 3);
  CHECK(next_one_on_one(weekly, held({"2026-11-19"}), {}, k_thursday)->overdue_days == 0);
  CHECK(next_one_on_one(weekly, held({"2026-11-25"}), {}, k_thursday)->overdue_days == 0);

  SECTION("in the user's zone, not UTC") {
    // 23:30 UTC on Dec 3 is already Dec 4 in Berlin.
    const auto late_evening = clock_at("2026-12-03T23:30:00Z", "Europe/Berlin");
    const auto same_in_utc = clock_at("2026-12-03T23:30:00Z", "UTC");
    CHECK(overdue_days(day("2026-12-01"), late_evening) == 3);
    CHECK(overdue_days(day("2026-12-01"), same_in_utc) == 2);
    CHECK(next_one_on_one(weekly, held({"2026-11-24"}), {}, late_evening)->overdue_days == 3);
  }
  SECTION("from the slot's day, so a 1:1 later in the week is not overdue early") {
    const auto tuesday = tuesday_ten("2026-11-23");  // cadence date Mon 11-30, slot Tue 12-01
    const auto monday = clock_at("2026-11-30T12:00:00Z");
    const auto wednesday = clock_at("2026-12-02T12:00:00Z");
    CHECK(next_one_on_one(tuesday, {}, {}, monday)->overdue_days == 0);
    CHECK(next_one_on_one(tuesday, {}, {}, wednesday)->overdue_days == 1);
  }
}

TEST_CASE("a skip moves the due date one cadence on from the skipped date", "[schedule]") {
  const auto weekly = person("weekly", "2026-10-01");
  const auto history = held({"2026-11-19"});

  SECTION("skipping the next 1:1") {
    const auto slot = next_one_on_one(weekly, history, {skip("2026-11-26")}, k_thursday);
    REQUIRE(slot);
    CHECK(slot->due_date == day("2026-12-03"));
    // A skip is not a 1:1: the last one held stays the real one.
    CHECK(slot->last_held == day("2026-11-19"));
  }
  SECTION("skipping an overdue 1:1 leaves the next one overdue from its own date") {
    const auto slot =
        next_one_on_one(weekly, held({"2026-11-05"}), {skip("2026-11-12")}, k_thursday);
    REQUIRE(slot);
    CHECK(slot->due_date == day("2026-11-19"));
    CHECK(slot->overdue_days == 7);
    CHECK(slot->last_held == day("2026-11-05"));
  }
  SECTION("a skip on or before the last held 1:1 is spent") {
    CHECK(next_one_on_one(weekly, history, {skip("2026-11-12"), skip("2026-11-19")}, k_thursday)
              ->due_date == day("2026-11-26"));
  }
  SECTION("a skip of a later occurrence leaves the next one alone") {
    CHECK(next_one_on_one(weekly, history, {skip("2026-12-03")}, k_thursday)->due_date ==
          day("2026-11-26"));
    const auto slots =
        upcoming_slots(weekly, history, {skip("2026-12-03")}, k_thursday, day("2026-12-20"));
    CHECK(due_dates(slots) ==
          std::vector<local_days>{day("2026-11-26"), day("2026-12-10"), day("2026-12-17")});
  }
  SECTION("two skips for the same slot") {
    // A skip between the anchor and the due date stands in for a 1:1 on its own date.
    CHECK(next_one_on_one(weekly, history, {skip("2026-11-25")}, k_thursday)->due_date ==
          day("2026-12-02"));
    CHECK(next_one_on_one(weekly, history, {skip("2026-11-26"), skip("2026-11-25")}, k_thursday)
              ->due_date == day("2026-12-03"));
  }
  SECTION("skips of consecutive occurrences") {
    CHECK(next_one_on_one(weekly, history, {skip("2026-12-03"), skip("2026-11-26")}, k_thursday)
              ->due_date == day("2026-12-10"));
  }
  SECTION("skipping a timed slot keeps the slot time") {
    const auto slot = next_one_on_one(tuesday_ten("2026-10-01"), held({"2026-11-24"}),
                                      {skip("2026-12-01")}, k_thursday);
    REQUIRE(slot);
    CHECK(slot->due_date == day("2026-12-08"));
    CHECK(slot->start == utc("2026-12-08T09:00:00Z"));
  }
}

TEST_CASE("time away moves a due date inside it to the first workday after", "[schedule]") {
  auto weekly = person("weekly", "2026-10-01");
  const auto history = held({"2026-11-19"});  // due Thu 11-26

  SECTION("away ending on a Friday: due the Monday after") {
    weekly.away = {{AwayId{1}, day("2026-11-23"), day("2026-11-27"), "PTO"}};
    const auto slot = next_one_on_one(weekly, history, {}, k_thursday);
    CHECK(slot->due_date == day("2026-11-30"));
    CHECK(slot->overdue_days == 0);
  }
  SECTION("away ending mid-week: due the next day") {
    weekly.away = {{AwayId{1}, day("2026-11-25"), day("2026-12-01"), ""}};
    CHECK(next_one_on_one(weekly, history, {}, k_thursday)->due_date == day("2026-12-02"));
  }
  SECTION("the first and last day of the time away are inclusive") {
    weekly.away = {{AwayId{1}, day("2026-11-26"), day("2026-11-26"), ""}};
    CHECK(next_one_on_one(weekly, history, {}, k_thursday)->due_date == day("2026-11-27"));
    weekly.away = {{AwayId{1}, day("2026-11-20"), day("2026-11-26"), ""}};
    CHECK(next_one_on_one(weekly, history, {}, k_thursday)->due_date == day("2026-11-27"));
  }
  SECTION("back-to-back time away is crossed in one go") {
    weekly.away = {{AwayId{2}, day("2026-11-30"), day("2026-12-04"), ""},
                   {AwayId{1}, day("2026-11-23"), day("2026-11-27"), ""}};
    CHECK(next_one_on_one(weekly, history, {}, k_thursday)->due_date == day("2026-12-07"));
  }
  SECTION("time away that does not cover the due date changes nothing") {
    weekly.away = {{AwayId{1}, day("2026-11-02"), day("2026-11-06"), ""},
                   {AwayId{2}, day("2026-11-27"), day("2026-11-30"), ""}};
    CHECK(next_one_on_one(weekly, history, {}, k_thursday)->due_date == day("2026-11-26"));
  }
  SECTION("then the slot day applies") {
    weekly.slot_day = parse_weekday("tue");
    weekly.away = {{AwayId{1}, day("2026-11-23"), day("2026-11-27"), ""}};
    CHECK(next_one_on_one(weekly, history, {}, k_thursday)->due_date == day("2026-12-01"));
  }
  SECTION("a slot day inside the time away moves too") {
    weekly.slot_day = parse_weekday("thu");
    weekly.away = {{AwayId{1}, day("2026-11-25"), day("2026-11-27"), ""}};
    // Due Mon 11-23 after a 1:1 on Mon 11-16; the Thursday slot 11-26 is inside the time away.
    CHECK(next_one_on_one(weekly, held({"2026-11-16"}), {}, k_thursday)->due_date ==
          day("2026-12-03"));
  }
  SECTION("a weekend slot day counts from the first workday") {
    weekly.slot_day = parse_weekday("sat");
    weekly.away = {{AwayId{1}, day("2026-11-23"), day("2026-11-27"), ""}};
    CHECK(next_one_on_one(weekly, history, {}, k_thursday)->due_date == day("2026-12-05"));
  }
}

TEST_CASE("the slot is the first such weekday and time on or after the due date", "[schedule]") {
  SECTION("day and time in the user's zone") {
    const auto slot = next_one_on_one(tuesday_ten("2026-11-23"), {}, {}, k_thursday);
    REQUIRE(slot);
    CHECK(slot->due_date == day("2026-12-01"));  // cadence date is Monday 11-30
    CHECK(slot->start == utc("2026-12-01T09:00:00Z"));
    CHECK(slot->start_in_person_zone == wall("2026-12-01", 10));
    CHECK(slot->start_in_user_zone == wall("2026-12-01", 10));
    CHECK_FALSE(slot->other_zone);
  }
  SECTION("a due date on the slot weekday is the slot's day") {
    CHECK(next_one_on_one(tuesday_ten("2026-11-24"), {}, {}, k_thursday)->due_date ==
          day("2026-12-01"));
  }
  SECTION("an empty zone is the user's zone") {
    const auto slot = next_one_on_one(tuesday_ten("2026-11-23", ""), {}, {}, k_thursday);
    CHECK(slot->person_zone == zone("Europe/Berlin"));
    CHECK(slot->start == utc("2026-12-01T09:00:00Z"));
  }
  SECTION("time alone: on the due date") {
    auto timed = person("weekly", "2026-11-23");
    timed.slot_time = Minutes{15 * 60 + 30};
    timed.length = Minutes{45};
    const auto slot = next_one_on_one(timed, {}, {}, k_thursday);
    CHECK(slot->due_date == day("2026-11-30"));
    CHECK(slot->start == utc("2026-11-30T14:30:00Z"));
    CHECK(slot->length.count() == 45);
  }
  SECTION("day alone: the first such weekday, with no time") {
    auto friday = person("weekly", "2026-11-23");
    friday.slot_day = parse_weekday("fri");
    const auto slot = next_one_on_one(friday, {}, {}, k_thursday);
    CHECK(slot->due_date == day("2026-12-04"));
    CHECK_FALSE(slot->start);
    CHECK_FALSE(slot->start_in_user_zone);
  }
}

TEST_CASE("a slot in another zone is shown in the user's zone too", "[schedule]") {
  SECTION("Tokyo 09:00 is 01:00 in Berlin in winter") {
    const auto winter = clock_at("2026-01-02T08:00:00Z");
    auto monday_nine = person("weekly", "2025-12-29");
    monday_nine.slot_day = parse_weekday("mon");
    monday_nine.slot_time = Minutes{9 * 60};
    monday_nine.zone = zone("Asia/Tokyo");
    const auto tokyo = next_one_on_one(monday_nine, {}, {}, winter);
    REQUIRE(tokyo);
    CHECK(tokyo->other_zone);
    CHECK(tokyo->person_zone == zone("Asia/Tokyo"));
    CHECK(tokyo->start == utc("2026-01-05T00:00:00Z"));
    CHECK(tokyo->start_in_person_zone == wall("2026-01-05", 9));
    CHECK(tokyo->start_in_user_zone == wall("2026-01-05", 1));
    CHECK(tokyo->due_date == day("2026-01-05"));

    SECTION("and 02:00 in summer") {
      monday_nine.since = day("2026-06-29");
      const auto summer = next_one_on_one(monday_nine, {}, {}, clock_at("2026-07-01T08:00:00Z"));
      REQUIRE(summer);
      CHECK(summer->start == utc("2026-07-06T00:00:00Z"));
      CHECK(summer->start_in_person_zone == wall("2026-07-06", 9));
      CHECK(summer->start_in_user_zone == wall("2026-07-06", 2));
    }
  }
  SECTION("Los Angeles 17:00 on Monday is Tuesday in Berlin") {
    auto la = person("weekly", "2026-11-23");
    la.slot_day = parse_weekday("mon");
    la.slot_time = Minutes{17 * 60};
    la.zone = zone("America/Los_Angeles");
    const auto slot = next_one_on_one(la, {}, {}, k_thursday);
    REQUIRE(slot);
    CHECK(slot->start == utc("2026-12-01T01:00:00Z"));
    CHECK(slot->start_in_person_zone == wall("2026-11-30", 17));
    CHECK(slot->start_in_user_zone == wall("2026-12-01", 2));
    CHECK(date::floor<date::days>(*slot->start_in_person_zone) !=
          date::floor<date::days>(*slot->start_in_user_zone));
    // Dates are the user's: the 1:1 is due on the Berlin date it happens.
    CHECK(slot->due_date == day("2026-12-01"));

    SECTION("held on the user's date, the next one is exactly a week later") {
      const auto next = next_one_on_one(la, held({"2026-12-01"}), {}, k_thursday);
      REQUIRE(next);
      CHECK(next->start == utc("2026-12-08T01:00:00Z"));
      CHECK(next->start_in_person_zone == wall("2026-12-07", 17));
      CHECK(next->due_date == day("2026-12-08"));
      const auto slots = upcoming_slots(la, {}, {}, k_thursday, day("2026-12-15"));
      CHECK(due_dates(slots) ==
            std::vector<local_days>{day("2026-12-01"), day("2026-12-08"), day("2026-12-15")});
    }
  }
}

TEST_CASE("a weekly slot keeps its local time across daylight saving", "[schedule]") {
  SECTION("Europe/Berlin across 2026-10-25") {
    const auto slots = upcoming_slots(tuesday_ten("2026-10-12"), {}, {},
                                      clock_at("2026-10-15T09:00:00Z"), day("2026-11-05"));
    REQUIRE(slots.size() == 3);
    CHECK(slots[0].due_date == day("2026-10-20"));
    CHECK(slots[0].start == utc("2026-10-20T08:00:00Z"));
    CHECK(slots[1].start == utc("2026-10-27T09:00:00Z"));
    CHECK(slots[2].start == utc("2026-11-03T09:00:00Z"));
    for (const auto& slot : slots) {
      CHECK(slot.start_in_person_zone ==
            date::local_seconds{slot.due_date} + std::chrono::hours{10});
    }
  }
  SECTION("America/New_York across 2026-11-01, seen from Berlin") {
    const auto slots = upcoming_slots(tuesday_ten("2026-10-19", "America/New_York"), {}, {},
                                      clock_at("2026-10-22T09:00:00Z"), day("2026-11-03"));
    REQUIRE(slots.size() == 2);
    CHECK(slots[0].start == utc("2026-10-27T14:00:00Z"));
    CHECK(slots[0].start_in_person_zone == wall("2026-10-27", 10));
    CHECK(slots[0].start_in_user_zone == wall("2026-10-27", 15));  // Berlin already on CET
    CHECK(slots[1].start == utc("2026-11-03T15:00:00Z"));
    CHECK(slots[1].start_in_person_zone == wall("2026-11-03", 10));
    CHECK(slots[1].start_in_user_zone == wall("2026-11-03", 16));
  }
}

TEST_CASE("slots in ISO week 2026-W53 and on 2028-02-29", "[schedule]") {
  SECTION("2026-W53 runs 2026-12-28..2027-01-03") {
    const auto slots = upcoming_slots(tuesday_ten("2026-12-21"), {}, {},
                                      clock_at("2026-12-22T09:00:00Z"), day("2027-01-10"));
    REQUIRE(slots.size() == 2);
    CHECK(slots[0].due_date == day("2026-12-29"));
    CHECK(slots[0].start == utc("2026-12-29T09:00:00Z"));
    CHECK(iso_week_label(slots[0].due_date) == "2026-W53");
    CHECK(slots[1].due_date == day("2027-01-05"));
    CHECK(iso_week_label(slots[1].due_date) == "2027-W01");

    auto sunday = person("weekly", "2026-12-27");
    sunday.slot_day = parse_weekday("sun");
    const auto last_day = next_one_on_one(sunday, {}, {}, clock_at("2026-12-28T09:00:00Z"));
    CHECK(last_day->due_date == day("2027-01-03"));
    CHECK(iso_week_label(last_day->due_date) == "2026-W53");
  }
  SECTION("a monthly 1:1 after Jan 31 2028 is due on Feb 29") {
    auto monthly = tuesday_ten("2027-12-01");
    monthly.cadence = parse_cadence("monthly");
    const auto clock = clock_at("2028-02-20T09:00:00Z");
    const auto slot = next_one_on_one(monthly, held({"2028-01-31"}), {}, clock);
    REQUIRE(slot);
    CHECK(slot->due_date == day("2028-02-29"));
    CHECK(slot->start == utc("2028-02-29T09:00:00Z"));
    // From Feb 29 a month on is Wed Mar 29, and the Tuesday slot after it Apr 4.
    const auto plain = person("monthly", "2027-12-01");
    CHECK(next_one_on_one(plain, held({"2028-02-29"}), {}, clock)->due_date == day("2028-03-29"));
    CHECK(next_one_on_one(monthly, held({"2028-02-29"}), {}, clock)->due_date == day("2028-04-04"));
  }
  SECTION("a monthly series counts each month from the one before") {
    const auto slots = upcoming_slots(person("monthly", "2026-01-01"), held({"2027-01-31"}), {},
                                      clock_at("2027-02-01T09:00:00Z"), day("2027-04-30"));
    CHECK(due_dates(slots) ==
          std::vector<local_days>{day("2027-02-28"), day("2027-03-28"), day("2027-04-28")});
  }
}

TEST_CASE("wall times in a daylight-saving gap or overlap", "[schedule]") {
  const auto berlin = zone("Europe/Berlin");
  SECTION("a time that does not exist moves forward by the gap") {
    CHECK(wall_time_to_instant(wall("2026-03-29", 2, 30), berlin) == utc("2026-03-29T01:30:00Z"));
    CHECK(wall_time_to_instant(wall("2026-03-08", 2, 30), zone("America/New_York")) ==
          utc("2026-03-08T07:30:00Z"));  // 03:30 EDT
  }
  SECTION("an ambiguous time is its first occurrence") {
    CHECK(wall_time_to_instant(wall("2026-10-25", 2, 30), berlin) == utc("2026-10-25T00:30:00Z"));
    CHECK(wall_time_to_instant(wall("2026-11-01", 1, 30), zone("America/New_York")) ==
          utc("2026-11-01T05:30:00Z"));  // 01:30 EDT
  }
  SECTION("an ordinary time") {
    CHECK(wall_time_to_instant(wall("2026-11-26", 9), berlin) == utc("2026-11-26T08:00:00Z"));
  }
  SECTION("a Sunday 02:30 slot on those days") {
    auto sunday = person("weekly", "2026-03-22");
    sunday.slot_day = parse_weekday("sun");
    sunday.slot_time = Minutes{2 * 60 + 30};
    const auto spring = next_one_on_one(sunday, {}, {}, clock_at("2026-03-23T09:00:00Z"));
    REQUIRE(spring);
    CHECK(spring->due_date == day("2026-03-29"));
    CHECK(spring->start == utc("2026-03-29T01:30:00Z"));
    CHECK(spring->start_in_person_zone == wall("2026-03-29", 3, 30));

    sunday.since = day("2026-10-18");
    const auto autumn = next_one_on_one(sunday, {}, {}, clock_at("2026-10-19T09:00:00Z"));
    REQUIRE(autumn);
    CHECK(autumn->start == utc("2026-10-25T00:30:00Z"));
    CHECK(autumn->start_in_person_zone == wall("2026-10-25", 2, 30));
  }
}

TEST_CASE("upcoming_slots lists the due slot and the ones after it", "[schedule]") {
  const auto weekly = person("weekly", "2026-10-01");

  SECTION("one cadence apart, up to and including the last day") {
    const auto slots =
        upcoming_slots(weekly, held({"2026-11-19"}), {}, k_thursday, day("2026-12-10"));
    CHECK(due_dates(slots) ==
          std::vector<local_days>{day("2026-11-26"), day("2026-12-03"), day("2026-12-10")});
    CHECK(slots.back().overdue_days == 0);
    CHECK(slots.back().last_held == day("2026-11-19"));
  }
  SECTION("an overdue slot first, then counting from today") {
    const auto slots =
        upcoming_slots(weekly, held({"2026-11-05"}), {}, k_thursday, day("2026-12-10"));
    CHECK(due_dates(slots) ==
          std::vector<local_days>{day("2026-11-12"), day("2026-12-03"), day("2026-12-10")});
    CHECK(slots[0].overdue_days == 14);
    CHECK(slots[1].overdue_days == 0);
  }
  SECTION("each moved by time away") {
    auto away = weekly;
    away.away = {{AwayId{1}, day("2026-12-01"), day("2026-12-04"), ""}};
    const auto slots =
        upcoming_slots(away, held({"2026-11-19"}), {}, k_thursday, day("2026-12-14"));
    CHECK(due_dates(slots) ==
          std::vector<local_days>{day("2026-11-26"), day("2026-12-07"), day("2026-12-14")});
  }
  SECTION("nothing when the due slot is after the window") {
    CHECK(upcoming_slots(weekly, held({"2026-11-19"}), {}, k_thursday, day("2026-11-25")).empty());
  }
}

TEST_CASE("delegation check-ins are due one interval after the last contact", "[schedule]") {
  Delegation delegation;
  delegation.id = DelegationId{7};
  delegation.checkin = parse_cadence("weekly");
  delegation.created = day("2026-11-20");

  CHECK(next_checkin_due(delegation) == day("2026-11-27"));

  SECTION("after the last check-in") {
    delegation.last_checkin = Checkin{EntryId{9}, day("2026-11-24"), CheckinStatus::on_track, ""};
    CHECK(next_checkin_due(delegation) == day("2026-12-01"));
  }
  SECTION("a check-in dated before the hand-off does not pull it earlier") {
    delegation.last_checkin = Checkin{EntryId{9}, day("2026-11-18"), std::nullopt, ""};
    CHECK(next_checkin_due(delegation) == day("2026-11-27"));
  }
  SECTION("other intervals") {
    delegation.checkin = parse_cadence("10d");
    CHECK(next_checkin_due(delegation) == day("2026-11-30"));
    delegation.checkin = parse_cadence("biweekly");
    CHECK(next_checkin_due(delegation) == day("2026-12-04"));
    delegation.checkin = parse_cadence("monthly");
    delegation.created = day("2027-01-31");
    CHECK(next_checkin_due(delegation) == day("2027-02-28"));
  }
  SECTION("none for checkin none") {
    delegation.checkin = parse_cadence("none");
    CHECK_FALSE(next_checkin_due(delegation));
  }
  SECTION("none once the delegation is closed") {
    for (auto status :
         {DelegationStatus::done, DelegationStatus::reclaimed, DelegationStatus::dropped}) {
      delegation.status = status;
      CHECK_FALSE(next_checkin_due(delegation));
    }
  }
}

TEST_CASE("first_workday_after skips the weekend", "[schedule]") {
  CHECK(first_workday_after(day("2026-11-26")) == day("2026-11-27"));  // Thu -> Fri
  CHECK(first_workday_after(day("2026-11-27")) == day("2026-11-30"));  // Fri -> Mon
  CHECK(first_workday_after(day("2026-11-28")) == day("2026-11-30"));  // Sat -> Mon
  CHECK(first_workday_after(day("2026-11-29")) == day("2026-11-30"));  // Sun -> Mon
}

TEST_CASE("iso_week_label names ISO 8601 weeks", "[schedule]") {
  CHECK(iso_week_label(day("2026-11-26")) == "2026-W48");
  CHECK(iso_week_label(day("2026-12-28")) == "2026-W53");
  CHECK(iso_week_label(day("2027-01-03")) == "2026-W53");
  CHECK(iso_week_label(day("2027-01-04")) == "2027-W01");
  CHECK(iso_week_label(day("2020-12-31")) == "2020-W53");
  CHECK(iso_week_label(day("2021-01-03")) == "2020-W53");
  CHECK(iso_week_label(day("2021-01-04")) == "2021-W01");
  CHECK(iso_week_label(day("2024-12-30")) == "2025-W01");  // ISO year ahead of the calendar
}
