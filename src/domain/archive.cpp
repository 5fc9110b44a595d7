#include "domain/archive.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "domain/validate.hpp"
#include "util/text.hpp"

namespace mgr::domain {

namespace {

constexpr std::array<std::string_view, 11> k_section_names{
    "people",  "time_away", "entries", "concerns",       "delegations", "topics",
    "actions", "skips",     "moves",   "reminders_sent", "self_checks"};

// A day: the longest a 1:1 or a stretch of work may be (the schema's CHECK).
constexpr std::int64_t k_longest_minutes = std::int64_t{24} * 60;

std::string id_text(std::int64_t id) {
  return "#" + std::to_string(id);
}

[[noreturn]] void refuse(const std::string& record, const std::string& problem,
                         const std::string& hint = {}) {
  throw UsageError(record + ": " + problem, hint);
}

auto person_fields(const PersonRecord& r) {
  const auto& p = r.person;
  return std::tie(p.id, p.handle, p.name, p.relation, p.cadence, p.slot_day, p.slot_time, p.length,
                  p.zone, p.since, p.archived, r.created_at);
}
auto entry_fields(const Entry& e) {
  return std::tie(e.id, e.kind, e.date, e.logged_at, e.note, e.minutes, e.people, e.tags, e.mood,
                  e.cancelled, e.polarity, e.status, e.learn_type, e.about, e.delegation);
}

// Where each id of the one id space is used, for "used twice" and for references.
struct IdSpace {
  std::unordered_map<std::int64_t, const Entry*> entries;
  std::unordered_set<std::int64_t> topics_and_actions;
  std::unordered_set<std::int64_t> concerns;
  std::unordered_set<std::int64_t> delegations;
};

void require_person(const std::set<std::string>& handles, const std::string& handle,
                    const std::string& record) {
  if (handles.count(handle) == 0)
    refuse(record, "unknown person " + util::quoted(handle),
           "every person a record names must be in the people table");
}

void require_entry(const IdSpace& ids, const std::optional<EntryId>& entry,
                   const std::string& record, const char* field) {
  if (entry && ids.entries.count(entry->value) == 0)
    refuse(record, std::string{field} + " names entry " + id_text(entry->value) +
                       ", which is not in the entries table");
}

template <typename Record, typename Set, typename Key>
void require_unique(Set& seen, const Key& key, std::size_t index, const Record& record,
                    const std::string& what) {
  if (!seen.insert(key).second) refuse(record_name(index, record), what + " is there twice");
}

void check_one_id_space(const Archive& archive, IdSpace& ids) {
  const auto claim = [&](std::int64_t id, const std::string& record) {
    if (id <= 0) refuse(record, "the id must be a positive number");
    if (ids.entries.count(id) != 0 || !ids.topics_and_actions.insert(id).second)
      refuse(record, "id " + id_text(id) + " is used twice",
             "entries, talking points and action items share one id space");
  };
  for (std::size_t i = 0; i < archive.entries.size(); ++i) {
    const auto& entry = archive.entries[i];
    if (entry.id.value <= 0) refuse(record_name(i, entry), "the id must be a positive number");
    if (!ids.entries.emplace(entry.id.value, &entry).second)
      refuse(record_name(i, entry), "id " + id_text(entry.id.value) + " is used twice",
             "entries, talking points and action items share one id space");
  }
  for (std::size_t i = 0; i < archive.topics.size(); ++i)
    claim(archive.topics[i].id.value, record_name(i, archive.topics[i]));
  for (std::size_t i = 0; i < archive.actions.size(); ++i)
    claim(archive.actions[i].id.value, record_name(i, archive.actions[i]));

  const auto opened_by = [&](std::int64_t id, EntryKind kind, const std::string& record) {
    const auto found = ids.entries.find(id);
    if (found == ids.entries.end() || found->second->kind != kind)
      refuse(
          record,
          "there is no " + std::string{name_of(kind)} + " entry " + id_text(id) + " that opened it",
          "a concern or delegation has the id of the entry that opened it");
  };
  for (std::size_t i = 0; i < archive.concerns.size(); ++i) {
    const auto& concern = archive.concerns[i];
    opened_by(concern.id.value, EntryKind::concern, record_name(i, concern));
    if (!ids.concerns.insert(concern.id.value).second)
      refuse(record_name(i, concern), "concern " + id_text(concern.id.value) + " is there twice");
  }
  for (std::size_t i = 0; i < archive.delegations.size(); ++i) {
    const auto& delegation = archive.delegations[i];
    opened_by(delegation.id.value, EntryKind::delegate, record_name(i, delegation));
    if (!ids.delegations.insert(delegation.id.value).second)
      refuse(record_name(i, delegation),
             "delegation " + id_text(delegation.id.value) + " is there twice");
  }
  std::int64_t highest = 0;
  for (const auto& [id, entry] : ids.entries) highest = std::max(highest, id);
  for (const auto id : ids.topics_and_actions) highest = std::max(highest, id);
  if (archive.last_id < highest)
    throw UsageError("last_id is " + std::to_string(archive.last_id) + ", below the highest id " +
                         id_text(highest) + " in the file",
                     "last_id is the highest id ever handed out; it is at least every id");
}

void check_people(const Archive& archive, std::set<std::string>& handles) {
  std::set<std::int64_t> ids;
  for (std::size_t i = 0; i < archive.people.size(); ++i) {
    const auto& person = archive.people[i].person;
    if (person.id.value <= 0)
      refuse(record_name(i, archive.people[i]), "the id must be a positive number");
    require_unique(ids, person.id.value, i, archive.people[i],
                   "person " + id_text(person.id.value));
    require_unique(handles, person.handle, i, archive.people[i],
                   "handle " + util::quoted(person.handle));
  }
}

void check_entries(const Archive& archive, const std::set<std::string>& handles,
                   const IdSpace& ids) {
  for (std::size_t i = 0; i < archive.entries.size(); ++i) {
    const auto& entry = archive.entries[i];
    // The record's name is made only for an error: a file holds a million entries.
    for (const auto& handle : entry.people)
      if (handles.count(handle) == 0) require_person(handles, handle, record_name(i, entry));
    if (entry.about && ids.concerns.count(entry.about->value) == 0)
      refuse(record_name(i, entry), "about names concern " + id_text(entry.about->value) +
                                        ", which is not in the concerns table");
    if (entry.delegation && ids.delegations.count(entry.delegation->value) == 0)
      refuse(record_name(i, entry), "delegation names " + id_text(entry.delegation->value) +
                                        ", which is not in the delegations table");
  }
}

void check_items(const Archive& archive, const std::set<std::string>& handles, const IdSpace& ids) {
  for (std::size_t i = 0; i < archive.delegations.size(); ++i)
    require_person(handles, archive.delegations[i].person, record_name(i, archive.delegations[i]));
  for (std::size_t i = 0; i < archive.topics.size(); ++i) {
    const auto& topic = archive.topics[i];
    require_person(handles, topic.person, record_name(i, topic));
    require_entry(ids, topic.covered_by, record_name(i, topic), "covered_by");
  }
  for (std::size_t i = 0; i < archive.actions.size(); ++i) {
    const auto& action = archive.actions[i];
    require_person(handles, action.person, record_name(i, action));
    require_entry(ids, action.agreed_in, record_name(i, action), "agreed_in");
  }
}

void check_series_and_reminders(const Archive& archive, const std::set<std::string>& handles) {
  std::set<std::int64_t> away_ids, skip_ids, move_ids;
  for (std::size_t i = 0; i < archive.time_away.size(); ++i) {
    const auto& away = archive.time_away[i];
    if (away.id.value <= 0) refuse(record_name(i, away), "the id must be a positive number");
    require_unique(away_ids, away.id.value, i, away, "time away " + id_text(away.id.value));
    require_person(handles, away.person, record_name(i, away));
  }
  for (std::size_t i = 0; i < archive.skips.size(); ++i) {
    const auto& skip = archive.skips[i];
    if (skip.id.value <= 0) refuse(record_name(i, skip), "the id must be a positive number");
    require_unique(skip_ids, skip.id.value, i, skip, "skip " + id_text(skip.id.value));
    require_person(handles, skip.person, record_name(i, skip));
  }
  for (std::size_t i = 0; i < archive.moves.size(); ++i) {
    const auto& move = archive.moves[i];
    if (move.id.value <= 0) refuse(record_name(i, move), "the id must be a positive number");
    require_unique(move_ids, move.id.value, i, move, "move " + id_text(move.id.value));
    require_person(handles, move.person, record_name(i, move));
  }
  std::set<std::tuple<Date, std::string, std::string>> reminders;
  for (std::size_t i = 0; i < archive.reminders_sent.size(); ++i) {
    const auto& reminder = archive.reminders_sent[i];
    if (!reminder.person.empty())
      require_person(handles, reminder.person, record_name(i, reminder));
    require_unique(reminders, std::make_tuple(reminder.day, reminder.item, reminder.person), i,
                   reminder, "this reminder");
  }
  std::set<date::year_month> months;
  for (std::size_t i = 0; i < archive.self_checks.size(); ++i)
    require_unique(months, archive.self_checks[i].month, i, archive.self_checks[i],
                   "the self-check of this month");
}

}  // namespace

std::int64_t reminder_item_id(const std::string& item) {
  const auto colon = item.find(':');
  if (colon == std::string::npos || colon + 1 == item.size() || item.size() - colon > 19) return 0;
  std::int64_t id = 0;
  for (std::size_t i = colon + 1; i < item.size(); ++i) {
    if (item[i] < '0' || item[i] > '9') return 0;
    id = id * 10 + (item[i] - '0');
  }
  return id;
}

std::string_view name_of(Section section) {
  return k_section_names[static_cast<std::size_t>(section)];
}

std::string records_in_words(const std::array<std::size_t, k_sections.size()>& counts) {
  // One and many of each section, in the order of k_section_names.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 11> k_words{{
      {"person", "people"},
      {"stretch of time away", "stretches of time away"},
      {"entry", "entries"},
      {"concern", "concerns"},
      {"delegation", "delegations"},
      {"talking point", "talking points"},
      {"action item", "action items"},
      {"skipped 1:1", "skipped 1:1s"},
      {"moved 1:1", "moved 1:1s"},
      {"reminder sent", "reminders sent"},
      {"self-check", "self-checks"},
  }};
  std::string text;
  for (const auto section : k_sections) {
    const auto at = static_cast<std::size_t>(section);
    if (counts[at] == 0) continue;
    if (!text.empty()) text += ", ";
    text += util::count_of(counts[at], k_words[at].first, k_words[at].second);
  }
  return text;
}

