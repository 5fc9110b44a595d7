#include "domain/forget.hpp"

#include <algorithm>
#include <unordered_set>

#include "domain/errors.hpp"

namespace mgr::domain {

namespace {

using IdSet = std::unordered_set<std::int64_t>;

bool has(const IdSet& ids, std::int64_t id) {
  return ids.count(id) != 0;
}

template <typename IdType>
std::vector<IdType> in_order(const IdSet& ids) {
  std::vector<IdType> sorted;
  for (const auto id : ids) sorted.emplace_back(id);
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

// Scrubs each text field; true when one changed.
template <typename... Texts>
bool scrub_all(const std::vector<std::string>& terms, Texts&... texts) {
  bool changed = false;
  for (std::string* text : {&texts...}) {
    auto scrubbed = scrub_mentions(*text, terms);
    if (scrubbed != *text) {
      *text = std::move(scrubbed);
      changed = true;
    }
  }
  return changed;
}

}  // namespace

std::size_t ForgetPlan::rewritten_count() const {
  return rewritten_entries.size() + rewritten_concerns.size() + rewritten_delegations.size() +
         rewritten_topics.size() + rewritten_actions.size() + rewritten_time_away.size() +
         rewritten_skips.size() + rewritten_self_checks.size();
}

ForgetPlan plan_forget(const Archive& about, const MentionTerms& terms) {
  if (about.people.size() != 1)
    throw std::logic_error("plan_forget needs the archive of exactly one person");
  ForgetPlan plan;
  plan.person = about.people.front();
  plan.terms = terms;
  const std::string& handle = plan.person.person.handle;
  const auto& words = terms.terms;

  // What goes: entries about them alone, what those opened, and what is theirs. A check-in on
  // a delegation that goes goes with it.
  IdSet removed;
  for (const auto& entry : about.entries)
    if (entry.people.size() == 1 && entry.people.front() == handle) removed.insert(entry.id.value);
  IdSet delegations;
  for (const auto& delegation : about.delegations)
    if (delegation.person == handle || has(removed, delegation.id.value))
      delegations.insert(delegation.id.value);
  for (const auto& entry : about.entries)
    if (entry.delegation && has(delegations, entry.delegation->value))
      removed.insert(entry.id.value);
  for (const auto& concern : about.concerns)
    if (has(removed, concern.id.value)) plan.removed_concerns.push_back(concern.id);
  plan.removed_entries = in_order<EntryId>(removed);
  plan.removed_delegations = in_order<DelegationId>(delegations);

  IdSet gone = removed;
  gone.insert(delegations.begin(), delegations.end());
  for (auto entry : about.entries) {
    if (has(removed, entry.id.value)) continue;
    const auto own = std::find(entry.people.begin(), entry.people.end(), handle);
    if (own != entry.people.end()) {
      entry.people.erase(own);
      plan.shared_entries.push_back(entry.id);
    }
    scrub_all(words, entry.note);
    entry.tags.erase(std::remove_if(entry.tags.begin(), entry.tags.end(),
                                    [&](const std::string& tag) { return mentions(tag, words); }),
                     entry.tags.end());
    plan.rewritten_entries.push_back(std::move(entry));
  }
  for (auto concern : about.concerns)
    if (!has(removed, concern.id.value) && scrub_all(words, concern.text, concern.close_note))
      plan.rewritten_concerns.push_back(std::move(concern));
  for (auto delegation : about.delegations)
    if (!has(delegations, delegation.id.value) &&
        scrub_all(words, delegation.outcome, delegation.why, delegation.constraints,
                  delegation.close_note))
      plan.rewritten_delegations.push_back(std::move(delegation));
  for (auto topic : about.topics) {
    if (topic.person == handle) {
      ++plan.removed_topics;
      gone.insert(topic.id.value);
    } else if (scrub_all(words, topic.text)) {
      plan.rewritten_topics.push_back(std::move(topic));
    }
  }
  for (auto action : about.actions) {
    if (action.person == handle || (action.agreed_in && has(removed, action.agreed_in->value))) {
      ++plan.removed_actions;
      gone.insert(action.id.value);
    } else if (scrub_all(words, action.text)) {
      plan.rewritten_actions.push_back(std::move(action));
    }
  }
  for (auto away : about.time_away) {
    if (away.person == handle)
      ++plan.removed_time_away;
    else if (scrub_all(words, away.reason))
      plan.rewritten_time_away.push_back(std::move(away));
  }
  for (auto skip : about.skips) {
    if (skip.person == handle)
      ++plan.removed_skips;
    else if (scrub_all(words, skip.reason))
      plan.rewritten_skips.push_back(std::move(skip));
  }
  plan.removed_moves = static_cast<std::size_t>(
      std::count_if(about.moves.begin(), about.moves.end(),
                    [&](const MoveRecord& move) { return move.person == handle; }));
  for (const auto& reminder : about.reminders_sent)
    if (reminder.person == handle || has(gone, reminder_item_id(reminder.item)))
      plan.removed_reminders.push_back(reminder);
  for (auto check : about.self_checks)
    if (scrub_all(words, check.note)) plan.rewritten_self_checks.push_back(std::move(check));
  return plan;
}

}  // namespace mgr::domain
