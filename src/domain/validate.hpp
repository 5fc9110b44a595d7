#pragma once
// The rules a command's input must follow before anything is written. Each throws UsageError
// naming the bad value, with a hint.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace mgr::domain {

// Text stored as given must be valid UTF-8; `what` names it ("the note", "--why").
void check_text(std::string_view text, std::string_view what);
// `mgr log KIND` needs some text (`what`: "a description of the concern").
void require_text(std::string_view text, std::string_view kind, std::string_view what);
// A log entry records what happened: its date (`as_typed` on the command line) may not be
// after today. Due dates may.
void check_happened(Date day, Date today, std::string_view as_typed);
// A conversation logged --about a concern: the concern is open and names at least one of the
// people the conversation was with (`handles`).
void check_can_address(const Concern& concern, const std::vector<std::string>& handles);
// `mgr log mgmt 1h 30m Hiring`: a duration followed by a word that is a duration too was meant
// as one ("1h 30m"), not as 1h with the note "30m Hiring".
void check_duration_not_split(std::string_view duration, std::string_view next_word);
// A tag: a short word without spaces, commas or control characters.
std::string check_tag(std::string_view tag);
// A mood: a whole number from 1 to 5.
int parse_mood(std::string_view text);
// Exactly one of --positive and --constructive.
Polarity feedback_polarity(bool positive, bool constructive);

// What was said about a 1:1 besides its note.
struct OneOnOneDetails {
  bool cancelled = false;
  std::size_t covered = 0;
  std::size_t actions = 0;
  bool mood = false;
  bool length = false;
};
// A cancelled 1:1 has no talking points covered, actions, mood or length.
void check_one_on_one(const OneOnOneDetails& details);
// A 1:1 with `handle` can cover the talking point: it is theirs and still open.
void check_coverable(const Topic& topic, const std::string& handle);
// Check-ins are for open delegations.
void check_can_check_in(const Delegation& delegation);
// Time away ends on or after the day it starts.
void check_time_away(const TimeAway& away);
// New time away may not overlap time away already recorded for the same person.
void check_no_overlap(const std::vector<TimeAway>& recorded, const TimeAway& added);

// What `mgr entry edit` changes; what is not set stays as it is.
struct EntryEdit {
  std::optional<Date> date;
  std::optional<std::string> note;
  std::optional<Minutes> minutes;
  std::optional<std::optional<int>> mood;          // an empty inner value clears it (--mood none)
  std::optional<std::vector<std::string>> people;  // handles, checked to exist by the caller
  std::optional<std::vector<std::string>> tags;    // replaces the entry's tags
  std::optional<Polarity> polarity;
  std::optional<std::optional<CheckinStatus>> status;  // empty inner value: --status none
  std::optional<LearnType> learn_type;

  bool empty() const;
};
// The entry with the edit applied. Refuses what the entry's kind does not have (--mood is for a
// held 1:1, --status for a check-in, ...), a number of people the kind does not take (one for a
// 1:1, feedback or delegation; at least one for a concern or talk; none for time; a check-in
// is always with its delegation's person), and a concern without its text.
Entry apply_entry_edit(Entry entry, const EntryEdit& edit);

// An open item can be closed (or dropped) once: "talking point #3 is already done".
void check_still_open(TopicStatus status, TopicId id);
void check_still_open(const Action& action);
// Only a done or dropped action can be opened again.
void check_can_reopen(const Action& action);
void check_still_open(DelegationStatus status, DelegationId id);
void check_still_open(ConcernStatus status, ConcernId id);

}  // namespace mgr::domain
