#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mgr::domain {

// How often something recurs: 1:1s for a person, check-ins for a delegation.
struct Cadence {
  enum class Unit { none, days, months };
  Unit unit = Unit::none;
  int count = 0;     // days for Unit::days, months for Unit::months
  std::string text;  // as the user wrote it, canonicalised: weekly, biweekly, monthly, 10d, none

  bool is_none() const { return unit == Unit::none; }
};

// weekly | biweekly | monthly | Nd | none. Throws UsageError naming the value.
Cadence parse_cadence(std::string_view text);

enum class Relation { report, manager, skip, peer, mentor };
Relation parse_relation(std::string_view text);
std::string_view relation_name(Relation relation);
// report and manager get a weekly 1:1 unless told otherwise; everyone else none.
Cadence default_cadence(Relation relation);

struct TimeAway {
  long long id = 0;
  std::string from;  // local dates, inclusive
  std::string to;
  std::string reason;
};

struct Person {
  long long id = 0;
  std::string handle;
  std::string name;
  Relation relation = Relation::report;
  Cadence cadence;
  std::optional<std::string> day;   // mon..sun
  std::optional<int> time_minutes;  // HH:MM as minutes after midnight
  int length_minutes = 30;
  std::optional<std::string> tz;  // empty = the user's zone
  std::string since;              // local date
  bool archived = false;
  std::vector<TimeAway> away;
};

// The kinds of the daily log, in the order the help lists them.
inline constexpr std::string_view k_entry_kinds[] = {
    "1on1", "feedback", "concern", "talk", "delegate", "checkin", "ic", "mgmt", "learn", "note"};
bool is_entry_kind(std::string_view kind);

inline constexpr std::string_view k_learn_types[] = {
    "reading", "course", "coaching", "peer-group", "mentoring", "feedback-request", "other"};
inline constexpr std::string_view k_checkin_statuses[] = {"on-track", "at-risk", "blocked"};

struct Entry {
  long long id = 0;
  std::string kind;
  std::string date;       // local date
  std::string logged_at;  // UTC instant
  std::string note;
  std::optional<int> minutes;
  std::vector<std::string> people;  // handles, in the order given
  std::vector<std::string> tags;
  std::optional<int> mood;
  bool cancelled = false;
  std::optional<std::string> polarity;
  std::optional<std::string> status;
  std::optional<std::string> learn_type;
  std::optional<long long> about;       // concern id
  std::optional<long long> delegation;  // for a check-in
};

struct Concern {
  long long id = 0;
  std::vector<std::string> people;
  std::string text;
  std::string opened;
  std::string status;                             // open | resolved | dropped
  std::optional<std::string> first_conversation;  // derived from entries --about it
  std::optional<std::string> closed_date;
  std::string close_note;
};

struct CheckinSummary {
  std::string date;
  std::optional<std::string> status;
  std::string note;
};

struct Delegation {
  long long id = 0;
  std::string person;
  std::string outcome;
  std::string why;
  std::optional<std::string> due;
  std::string checkin;  // cadence text
  std::string constraints;
  std::string created;
  std::string status;  // open | done | reclaimed | dropped
  std::optional<std::string> closed_date;
  std::string close_note;
  std::optional<CheckinSummary> last_checkin;
};

struct Topic {
  long long id = 0;
  std::string person;
  std::string text;
  std::string created;
  std::string status;  // open | done | dropped
  std::optional<std::string> closed_date;
};

struct Action {
  long long id = 0;
  std::string person;
  std::string owner;  // me | them
  std::string text;
  std::string created;
  std::optional<std::string> due;
  std::optional<std::string> done;  // date it was done
};

struct Skip {
  std::string person;
  std::string due_date;
  std::string reason;
};

}  // namespace mgr::domain
