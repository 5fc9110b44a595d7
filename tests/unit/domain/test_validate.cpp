#include "domain/validate.hpp"

#include <catch2/catch.hpp>

#include "domain/parse.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using mgr::UsageError;

TEST_CASE("check_tag accepts a word and names a bad tag", "[validate]") {
  CHECK(check_tag("hiring") == "hiring");
  CHECK(check_tag("über-team") == "über-team");
  for (const char* bad : {"", "two words", "a,b", "tab\there"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(check_tag(bad), UsageError, WhatContains("invalid tag"));
  }
  CHECK_THROWS_AS(check_tag("\xff"), UsageError);
}

TEST_CASE("parse_mood takes 1 to 5 only", "[validate]") {
  for (int mood = 1; mood <= 5; ++mood) CHECK(parse_mood(std::to_string(mood)) == mood);
  for (const char* bad : {"0", "6", "", "3.5", "x", "12", " 3"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(parse_mood(bad), UsageError,
                         WhatContains(std::string{"invalid mood '"} + bad + "'"));
  }
}

TEST_CASE("feedback is exactly one polarity", "[validate]") {
  CHECK(feedback_polarity(true, false) == Polarity::positive);
  CHECK(feedback_polarity(false, true) == Polarity::constructive);
  CHECK_THROWS_MATCHES(feedback_polarity(true, true), UsageError, WhatContains("both"));
  CHECK_THROWS_MATCHES(feedback_polarity(false, false), UsageError, WhatContains("neither"));
}

TEST_CASE("a cancelled 1:1 carries nothing that only a held one has", "[validate]") {
  CHECK_NOTHROW(check_one_on_one({false, 2, 1, true, true}));
  CHECK_NOTHROW(check_one_on_one({true, 0, 0, false, false}));
  CHECK_THROWS_AS(check_one_on_one({true, 1, 0, false, false}), UsageError);
  CHECK_THROWS_AS(check_one_on_one({true, 0, 1, false, false}), UsageError);
  CHECK_THROWS_AS(check_one_on_one({true, 0, 0, true, false}), UsageError);
  CHECK_THROWS_AS(check_one_on_one({true, 0, 0, false, true}), UsageError);
}

TEST_CASE("a 1:1 covers only the person's open talking points", "[validate]") {
  Topic topic;
  topic.id = TopicId{12};
  topic.person = "alice";
  CHECK_NOTHROW(check_coverable(topic, "alice"));
  CHECK_THROWS_MATCHES(check_coverable(topic, "bob"), UsageError,
                       WhatContains("talking point #12 is for alice, not bob"));
  topic.status = TopicStatus::done;
  CHECK_THROWS_MATCHES(check_coverable(topic, "alice"), UsageError,
                       WhatContains("talking point #12 is already done"));
}

TEST_CASE("open items close once", "[validate]") {
  CHECK_NOTHROW(check_still_open(DelegationStatus::open, DelegationId{3}));
  CHECK_THROWS_MATCHES(check_still_open(DelegationStatus::reclaimed, DelegationId{3}), UsageError,
                       WhatContains("delegation #3 is already reclaimed"));
  CHECK_THROWS_MATCHES(check_still_open(ConcernStatus::resolved, ConcernId{4}), UsageError,
                       WhatContains("concern #4 is already resolved"));
  Action action;
  action.id = ActionId{5};
  CHECK_NOTHROW(check_still_open(action));
  action.status = ActionStatus::done;
  action.done = *parse_iso_date("2026-11-20");
  CHECK_THROWS_MATCHES(check_still_open(action), UsageError,
                       WhatContains("action #5 is already done (2026-11-20)"));
  Delegation closed;
  closed.id = DelegationId{6};
  closed.status = DelegationStatus::done;
  CHECK_THROWS_MATCHES(check_can_check_in(closed), UsageError,
                       WhatContains("delegation #6 is done"));
}

TEST_CASE("time away may not end before it starts", "[validate]") {
  TimeAway away{AwayId{}, *parse_iso_date("2026-12-05"), *parse_iso_date("2026-12-01"), ""};
  CHECK_THROWS_MATCHES(check_time_away(away), UsageError, WhatContains("2026-12-01"));
  away.to = away.from;
  CHECK_NOTHROW(check_time_away(away));
}
