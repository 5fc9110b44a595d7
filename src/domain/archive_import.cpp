#include "domain/archive_import.hpp"

#include <map>
#include <tuple>

#include "domain/errors.hpp"
#include "util/text.hpp"

namespace mgr::domain {

namespace {

const char* k_conflict_hint =
    "an import adds what is new and skips what is identical, but never changes a record; "
    "import into a new database (--db PATH) instead";

[[noreturn]] void conflict(const std::string& record, const std::string& problem) {
  throw UsageError(record + ": " + problem, k_conflict_hint);
}

std::size_t slot(Section section) {
  return static_cast<std::size_t>(section);
}

// Splits `incoming` into what is new (moved into `added`) and what the database holds already.
// `existing` gives the database's record with the same key (or nullptr). The new records are
// closed up in place and the table handed over whole, so that a large file is never held twice.
template <typename Record, typename Find>
void merge(Section section, std::vector<Record>& incoming, std::vector<Record>& added,
           ImportCounts& counts, Find existing, const char* what) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < incoming.size(); ++i) {
    auto& record = incoming[i];
    const Record* stored = existing(record, i);
    if (stored == nullptr) {
      if (kept != i) incoming[kept] = std::move(record);
      ++kept;
      ++counts.added[slot(section)];
    } else if (same_record(*stored, record)) {
      ++counts.unchanged[slot(section)];
    } else {
      conflict(record_name(i, record), std::string{"differs from "} + what + " in this database");
    }
  }
  incoming.erase(incoming.begin() + static_cast<std::ptrdiff_t>(kept), incoming.end());
  added = std::move(incoming);
  incoming = {};
}

template <typename Record>
std::map<std::int64_t, const Record*> by_id(const std::vector<Record>& records) {
  std::map<std::int64_t, const Record*> index;
  for (const auto& record : records) index.emplace(record.id.value, &record);
  return index;
}

template <typename Record>
const Record* find_id(const std::map<std::int64_t, const Record*>& index, std::int64_t id) {
  const auto found = index.find(id);
  return found == index.end() ? nullptr : found->second;
}

// An id of the file that this database handed out for another kind of thing. The record's
// name is made only for the error: a file holds a million entries.
template <typename Record>
void check_handed_out(const ImportBase& base, const Record& record, IdKind kind,
                      std::size_t index) {
  const auto id = record.id.value;
  const auto found = base.handed_out.find(id);
  if (found != base.handed_out.end() && found->second != kind)
    conflict(record_name(index, record), "id #" + std::to_string(id) + " is a " +
                                             std::string{name_of(found->second)} +
                                             " in this database");
}

void merge_people(Archive& incoming, const ImportBase& base, ImportPlan& plan) {
  std::map<std::int64_t, const PersonRecord*> stored_by_id;
  std::map<std::string, const PersonRecord*> stored_by_handle;
  for (const auto& record : base.existing.people) {
    stored_by_id.emplace(record.person.id.value, &record);
    stored_by_handle.emplace(record.person.handle, &record);
  }
  for (const auto& record : incoming.people)
    plan.person_ids.emplace(record.person.handle, record.person.id);
  merge(
      Section::people, incoming.people, plan.additions.people, plan.counts,
      [&](const PersonRecord& record, std::size_t i) -> const PersonRecord* {
        const auto same_id = stored_by_id.find(record.person.id.value);
        const auto same_handle = stored_by_handle.find(record.person.handle);
        if (same_handle != stored_by_handle.end() &&
            same_handle->second->person.id != record.person.id)
          conflict(record_name(i, record),
                   "handle " + util::quoted(record.person.handle) +
                       " is another person's in this database (#" +
                       std::to_string(same_handle->second->person.id.value) + ")");
        return same_id == stored_by_id.end() ? nullptr : same_id->second;
      },
      "the person with this id");
}

}  // namespace

std::string_view name_of(IdKind kind) {
  switch (kind) {
    case IdKind::entry:
      return "log entry";
    case IdKind::topic:
      return "talking point";
    case IdKind::action:
      return "action item";
  }
  return "?";
}

