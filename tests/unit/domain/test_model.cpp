#include "domain/model.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;

TEST_CASE("parse_cadence: the named cadences", "[model]") {
  const Cadence weekly = parse_cadence("weekly");
  CHECK(weekly.unit == Cadence::Unit::days);
  CHECK(weekly.count == 7);
  CHECK(cadence_name(weekly) == "weekly");
  CHECK_FALSE(weekly.is_none());

  const Cadence biweekly = parse_cadence("biweekly");
  CHECK(biweekly.unit == Cadence::Unit::days);
  CHECK(biweekly.count == 14);
  CHECK(cadence_name(biweekly) == "biweekly");

  const Cadence monthly = parse_cadence("monthly");
  CHECK(monthly.unit == Cadence::Unit::months);
  CHECK(monthly.count == 1);
  CHECK(cadence_name(monthly) == "monthly");

  const Cadence none = parse_cadence("none");
  CHECK(none.unit == Cadence::Unit::none);
  CHECK(none.is_none());
  CHECK(cadence_name(none) == "none");

  CHECK(Cadence{}.is_none());
}

TEST_CASE("parse_cadence: case-insensitive, canonical text", "[model]") {
  CHECK(cadence_name(parse_cadence("Weekly")) == "weekly");
  CHECK(parse_cadence("BIWEEKLY").count == 14);
  CHECK(parse_cadence("Monthly").unit == Cadence::Unit::months);
  CHECK(parse_cadence("NONE").is_none());
  CHECK(cadence_name(parse_cadence("10D")) == "10d");
}

TEST_CASE("parse_cadence: a number of days", "[model]") {
  const Cadence ten = parse_cadence("10d");
  CHECK(ten.unit == Cadence::Unit::days);
  CHECK(ten.count == 10);
  CHECK(cadence_name(ten) == "10d");
  CHECK(parse_cadence("1d").count == 1);
  CHECK(parse_cadence("7d").count == 7);
  CHECK(parse_cadence("365d").count == 365);
  CHECK(cadence_name(parse_cadence("365d")) == "365d");
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

TEST_CASE("parse_choice and name_of: relations", "[model]") {
  const auto relation = [](const char* text) { return parse_choice<Relation>(text, "relation"); };
  CHECK(relation("report") == Relation::report);
  CHECK(relation("manager") == Relation::manager);
  CHECK(relation("skip") == Relation::skip);
  CHECK(relation("peer") == Relation::peer);
  CHECK(relation("mentor") == Relation::mentor);
  CHECK(relation("Report") == Relation::report);
  CHECK(relation("MENTOR") == Relation::mentor);
  for (auto value :
       {Relation::report, Relation::manager, Relation::skip, Relation::peer, Relation::mentor}) {
    CHECK(relation(std::string{name_of(value)}.c_str()) == value);
  }
  CHECK(name_of(Relation::skip) == "skip");
  for (const char* bad : {"boss", "reports", "skip-level", ""}) {
    INFO("value: '" << bad << "'");
    CHECK_THROWS_MATCHES(relation(bad), mgr::UsageError,
                         WhatContains(std::string{"invalid relation '"} + bad + "'"));
  }
  CHECK_THROWS_MATCHES(relation("reprot"), mgr::UsageError, HintContains("did you mean 'report'?"));
}

TEST_CASE("every enum name reads back as its value", "[model]") {
  for (const auto& name : enum_names<EntryKind>())
    CHECK(name_of(*enum_from_name<EntryKind>(name)) == name);
  for (const auto& name : enum_names<CheckinStatus>())
    CHECK(name_of(*enum_from_name<CheckinStatus>(name)) == name);
  for (const auto& name : enum_names<LearnType>())
    CHECK(name_of(*enum_from_name<LearnType>(name)) == name);
  for (const auto& name : enum_names<DelegationStatus>())
    CHECK(name_of(*enum_from_name<DelegationStatus>(name)) == name);
  CHECK(name_of(EntryKind::one_on_one) == "1on1");
  CHECK(name_of(CheckinStatus::at_risk) == "at-risk");
  CHECK(name_of(LearnType::feedback_request) == "feedback-request");
  CHECK_FALSE(enum_from_name<EntryKind>("one_on_one"));
  CHECK_FALSE(enum_from_name<Owner>("Me"));
}

TEST_CASE("default_cadence: weekly for reports and managers, none for everyone else", "[model]") {
  CHECK(cadence_name(default_cadence(Relation::report)) == "weekly");
  CHECK(default_cadence(Relation::report).count == 7);
  CHECK(cadence_name(default_cadence(Relation::manager)) == "weekly");
  CHECK(default_cadence(Relation::skip).is_none());
  CHECK(default_cadence(Relation::peer).is_none());
  CHECK(default_cadence(Relation::mentor).is_none());
}

TEST_CASE("entry kinds by name", "[model]") {
  for (const char* kind : {"1on1", "feedback", "concern", "talk", "delegate", "checkin", "ic",
                           "mgmt", "learn", "note"}) {
    INFO(kind);
    CHECK(enum_from_name<EntryKind>(kind));
  }
  for (const char* bad : {"", "1:1", "Note", "notes", "delegation"})
    CHECK_FALSE(enum_from_name<EntryKind>(bad));
}

TEST_CASE("Person defaults match the contract", "[model]") {
  const Person person;
  CHECK(person.relation == Relation::report);
  CHECK(person.length == Minutes{30});
  CHECK(person.cadence == k_weekly);
  CHECK_FALSE(person.archived);
  CHECK(person.zone == nullptr);
}
