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
