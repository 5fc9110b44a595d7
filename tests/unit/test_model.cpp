#include "domain/model.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "domain/errors.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;

TEST_CASE("parse_cadence: the named cadences", "[model]") {
  const Cadence weekly = parse_cadence("weekly");
  CHECK(weekly.unit == Cadence::Unit::days);
  CHECK(weekly.count == 7);
  CHECK(weekly.text == "weekly");
  CHECK_FALSE(weekly.is_none());

  const Cadence biweekly = parse_cadence("biweekly");
  CHECK(biweekly.unit == Cadence::Unit::days);
  CHECK(biweekly.count == 14);
  CHECK(biweekly.text == "biweekly");

  const Cadence monthly = parse_cadence("monthly");
  CHECK(monthly.unit == Cadence::Unit::months);
  CHECK(monthly.count == 1);
  CHECK(monthly.text == "monthly");

  const Cadence none = parse_cadence("none");
  CHECK(none.unit == Cadence::Unit::none);
  CHECK(none.is_none());
  CHECK(none.text == "none");

  CHECK(Cadence{}.is_none());
}

TEST_CASE("parse_cadence: case-insensitive, canonical text", "[model]") {
  CHECK(parse_cadence("Weekly").text == "weekly");
  CHECK(parse_cadence("BIWEEKLY").count == 14);
  CHECK(parse_cadence("Monthly").unit == Cadence::Unit::months);
  CHECK(parse_cadence("NONE").is_none());
  CHECK(parse_cadence("10D").text == "10d");
}

TEST_CASE("parse_cadence: a number of days", "[model]") {
  const Cadence ten = parse_cadence("10d");
  CHECK(ten.unit == Cadence::Unit::days);
  CHECK(ten.count == 10);
  CHECK(ten.text == "10d");
  CHECK(parse_cadence("1d").count == 1);
  CHECK(parse_cadence("7d").count == 7);
  CHECK(parse_cadence("365d").count == 365);
  CHECK(parse_cadence("365d").text == "365d");
}

TEST_CASE("parse_cadence rejects bad values with a UsageError naming them", "[model]") {
  for (const char* bad :
       {"0d", "366d", "fortnightly", "07d", "00d", "d", "-7d", "+7d", "7", "7 d", "7dd", "1w",
        "daily", "10days", "weekly ", "99999999999999999999d", "1000d"}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_cadence(bad), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
  CHECK_THROWS_AS(parse_cadence(""), mgr::UsageError);
}

TEST_CASE("parse_relation and relation_name", "[model]") {
  CHECK(parse_relation("report") == Relation::report);
  CHECK(parse_relation("manager") == Relation::manager);
  CHECK(parse_relation("skip") == Relation::skip);
  CHECK(parse_relation("peer") == Relation::peer);
  CHECK(parse_relation("mentor") == Relation::mentor);
  CHECK(parse_relation("Report") == Relation::report);
  CHECK(parse_relation("MENTOR") == Relation::mentor);
  for (auto relation :
       {Relation::report, Relation::manager, Relation::skip, Relation::peer, Relation::mentor}) {
    CHECK(parse_relation(relation_name(relation)) == relation);
  }
  CHECK(relation_name(Relation::skip) == "skip");
  for (const char* bad : {"boss", "reports", "skip-level", ""}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(parse_relation(bad), mgr::UsageError,
                         WhatContains(std::string{"'"} + bad + "'"));
  }
}

TEST_CASE("default_cadence: weekly for reports and managers, none for everyone else", "[model]") {
  CHECK(default_cadence(Relation::report).text == "weekly");
  CHECK(default_cadence(Relation::report).count == 7);
  CHECK(default_cadence(Relation::manager).text == "weekly");
  CHECK(default_cadence(Relation::skip).is_none());
  CHECK(default_cadence(Relation::peer).is_none());
  CHECK(default_cadence(Relation::mentor).is_none());
}

TEST_CASE("is_entry_kind", "[model]") {
  for (const char* kind : {"1on1", "feedback", "concern", "talk", "delegate", "checkin", "ic",
                           "mgmt", "learn", "note"}) {
    INFO(kind);
    CHECK(is_entry_kind(kind));
  }
  CHECK_FALSE(is_entry_kind(""));
  CHECK_FALSE(is_entry_kind("1:1"));
  CHECK_FALSE(is_entry_kind("Note"));
  CHECK_FALSE(is_entry_kind("notes"));
  CHECK_FALSE(is_entry_kind("delegation"));
}

TEST_CASE("Person defaults match the contract", "[model]") {
  const Person person;
  CHECK(person.relation == Relation::report);
  CHECK(person.length_minutes == 30);
  CHECK_FALSE(person.archived);
  CHECK_FALSE(person.tz);
}
