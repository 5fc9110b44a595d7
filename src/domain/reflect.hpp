#pragma once
// The monthly self-check of spec/reflect.md: is this job right for me? Seven statements about
// the last 30 days, answered 1-5, and what the log of the same 30 days says beside three of
// them, computed with the review's own building blocks.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "domain/review.hpp"

namespace mgr::domain {

inline constexpr std::size_t k_statement_count = 7;

struct Statement {
  std::string_view id;    // stable: coaching, systems, letting-go, ...
  std::string_view text;  // as asked
  bool reversed = false;  // counts as 6 - answer
};

// The seven statements in the order they are asked and stored.
const std::array<Statement, k_statement_count>& statements();

// Answers 1 (strongly disagree) to 5 (strongly agree), in the order of statements().
using Answers = std::array<int, k_statement_count>;

// "4,2,5,3,4,2,3": exactly seven whole numbers 1-5. Throws UsageError naming the bad value.
Answers parse_answers(std::string_view text);
// One answer typed at the prompt: 1-5, surrounding spaces ignored; nothing otherwise.
std::optional<int> parse_answer(std::string_view text);

// The answer to the statement with this id (0 for an unknown id).
int answer_to(const Answers& answers, std::string_view statement_id);

// The mean of the counted values scaled to 0-100, rounded half up.
int fit_of(const Answers& answers);

struct SelfCheck {
  Date date;
  Answers answers{};
  std::string note;
  Instant logged_at;

  int fit() const { return fit_of(answers); }
};

// "2026-11": the calendar month a self-check belongs to (one per month).
std::string month_of(Date day);

// The 30 days a self-check on `day` looks back at: day - 29 to day.
inline Date reflect_window_start(Date day) {
  return day - date::days{29};
}

// What the log of the 30 days says beside hard-talks, letting-go and coaching.
struct ReflectEvidence {
  Date from;
  Date to;
  // hard-talks
  int concerns_opened = 0;
  int concerns_addressed = 0;  // first conversation within the 30 days
  std::optional<double> median_days_to_talk;
  std::vector<ConcernId> waited_too_long;  // unaddressed past concern_days_max in the 30 days
  int concerns_in_play = 0;                // open at some point of the 30 days
  bool every_concern_in_time = false;      // in play, and each talked about within the limit
  // letting-go
  int ic_minutes = 0;
  int weeks_over_ic_limit = 0;  // ISO weeks overlapping the 30 days, each counted whole
  int weeks_seen = 0;
  int delegations_handed_off = 0;
  std::vector<DelegationId> reclaimed;
  // coaching
  int feedback_positive = 0;
  int feedback_constructive = 0;
  int one_on_ones_due = 0;
  int one_on_ones_held = 0;
};

// The evidence of the 30 days ending on `day`, from a review input that covers them (and the
// weeks they overlap), as the review would see the log on that day.
ReflectEvidence reflect_evidence(const ReviewInput& input, const ReviewPolicy& policy, Date day,
                                 const ReviewContext& context);

// One line of evidence per statement that has any ("" for the others), in our words.
std::string evidence_line(std::string_view statement_id, const ReflectEvidence& evidence,
                          const ReviewPolicy& policy);

// An answer the log does not bear out.
struct Disagreement {
  std::string id;  // the statement
  int answer = 0;
  std::string evidence;
};
std::vector<Disagreement> disagreements(const Answers& answers, const ReflectEvidence& evidence,
                                        const ReviewPolicy& policy);

}  // namespace mgr::domain
