#include "domain/parse.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;

namespace {

// Matches an exception whose what() contains a fragment: every rejection must name the value.

Date ymd(const char* iso) {
  auto day = parse_iso_date(iso);
  REQUIRE(day);
  return *day;
}

// 2026-11-26 is a Thursday.
const Date k_thursday{date::year{2026} / date::November / 26};

std::string past(const char* text, Date today = k_thursday) {
  return format_date(parse_date(text, today, DateDirection::past));
}

std::string future(const char* text, Date today = k_thursday) {
  return format_date(parse_date(text, today, DateDirection::future));
}

}  // namespace

TEST_CASE("parse_iso_date accepts only real calendar days in strict form", "[parse]") {
  CHECK(parse_iso_date("2026-11-26") == Date{date::year{2026} / date::November / 26});
  CHECK(parse_iso_date("2028-02-29") == Date{date::year{2028} / date::February / 29});
  CHECK_FALSE(parse_iso_date("2026-02-29"));
  CHECK_FALSE(parse_iso_date("2026-02-30"));
  CHECK_FALSE(parse_iso_date("2026-13-01"));
  CHECK_FALSE(parse_iso_date("2026-00-10"));
  CHECK_FALSE(parse_iso_date("2026-11-00"));
  CHECK_FALSE(parse_iso_date("2026-1-01"));
  CHECK_FALSE(parse_iso_date("2026/11/26"));
  CHECK_FALSE(parse_iso_date("2026-11-2x"));
  CHECK_FALSE(parse_iso_date("202/-11-26"));  // one below '0': as a digit it would read 2019
  CHECK_FALSE(parse_iso_date("2026-1:-01"));
  CHECK_FALSE(parse_iso_date("+026-11-26"));
  CHECK_FALSE(parse_iso_date(""));
  CHECK_FALSE(parse_iso_date("2026-11-26T09:00"));
}

TEST_CASE("format_date writes ISO dates", "[parse]") {
  CHECK(format_date(Date{date::year{2026} / date::January / 5}) == "2026-01-05");
  CHECK(format_date(date::local_days{date::year{2028} / date::February / 29}) == "2028-02-29");
}

TEST_CASE("parse_date: ISO dates and the fixed words", "[parse]") {
  CHECK(past("2026-11-26") == "2026-11-26");
  CHECK(past("2025-01-31") == "2025-01-31");
  CHECK(future("2030-06-15") == "2030-06-15");
  CHECK(past("today") == "2026-11-26");
  CHECK(future("today") == "2026-11-26");
  CHECK(past("yesterday") == "2026-11-25");
  CHECK(future("yesterday") == "2026-11-25");
  CHECK(past("tomorrow") == "2026-11-27");
  CHECK(future("tomorrow") == "2026-11-27");
}

TEST_CASE("parse_date: words are case-insensitive", "[parse]") {
  CHECK(past("TODAY") == "2026-11-26");
  CHECK(past("Yesterday") == "2026-11-25");
  CHECK(past("TOMORROW") == "2026-11-27");
  CHECK(past("MON") == "2026-11-23");
  CHECK(past("Fri") == "2026-11-20");
  CHECK(future("Monday") == "2026-11-30");
  CHECK(past("-3D") == "2026-11-23");
  CHECK(past("+3D") == "2026-11-29");
}

TEST_CASE("parse_date: weekdays in the past direction are the most recent, today included",
          "[parse]") {
  // Today is a Thursday.
  CHECK(past("thu") == "2026-11-26");
  CHECK(past("wed") == "2026-11-25");
  CHECK(past("tue") == "2026-11-24");
  CHECK(past("mon") == "2026-11-23");
  CHECK(past("sun") == "2026-11-22");
  CHECK(past("sat") == "2026-11-21");
  CHECK(past("fri") == "2026-11-20");
  CHECK(past("thursday") == "2026-11-26");
  CHECK(past("sunday") == "2026-11-22");
}

TEST_CASE("parse_date: weekdays in the future direction are the next one, today included",
          "[parse]") {
  CHECK(future("thu") == "2026-11-26");
  CHECK(future("fri") == "2026-11-27");
  CHECK(future("sat") == "2026-11-28");
  CHECK(future("sun") == "2026-11-29");
  CHECK(future("mon") == "2026-11-30");
  CHECK(future("tue") == "2026-12-01");
  CHECK(future("wed") == "2026-12-02");
  CHECK(future("wednesday") == "2026-12-02");
}

