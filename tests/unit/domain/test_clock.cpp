#include "domain/clock.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;

namespace {

const mgr::domain::Zone* zone(const char* name) {
  return mgr::domain::find_zone(name);
}

// parse_now's result written back as RFC 3339 UTC, so failures print readably.
std::string now_utc(const char* text, const char* user_zone) {
  return format_instant(parse_now(text, zone(user_zone)));
}

Clock clock_at(const char* utc, const char* user_zone) {
  return Clock{*parse_instant(utc), zone(user_zone)};
}

}  // namespace

TEST_CASE("parse_now: a bare date is 09:00 local time", "[clock]") {
  CHECK(now_utc("2026-11-26", "Europe/Berlin") == "2026-11-26T08:00:00Z");
  CHECK(now_utc("2026-11-26", "America/Los_Angeles") == "2026-11-26T17:00:00Z");
  CHECK(now_utc("2026-11-26", "UTC") == "2026-11-26T09:00:00Z");
  CHECK(now_utc("2026-11-26", "Asia/Kolkata") == "2026-11-26T03:30:00Z");
  // Summer time: 09:00 CEST is 07:00Z.
  CHECK(now_utc("2026-07-01", "Europe/Berlin") == "2026-07-01T07:00:00Z");
  // The day of the spring change: 09:00 is already CEST.
  CHECK(now_utc("2026-03-29", "Europe/Berlin") == "2026-03-29T07:00:00Z");
}

TEST_CASE("parse_now: a local wall time", "[clock]") {
  CHECK(now_utc("2026-11-26T23:30", "America/Los_Angeles") == "2026-11-27T07:30:00Z");
  CHECK(now_utc("2026-11-26T23:30:15", "America/Los_Angeles") == "2026-11-27T07:30:15Z");
  CHECK(now_utc("2026-11-26T00:00", "Europe/Berlin") == "2026-11-25T23:00:00Z");
  CHECK(now_utc("2026-11-26T23:59:59", "UTC") == "2026-11-26T23:59:59Z");
  CHECK(now_utc("2026-11-26t10:00", "UTC") == "2026-11-26T10:00:00Z");
  CHECK(now_utc("2026-11-26 10:00", "UTC") == "2026-11-26T10:00:00Z");
  CHECK(now_utc("2028-02-29T12:00", "Europe/Berlin") == "2028-02-29T11:00:00Z");
}

TEST_CASE("parse_now: wall times around daylight-saving changes do not throw", "[clock]") {
  // 02:30 does not exist in Berlin on 2026-03-29; it resolves to the moment of the change.
  CHECK(now_utc("2026-03-29T02:30", "Europe/Berlin") == "2026-03-29T01:00:00Z");
  // 02:30 happens twice on 2026-10-25; the earlier one (still CEST) is taken.
  CHECK(now_utc("2026-10-25T02:30", "Europe/Berlin") == "2026-10-25T00:30:00Z");
  CHECK(now_utc("2026-10-25T03:30", "Europe/Berlin") == "2026-10-25T02:30:00Z");
}

TEST_CASE("parse_now: RFC 3339 with Z or an offset ignores the user's zone", "[clock]") {
  CHECK(now_utc("2026-11-26T10:00:00Z", "America/Los_Angeles") == "2026-11-26T10:00:00Z");
  CHECK(now_utc("2026-11-26T10:00:00z", "Europe/Berlin") == "2026-11-26T10:00:00Z");
  CHECK(now_utc("2026-11-26T10:00Z", "Europe/Berlin") == "2026-11-26T10:00:00Z");
  CHECK(now_utc("2026-11-26T10:00:00+05:30", "Europe/Berlin") == "2026-11-26T04:30:00Z");
  CHECK(now_utc("2026-11-26T10:00+05:30", "America/Los_Angeles") == "2026-11-26T04:30:00Z");
  CHECK(now_utc("2026-11-26T10:00:00-08:00", "Europe/Berlin") == "2026-11-26T18:00:00Z");
  CHECK(now_utc("2026-11-26T20:00:00-08:00", "Europe/Berlin") == "2026-11-27T04:00:00Z");
  CHECK(now_utc("2026-11-26T01:00:00+02:00", "UTC") == "2026-11-25T23:00:00Z");
  CHECK(now_utc("2026-11-26T10:00:00+00:00", "Asia/Tokyo") == "2026-11-26T10:00:00Z");
  CHECK(now_utc("2026-11-26T10:00:00-00:00", "Asia/Tokyo") == "2026-11-26T10:00:00Z");
}

