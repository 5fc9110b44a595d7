#include "domain/reflect.hpp"

#include <date/iso_week.h>

#include <algorithm>
#include <cmath>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "domain/review_rules.hpp"
#include "util/text.hpp"

namespace mgr::domain {

using date::days;
using util::count_of;

const std::array<Statement, k_statement_count>& statements() {
  static const std::array<Statement, k_statement_count> k_statements{{
      {"coaching", "Helping someone else succeed was one of the best parts of my weeks.", false},
      {"systems",
       "I was curious about why work went well or badly for reasons beyond the technology.", false},
      {"letting-go", "I was at peace handing hands-on work to others.", false},
      {"hard-talks", "When an uncomfortable conversation was needed, I had it.", false},
      {"ambiguity", "I could decide and move on without having all the information.", false},
      {"craft-pull", "I missed building things myself more than I enjoyed enabling others.", true},
      {"focus-pull", "Constant switching between people and topics drained me.", true},
  }};
  return k_statements;
}

std::optional<int> parse_answer(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return std::nullopt;
  const auto last = text.find_last_not_of(" \t\r");
  const auto value = text.substr(first, last - first + 1);
  if (value.size() != 1 || value[0] < '1' || value[0] > '5') return std::nullopt;
  return value[0] - '0';
}

Answers parse_answers(std::string_view text) {
  const auto hint = [] {
    return std::string{
        "give seven answers from 1 (strongly disagree) to 5 (strongly agree) in the order "
        "coaching, systems, letting-go, hard-talks, ambiguity, craft-pull, focus-pull, "
        "e.g. --answers 4,2,5,3,4,2,3"};
  };
  Answers answers{};
  std::size_t count = 0;
  std::size_t at = 0;
  while (true) {
    const auto comma = text.find(',', at);
    const auto part = text.substr(at, comma == std::string_view::npos ? text.npos : comma - at);
    if (count == k_statement_count)
      throw UsageError("--answers has more than seven values", hint());
    const auto answer = parse_answer(part);
    if (!answer)
      throw UsageError("invalid answer '" + std::string{part} + "' for " +
                           std::string{statements()[count].id} + " in --answers",
                       hint());
    answers[count++] = *answer;
    if (comma == std::string_view::npos) break;
    at = comma + 1;
  }
  if (count != k_statement_count)
    throw UsageError("--answers has " + std::to_string(count) + " value" + (count == 1 ? "" : "s") +
                         ", not seven",
                     hint());
  return answers;
}

int fit_of(const Answers& answers) {
  int sum = 0;
  for (std::size_t i = 0; i < k_statement_count; ++i)
    sum += statements()[i].reversed ? 6 - answers[i] : answers[i];
  // (mean - 1) / 4 * 100 = (sum - 7) * 100 / 28, rounded half up in whole numbers.
  return ((sum - 7) * 200 + 28) / 56;
}

int answer_to(const Answers& answers, std::string_view statement_id) {
  for (std::size_t i = 0; i < k_statement_count; ++i)
    if (statements()[i].id == statement_id) return answers[i];
  return 0;
}

std::string month_of(Date day) {
  return format_date(day).substr(0, 7);
}

namespace {

std::optional<double> median(std::vector<int> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2.0;
}

// Whether the concern reached, on a day of [from, to], an age past the limit while still
// waiting: the day of its first conversation (or its closing) is the last day it waited, so a
// talk on day 8 of a 7-day limit came late, as it does for "addressed in time".
bool waited_too_long(const Concern& concern, Date from, Date to, int limit_days) {
  Date last_waiting = to;
  if (concern.first_conversation)
    last_waiting = std::min(last_waiting, *concern.first_conversation);
  if (concern.closed) last_waiting = std::min(last_waiting, *concern.closed);
  const Date first_late = concern.opened + days{limit_days + 1};
  return std::max(first_late, from) <= last_waiting;
}

bool in_play(const Concern& concern, Date from, Date to) {
  return concern.opened <= to && (!concern.closed || *concern.closed >= from);
}

}  // namespace

ReflectEvidence reflect_evidence(const ReviewInput& input, const ReviewPolicy& policy, Date day,
                                 const ReviewContext& context) {
  ReflectEvidence evidence;
  evidence.from = reflect_window_start(day);
  evidence.to = day;
  const auto from = evidence.from;
  const auto in_window = [&](Date d) { return d >= from && d <= day; };

  std::vector<int> days_to_talk;
  bool all_in_time = true;
  for (const auto& concern : input.concerns) {
    if (!in_play(concern, from, day)) continue;
    evidence.concerns_in_play += 1;
    evidence.concerns_opened += in_window(concern.opened);
    const bool talked = concern.first_conversation && *concern.first_conversation <= day;
    if (talked && in_window(*concern.first_conversation)) {
      evidence.concerns_addressed += 1;
      days_to_talk.push_back(days_between(concern.opened, *concern.first_conversation));
    }
    if (waited_too_long(concern, from, day, policy.concern_days_max))
      evidence.waited_too_long.push_back(concern.id);
    if (!talked ||
        days_between(concern.opened, *concern.first_conversation) > policy.concern_days_max)
      all_in_time = false;
  }
  evidence.median_days_to_talk = median(days_to_talk);
  evidence.every_concern_in_time = evidence.concerns_in_play > 0 && all_in_time;

  evidence.ic_minutes = window_facts(input.minutes, from, day).ic_minutes;
  const auto limit = static_cast<int>(std::lround(policy.ic_hours_max * 60));
  for (auto week = week_containing(from, day); week.from <= day;
       week = week_containing(week.from + days{7}, day)) {
    evidence.weeks_seen += 1;
    evidence.weeks_over_ic_limit +=
        window_facts(input.minutes, week.from, week.as_of).ic_minutes > limit;
  }

  for (const auto& entry : input.entries) {
    if (!in_window(entry.date)) continue;
    if (entry.kind == EntryKind::delegate) evidence.delegations_handed_off += 1;
    if (entry.kind == EntryKind::feedback && entry.polarity)
      (*entry.polarity == Polarity::positive ? evidence.feedback_positive
                                             : evidence.feedback_constructive) += 1;
  }
  for (const auto& delegation : input.delegations)
    if (delegation.status == DelegationStatus::reclaimed && delegation.closed &&
        in_window(*delegation.closed))
      evidence.reclaimed.push_back(delegation.id);

  const SeriesContext series{context.user_zone, day, context.workdays};
  for (const auto& schedule : input.people) {
    if (!is_active_report(schedule.person)) continue;
    for (const auto& occurrence : occurrences_between(schedule, series, from, day)) {
      evidence.one_on_ones_due += 1;
      evidence.one_on_ones_held += occurrence.held.has_value();
    }
  }
  return evidence;
}

namespace {

std::string ids_of(const std::vector<ConcernId>& ids) {
  std::string out;
  for (const auto id : ids) out += (out.empty() ? "" : ", ") + hash_id(id.value);
  return out;
}

std::string ids_of(const std::vector<DelegationId>& ids) {
  std::string out;
  for (const auto id : ids) out += (out.empty() ? "" : ", ") + hash_id(id.value);
  return out;
}

std::string days_text(double value) {
  const bool whole = std::floor(value) == value;
  std::string number = whole ? std::to_string(static_cast<int>(value))
                             : std::to_string(static_cast<int>(value)) + ".5";
  return number + (value == 1 ? " day" : " days");
}

std::string hours_of(int minutes) {
  return minutes == 0 ? "0h" : format_minutes(Minutes{minutes});
}

}  // namespace

std::string evidence_line(std::string_view statement_id, const ReflectEvidence& e,
                          const ReviewPolicy& policy) {
  if (statement_id == "hard-talks") {
    std::string line = count_of(e.concerns_opened, "concern", "concerns") + " opened, " +
                       std::to_string(e.concerns_addressed) + " talked about";
    if (e.median_days_to_talk)
      line += " (median " + days_text(*e.median_days_to_talk) + " to the first conversation)";
    if (!e.waited_too_long.empty())
      line += "; waited more than " + std::to_string(policy.concern_days_max) +
              " days: " + ids_of(e.waited_too_long);
    else if (e.concerns_in_play > 0)
      line += "; none waited more than " + std::to_string(policy.concern_days_max) + " days";
    return line;
  }
  if (statement_id == "letting-go") {
    std::string line = hours_of(e.ic_minutes) + " of IC work";
    if (e.weeks_over_ic_limit > 0)
      line += " (above " + hours_of(static_cast<int>(std::lround(policy.ic_hours_max * 60))) +
              " in " + std::to_string(e.weeks_over_ic_limit) + " of " +
              std::to_string(e.weeks_seen) + " weeks)";
    line +=
        ", " + count_of(e.delegations_handed_off, "delegation", "delegations") + " handed off, ";
    line += e.reclaimed.empty() ? "none taken back" : "taken back: " + ids_of(e.reclaimed);
    return line;
  }
  if (statement_id == "coaching") {
    std::string line = count_of(e.feedback_positive + e.feedback_constructive,
                                "feedback conversation", "feedback conversations") +
                       " (" + std::to_string(e.feedback_positive) + " positive, " +
                       std::to_string(e.feedback_constructive) + " constructive), ";
    if (e.one_on_ones_due == 0) return line + "no 1:1 with a report was due";
    return line + std::to_string(e.one_on_ones_held) + " of " + std::to_string(e.one_on_ones_due) +
           " due 1:1s held";
  }
  return {};
}

std::vector<Disagreement> disagreements(const Answers& answers, const ReflectEvidence& e,
                                        const ReviewPolicy& policy) {
  std::vector<Disagreement> found;
  const auto answer = [&](std::string_view id) { return answer_to(answers, id); };
  const int limit = policy.concern_days_max;

  const int hard = answer("hard-talks");
  if (hard >= 4 && !e.waited_too_long.empty())
    found.push_back({"hard-talks", hard,
                     "concerns waited more than " + std::to_string(limit) +
                         " days for a first conversation: " + ids_of(e.waited_too_long)});
  else if (hard <= 2 && e.every_concern_in_time)
    found.push_back({"hard-talks", hard,
                     "every concern (" + std::to_string(e.concerns_in_play) +
                         ") was talked about within " + std::to_string(limit) + " days"});

  const int letting_go = answer("letting-go");
  if (letting_go >= 4 && (e.weeks_over_ic_limit >= 2 || !e.reclaimed.empty())) {
    std::string why;
    if (e.weeks_over_ic_limit >= 2)
      why = "IC work above " + hours_of(static_cast<int>(std::lround(policy.ic_hours_max * 60))) +
            " in " + std::to_string(e.weeks_over_ic_limit) + " weeks";
    if (!e.reclaimed.empty())
      why += std::string{why.empty() ? "" : "; "} + "took back delegation " + ids_of(e.reclaimed);
    found.push_back({"letting-go", letting_go, why});
  }

  const int coaching = answer("coaching");
  if (coaching >= 4 && e.one_on_ones_due > 0 && e.one_on_ones_held * 2 < e.one_on_ones_due)
    found.push_back({"coaching", coaching,
                     "only " + std::to_string(e.one_on_ones_held) + " of " +
                         std::to_string(e.one_on_ones_due) + " due 1:1s were held"});
  return found;
}

}  // namespace mgr::domain
