#include "domain/validate.hpp"

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "util/text.hpp"

namespace mgr::domain {

namespace {

std::string numbered(std::string_view what, std::int64_t id) {
  return std::string{what} + " #" + std::to_string(id);
}

}  // namespace

void check_text(std::string_view text, std::string_view what) {
  if (!is_valid_utf8(text))
    throw UsageError(std::string{what} + " is not valid UTF-8",
                     "mgr stores text as UTF-8; check your terminal's encoding");
}

void require_text(std::string_view text, std::string_view kind, std::string_view what) {
  if (text.empty())
    throw UsageError("`mgr log " + std::string{kind} + "` needs " + std::string{what});
}

void check_happened(Date day, Date today, std::string_view as_typed) {
  if (day > today)
    throw UsageError("the date " + util::quoted(as_typed) +
                         (as_typed == format_date(day) ? "" : " (" + format_date(day) + ")") +
                         " is in the future; the log records what happened",
                     "log it on the day it happens; due dates (--due) may be ahead");
}

void check_can_address(const Concern& concern, const std::vector<std::string>& handles) {
  check_still_open(concern.status, concern.id);
  for (const auto& handle : handles)
    for (const auto& involved : concern.people)
      if (handle == involved) return;
  std::string people;
  for (const auto& involved : concern.people) people += (people.empty() ? "" : ", ") + involved;
  std::string talked_to;
  for (const auto& handle : handles) talked_to += (talked_to.empty() ? "" : ", ") + handle;
  throw UsageError(
      numbered("concern", concern.id.value) + " is about " + people + ", not " + talked_to,
      "a conversation addresses a concern about one of the people in it");
}

void check_duration_not_split(std::string_view duration, std::string_view next_word) {
  if (looks_like_duration(next_word))
    throw UsageError("the word after the duration " + util::quoted(duration) +
                         " is a duration too: " + util::quoted(next_word),
                     "for one duration write it as one argument: \"" + std::string{duration} + " " +
                         std::string{next_word} +
                         "\"; for a note that starts with a number, use --note");
}

std::string check_tag(std::string_view tag) {
  if (tag.empty() || !is_valid_utf8(tag))
    throw UsageError("invalid tag " + util::quoted(tag), "a tag is a short word such as hiring");
  for (char c : tag)
    if (static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == ',')
      throw UsageError("invalid tag " + util::quoted(tag),
                       "a tag has no spaces, commas or control characters");
  return std::string{tag};
}

int parse_mood(std::string_view text) {
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') return text[0] - '0';
  throw UsageError("invalid mood " + util::quoted(text),
                   "mood is a whole number from 1 (low) to 5 (great)");
}

Polarity feedback_polarity(bool positive, bool constructive) {
  if (positive == constructive)
    throw UsageError(positive ? "both --positive and --constructive given"
                              : "neither --positive nor --constructive given",
                     "feedback is exactly one of --positive or --constructive");
  return positive ? Polarity::positive : Polarity::constructive;
}

void check_one_on_one(const OneOnOneDetails& details) {
  if (details.cancelled &&
      (details.covered > 0 || details.actions > 0 || details.mood || details.length))
    throw UsageError("a cancelled 1:1 has no talking points covered, actions, mood or length",
                     "log it without --cancelled if it took place");
}

void check_coverable(const Topic& topic, const std::string& handle) {
  if (topic.person != handle)
    throw UsageError(numbered("talking point", topic.id.value) + " is for " + topic.person +
                     ", not " + handle);
  check_still_open(topic.status, topic.id);
}

void check_can_check_in(const Delegation& delegation) {
  if (delegation.status != DelegationStatus::open)
    throw UsageError(numbered("delegation", delegation.id.value) + " is " +
                         std::string{name_of(delegation.status)},
                     "check-ins are for open delegations");
}

void check_time_away(const TimeAway& away) {
  if (away.to < away.from)
    throw UsageError("time away ends (" + format_date(away.to) + ") before it starts (" +
                     format_date(away.from) + ")");
}

void check_no_overlap(const std::vector<TimeAway>& recorded, const TimeAway& added) {
  for (const auto& away : recorded)
    if (away.from <= added.to && added.from <= away.to)
      throw UsageError("time away " + format_date(added.from) + " to " + format_date(added.to) +
                           " overlaps time away " + std::to_string(away.id.value) + " (" +
                           format_date(away.from) + " to " + format_date(away.to) + ")",
                       "cancel that one first with `--cancel " + std::to_string(away.id.value) +
                           "`, then record the whole stretch");
}

bool EntryEdit::empty() const {
  return !date && !note && !minutes && !mood && !people && !tags && !polarity && !status &&
         !learn_type;
}

namespace {

[[noreturn]] void not_for_kind(std::string_view option, std::string_view applies_to,
                               const Entry& entry) {
  throw UsageError(std::string{option} + " is for " + std::string{applies_to} + "; " +
                       numbered("entry", entry.id.value) + " is " +
                       (entry.kind == EntryKind::one_on_one && entry.cancelled
                            ? std::string{"a cancelled 1:1"}
                            : "a " + std::string{name_of(entry.kind)} + " entry"),
                   "see `mgr entry edit --help` for what each kind has");
}

void check_people_for_kind(const Entry& entry, std::size_t count) {
  switch (entry.kind) {
    case EntryKind::one_on_one:
    case EntryKind::feedback:
    case EntryKind::delegate:
      if (count != 1)
        throw UsageError("a " + std::string{name_of(entry.kind)} +
                         " entry is with one person, not " + std::to_string(count));
      return;
    case EntryKind::concern:
    case EntryKind::talk:
      if (count == 0)
        throw UsageError("a " + std::string{name_of(entry.kind)} +
                         " entry is about at least one person");
      return;
    case EntryKind::checkin:
      throw UsageError("a check-in is with its delegation's person; --people does not apply",
                       "the check-in follows its delegation");
    case EntryKind::ic:
    case EntryKind::mgmt:
    case EntryKind::learn:
      not_for_kind("--people", "entries about people", entry);
    case EntryKind::note:
      return;
  }
}

}  // namespace

Entry apply_entry_edit(Entry entry, const EntryEdit& edit) {
  const bool held_one_on_one = entry.kind == EntryKind::one_on_one && !entry.cancelled;
  const bool timed = entry.kind == EntryKind::ic || entry.kind == EntryKind::mgmt ||
                     entry.kind == EntryKind::learn;
  if (edit.date) entry.date = *edit.date;
  if (edit.note) {
    if (entry.kind == EntryKind::concern && edit.note->empty())
      throw UsageError("a concern needs its text", "resolve or drop it instead");
    entry.note = *edit.note;
  }
  if (edit.minutes) {
    if (!held_one_on_one && !timed)
      not_for_kind("--length", "a held 1:1 or ic, mgmt, learn", entry);
    entry.minutes = *edit.minutes;
  }
  if (edit.mood) {
    if (!held_one_on_one) not_for_kind("--mood", "a held 1:1", entry);
    entry.mood = *edit.mood;
  }
  if (edit.people) {
    check_people_for_kind(entry, edit.people->size());
    entry.people = *edit.people;
  }
  if (edit.tags) entry.tags = *edit.tags;
  if (edit.polarity) {
    if (entry.kind != EntryKind::feedback)
      not_for_kind(*edit.polarity == Polarity::positive ? "--positive" : "--constructive",
                   "feedback", entry);
    entry.polarity = *edit.polarity;
  }
  if (edit.status) {
    if (entry.kind != EntryKind::checkin) not_for_kind("--status", "a check-in", entry);
    entry.status = *edit.status;
  }
  if (edit.learn_type) {
    if (entry.kind != EntryKind::learn) not_for_kind("--type", "a learn entry", entry);
    entry.learn_type = *edit.learn_type;
  }
  return entry;
}

void check_still_open(TopicStatus status, TopicId id) {
  if (status != TopicStatus::open)
    throw UsageError(numbered("talking point", id.value) + " is already " +
                     std::string{name_of(status)});
}

void check_still_open(const Action& action) {
  if (action.status == ActionStatus::done)
    throw UsageError(numbered("action", action.id.value) + " is already done (" +
                     format_date(*action.done) + ")");
  if (action.status != ActionStatus::open)
    throw UsageError(numbered("action", action.id.value) + " is already " +
                     std::string{name_of(action.status)});
}

void check_can_reopen(const Action& action) {
  if (action.status == ActionStatus::open)
    throw UsageError(numbered("action", action.id.value) + " is already open");
}

void check_still_open(DelegationStatus status, DelegationId id) {
  if (status != DelegationStatus::open)
    throw UsageError(numbered("delegation", id.value) + " is already " +
                     std::string{name_of(status)});
}

void check_still_open(ConcernStatus status, ConcernId id) {
  if (status != ConcernStatus::open)
    throw UsageError(numbered("concern", id.value) + " is already " + std::string{name_of(status)});
}

}  // namespace mgr::domain