TEST_CASE("parse_now: RFC 3339 fractional seconds are accepted and truncated", "[clock]") {
  CHECK(now_utc("2026-11-26T10:00:00.250Z", "Europe/Berlin") == "2026-11-26T10:00:00Z");
  CHECK(now_utc("2026-11-26T10:00:59.999999+01:00", "UTC") == "2026-11-26T09:00:59Z");
  CHECK_THROWS_AS(parse_now("2026-11-26T10:00:00.Z", zone("UTC")), mgr::UsageError);
  CHECK_THROWS_AS(parse_now("2026-11-26T10:00:00.5xZ", zone("UTC")), mgr::UsageError);
  CHECK_THROWS_AS(parse_now("2026-11-26T10:00.5Z", zone("UTC")), mgr::UsageError);
}

TEST_CASE("parse_now rejects bad values with a UsageError naming them", "[clock]") {
  for (const char* bad :
       {"2026-11-26T25:00", "nonsense", "2026-11-26T10:00+5", "2026-02-30", "2026-11-26T",
        "2026-11-26T10", "2026-11-26T10:60", "2026-11-26T10:00:60", "2026-11-26T10:00+19:00",
        "2026-11-26T10:00+05:3", "2026-11-26T10:00+0530", "2026-11-26T10:00:00ZZ",
        "2026-11-26T10:00 Europe/Berlin", "2026-11-26X10:00", "2026-11-26 ", "26-11-2026",
        "2026-11-26T1:00", "today"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_now(bad, zone("Europe/Berlin")), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
  CHECK_THROWS_MATCHES(parse_now("", zone("Europe/Berlin")), mgr::UsageError,
                       WhatContains("MGR_NOW"));
}

TEST_CASE("Clock::today is the user's local day, not the UTC day", "[clock]") {
  const auto la = clock_at("2026-11-27T07:30:00Z", "America/Los_Angeles");
  const auto berlin = clock_at("2026-11-27T07:30:00Z", "Europe/Berlin");
  CHECK(format_date(la.today()) == "2026-11-26");
  CHECK(format_date(berlin.today()) == "2026-11-27");
  CHECK(la.local_now() == date::local_days{date::year{2026} / 11 / 26} + std::chrono::hours{23} +
                              std::chrono::minutes{30});
  CHECK(berlin.local_now() == date::local_days{date::year{2026} / 11 / 27} + std::chrono::hours{8} +
                                  std::chrono::minutes{30});
  // Just before and at local midnight.
  CHECK(format_date(clock_at("2026-11-26T22:59:59Z", "Europe/Berlin").today()) == "2026-11-26");
  CHECK(format_date(clock_at("2026-11-26T23:00:00Z", "Europe/Berlin").today()) == "2026-11-27");
  CHECK(format_date(clock_at("2026-12-31T23:30:00Z", "Asia/Tokyo").today()) == "2027-01-01");
  CHECK(format_date(clock_at("2027-01-01T05:00:00Z", "America/New_York").today()) == "2027-01-01");
  CHECK(format_date(clock_at("2027-01-01T04:59:59Z", "America/New_York").today()) == "2026-12-31");
}

TEST_CASE("a clock built from MGR_NOW agrees with the date given", "[clock]") {
  for (const char* name :
       {"Europe/Berlin", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"}) {
    INFO("zone " << name);
    const Clock clock{parse_now("2026-11-26", zone(name)), zone(name)};
    CHECK(format_date(clock.today()) == "2026-11-26");
    CHECK(clock.local_now() ==
          date::local_days{date::year{2026} / 11 / 26} + std::chrono::hours{9});
  }
}

TEST_CASE("resolve_zone: the configured name wins, then TZ, then the system zone", "[clock]") {
  CHECK(resolve_zone("Europe/Berlin", "America/New_York")->name() == "Europe/Berlin");
  CHECK(resolve_zone("Europe/Berlin", nullptr)->name() == "Europe/Berlin");
  CHECK(resolve_zone("", "America/New_York")->name() == "America/New_York");
  CHECK(resolve_zone("", ":America/New_York")->name() == "America/New_York");
  CHECK(resolve_zone("", ":Asia/Kolkata")->name() == "Asia/Kolkata");
  CHECK(resolve_zone("", "UTC")->name() == "UTC");
  // No configuration and no TZ: some zone, never a null pointer or an exception.
  CHECK(resolve_zone("", nullptr) != nullptr);
  CHECK(resolve_zone("", "") != nullptr);
  // TZ may name a zone file instead of a zone.
  CHECK(resolve_zone("", ":/usr/share/zoneinfo/Asia/Tokyo")->name() == "Asia/Tokyo");
  CHECK(resolve_zone("", "/usr/share/zoneinfo/America/New_York")->name() == "America/New_York");
  CHECK(resolve_zone("", ":/etc/localtime") == resolve_zone("", nullptr));
  // The configured zone wins even over a broken TZ.
  CHECK(resolve_zone("Asia/Tokyo", "Not/AZone")->name() == "Asia/Tokyo");
}

TEST_CASE("zone_in_sysconfig_line reads the ZONE line of /etc/sysconfig/clock", "[clock]") {
  CHECK(zone_in_sysconfig_line("ZONE=\"America/New_York\"") == "America/New_York");
  CHECK(zone_in_sysconfig_line("ZONE=\"Europe/Berlin\"  # set by the installer") ==
        "Europe/Berlin");
  CHECK(zone_in_sysconfig_line("ZONE=\"\"") == "");
  CHECK_FALSE(zone_in_sysconfig_line("UTC=true"));
  CHECK_FALSE(zone_in_sysconfig_line("ZONE=Europe/Berlin"));
  CHECK_FALSE(zone_in_sysconfig_line("ZONE=\"Europe/Berlin"));
  CHECK_FALSE(zone_in_sysconfig_line(""));
}

TEST_CASE("resolve_zone and find_zone reject unknown zones naming them", "[clock]") {
  CHECK_THROWS_MATCHES(resolve_zone("Mars/Olympus_Mons", nullptr), mgr::UsageError,
                       WhatContains("'Mars/Olympus_Mons'"));
  CHECK_THROWS_MATCHES(resolve_zone("", "Nowhere/Land"), mgr::UsageError,
                       WhatContains("'Nowhere/Land'"));
  CHECK_THROWS_MATCHES(resolve_zone("", ":Nowhere/Land"), mgr::UsageError,
                       WhatContains("Nowhere/Land"));
  CHECK_THROWS_MATCHES(find_zone("Europe/Berlinn"), mgr::UsageError,
                       WhatContains("'Europe/Berlinn'"));
  CHECK(find_zone("Europe/Berlin")->name() == "Europe/Berlin");
}

TEST_CASE("choose_zone: a POSIX rule in TZ falls back to the system zone with a warning",
          "[clock]") {
  for (const char* rule : {"CET-1CEST,M3.5.0,M10.5.0/3", "<+0330>-3:30", "ABC+5", "XYZ-2XYT"}) {
    INFO("TZ=" << rule);
    const auto choice = choose_zone("", rule);
    CHECK(choice.zone == resolve_zone("", nullptr));
    CHECK(choice.warning.find("POSIX rule") != std::string::npos);
    CHECK(choice.warning.find("timezone") != std::string::npos);
  }
  // EST5EDT is both a POSIX rule and a zone in the database: the zone is used, silently.
  CHECK(choose_zone("", "EST5EDT").zone->name() == "EST5EDT");
  CHECK(choose_zone("", "EST5EDT").warning.empty());
  CHECK(choose_zone("", "Europe/Berlin").warning.empty());
  // The configured zone needs no TZ at all.
  CHECK(choose_zone("Asia/Tokyo", "CET-1CEST,M3.5.0,M10.5.0/3").warning.empty());
}

TEST_CASE("choose_zone refuses a typo in TZ with a hint, and a path outside zoneinfo", "[clock]") {
  CHECK_THROWS_MATCHES(choose_zone("", "Europe/Berln"), mgr::UsageError,
                       WhatContains("'Europe/Berln' in TZ"));
  try {
    choose_zone("", "Europe/Berln");
  } catch (const mgr::UsageError& error) {
    CHECK(error.hint().find("Europe/Berlin") != std::string::npos);
  }
  CHECK_THROWS_MATCHES(choose_zone("", "/nonexistent/Europe/Berlin"), mgr::UsageError,
                       WhatContains("/nonexistent/Europe/Berlin"));
  CHECK_THROWS_MATCHES(choose_zone("", ":/tmp/Europe/Berlin"), mgr::UsageError, WhatContains("TZ"));
}

TEST_CASE("parse_now refuses years outside 1900-2999 and quotes little of long input", "[clock]") {
  CHECK_THROWS_MATCHES(parse_now("9999-12-31T23:00", zone("UTC")), mgr::UsageError,
                       WhatContains("1900 to 2999"));
  CHECK_THROWS_AS(parse_now("1899-12-31", zone("UTC")), mgr::UsageError);
  CHECK_NOTHROW(parse_now("2999-12-31T23:00", zone("UTC")));
  try {
    parse_now(std::string(100000, '9'), zone("UTC"));
    FAIL("accepted");
  } catch (const mgr::UsageError& error) {
    CHECK(std::string{error.what()}.size() < 200);
  }
}

TEST_CASE("format_instant and parse_instant round-trip RFC 3339 UTC", "[clock]") {
  const auto instant = date::sys_days{date::year{2026} / 11 / 26} + std::chrono::hours{17} +
                       std::chrono::minutes{45};
  CHECK(format_instant(instant) == "2026-11-26T17:45:00Z");
  CHECK(*parse_instant("2026-11-26T17:45:00Z") == instant);
  for (const char* text : {"2026-11-26T17:45:00Z", "1970-01-01T00:00:00Z", "2028-02-29T23:59:59Z",
                           "2026-12-31T00:00:01Z"}) {
    INFO(text);
    CHECK(format_instant(*parse_instant(text)) == text);
  }
  const auto odd = date::sys_days{date::year{2027} / 3 / 4} + std::chrono::seconds{3723};
  CHECK(*parse_instant(format_instant(odd)) == odd);
}

TEST_CASE("parse_instant accepts only the stored form", "[clock]") {
  for (const char* bad : {"2026-11-26T17:45:00", "2026-11-26 17:45:00Z",
                          "2026-11-26T17:45:00+00:00", "2026-11-26T17:45Z", "2026-11-26T24:00:00Z",
                          "2026-02-30T10:00:00Z", "", "garbage", "2026-11-26T17:45:00z"}) {
    INFO("value: '" << bad << "'");
    CHECK_FALSE(parse_instant(bad));
  }
}

TEST_CASE("find_zone knows every zone of the whole tz database by the same name", "[clock]") {
  const auto& database = date::get_tzdb();
  REQUIRE(database.zones.size() > 300);
  for (const auto& listed : database.zones) {
    const auto* found = find_zone(listed.name());
    REQUIRE(found != nullptr);
    CHECK(found->name() == listed.name());
  }
  // A link keeps its own name, as in the database, and the offsets of the zone it links to.
  const auto* eastern = find_zone("US/Eastern");
  CHECK(eastern->name() == "US/Eastern");
  const auto winter = *parse_instant("2026-01-15T12:00:00Z");
  CHECK(eastern->get_info(winter).offset == find_zone("America/New_York")->get_info(winter).offset);
  CHECK(eastern->get_info(winter).offset == std::chrono::hours{-5});
}

TEST_CASE("find_zone gives one zone per name for the whole run", "[clock]") {
  CHECK(find_zone("Europe/Berlin") == find_zone("Europe/Berlin"));
  CHECK(resolve_zone("", "Europe/Berlin") == find_zone("Europe/Berlin"));
}

TEST_CASE("find_zone reads no file outside the zones of the tz database", "[clock]") {
  // Each of these is a file or folder (or a way out of the folder) that is not a zone.
  for (const char* name :
       {"../../../etc/passwd", "/etc/passwd", "Europe/../../../../etc/passwd", "Europe/../UTC",
        "./UTC", "Europe//Berlin", "Europe/", "America", "posixrules", "posix/Europe/Berlin",
        "right/UTC", "Factory", "leapseconds", "zone.tab", "tzdata.zi", "iso3166.tab",
        "Europe/Berlin\n"}) {
    INFO(name);
    CHECK_THROWS_AS(find_zone(name), mgr::UsageError);
    CHECK_THROWS_AS(resolve_zone(name, nullptr), mgr::UsageError);
  }
  CHECK_THROWS_MATCHES(find_zone("../../../etc/passwd"), mgr::UsageError,
                       WhatContains("../../../etc/passwd"));
}
