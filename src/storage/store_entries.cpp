// The log: entries, the write recipes that record them, and the one id space.
#include "storage/decode.hpp"
#include "storage/statements.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

using domain::Entry;

namespace {

// Handles come back in the order they were given; tags are joined with the unit separator,
// which tags cannot contain.
constexpr const char* k_entry_columns =
    "SELECT e.id, e.kind, e.date, e.logged_at, e.note, e.minutes, e.mood, e.cancelled, "
    "e.polarity, e.status, e.learn_type, e.concern_id, e.delegation_id, "
    "(SELECT group_concat(handle, ',') FROM (SELECT p.handle FROM entry_people ep2 JOIN people p "
    "ON p.id = ep2.person_id WHERE ep2.entry_id = e.id ORDER BY ep2.position)), "
    "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM entry_tags t WHERE t.entry_id = "
    "e.id ORDER BY tag)) ";
// The entries about one person, through their index by kind and date (bind :person).
constexpr const char* k_entries_of_person =
    "FROM person_entries pe JOIN entries e ON e.id = pe.entry_id WHERE pe.person_id = :person ";

Entry entry_from(const Row& row) {
  Entry entry;
  entry.id = domain::EntryId{row.id()};
  entry.kind = row.choice<domain::EntryKind>(1);
  entry.date = row.date(2);
  entry.logged_at = row.instant(3);
  entry.note = row.text(4);
  entry.minutes = row.optional_minutes(5);
  if (auto mood = row.optional_integer(6)) entry.mood = static_cast<int>(*mood);
  entry.cancelled = row.flag(7);
  entry.polarity = row.optional_choice<domain::Polarity>(8);
  entry.status = row.optional_choice<domain::CheckinStatus>(9);
  entry.learn_type = row.optional_choice<domain::LearnType>(10);
  if (auto about = row.optional_integer(11)) entry.about = domain::ConcernId{*about};
  if (auto delegation = row.optional_integer(12))
    entry.delegation = domain::DelegationId{*delegation};
  entry.people = row.list(13, ',');
  entry.tags = row.list(14, '\x1f');
  return entry;
}

std::string fmt_condition(const char* table, const char* condition) {
  return std::string("AND ") + table + "." + condition + " ";
}

std::vector<Entry> all_entries(SQLite::Statement& query) {
  std::vector<Entry> entries;
  while (query.executeStep()) entries.push_back(entry_from(Row{query, "entries"}));
  return entries;
}

}  // namespace

std::int64_t Store::allocate_id(Numbered kind) {
  static constexpr const char* k_kind_names[] = {"entry", "topic", "action"};
  auto insert = statement(m_db.handle(), "INSERT INTO ids (kind) VALUES (?)");
  insert.bind(1, k_kind_names[static_cast<int>(kind)]);
  insert.exec();
  return m_db.handle().getLastInsertRowid();
}

std::optional<Numbered> Store::what_is(std::int64_t id) {
  auto query = statement(m_db.handle(), "SELECT kind FROM ids WHERE id = ?");
  query.bind(1, static_cast<int64_t>(id));
  if (!query.executeStep()) return std::nullopt;
  const std::string kind = query.getColumn(0).getString();
  if (kind == "topic") return Numbered::topic;
  if (kind == "action") return Numbered::action;
  return Numbered::entry;
}