TEST_CASE("parse_date: relative day counts", "[parse]") {
  CHECK(past("-3d") == "2026-11-23");
  CHECK(past("+3d") == "2026-11-29");
  CHECK(future("-3d") == "2026-11-23");
  CHECK(future("+3d") == "2026-11-29");
  CHECK(past("-1d") == "2026-11-25");
  CHECK(past("+1d") == "2026-11-27");
  CHECK(past("-30d") == "2026-10-27");
  CHECK(past("+365d") == "2027-11-26");
}

TEST_CASE("parse_date: weeks, and -0d for today", "[parse]") {
  CHECK(past("-0d") == "2026-11-26");
  CHECK(past("+0d") == "2026-11-26");
  CHECK(past("-2w") == "2026-11-12");
  CHECK(past("+2w") == "2026-12-10");
  CHECK(future("+1w") == "2026-12-03");
  CHECK(future("-0w") == "2026-11-26");
}

TEST_CASE("parse_date refuses years outside 1900-2999, also when computed", "[parse]") {
  for (const char* bad : {"1899-12-31", "3000-01-01", "0001-01-01", "9999-12-31"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_date(bad, k_thursday, DateDirection::past), mgr::UsageError,
                         WhatContains("1900 to 2999"));
  }
  CHECK(past("1900-01-01") == "1900-01-01");
  CHECK(past("2999-12-31") == "2999-12-31");
  const auto late = ymd("2999-12-20");
  CHECK_THROWS_MATCHES(parse_date("+30d", late, DateDirection::future), mgr::UsageError,
                       WhatContains("3000-01-19"));
  CHECK_THROWS_MATCHES(parse_date("+2w", late, DateDirection::future), mgr::UsageError,
                       WhatContains("1900 to 2999"));
  CHECK_THROWS_AS(parse_date("tomorrow", ymd("2999-12-31"), DateDirection::future),
                  mgr::UsageError);
  CHECK_THROWS_AS(parse_date("-1d", ymd("1900-01-01"), DateDirection::past), mgr::UsageError);
}

TEST_CASE("parse_date: across month and year ends", "[parse]") {
  const auto new_years_eve = ymd("2026-12-31");  // a Thursday
  const auto new_year = ymd("2027-01-01");       // a Friday
  CHECK(past("tomorrow", new_years_eve) == "2027-01-01");
  CHECK(past("+1d", new_years_eve) == "2027-01-01");
  CHECK(future("fri", new_years_eve) == "2027-01-01");
  CHECK(future("mon", new_years_eve) == "2027-01-04");
  CHECK(past("yesterday", new_year) == "2026-12-31");
  CHECK(past("-1d", new_year) == "2026-12-31");
  CHECK(past("thu", new_year) == "2026-12-31");
  CHECK(past("mon", new_year) == "2026-12-28");
  CHECK(past("-3d", ymd("2026-03-02")) == "2026-02-27");
  CHECK(past("+1d", ymd("2026-04-30")) == "2026-05-01");
  CHECK(past("yesterday", ymd("2026-03-01")) == "2026-02-28");
}

TEST_CASE("parse_date: the leap day 2028-02-29", "[parse]") {
  CHECK(past("2028-02-29") == "2028-02-29");
  CHECK(past("tomorrow", ymd("2028-02-28")) == "2028-02-29");
  CHECK(past("yesterday", ymd("2028-03-01")) == "2028-02-29");
  CHECK(past("-1d", ymd("2028-03-01")) == "2028-02-29");
  CHECK(past("+1d", ymd("2028-02-29")) == "2028-03-01");
  CHECK(past("tue", ymd("2028-03-01")) == "2028-02-29");  // 2028-02-29 is a Tuesday
  CHECK(future("tue", ymd("2028-02-26")) == "2028-02-29");
  CHECK(past("+365d", ymd("2028-02-29")) == "2029-02-28");
  CHECK(past("-366d", ymd("2028-02-29")) == "2027-02-28");
}

