#include "domain/calendar.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;

namespace {

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

date::local_seconds wall(const char* iso, int hours, int minutes = 0) {
  return date::local_seconds{day(iso)} + std::chrono::hours{hours} + std::chrono::minutes{minutes};
}

Instant utc(const char* rfc3339) {
  return *parse_instant(rfc3339);
}

}  // namespace

TEST_CASE("add_cadence adds days, or a calendar month clamped to its last day", "[calendar]") {
  CHECK(add_cadence(day("2026-11-26"), parse_cadence("weekly")) == day("2026-12-03"));
  CHECK(add_cadence(day("2026-11-26"), parse_cadence("biweekly")) == day("2026-12-10"));
  CHECK(add_cadence(day("2026-11-26"), parse_cadence("10d")) == day("2026-12-06"));
  CHECK(add_cadence(day("2026-12-28"), parse_cadence("weekly")) == day("2027-01-04"));
  const auto monthly = parse_cadence("monthly");
  CHECK(add_cadence(day("2026-11-26"), monthly) == day("2026-12-26"));
  CHECK(add_cadence(day("2027-01-31"), monthly) == day("2027-02-28"));
  CHECK(add_cadence(day("2028-01-31"), monthly) == day("2028-02-29"));
  CHECK(add_cadence(day("2026-03-31"), monthly) == day("2026-04-30"));
  CHECK_THROWS_AS(add_cadence(day("2026-11-26"), parse_cadence("none")), std::logic_error);
}

TEST_CASE("workdays: Monday to Friday unless configured", "[calendar]") {
  const Workdays standard;
  CHECK(workday_on_or_after(day("2026-11-26"), standard) == day("2026-11-26"));  // Thu
  CHECK(workday_on_or_after(day("2026-11-28"), standard) == day("2026-11-30"));  // Sat -> Mon
  CHECK(first_workday_after(day("2026-11-27"), standard) == day("2026-11-30"));  // Fri -> Mon
  CHECK(first_workday_after(day("2026-11-26"), standard) == day("2026-11-27"));
  CHECK(standard.names() == std::vector<std::string>{"mon", "tue", "wed", "thu", "fri"});

  const auto sunday_to_thursday = Workdays::from_names({"sun", "mon", "tue", "wed", "thu"});
  CHECK(workday_on_or_after(day("2026-11-20"), sunday_to_thursday) == day("2026-11-22"));
  CHECK(first_workday_after(day("2026-11-19"), sunday_to_thursday) == day("2026-11-22"));
  CHECK(sunday_to_thursday.names() == std::vector<std::string>{"mon", "tue", "wed", "thu", "sun"});

  CHECK_THROWS_MATCHES(Workdays::from_names({"mon", "funday"}), mgr::UsageError,
                       WhatContains("'funday'"));
  CHECK_THROWS_AS(Workdays::from_names({}), mgr::UsageError);
}

TEST_CASE("workdays_between counts the workdays strictly between two days", "[calendar]") {
  const Workdays standard;
  CHECK(workdays_between(day("2026-11-20"), day("2026-11-26"), standard) == 3);  // Mon..Wed
  CHECK(workdays_between(day("2026-11-25"), day("2026-11-26"), standard) == 0);
  CHECK(workdays_between(day("2026-11-26"), day("2026-11-26"), standard) == 0);
}

TEST_CASE("wall times in a daylight-saving gap or overlap", "[calendar]") {
  const auto* berlin = mgr::domain::find_zone("Europe/Berlin");
  const auto* new_york = mgr::domain::find_zone("America/New_York");
  // A time that does not exist moves forward by the gap.
  CHECK(wall_time_to_instant(wall("2026-03-29", 2, 30), berlin) == utc("2026-03-29T01:30:00Z"));
  CHECK(wall_time_to_instant(wall("2026-03-08", 2, 30), new_york) == utc("2026-03-08T07:30:00Z"));
  // An ambiguous time is its first occurrence.
  CHECK(wall_time_to_instant(wall("2026-10-25", 2, 30), berlin) == utc("2026-10-25T00:30:00Z"));
  CHECK(wall_time_to_instant(wall("2026-11-01", 1, 30), new_york) == utc("2026-11-01T05:30:00Z"));
  CHECK(wall_time_to_instant(wall("2026-11-26", 9), berlin) == utc("2026-11-26T08:00:00Z"));
}

TEST_CASE("iso_week_label names ISO 8601 weeks", "[calendar]") {
  CHECK(iso_week_label(day("2026-11-26")) == "2026-W48");
  CHECK(iso_week_label(day("2026-12-28")) == "2026-W53");
  CHECK(iso_week_label(day("2027-01-03")) == "2026-W53");
  CHECK(iso_week_label(day("2027-01-04")) == "2027-W01");
  CHECK(iso_week_label(day("2024-12-30")) == "2025-W01");
}
