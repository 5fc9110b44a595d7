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

TEST_CASE("check_no_overlap refuses time away that overlaps, and allows neighbours", "[validate]") {
  const auto day = [](const char* iso) { return *parse_iso_date(iso); };
  const std::vector<TimeAway> recorded = {
      {AwayId{4}, day("2026-12-21"), day("2027-01-01"), "winter"}};
  const auto away = [&](const char* from, const char* to) {
    return TimeAway{AwayId{}, day(from), day(to), ""};
  };
  for (const auto& [from, to] :
       {std::pair{"2026-12-20", "2026-12-21"}, std::pair{"2027-01-01", "2027-01-05"},
        std::pair{"2026-12-24", "2026-12-26"}, std::pair{"2026-12-01", "2027-02-01"}}) {
    INFO(from << " to " << to);
    CHECK_THROWS_MATCHES(check_no_overlap(recorded, away(from, to)), UsageError,
                         WhatContains("time away 4"));
  }
  CHECK_NOTHROW(check_no_overlap(recorded, away("2026-12-14", "2026-12-20")));
  CHECK_NOTHROW(check_no_overlap(recorded, away("2027-01-02", "2027-01-02")));
  CHECK_NOTHROW(check_no_overlap({}, away("2027-01-02", "2027-01-02")));
}

TEST_CASE("check_happened refuses a day after today", "[validate]") {
  const auto today = *parse_iso_date("2026-11-26");
  CHECK_NOTHROW(check_happened(today, today, "today"));
  CHECK_NOTHROW(check_happened(*parse_iso_date("1990-01-01"), today, "1990-01-01"));
  CHECK_THROWS_MATCHES(check_happened(*parse_iso_date("2026-11-27"), today, "tomorrow"), UsageError,
                       WhatContains("'tomorrow' (2026-11-27) is in the future"));
}

TEST_CASE("check_can_address wants an open concern about one of the people", "[validate]") {
  Concern concern;
  concern.id = ConcernId{7};
  concern.people = {"bob", "carol"};
  CHECK_NOTHROW(check_can_address(concern, {"bob"}));
  CHECK_NOTHROW(check_can_address(concern, {"alice", "carol"}));
  CHECK_THROWS_MATCHES(check_can_address(concern, {"alice"}), UsageError,
                       WhatContains("concern #7 is about bob, carol, not alice"));
  concern.status = ConcernStatus::resolved;
  CHECK_THROWS_MATCHES(check_can_address(concern, {"bob"}), UsageError,
                       WhatContains("already resolved"));
}

TEST_CASE("check_duration_not_split spots a second duration", "[validate]") {
  CHECK_THROWS_MATCHES(check_duration_not_split("1h", "30m"), UsageError, WhatContains("'30m'"));
  CHECK_THROWS_MATCHES(check_duration_not_split("1h", "30"), UsageError, HintContains("\"1h 30\""));
  CHECK_NOTHROW(check_duration_not_split("1h", "Hiring"));
  CHECK_NOTHROW(check_duration_not_split("45m", "1:1s"));
}

namespace {

Entry entry_of(EntryKind kind) {
  Entry entry;
  entry.id = EntryId{12};
  entry.kind = kind;
  entry.date = *parse_iso_date("2026-11-20");
  entry.people = {"alice"};
  return entry;
}

}  // namespace