TEST_CASE("parse_date rejects bad values with a UsageError naming them", "[parse]") {
  for (const char* bad : {"2026-02-30",
                          "2026-13-01",
                          "yesterdayy",
                          "-00d",
                          "+d",
                          "3d",
                          "2026-1-01",
                          "2026-02-29",
                          "+03d",
                          "-3",
                          "3",
                          "mo",
                          "today ",
                          " today",
                          "+3x",
                          "3w",
                          "+w",
                          "-02w",
                          "next monday",
                          "+99999999999999999999d",
                          "2026-11-26T09:00"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_date(bad, k_thursday, DateDirection::past), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
    CHECK_THROWS_MATCHES(parse_date(bad, k_thursday, DateDirection::future), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
  CHECK_THROWS_MATCHES(parse_date("", k_thursday, DateDirection::past), mgr::UsageError,
                       WhatContains("''"));
}

TEST_CASE("parse_duration_minutes accepts every documented form", "[parse]") {
  CHECK(parse_duration("45m").count() == 45);
  CHECK(parse_duration("1h").count() == 60);
  CHECK(parse_duration("1h30m").count() == 90);
  CHECK(parse_duration("1.5h").count() == 90);
  CHECK(parse_duration("90").count() == 90);
  CHECK(parse_duration("24h").count() == 1440);
  CHECK(parse_duration("1440").count() == 1440);
  CHECK(parse_duration("1").count() == 1);
  CHECK(parse_duration("1m").count() == 1);
  CHECK(parse_duration("0.5h").count() == 30);
  CHECK(parse_duration("1.25h").count() == 75);
  CHECK(parse_duration("2h5m").count() == 125);
  CHECK(parse_duration("1h0m").count() == 60);
  CHECK(parse_duration("23h59m").count() == 1439);
  CHECK(parse_duration("1440m").count() == 1440);
  CHECK(parse_duration("1H30M").count() == 90);
  CHECK(parse_duration("45M").count() == 45);
}

TEST_CASE("parse_duration accepts the wider forms of the contract", "[parse]") {
  CHECK(parse_duration("90min").count() == 90);
  CHECK(parse_duration("90mins").count() == 90);
  CHECK(parse_duration("1hr").count() == 60);
  CHECK(parse_duration("2hrs").count() == 120);
  CHECK(parse_duration("1hour").count() == 60);
  CHECK(parse_duration("1h30").count() == 90);
  CHECK(parse_duration("1:30").count() == 90);
  CHECK(parse_duration("0:45").count() == 45);
  CHECK(parse_duration("01:05").count() == 65);
  CHECK(parse_duration("24:00").count() == 1440);
  CHECK(parse_duration("1h 30m").count() == 90);
  CHECK(parse_duration("1h 30").count() == 90);
  CHECK(parse_duration("1hr 15min").count() == 75);
  CHECK(parse_duration("1HR30MIN").count() == 90);
  CHECK(looks_like_duration("30m"));
  CHECK(looks_like_duration("30"));
  CHECK_FALSE(looks_like_duration("Hiring"));
  CHECK_FALSE(looks_like_duration("3rd"));
}

TEST_CASE("parse_duration_minutes rejects bad values with a UsageError naming them", "[parse]") {
  for (const char* bad : {"0m",
                          "0",
                          "-1h",
                          "25h",
                          "1x",
                          "1h60m",
                          "1441",
                          "h",
                          "1.5h30m",
                          "m",
                          "1441m",
                          "24h1m",
                          "24.5h",
                          "1h30x",
                          "1h 1.5m",
                          "30m 1h",
                          "1.h",
                          "1..5h",
                          "1 h",
                          "-5",
                          "+5m",
                          "1e3",
                          "99999999999999999999",
                          "1h  30m",
                          "1h 30m 5m",
                          "1:60",
                          "1:3",
                          "123:00",
                          ":30",
                          "1:",
                          "1.5m",
                          "90 min",
                          "1hour30min2"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_duration(bad), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
  CHECK_THROWS_MATCHES(parse_duration(""), mgr::UsageError, WhatContains("''"));
}

TEST_CASE("format_minutes", "[parse]") {
  CHECK(format_minutes(Minutes{5}) == "5m");
  CHECK(format_minutes(Minutes{30}) == "30m");
  CHECK(format_minutes(Minutes{60}) == "1h");
  CHECK(format_minutes(Minutes{90}) == "1h30m");
  CHECK(format_minutes(Minutes{125}) == "2h5m");
  CHECK(format_minutes(Minutes{1440}) == "24h");
}

TEST_CASE("format_minutes output parses back to the same duration", "[parse]") {
  for (int minutes = 1; minutes <= 1440; ++minutes) {
    INFO("minutes: " << minutes);
    REQUIRE(parse_duration(format_minutes(Minutes{minutes})) == Minutes{minutes});
  }
}

TEST_CASE("parse_handle folds to lower case and enforces the pattern", "[parse]") {
  CHECK(parse_handle("alice") == "alice");
  CHECK(parse_handle("Alice") == "alice");
  CHECK(parse_handle("BOB.SMITH") == "bob.smith");
  CHECK(parse_handle("a") == "a");
  CHECK(parse_handle("7") == "7");
  CHECK(parse_handle("a.b_c-d") == "a.b_c-d");
  CHECK(parse_handle("x--") == "x--");
  const std::string longest(32, 'a');
  CHECK(parse_handle(longest) == longest);
  CHECK(parse_handle("A" + std::string(31, 'b')) == "a" + std::string(31, 'b'));
}

TEST_CASE("parse_handle rejects bad handles with a UsageError naming them", "[parse]") {
  const std::string too_long(33, 'a');
  for (const std::string& bad :
       {too_long, std::string{"-bob"}, std::string{".bob"}, std::string{"_bob"},
        std::string{"bob smith"}, std::string{" bob"}, std::string{"bob "}, std::string{"bob!"},
        std::string{"bob/x"}, std::string{"j\xC3\xBCrgen"}, std::string{"bob\n"}}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_handle(bad), mgr::UsageError, WhatContains("'" + bad + "'"));
  }
  CHECK_THROWS_MATCHES(parse_handle(""), mgr::UsageError, WhatContains("''"));
}

TEST_CASE("is_valid_handle expects an already lowered handle", "[parse]") {
  CHECK(is_valid_handle("alice"));
  CHECK_FALSE(is_valid_handle("Alice"));
  CHECK_FALSE(is_valid_handle(""));
  CHECK(is_valid_handle(std::string(32, '9')));
  CHECK_FALSE(is_valid_handle(std::string(33, '9')));
}

TEST_CASE("parse_weekday and weekday_name", "[parse]") {
  CHECK(parse_weekday("mon") == date::Monday);
  CHECK(parse_weekday("tue") == date::Tuesday);
  CHECK(parse_weekday("wed") == date::Wednesday);
  CHECK(parse_weekday("thu") == date::Thursday);
  CHECK(parse_weekday("fri") == date::Friday);
  CHECK(parse_weekday("sat") == date::Saturday);
  CHECK(parse_weekday("sun") == date::Sunday);
  CHECK(parse_weekday("Sunday") == date::Sunday);
  CHECK(parse_weekday("WEDNESDAY") == date::Wednesday);
  CHECK(parse_weekday("Fri") == date::Friday);
  CHECK(weekday_name(date::Monday) == "mon");
  CHECK(weekday_name(date::Sunday) == "sun");
  CHECK(weekday_name(date::Saturday) == "sat");
  for (unsigned i = 0; i < 7; ++i) {
    INFO("weekday " << i);
    CHECK(parse_weekday(weekday_name(date::weekday{i})) == date::weekday{i});
  }
  for (const char* bad : {"mo", "monday.", "mond", "lun", "1", " mon"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_weekday(bad), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
  CHECK_THROWS_AS(parse_weekday(""), mgr::UsageError);
}

TEST_CASE("parse_clock_time and format_clock_time", "[parse]") {
  CHECK(parse_clock_time("00:00").count() == 0);
  CHECK(parse_clock_time("23:59").count() == 23 * 60 + 59);
  CHECK(parse_clock_time("09:05").count() == 9 * 60 + 5);
  CHECK(parse_clock_time("12:00").count() == 720);
  CHECK(parse_clock_time("9:00").count() == 9 * 60);
  CHECK(parse_clock_time("0:05").count() == 5);
  for (const char* bad : {"24:00", "24:0", "12:60", "12:5", "1200", "12-00", "ab:cd", " 9:00",
                          "09:00 ", "09:00:00", "-1:00", "+9:00", "9:5", ":00", "123:00"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_clock_time(bad), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
  CHECK_THROWS_AS(parse_clock_time(""), mgr::UsageError);
  CHECK(format_clock_time(Minutes{0}) == "00:00");
  CHECK(format_clock_time(Minutes{545}) == "09:05");
  CHECK(format_clock_time(Minutes{1439}) == "23:59");
  for (int minutes = 0; minutes < 1440; ++minutes) {
    INFO("minutes: " << minutes);
    REQUIRE(parse_clock_time(format_clock_time(Minutes{minutes})).count() == minutes);
  }
}

TEST_CASE("check_display_name accepts one line of any UTF-8 text", "[parse]") {
  CHECK_NOTHROW(check_display_name("Alice Smith"));
  CHECK_NOTHROW(check_display_name("Zo\xC3\xAB O'Brien-M\xC3\xBCller"));
  CHECK_NOTHROW(check_display_name("Ops \xF0\x9F\x9A\x80"));  // rocket emoji
  CHECK_NOTHROW(check_display_name("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"));  // ZWJ
  CHECK_NOTHROW(check_display_name("\xE6\x9D\x8E\xE9\x9B\xB7"));                      // CJK
  CHECK_NOTHROW(
      check_display_name("a\xC2\xA0"
                         "b"));                        // NBSP, not C1
  CHECK_NOTHROW(check_display_name("\xC2\xA9 2026"));  // U+00A9
}

TEST_CASE("check_display_name rejects control characters and invalid UTF-8", "[parse]") {
  CHECK_THROWS_AS(check_display_name("Alice\nSmith"), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name("Alice\tSmith"), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name("Alice\rSmith"), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name("Alice\x7FSmith"), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name("\x1B[31mred"), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name(std::string("a\0b", 3)), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name("Alice\xC2\x85Smith"), mgr::UsageError);  // U+0085 NEL
  CHECK_THROWS_AS(check_display_name("Alice\xC2\x80"), mgr::UsageError);       // U+0080
  CHECK_THROWS_AS(check_display_name("Alice\xC2\x9F"), mgr::UsageError);       // U+009F
  CHECK_THROWS_AS(check_display_name("Alice \xFF"), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name("Alice \xC3"), mgr::UsageError);
  CHECK_THROWS_AS(check_display_name("\xC0\xAF"), mgr::UsageError);
  CHECK_THROWS_MATCHES(check_display_name("Alice\nSmith"), mgr::UsageError,
                       WhatContains("control character"));
}

TEST_CASE("check_display_name rejects bidirectional overrides and isolates", "[parse]") {
  for (const char* bidi :
       {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE",
        "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"}) {
    CHECK_THROWS_MATCHES(check_display_name(std::string{"Eve "} + bidi + "nimda"), mgr::UsageError,
                         WhatContains("bidirectional"));
  }
  // Neighbours that are not overrides are fine: U+2029, U+2070, U+20AC.
  CHECK_NOTHROW(check_display_name("a\xE2\x80\xA9"));
  CHECK_NOTHROW(check_display_name("x\xE2\x81\xB0"));
  CHECK_NOTHROW(check_display_name("\xE2\x82\xAC 5"));
}

TEST_CASE("parse_count takes a positive whole number", "[parse]") {
  CHECK(parse_count("1", "--limit") == 1);
  CHECK(parse_count("250", "--limit") == 250);
  for (const char* bad : {"0", "-1", "x", "", "1.5", "#3", "99999999999999"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_count(bad, "--limit"), mgr::UsageError,
                         WhatContains(std::string{"invalid --limit '"} + bad + "'"));
  }
}

TEST_CASE("errors quote at most about 80 characters of what was typed", "[parse]") {
  const std::string novel(100000, 'x');
  for (auto parse : {+[](const std::string& t) { parse_duration(t); },
                     +[](const std::string& t) { parse_date(t, k_thursday, DateDirection::past); },
                     +[](const std::string& t) { parse_handle(t); },
                     +[](const std::string& t) { parse_clock_time(t); },
                     +[](const std::string& t) { parse_cadence(t); }}) {
    try {
      parse(novel);
      FAIL("accepted");
    } catch (const mgr::UsageError& error) {
      CHECK(std::string{error.what()}.size() < 200);
    }
  }
}

TEST_CASE("is_valid_utf8", "[parse]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("\xC3\xA9"));          // U+00E9
  CHECK(is_valid_utf8("\xC2\x80"));          // U+0080, smallest two-byte
  CHECK(is_valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest three-byte
  CHECK(is_valid_utf8("\xE2\x82\xAC"));      // U+20AC
  CHECK(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  CHECK(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest four-byte
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  // Overlong encodings.
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));
  CHECK_FALSE(is_valid_utf8("\xE0\x9F\xBF"));
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));
  CHECK_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));
  // UTF-16 surrogates.
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));
  CHECK_FALSE(is_valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // a CESU-8 surrogate pair
  // Past U+10FFFF and bytes that never start a sequence.
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFE"));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  // Truncated sequences and stray continuation bytes.
  CHECK_FALSE(is_valid_utf8("\xC3"));
  CHECK_FALSE(is_valid_utf8("a\xC3"));
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));
  CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));
  CHECK_FALSE(
      is_valid_utf8("\xE2\x82"
                    "A"));
  CHECK_FALSE(
      is_valid_utf8("\xC3"
                    "A"));
  CHECK_FALSE(is_valid_utf8("\x80"));
  CHECK_FALSE(
      is_valid_utf8("a\xBF"
                    "b"));
}