domain::EntryId Store::insert_entry(const Entry& entry,
                                    const std::vector<domain::PersonId>& people) {
  auto& db = m_db.handle();
  const domain::EntryId id{allocate_id(Numbered::entry)};
  auto insert = statement(
      db,
      "INSERT INTO entries (id, kind, date, logged_at, note, minutes, mood, cancelled, polarity, "
      "status, learn_type, concern_id, delegation_id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_id(insert, 1, id);
  bind_choice(insert, 2, entry.kind);
  bind_date(insert, 3, entry.date);
  insert.bind(4, domain::format_instant(entry.logged_at));
  bind_text_or_null(insert, 5, entry.note);
  bind_optional(insert, 6,
                entry.minutes ? std::optional<std::int64_t>{entry.minutes->count()} : std::nullopt);
  bind_optional(insert, 7, entry.mood ? std::optional<std::int64_t>{*entry.mood} : std::nullopt);
  insert.bind(8, entry.cancelled ? 1 : 0);
  bind_optional_choice(insert, 9, entry.polarity);
  bind_optional_choice(insert, 10, entry.status);
  bind_optional_choice(insert, 11, entry.learn_type);
  bind_optional(insert, 12,
                entry.about ? std::optional<std::int64_t>{entry.about->value} : std::nullopt);
  bind_optional(
      insert, 13,
      entry.delegation ? std::optional<std::int64_t>{entry.delegation->value} : std::nullopt);
  insert.exec();

  auto link =
      statement(db, "INSERT INTO entry_people (entry_id, person_id, position) VALUES (?, ?, ?)");
  int position = 0;
  for (const auto person : people) {
    link.reset();
    bind_id(link, 1, id);
    bind_id(link, 2, person);
    link.bind(3, position++);
    link.exec();
  }
  auto tag = statement(db, "INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?, ?)");
  for (const auto& name : entry.tags) {
    tag.reset();
    bind_id(tag, 1, id);
    tag.bind(2, name);
    tag.exec();
  }
  return id;
}

domain::EntryId Store::record_entry(const Entry& entry,
                                    const std::vector<domain::PersonId>& people) {
  return insert_entry(entry, people);
}

domain::EntryId Store::record_one_on_one(const Entry& entry, domain::PersonId person,
                                         const std::vector<domain::TopicId>& covered,
                                         const std::vector<std::string>& my_actions,
                                         const std::vector<std::string>& their_actions) {
  const auto id = insert_entry(entry, {person});
  auto cover = statement(m_db.handle(),
                         "UPDATE topics SET status = 'done', closed_date = ?, covered_by = ? "
                         "WHERE id = ?");
  for (const auto topic : covered) {
    cover.reset();
    bind_date(cover, 1, entry.date);
    bind_id(cover, 2, id);
    bind_id(cover, 3, topic);
    cover.exec();
  }
  for (const auto& text : my_actions)
    insert_action(person, domain::Owner::me, text, entry.date, std::nullopt, id);
  for (const auto& text : their_actions)
    insert_action(person, domain::Owner::them, text, entry.date, std::nullopt, id);
  return id;
}

domain::ConcernId Store::record_concern(const Entry& entry,
                                        const std::vector<domain::PersonId>& people) {
  const auto id = insert_entry(entry, people);
  auto insert =
      statement(m_db.handle(), "INSERT INTO concerns (id, text, opened) VALUES (?, ?, ?)");
  bind_id(insert, 1, id);
  insert.bind(2, entry.note);
  bind_date(insert, 3, entry.date);
  insert.exec();
  return domain::ConcernId{id.value};
}

domain::DelegationId Store::record_delegation(const Entry& entry, domain::PersonId person,
                                              const domain::Delegation& delegation) {
  const auto id = insert_entry(entry, {person});
  auto insert = statement(
      m_db.handle(),
      "INSERT INTO delegations (id, person_id, outcome, why, due, checkin, constraints, created) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  bind_id(insert, 1, id);
  bind_id(insert, 2, person);
  insert.bind(3, delegation.outcome);
  bind_text_or_null(insert, 4, delegation.why);
  bind_optional_date(insert, 5, delegation.due);
  insert.bind(6, domain::cadence_name(delegation.checkin));
  bind_text_or_null(insert, 7, delegation.constraints);
  bind_date(insert, 8, entry.date);
  insert.exec();
  return domain::DelegationId{id.value};
}

std::optional<Entry> Store::find_entry(domain::EntryId id) {
  auto query =
      statement(m_db.handle(), std::string(k_entry_columns) + "FROM entries e WHERE e.id = ?");
  bind_id(query, 1, id);
  if (!query.executeStep()) return std::nullopt;
  return entry_from(Row{query, "entries"});
}

std::vector<Entry> Store::list_entries(const EntryFilter& filter) {
  std::vector<Entry> entries;
  each_entry(filter, [&](const Entry& entry) { entries.push_back(entry); });
  return entries;
}

void Store::each_entry(const EntryFilter& filter, const std::function<void(const Entry&)>& visit) {
  // Only the conditions given, so that each can use its index.
  // For one person the conditions and the order are on their index (pe), else on entries.
  const char* on = filter.person ? "pe" : "e";
  std::string sql = std::string(k_entry_columns) +
                    (filter.person ? k_entries_of_person : "FROM entries e WHERE 1 ");
  if (filter.kind) sql += fmt_condition(on, "kind = :kind");
  if (filter.since) sql += fmt_condition(on, "date >= :since");
  if (filter.until) sql += fmt_condition(on, "date <= :until");
  if (filter.tag)
    sql += "AND EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag = :tag) ";
  if (filter.grep) sql += "AND instr(lower(coalesce(e.note, '')), lower(:grep)) > 0 ";
  sql += std::string("ORDER BY ") + on + ".date DESC, e.id DESC ";
  if (filter.limit) sql += "LIMIT :limit";
  auto query = statement(m_db.handle(), sql);
  if (filter.person) query.bind(":person", static_cast<int64_t>(filter.person->value));
  if (filter.kind) query.bind(":kind", std::string{domain::name_of(*filter.kind)});
  if (filter.since) query.bind(":since", domain::format_date(*filter.since));
  if (filter.until) query.bind(":until", domain::format_date(*filter.until));
  if (filter.tag) query.bind(":tag", *filter.tag);
  if (filter.grep) query.bind(":grep", *filter.grep);
  if (filter.limit) query.bind(":limit", static_cast<int64_t>(*filter.limit));
  while (query.executeStep()) visit(entry_from(Row{query, "entries"}));
}

std::int64_t Store::count_entries_of(domain::PersonId person) {
  // Kept by triggers (schema 0008): counting the person's rows would cost as many steps as
  // they have entries.
  auto query = statement(m_db.handle(),
                         "SELECT coalesce((SELECT entries FROM person_entry_counts "
                         "WHERE person_id = ?), 0)");
  bind_id(query, 1, person);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

std::vector<Entry> Store::recent_one_on_ones(domain::PersonId person, std::size_t limit) {
  auto query = statement(m_db.handle(), std::string(k_entry_columns) + k_entries_of_person +
                                            "AND pe.kind = '1on1' AND pe.cancelled = 0 "
                                            "ORDER BY pe.date DESC, e.id DESC LIMIT :limit");
  query.bind(":person", static_cast<int64_t>(person.value));
  query.bind(":limit", static_cast<int64_t>(limit));
  return all_entries(query);
}

std::optional<Entry> Store::last_feedback(domain::PersonId person, domain::Polarity polarity) {
  auto query = statement(m_db.handle(), std::string(k_entry_columns) + k_entries_of_person +
                                            "AND pe.kind = 'feedback' AND e.polarity = :polarity "
                                            "ORDER BY pe.date DESC, e.id DESC LIMIT 1");
  query.bind(":person", static_cast<int64_t>(person.value));
  query.bind(":polarity", std::string{domain::name_of(polarity)});
  auto entries = all_entries(query);
  if (entries.empty()) return std::nullopt;
  return entries.front();
}

std::optional<domain::Date> Store::last_entry_date() {
  auto query = statement(m_db.handle(), "SELECT max(date) FROM entries");
  query.executeStep();
  if (query.getColumn(0).isNull()) return std::nullopt;
  if (auto day = domain::parse_iso_date(query.getColumn(0).getString())) return *day;
  return std::nullopt;
}

std::optional<domain::EntryId> Store::latest_entry_id() {
  auto query = statement(m_db.handle(), "SELECT max(id) FROM entries");
  query.executeStep();
  if (query.getColumn(0).isNull()) return std::nullopt;
  return domain::EntryId{query.getColumn(0).getInt64()};
}

void Store::update_entry(domain::EntryId id, domain::Date date, const std::string& note) {
  auto& db = m_db.handle();
  auto update = statement(db, "UPDATE entries SET date = ?, note = ? WHERE id = ?");
  bind_date(update, 1, date);
  bind_text_or_null(update, 2, note);
  bind_id(update, 3, id);
  update.exec();
  // A concern is its `concern` entry's text and date, and a delegation was handed over on its
  // `delegate` entry's date; correcting the entry corrects them too.
  auto concern = statement(db, "UPDATE concerns SET text = ?, opened = ? WHERE id = ?");
  concern.bind(1, note);
  bind_date(concern, 2, date);
  bind_id(concern, 3, id);
  concern.exec();
  auto delegation = statement(db, "UPDATE delegations SET created = ? WHERE id = ?");
  bind_date(delegation, 1, date);
  bind_id(delegation, 2, id);
  delegation.exec();
}

void Store::replace_entry(const Entry& entry, const std::vector<domain::PersonId>& people) {
  auto& db = m_db.handle();
  auto update = statement(db,
                          "UPDATE entries SET date = ?, note = ?, minutes = ?, mood = ?, "
                          "polarity = ?, status = ?, learn_type = ? WHERE id = ?");
  bind_date(update, 1, entry.date);
  bind_text_or_null(update, 2, entry.note);
  bind_optional(update, 3,
                entry.minutes ? std::optional<std::int64_t>{entry.minutes->count()} : std::nullopt);
  bind_optional(update, 4, entry.mood ? std::optional<std::int64_t>{*entry.mood} : std::nullopt);
  bind_optional_choice(update, 5, entry.polarity);
  bind_optional_choice(update, 6, entry.status);
  bind_optional_choice(update, 7, entry.learn_type);
  bind_id(update, 8, entry.id);
  update.exec();

  auto unlink_people = statement(db, "DELETE FROM entry_people WHERE entry_id = ?");
  bind_id(unlink_people, 1, entry.id);
  unlink_people.exec();
  auto link =
      statement(db, "INSERT INTO entry_people (entry_id, person_id, position) VALUES (?, ?, ?)");
  int position = 0;
  for (const auto person : people) {
    link.reset();
    bind_id(link, 1, entry.id);
    bind_id(link, 2, person);
    link.bind(3, position++);
    link.exec();
  }
  auto untag = statement(db, "DELETE FROM entry_tags WHERE entry_id = ?");
  bind_id(untag, 1, entry.id);
  untag.exec();
  auto tag = statement(db, "INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?, ?)");
  for (const auto& name : entry.tags) {
    tag.reset();
    bind_id(tag, 1, entry.id);
    tag.bind(2, name);
    tag.exec();
  }

  auto concern = statement(db, "UPDATE concerns SET text = ?, opened = ? WHERE id = ?");
  concern.bind(1, entry.note);
  bind_date(concern, 2, entry.date);
  bind_id(concern, 3, entry.id);
  concern.exec();
  if (people.size() == 1) {
    const auto person = people.front();
    auto delegation =
        statement(db, "UPDATE delegations SET created = ?, person_id = ? WHERE id = ?");
    bind_date(delegation, 1, entry.date);
    bind_id(delegation, 2, person);
    bind_id(delegation, 3, entry.id);
    delegation.exec();
    // A delegation's check-ins are with its person, and a 1:1's actions with the person it
    // was with.
    auto checkins =
        statement(db,
                  "UPDATE entry_people SET person_id = ? WHERE entry_id IN "
                  "(SELECT id FROM entries WHERE kind = 'checkin' AND delegation_id = ?)");
    bind_id(checkins, 1, person);
    bind_id(checkins, 2, entry.id);
    checkins.exec();
    auto actions = statement(db, "UPDATE actions SET person_id = ? WHERE entry_id = ?");
    bind_id(actions, 1, person);
    bind_id(actions, 2, entry.id);
    actions.exec();
  }
}

std::int64_t Store::count_covered_topics(domain::EntryId one_on_one) {
  auto query = statement(m_db.handle(), "SELECT count(*) FROM topics WHERE covered_by = ?");
  bind_id(query, 1, one_on_one);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

std::int64_t Store::count_checkins(domain::DelegationId delegation) {
  auto query = statement(m_db.handle(), "SELECT count(*) FROM entries WHERE delegation_id = ?");
  bind_id(query, 1, delegation);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

void Store::delete_entry(domain::EntryId id) {
  auto& db = m_db.handle();
  // Talking points this 1:1 covered are open again; its actions, concern or delegation go with
  // it through the foreign keys.
  auto reopen =
      statement(db,
                "UPDATE topics SET status = 'open', closed_date = NULL, covered_by = NULL "
                "WHERE covered_by = ?");
  bind_id(reopen, 1, id);
  reopen.exec();
  auto remove = statement(db, "DELETE FROM entries WHERE id = ?");
  bind_id(remove, 1, id);
  remove.exec();
}

}  // namespace mgr::storage
