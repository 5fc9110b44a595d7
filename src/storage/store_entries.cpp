#include "domain/errors.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

using domain::Entry;

namespace {

// Handles come back in the order they were given; tags are joined with the unit separator,
// which tags cannot contain.
constexpr const char* k_entry_select =
    "SELECT e.id, e.kind, e.date, e.logged_at, e.note, e.minutes, e.mood, e.cancelled, "
    "e.polarity, e.status, e.learn_type, e.concern_id, e.delegation_id, "
    "(SELECT group_concat(handle, ',') FROM (SELECT p.handle FROM entry_people ep JOIN people p "
    "ON p.id = ep.person_id WHERE ep.entry_id = e.id ORDER BY ep.position)), "
    "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM entry_tags t WHERE t.entry_id = "
    "e.id ORDER BY tag)) FROM entries e ";

std::vector<std::string> split_on(const std::string& joined, char separator) {
  std::vector<std::string> parts;
  if (joined.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = joined.find(separator, start);
    parts.push_back(joined.substr(start, at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return parts;
}

Entry entry_from_row(SQLite::Statement& row) {
  Entry entry;
  entry.id = row.getColumn(0).getInt64();
  entry.kind = row.getColumn(1).getString();
  entry.date = row.getColumn(2).getString();
  entry.logged_at = row.getColumn(3).getString();
  entry.note = sql::text_or_empty(row.getColumn(4));
  if (auto minutes = sql::optional_int(row.getColumn(5)))
    entry.minutes = static_cast<int>(*minutes);
  if (auto mood = sql::optional_int(row.getColumn(6))) entry.mood = static_cast<int>(*mood);
  entry.cancelled = row.getColumn(7).getInt() != 0;
  entry.polarity = sql::optional_text(row.getColumn(8));
  entry.status = sql::optional_text(row.getColumn(9));
  entry.learn_type = sql::optional_text(row.getColumn(10));
  entry.about = sql::optional_int(row.getColumn(11));
  entry.delegation = sql::optional_int(row.getColumn(12));
  entry.people = split_on(sql::text_or_empty(row.getColumn(13)), ',');
  entry.tags = split_on(sql::text_or_empty(row.getColumn(14)), '\x1f');
  return entry;
}

}  // namespace

long long Store::add_entry(const Entry& entry, const std::vector<long long>& person_ids) {
  auto& db = m_db.handle();
  SQLite::Statement insert(
      db,
      "INSERT INTO entries (kind, date, logged_at, note, minutes, mood, cancelled, polarity, "
      "status, learn_type, concern_id, delegation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, entry.kind);
  insert.bind(2, entry.date);
  insert.bind(3, entry.logged_at);
  sql::bind_text_or_null(insert, 4, entry.note);
  sql::bind_int(insert, 5, entry.minutes ? std::optional<long long>{*entry.minutes} : std::nullopt);
  sql::bind_int(insert, 6, entry.mood ? std::optional<long long>{*entry.mood} : std::nullopt);
  insert.bind(7, entry.cancelled ? 1 : 0);
  sql::bind_text(insert, 8, entry.polarity);
  sql::bind_text(insert, 9, entry.status);
  sql::bind_text(insert, 10, entry.learn_type);
  sql::bind_int(insert, 11, entry.about);
  sql::bind_int(insert, 12, entry.delegation);
  insert.exec();
  const long long id = db.getLastInsertRowid();

  SQLite::Statement link(
      db, "INSERT INTO entry_people (entry_id, person_id, position) VALUES (?, ?, ?)");
  int position = 0;
  for (long long person_id : person_ids) {
    link.reset();
    link.bind(1, static_cast<int64_t>(id));
    link.bind(2, static_cast<int64_t>(person_id));
    link.bind(3, position++);
    link.exec();
  }
  SQLite::Statement tag(db, "INSERT OR IGNORE INTO entry_tags (entry_id, tag) VALUES (?, ?)");
  for (const auto& name : entry.tags) {
    tag.reset();
    tag.bind(1, static_cast<int64_t>(id));
    tag.bind(2, name);
    tag.exec();
  }
  return id;
}

std::optional<Entry> Store::find_entry(long long id) {
  SQLite::Statement query(m_db.handle(), std::string(k_entry_select) + "WHERE e.id = ?");
  query.bind(1, static_cast<int64_t>(id));
  if (!query.executeStep()) return std::nullopt;
  return entry_from_row(query);
}

std::vector<Entry> Store::list_entries(const EntryFilter& filter) {
  std::string where = "WHERE 1 ";
  if (filter.person_id)
    where += "AND e.id IN (SELECT entry_id FROM entry_people WHERE person_id = :person) ";
  if (filter.kind) where += "AND e.kind = :kind ";
  if (filter.since) where += "AND e.date >= :since ";
  if (filter.until) where += "AND e.date <= :until ";
  where += "ORDER BY e.date DESC, e.id DESC ";
  if (filter.limit) where += "LIMIT :limit";
  SQLite::Statement query(m_db.handle(), std::string(k_entry_select) + where);
  if (filter.person_id) query.bind(":person", static_cast<int64_t>(*filter.person_id));
  if (filter.kind) query.bind(":kind", *filter.kind);
  if (filter.since) query.bind(":since", *filter.since);
  if (filter.until) query.bind(":until", *filter.until);
  if (filter.limit) query.bind(":limit", static_cast<int64_t>(*filter.limit));
  std::vector<Entry> entries;
  while (query.executeStep()) entries.push_back(entry_from_row(query));
  return entries;
}

std::optional<long long> Store::latest_entry_id() {
  SQLite::Statement query(m_db.handle(), "SELECT max(id) FROM entries");
  query.executeStep();
  return sql::optional_int(query.getColumn(0));
}

void Store::update_entry(long long id, const std::string& date, const std::string& note) {
  SQLite::Statement update(m_db.handle(), "UPDATE entries SET date = ?, note = ? WHERE id = ?");
  update.bind(1, date);
  sql::bind_text_or_null(update, 2, note);
  update.bind(3, static_cast<int64_t>(id));
  update.exec();
  // A concern is its `concern` entry's text and date, and a delegation was handed over on its
  // `delegate` entry's date; correcting the entry corrects them too.
  SQLite::Statement concern(m_db.handle(), "UPDATE concerns SET text = ?, opened = ? WHERE id = ?");
  concern.bind(1, note);
  concern.bind(2, date);
  concern.bind(3, static_cast<int64_t>(id));
  concern.exec();
  SQLite::Statement delegation(m_db.handle(), "UPDATE delegations SET created = ? WHERE id = ?");
  delegation.bind(1, date);
  delegation.bind(2, static_cast<int64_t>(id));
  delegation.exec();
}

long long Store::count_entries_about_delegation(long long delegation_id) {
  SQLite::Statement query(m_db.handle(), "SELECT count(*) FROM entries WHERE delegation_id = ?");
  query.bind(1, static_cast<int64_t>(delegation_id));
  query.executeStep();
  return query.getColumn(0).getInt64();
}

void Store::delete_entry(long long id) {
  auto& db = m_db.handle();
  // Talking points this 1:1 covered are open again; its actions, concern or delegation go with
  // it through the foreign keys.
  SQLite::Statement reopen(
      db,
      "UPDATE topics SET status = 'open', closed_date = NULL, covered_by = NULL "
      "WHERE covered_by = ?");
  reopen.bind(1, static_cast<int64_t>(id));
  reopen.exec();
  SQLite::Statement remove(db, "DELETE FROM entries WHERE id = ?");
  remove.bind(1, static_cast<int64_t>(id));
  remove.exec();
}

}  // namespace mgr::storage