TEST_CASE("closest_match suggests a likely typo only", "[parse]") {
  const std::vector<std::string> handles = {"alice", "bob", "carol", "dave.k"};
  CHECK(closest_match("alic", handles) == std::optional<std::string>{"alice"});
  CHECK(closest_match("ALIC", handles) == std::optional<std::string>{"alice"});
  CHECK(closest_match("alise", handles) == std::optional<std::string>{"alice"});
  CHECK(closest_match("carl", handles) == std::optional<std::string>{"carol"});
  CHECK(closest_match("dave", handles) == std::optional<std::string>{"dave.k"});
  CHECK(closest_match("bob", handles) == std::optional<std::string>{"bob"});
  CHECK_FALSE(closest_match("zzz", handles));
  CHECK_FALSE(closest_match("xavier", handles));
  CHECK_FALSE(closest_match("alice", {}));
}

TEST_CASE("parse_id", "[parse]") {
  CHECK(parse_id_number("5", "entry") == 5);
  CHECK(parse_id_number("#5", "entry") == 5);
  CHECK(parse_id_number("42", "topic") == 42);
  CHECK(parse_id_number("007", "entry") == 7);
  CHECK(parse_id_number("999999999999", "entry") == 999'999'999'999LL);
  for (const char* bad : {"0", "#0", "-1", "abc", "#", "5x", "##5", " 5", "5 ", "1.5",
                          "1000000000000", "99999999999999999999999"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_id_number(bad, "entry"), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
  CHECK_THROWS_MATCHES(parse_id_number("", "topic"), mgr::UsageError, WhatContains("topic"));
  CHECK_THROWS_MATCHES(parse_id_number("abc", "delegation"), mgr::UsageError,
                       WhatContains("delegation"));
}

TEST_CASE("parse_id_list", "[parse]") {
  CHECK(parse_id_numbers("5", "topic") == std::vector<std::int64_t>{5});
  CHECK(parse_id_numbers("#5", "topic") == std::vector<std::int64_t>{5});
  CHECK(parse_id_numbers("3,4,#5", "topic") == std::vector<std::int64_t>{3, 4, 5});
  CHECK(parse_id_numbers(" 3 , 4 ", "topic") == std::vector<std::int64_t>{3, 4});
  CHECK(parse_id_numbers("3,,4,", "topic") == std::vector<std::int64_t>{3, 4});
  CHECK_THROWS_MATCHES(parse_id_numbers("3,0", "topic"), mgr::UsageError, WhatContains("'0'"));
  CHECK_THROWS_MATCHES(parse_id_numbers("3,-1", "topic"), mgr::UsageError, WhatContains("'-1'"));
  CHECK_THROWS_MATCHES(parse_id_numbers("3,abc", "topic"), mgr::UsageError, WhatContains("'abc'"));
  CHECK_THROWS_AS(parse_id_numbers("", "topic"), mgr::UsageError);
  CHECK_THROWS_MATCHES(parse_id_numbers(",", "topic"), mgr::UsageError, WhatContains("','"));
}

TEST_CASE("split_list", "[parse]") {
  CHECK(split_list("a,b") == std::vector<std::string>{"a", "b"});
  CHECK(split_list("a") == std::vector<std::string>{"a"});
  CHECK(split_list(" a , b ,,") == std::vector<std::string>{"a", "b"});
  CHECK(split_list("alice,bob,carol") == std::vector<std::string>{"alice", "bob", "carol"});
  CHECK(split_list("two words,x") == std::vector<std::string>{"two words", "x"});
  CHECK(split_list("").empty());
  CHECK(split_list(",,,").empty());
  CHECK(split_list("  ").empty());
}

TEST_CASE("to_lower folds ASCII only", "[parse]") {
  CHECK(to_lower("AbC-1.Z") == "abc-1.z");
  CHECK(to_lower("\xC3\x9C") == "\xC3\x9C");  // Ü is left as it is
  CHECK(to_lower("") == "");
}