std::optional<Section> section_from_name(std::string_view name) {
  for (const auto section : k_sections)
    if (name_of(section) == name) return section;
  return std::nullopt;
}

std::size_t Archive::size(Section section) const {
  switch (section) {
    case Section::people:
      return people.size();
    case Section::time_away:
      return time_away.size();
    case Section::entries:
      return entries.size();
    case Section::concerns:
      return concerns.size();
    case Section::delegations:
      return delegations.size();
    case Section::topics:
      return topics.size();
    case Section::actions:
      return actions.size();
    case Section::skips:
      return skips.size();
    case Section::moves:
      return moves.size();
    case Section::reminders_sent:
      return reminders_sent.size();
    case Section::self_checks:
      return self_checks.size();
  }
  return 0;
}

bool Archive::empty() const {
  for (const auto section : k_sections)
    if (size(section) != 0) return false;
  return true;
}

bool same_record(const PersonRecord& a, const PersonRecord& b) {
  return person_fields(a) == person_fields(b);
}
bool same_record(const TimeAwayRecord& a, const TimeAwayRecord& b) {
  return std::tie(a.id, a.person, a.from, a.to, a.reason) ==
         std::tie(b.id, b.person, b.from, b.to, b.reason);
}
bool same_record(const Entry& a, const Entry& b) {
  return entry_fields(a) == entry_fields(b);
}
bool same_record(const ConcernRecord& a, const ConcernRecord& b) {
  return std::tie(a.id, a.text, a.opened, a.status, a.closed, a.close_note) ==
         std::tie(b.id, b.text, b.opened, b.status, b.closed, b.close_note);
}
bool same_record(const DelegationRecord& a, const DelegationRecord& b) {
  return std::tie(a.id, a.person, a.outcome, a.why, a.due, a.checkin, a.constraints, a.created,
                  a.status, a.closed, a.close_note) ==
         std::tie(b.id, b.person, b.outcome, b.why, b.due, b.checkin, b.constraints, b.created,
                  b.status, b.closed, b.close_note);
}
bool same_record(const TopicRecord& a, const TopicRecord& b) {
  return std::tie(a.id, a.person, a.text, a.created, a.status, a.closed, a.covered_by) ==
         std::tie(b.id, b.person, b.text, b.created, b.status, b.closed, b.covered_by);
}
bool same_record(const ActionRecord& a, const ActionRecord& b) {
  return std::tie(a.id, a.person, a.owner, a.text, a.created, a.due, a.status, a.done,
                  a.agreed_in) ==
         std::tie(b.id, b.person, b.owner, b.text, b.created, b.due, b.status, b.done, b.agreed_in);
}
bool same_record(const SkipRecord& a, const SkipRecord& b) {
  return std::tie(a.id, a.person, a.regular, a.reason, a.logged_at) ==
         std::tie(b.id, b.person, b.regular, b.reason, b.logged_at);
}
bool same_record(const MoveRecord& a, const MoveRecord& b) {
  return std::tie(a.id, a.person, a.regular, a.to, a.time, a.logged_at) ==
         std::tie(b.id, b.person, b.regular, b.to, b.time, b.logged_at);
}
bool same_record(const ReminderSentRecord& a, const ReminderSentRecord& b) {
  return std::tie(a.day, a.item, a.person, a.sent_at, a.message_id) ==
         std::tie(b.day, b.item, b.person, b.sent_at, b.message_id);
}
bool same_record(const SelfCheckRecord& a, const SelfCheckRecord& b) {
  return std::tie(a.month, a.date, a.answers, a.note, a.logged_at) ==
         std::tie(b.month, b.date, b.answers, b.note, b.logged_at);
}

