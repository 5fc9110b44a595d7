#pragma once
// The typed model: what mgr knows about people and what the manager logged. Text appears only
// at the edges (parsing input, decoding a row, rendering); in here a date is a date, a kind is
// an enum and an id has the type of what it names.
#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/zone.hpp"

namespace mgr::domain {

// A calendar day in the user's zone (or, for a slot, the person's).
using Date = date::local_days;
// A moment in time, to the second.
using Instant = date::sys_seconds;
using Minutes = std::chrono::minutes;

// An id of one kind of thing. Distinct types keep a person id from being passed where an entry
// id is meant. Entries, talking points and action items draw from one sequence (the concern or
// delegation an entry opened shares its id), so `#42` names exactly one thing.
template <typename Tag>
struct Id {
  std::int64_t value = 0;
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t v) : value(v) {}
  friend constexpr bool operator==(Id a, Id b) { return a.value == b.value; }
  friend constexpr bool operator!=(Id a, Id b) { return a.value != b.value; }
  friend constexpr bool operator<(Id a, Id b) { return a.value < b.value; }
};
using PersonId = Id<struct PersonTag>;
using AwayId = Id<struct AwayTag>;
using EntryId = Id<struct EntryTag>;
using TopicId = Id<struct TopicTag>;
using ActionId = Id<struct ActionTag>;
using ConcernId = Id<struct ConcernTag>;
using DelegationId = Id<struct DelegationTag>;

// ---- enumerations, each with its stored/printed name (model.cpp) ----
// The kinds and fields of an entry take one byte each: a review window of many months holds
// tens of thousands of entries.

enum class Relation { report, manager, skip, peer, mentor };
enum class EntryKind : std::uint8_t {
  one_on_one,
  feedback,
  concern,
  talk,
  delegate,
  checkin,
  ic,
  mgmt,
  learn,
  note
};
enum class Polarity : std::uint8_t { positive, constructive };
enum class CheckinStatus : std::uint8_t { on_track, at_risk, blocked };
enum class LearnType : std::uint8_t {
  reading,
  course,
  coaching,
  peer_group,
  mentoring,
  feedback_request,
  other
};
enum class ConcernStatus { open, resolved, dropped };
enum class DelegationStatus { open, done, reclaimed, dropped };
enum class TopicStatus { open, done, dropped };
enum class ActionStatus { open, done, dropped };
enum class Owner { me, them };

std::string_view name_of(Relation value);
std::string_view name_of(EntryKind value);
std::string_view name_of(Polarity value);
std::string_view name_of(CheckinStatus value);
std::string_view name_of(LearnType value);
std::string_view name_of(ConcernStatus value);
std::string_view name_of(DelegationStatus value);
std::string_view name_of(TopicStatus value);
std::string_view name_of(ActionStatus value);
std::string_view name_of(Owner value);

// The value with exactly this name, or nothing. Input parsing (parse.hpp) and row decoding
// (storage) turn "nothing" into their own errors.
template <typename Enum>
std::optional<Enum> enum_from_name(std::string_view name);
// Every name of an enum, in declaration order (for help texts and "did you mean").
template <typename Enum>
std::vector<std::string> enum_names();

// ---- recurrence ----

// How often something recurs: 1:1s with a person, check-ins on a delegation.
struct Cadence {
  enum class Unit { none, days, months };
  Unit unit = Unit::none;
  int count = 0;  // days for Unit::days, months for Unit::months

  bool is_none() const { return unit == Unit::none; }
  friend bool operator==(const Cadence& a, const Cadence& b) {
    return a.unit == b.unit && a.count == b.count;
  }
};
// weekly, biweekly, monthly, 10d or none.
std::string cadence_name(const Cadence& cadence);
std::optional<Cadence> cadence_from_name(std::string_view text);
inline constexpr Cadence k_weekly{Cadence::Unit::days, 7};
// report and manager get a weekly 1:1 unless told otherwise; everyone else none.
Cadence default_cadence(Relation relation);

// ---- people ----

struct TimeAway {
  AwayId id;
  Date from;  // inclusive
  Date to;    // inclusive
  std::string reason;
};

struct Person {
  PersonId id;
  std::string handle;
  std::string name;  // empty when none was given
  Relation relation = Relation::report;
  Cadence cadence = k_weekly;
  std::optional<date::weekday> slot_day;
  std::optional<Minutes> slot_time;  // after midnight, in the person's zone
  Minutes length{30};
  const Zone* zone = nullptr;  // nullptr: the user's zone
  Date since;
  bool archived = false;
  std::vector<TimeAway> away;

  std::string display_name() const { return name.empty() ? handle : name; }
};

// ---- the log ----

struct Entry {
  EntryId id;
  EntryKind kind = EntryKind::note;
  Date date;
  Instant logged_at;
  std::string note;
  std::optional<Minutes> minutes;
  std::vector<std::string> people;  // handles, in the order given
  std::vector<std::string> tags;
  std::optional<int> mood;  // 1-5, a held 1:1 only
  bool cancelled = false;   // a 1:1 only
  std::optional<Polarity> polarity;
  std::optional<CheckinStatus> status;
  std::optional<LearnType> learn_type;
  std::optional<ConcernId> about;
  std::optional<DelegationId> delegation;  // a check-in's
};

// ---- things that stay open ----

struct Concern {
  ConcernId id;
  std::vector<std::string> people;
  std::string text;
  Date opened;
  ConcernStatus status = ConcernStatus::open;
  std::optional<Date> first_conversation;  // derived from the conversations --about it
  std::optional<Date> closed;
  std::string close_note;
};

struct Checkin {
  EntryId id;
  Date date;
  std::optional<CheckinStatus> status;
  std::string note;
};

struct Delegation {
  DelegationId id;
  std::string person;
  std::string outcome;
  std::string why;
  std::optional<Date> due;
  Cadence checkin = k_weekly;
  std::string constraints;
  Date created;
  DelegationStatus status = DelegationStatus::open;
  std::optional<Date> closed;
  std::string close_note;
  std::optional<Checkin> last_checkin;
};

struct Topic {
  TopicId id;
  std::string person;
  std::string text;
  Date created;
  TopicStatus status = TopicStatus::open;
  std::optional<Date> closed;
};

struct Action {
  ActionId id;
  std::string person;
  Owner owner = Owner::me;
  std::string text;
  Date created;
  std::optional<Date> due;
  ActionStatus status = ActionStatus::open;
  std::optional<Date> done;  // the day it was done
};

// `mgr schedule skip`: the occurrence of a person's 1:1 series that regularly falls on
// `regular` does not take place.
struct Skip {
  Date regular;
  std::string reason;
};

// `mgr schedule move`: the occurrence that regularly falls on `regular` happens on `to` instead,
// at `time` in the user's zone (else at the occurrence's own time of day). `times` counts how
// often this occurrence was moved, so that a calendar sees each move as a newer version.
struct Move {
  Date regular;
  Date to;
  std::optional<Minutes> time;
  int times = 1;
};

}  // namespace mgr::domain
