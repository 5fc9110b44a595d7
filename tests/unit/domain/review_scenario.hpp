#pragma once
// A small log to review, shared by the tests of the review, the self-check and the first-year
// view: a review of week 2026-W48 (Mon 11-23 to Sun 11-29), seen on Sun 11-29, of a log that
// starts on 2026-09-01. Each test adds what its rule looks at.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/parse.hpp"
#include "domain/review.hpp"
#include "domain/review_rules.hpp"

namespace review_test {

using namespace mgr::domain;

inline Date day(const char* iso) {
  return *parse_iso_date(iso);
}

struct Scenario {
  ReviewInput input;
  ReviewPolicy policy;
  ReviewContext context{mgr::domain::find_zone("Europe/Berlin"), Workdays{}, day("2026-11-29")};
  ReviewWeek week = week_containing(day("2026-11-29"), day("2026-11-29"));
  std::int64_t next_id = 100;

  Scenario() { input.history_start = day("2026-09-01"); }

  Person& report(const char* handle, Relation relation = Relation::report) {
    Person person;
    person.id = PersonId{next_id++};
    person.handle = handle;
    person.relation = relation;
    person.since = day("2026-09-01");
    person.cadence = Cadence{};
    input.reports.push_back(person);
    return input.reports.back();
  }
  // A person with a weekly Monday 1:1 series.
  PersonSchedule& series(const char* handle, Relation relation = Relation::report) {
    PersonSchedule schedule;
    schedule.person.handle = handle;
    schedule.person.relation = relation;
    schedule.person.since = day("2026-09-01");
    schedule.person.slot_day = date::Monday;
    input.people.push_back(schedule);
    if (relation == Relation::report) report(handle);
    return input.people.back();
  }
  LogEntry& log(EntryKind kind, const char* date, std::vector<std::string> people = {},
                int minutes = 0) {
    LogEntry entry;
    entry.id = EntryId{next_id++};
    entry.kind = kind;
    entry.date = day(date);
    entry.people_from = static_cast<std::uint32_t>(input.entry_people.size());
    entry.people_count = static_cast<std::uint32_t>(people.size());
    for (const auto& handle : people) {
      const auto known = std::find(input.handles.begin(), input.handles.end(), handle);
      input.entry_people.push_back(static_cast<std::uint32_t>(known - input.handles.begin()));
      if (known == input.handles.end()) input.handles.push_back(handle);
    }
    if (minutes > 0) {
      entry.minutes = minutes;
      input.minutes.push_back({entry.date, kind, minutes});
    }
    input.entries.push_back(entry);
    return input.entries.back();
  }
  LogEntry& feedback(const char* date, const char* who, Polarity polarity) {
    auto& entry = log(EntryKind::feedback, date, {who});
    entry.polarity = polarity;
    return entry;
  }
  Concern& concern(const char* opened, const char* who) {
    Concern concern;
    concern.id = ConcernId{next_id++};
    concern.opened = day(opened);
    concern.people = {who};
    input.concerns.push_back(concern);
    return input.concerns.back();
  }
  Delegation& delegation(const char* created, const char* who) {
    Delegation delegation;
    delegation.id = DelegationId{next_id++};
    delegation.person = who;
    delegation.outcome = "Own the release";
    delegation.why = "Growth";
    delegation.created = day(created);
    input.delegations.push_back(delegation);
    return input.delegations.back();
  }
  Action& promise(const char* due) {
    Action action;
    action.id = ActionId{next_id++};
    action.person = "alice";
    action.text = "Send the rubric";
    action.created = day("2026-11-01");
    action.due = day(due);
    input.my_actions.push_back(action);
    return input.my_actions.back();
  }
  WeekView view() const { return WeekView{input, policy, week, context}; }
};

}  // namespace review_test