std::size_t ImportCounts::total_added() const {
  std::size_t total = 0;
  for (const auto count : added) total += count;
  return total;
}

std::size_t ImportCounts::total_unchanged() const {
  std::size_t total = 0;
  for (const auto count : unchanged) total += count;
  return total;
}

ImportPlan plan_import(Archive incoming, const ImportBase& base) {
  if (!incoming.subject.empty())
    throw UsageError("this file is the export of one person (" + util::quoted(incoming.subject) +
                         "), not of a whole database",
                     "only a whole export (`mgr export` without --person) can be imported");
  ImportPlan plan;
  plan.additions.version = incoming.version;
  plan.additions.last_id = std::max(incoming.last_id, base.last_id);
  const auto& existing = base.existing;
  merge_people(incoming, base, plan);

  const auto by_own_id = [](const auto& index) {
    return [&index](const auto& record, std::size_t) { return find_id(index, record.id.value); };
  };
  const auto away = by_id(existing.time_away);
  merge(Section::time_away, incoming.time_away, plan.additions.time_away, plan.counts,
        by_own_id(away), "the time away with this id");

  const auto entries = by_id(existing.entries);
  merge(
      Section::entries, incoming.entries, plan.additions.entries, plan.counts,
      [&](const Entry& record, std::size_t i) {
        check_handed_out(base, record, IdKind::entry, i);
        return find_id(entries, record.id.value);
      },
      "the log entry with this id");
  const auto concerns = by_id(existing.concerns);
  merge(Section::concerns, incoming.concerns, plan.additions.concerns, plan.counts,
        by_own_id(concerns), "the concern with this id");
  const auto delegations = by_id(existing.delegations);
  merge(Section::delegations, incoming.delegations, plan.additions.delegations, plan.counts,
        by_own_id(delegations), "the delegation with this id");
  const auto topics = by_id(existing.topics);
  merge(
      Section::topics, incoming.topics, plan.additions.topics, plan.counts,
      [&](const TopicRecord& record, std::size_t i) {
        check_handed_out(base, record, IdKind::topic, i);
        return find_id(topics, record.id.value);
      },
      "the talking point with this id");
  const auto actions = by_id(existing.actions);
  merge(
      Section::actions, incoming.actions, plan.additions.actions, plan.counts,
      [&](const ActionRecord& record, std::size_t i) {
        check_handed_out(base, record, IdKind::action, i);
        return find_id(actions, record.id.value);
      },
      "the action item with this id");
  const auto skips = by_id(existing.skips);
  merge(Section::skips, incoming.skips, plan.additions.skips, plan.counts, by_own_id(skips),
        "the skip with this id");
  const auto moves = by_id(existing.moves);
  merge(Section::moves, incoming.moves, plan.additions.moves, plan.counts, by_own_id(moves),
        "the move with this id");

  // A reminder already recorded for the same item, day and person stays as it is: it only
  // says that this item was e-mailed that day.
  std::map<std::tuple<Date, std::string, std::string>, const ReminderSentRecord*> reminders;
  for (const auto& record : existing.reminders_sent)
    reminders.emplace(std::make_tuple(record.day, record.item, record.person), &record);
  merge(
      Section::reminders_sent, incoming.reminders_sent, plan.additions.reminders_sent, plan.counts,
      [&](ReminderSentRecord& record, std::size_t) -> const ReminderSentRecord* {
        const auto found = reminders.find(std::make_tuple(record.day, record.item, record.person));
        if (found == reminders.end()) return nullptr;
        record = *found->second;
        return found->second;
      },
      "the same reminder");

  std::map<date::year_month, const SelfCheckRecord*> months;
  for (const auto& record : existing.self_checks) months.emplace(record.month, &record);
  merge(
      Section::self_checks, incoming.self_checks, plan.additions.self_checks, plan.counts,
      [&](const SelfCheckRecord& record, std::size_t) -> const SelfCheckRecord* {
        const auto found = months.find(record.month);
        return found == months.end() ? nullptr : found->second;
      },
      "the self-check of this month");
  return plan;
}

}  // namespace mgr::domain
