#pragma once
// `mgr person forget`: what erasing a person takes away and what it rewrites, decided from
// everything about them (a SubjectFilter's archive).
#include <string>
#include <vector>

#include "domain/archive.hpp"
#include "domain/mentions.hpp"
#include "domain/model.hpp"

namespace mgr::domain {

struct ForgetPlan {
  PersonRecord person;
  MentionTerms terms;

  // Removed with the person: entries about them alone (and the concern, delegation, check-ins
  // or actions such an entry opened), and everything that is theirs.
  std::vector<EntryId> removed_entries;
  std::vector<ConcernId> removed_concerns;
  std::vector<DelegationId> removed_delegations;
  std::size_t removed_time_away = 0;
  std::size_t removed_topics = 0;
  std::size_t removed_actions = 0;
  std::size_t removed_skips = 0;
  std::size_t removed_moves = 0;
  std::vector<ReminderSentRecord> removed_reminders;

  // Kept, but without them: entries shared with others (they are taken off) and records whose
  // text mentions them, every mention replaced (scrub_mentions) and tags that name them
  // dropped.
  std::vector<Entry> rewritten_entries;
  std::vector<EntryId> shared_entries;  // the rewritten entries they were one of the people of
  std::vector<ConcernRecord> rewritten_concerns;
  std::vector<DelegationRecord> rewritten_delegations;
  std::vector<TopicRecord> rewritten_topics;
  std::vector<ActionRecord> rewritten_actions;
  std::vector<TimeAwayRecord> rewritten_time_away;
  std::vector<SkipRecord> rewritten_skips;
  std::vector<SelfCheckRecord> rewritten_self_checks;

  std::size_t rewritten_count() const;
};

// `about` is everything about the person (SubjectFilter with `terms`); its people table holds
// them alone.
ForgetPlan plan_forget(const Archive& about, const MentionTerms& terms);

}  // namespace mgr::domain