TEST_CASE("apply_entry_edit changes what the kind has", "[validate]") {
  EntryEdit edit;
  CHECK(edit.empty());
  edit.date = *parse_iso_date("2026-11-19");
  edit.note = "corrected";
  edit.minutes = Minutes{45};
  edit.mood = 4;
  edit.tags = std::vector<std::string>{"x"};
  CHECK_FALSE(edit.empty());
  const Entry held = apply_entry_edit(entry_of(EntryKind::one_on_one), edit);
  CHECK(format_date(held.date) == "2026-11-19");
  CHECK(held.note == "corrected");
  CHECK(held.minutes == Minutes{45});
  CHECK(held.mood == 4);
  CHECK(held.tags == std::vector<std::string>{"x"});

  EntryEdit clear;
  clear.mood = std::optional<int>{};
  CHECK_FALSE(apply_entry_edit(held, clear).mood);

  EntryEdit status;
  status.status = CheckinStatus::blocked;
  CHECK(apply_entry_edit(entry_of(EntryKind::checkin), status).status == CheckinStatus::blocked);
  EntryEdit polarity;
  polarity.polarity = Polarity::constructive;
  CHECK(apply_entry_edit(entry_of(EntryKind::feedback), polarity).polarity ==
        Polarity::constructive);
  EntryEdit type;
  type.learn_type = LearnType::course;
  type.minutes = Minutes{60};
  CHECK(apply_entry_edit(entry_of(EntryKind::learn), type).learn_type == LearnType::course);
  EntryEdit people;
  people.people = std::vector<std::string>{"bob", "carol"};
  CHECK(apply_entry_edit(entry_of(EntryKind::talk), people).people == *people.people);
  people.people = std::vector<std::string>{};
  CHECK(apply_entry_edit(entry_of(EntryKind::note), people).people.empty());
}

TEST_CASE("apply_entry_edit refuses what the kind does not have", "[validate]") {
  EntryEdit mood;
  mood.mood = 3;
  CHECK_THROWS_MATCHES(apply_entry_edit(entry_of(EntryKind::note), mood), UsageError,
                       WhatContains("--mood is for a held 1:1; entry #12 is a note entry"));
  Entry cancelled = entry_of(EntryKind::one_on_one);
  cancelled.cancelled = true;
  CHECK_THROWS_MATCHES(apply_entry_edit(cancelled, mood), UsageError,
                       WhatContains("a cancelled 1:1"));
  EntryEdit length;
  length.minutes = Minutes{30};
  CHECK_THROWS_AS(apply_entry_edit(entry_of(EntryKind::talk), length), UsageError);
  CHECK_NOTHROW(apply_entry_edit(entry_of(EntryKind::ic), length));
  EntryEdit status;
  status.status = CheckinStatus::at_risk;
  CHECK_THROWS_MATCHES(apply_entry_edit(entry_of(EntryKind::note), status), UsageError,
                       WhatContains("--status"));
  EntryEdit polarity;
  polarity.polarity = Polarity::positive;
  CHECK_THROWS_MATCHES(apply_entry_edit(entry_of(EntryKind::talk), polarity), UsageError,
                       WhatContains("--positive"));
  EntryEdit type;
  type.learn_type = LearnType::reading;
  CHECK_THROWS_MATCHES(apply_entry_edit(entry_of(EntryKind::mgmt), type), UsageError,
                       WhatContains("--type"));
  const auto people = [](std::vector<std::string> handles) {
    EntryEdit edit;
    edit.people = std::move(handles);
    return edit;
  };
  CHECK_THROWS_MATCHES(apply_entry_edit(entry_of(EntryKind::one_on_one), people({"a", "b"})),
                       UsageError, WhatContains("one person"));
  CHECK_THROWS_AS(apply_entry_edit(entry_of(EntryKind::feedback), people({})), UsageError);
  CHECK_THROWS_AS(apply_entry_edit(entry_of(EntryKind::concern), people({})), UsageError);
  CHECK_THROWS_MATCHES(apply_entry_edit(entry_of(EntryKind::checkin), people({"bob"})), UsageError,
                       WhatContains("check-in"));
  CHECK_THROWS_AS(apply_entry_edit(entry_of(EntryKind::learn), people({"bob"})), UsageError);
  EntryEdit no_text;
  no_text.note = "";
  CHECK_THROWS_MATCHES(apply_entry_edit(entry_of(EntryKind::concern), no_text), UsageError,
                       WhatContains("concern needs its text"));
}

TEST_CASE("check_can_reopen: a done or dropped action only", "[validate]") {
  Action action;
  action.id = ActionId{5};
  CHECK_THROWS_MATCHES(check_can_reopen(action), UsageError, WhatContains("already open"));
  action.status = ActionStatus::dropped;
  CHECK_NOTHROW(check_can_reopen(action));
  action.status = ActionStatus::done;
  CHECK_NOTHROW(check_can_reopen(action));
}