namespace {

template <typename Record>
bool same_records(const std::vector<Record>& a, const std::vector<Record>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_record(a[i], b[i])) return false;
  return true;
}

}  // namespace

bool same_archive(const Archive& a, const Archive& b) {
  return a.version == b.version && a.last_id == b.last_id && a.subject == b.subject &&
         same_records(a.people, b.people) && same_records(a.time_away, b.time_away) &&
         same_records(a.entries, b.entries) && same_records(a.concerns, b.concerns) &&
         same_records(a.delegations, b.delegations) && same_records(a.topics, b.topics) &&
         same_records(a.actions, b.actions) && same_records(a.skips, b.skips) &&
         same_records(a.moves, b.moves) && same_records(a.reminders_sent, b.reminders_sent) &&
         same_records(a.self_checks, b.self_checks);
}

std::string record_name(Section section, std::size_t index, const std::string& what) {
  return std::string{name_of(section)} + "[" + std::to_string(index) + "]" +
         (what.empty() ? "" : " (" + what + ")");
}
std::string record_name(std::size_t index, const PersonRecord& record) {
  return record_name(Section::people, index, util::quoted(record.person.handle, 40));
}
std::string record_name(std::size_t index, const TimeAwayRecord& record) {
  return record_name(Section::time_away, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const Entry& record) {
  return record_name(Section::entries, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const ConcernRecord& record) {
  return record_name(Section::concerns, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const DelegationRecord& record) {
  return record_name(Section::delegations, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const TopicRecord& record) {
  return record_name(Section::topics, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const ActionRecord& record) {
  return record_name(Section::actions, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const SkipRecord& record) {
  return record_name(Section::skips, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const MoveRecord& record) {
  return record_name(Section::moves, index, id_text(record.id.value));
}
std::string record_name(std::size_t index, const ReminderSentRecord& record) {
  return record_name(Section::reminders_sent, index,
                     format_date(record.day) + " " + util::quoted(record.item, 40));
}
std::string record_name(std::size_t index, const SelfCheckRecord& record) {
  return record_name(Section::self_checks, index, date::format("%Y-%m", record.month));
}

void check_record(std::size_t index, const PersonRecord& record) {
  const auto& person = record.person;
  // Named only for an error: most records have none.
  const auto name = [&] { return record_name(index, record); };
  if (!is_valid_handle(person.handle))
    refuse(name(), "invalid handle " + util::quoted(person.handle),
           "a handle is 1-32 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
  try {
    check_display_name(person.name);
  } catch (const UsageError& error) {
    refuse(name(), error.what(), error.hint());
  }
  if (person.length.count() <= 0 || person.length.count() > k_longest_minutes)
    refuse(name(),
           "length_minutes is " + std::to_string(person.length.count()) + ", not from 1 to 1440");
}

void check_record(std::size_t index, const TimeAwayRecord& record) {
  if (record.to < record.from)
    refuse(record_name(index, record), "it ends (" + format_date(record.to) +
                                           ") before it starts (" + format_date(record.from) + ")");
}

void check_record(std::size_t index, const Entry& record) {
  // Named only for an error: most records have none.
  const auto name = [&] { return record_name(index, record); };
  if (record.minutes &&
      (record.minutes->count() <= 0 || record.minutes->count() > k_longest_minutes))
    refuse(name(),
           "minutes is " + std::to_string(record.minutes->count()) + ", not from 1 to 1440");
  if (record.mood && (*record.mood < 1 || *record.mood > 5))
    refuse(name(), "mood is " + std::to_string(*record.mood) + ", not from 1 to 5");
  // An entry names a few people and tags: a look back is cheaper than a set.
  const auto seen_before = [](const std::vector<std::string>& list, std::size_t i) {
    return std::find(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(i), list[i]) !=
           list.begin() + static_cast<std::ptrdiff_t>(i);
  };
  for (std::size_t i = 0; i < record.people.size(); ++i) {
    const auto& handle = record.people[i];
    if (!is_valid_handle(handle)) refuse(name(), "invalid handle " + util::quoted(handle));
    if (seen_before(record.people, i))
      refuse(name(), "person " + util::quoted(handle) + " is named twice");
  }
  for (std::size_t i = 0; i < record.tags.size(); ++i) {
    try {
      check_tag(record.tags[i]);
    } catch (const UsageError& error) {
      refuse(name(), error.what(), error.hint());
    }
    if (seen_before(record.tags, i))
      refuse(name(), "tag " + util::quoted(record.tags[i]) + " is there twice");
  }
}

void check_record(std::size_t index, const SelfCheckRecord& record) {
  // Named only for an error: most records have none.
  const auto name = [&] { return record_name(index, record); };
  const date::year_month_day day{record.date};
  if (day.year() / day.month() != record.month)
    refuse(name(), "its date " + format_date(record.date) + " is not in its month");
  for (std::size_t i = 0; i < record.answers.size(); ++i)
    if (record.answers[i] < 1 || record.answers[i] > 5)
      refuse(name(), std::string{k_self_check_questions[i]} + " is " +
                         std::to_string(record.answers[i]) + ", not from 1 to 5");
}

void check_archive(const Archive& archive) {
  std::set<std::string> handles;
  check_people(archive, handles);
  IdSpace ids;
  check_one_id_space(archive, ids);
  check_entries(archive, handles, ids);
  check_items(archive, handles, ids);
  check_series_and_reminders(archive, handles);
}

void ArchiveCollector::begin(const Archive& header) {
  archive = Archive{};
  archive.version = header.version;
  archive.last_id = header.last_id;
  archive.subject = header.subject;
}

void send_archive(const Archive& archive, ArchiveSink& sink) {
  sink.begin(archive);
  const auto send = [&](Section section, const auto& records) {
    sink.begin_section(section);
    for (const auto& record : records) sink.add(record);
    sink.end_section(section);
  };
  send(Section::people, archive.people);
  send(Section::time_away, archive.time_away);
  send(Section::entries, archive.entries);
  send(Section::concerns, archive.concerns);
  send(Section::delegations, archive.delegations);
  send(Section::topics, archive.topics);
  send(Section::actions, archive.actions);
  send(Section::skips, archive.skips);
  send(Section::moves, archive.moves);
  send(Section::reminders_sent, archive.reminders_sent);
  send(Section::self_checks, archive.self_checks);
  sink.end();
}

}  // namespace mgr::domain
