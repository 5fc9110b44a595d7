#include "storage/sql_helpers.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

using domain::Action;
using domain::Concern;
using domain::Delegation;
using domain::Topic;

namespace {

std::vector<std::string> handles_of_entry(SQLite::Database& db, long long entry_id) {
  SQLite::Statement query(db,
                          "SELECT p.handle FROM entry_people ep JOIN people p ON p.id = "
                          "ep.person_id WHERE ep.entry_id = ? ORDER BY ep.position");
  query.bind(1, static_cast<int64_t>(entry_id));
  std::vector<std::string> handles;
  while (query.executeStep()) handles.push_back(query.getColumn(0).getString());
  return handles;
}

// The first conversation about a concern is derived, not stored, so deleting that entry
// un-addresses the concern again.
constexpr const char* k_concern_select =
    "SELECT c.id, c.text, c.opened, c.status, c.closed_date, c.close_note, "
    "(SELECT min(e.date) FROM entries e WHERE e.concern_id = c.id AND e.cancelled = 0) "
    "FROM concerns c ";

Concern concern_from_row(SQLite::Database& db, SQLite::Statement& row) {
  Concern concern;
  concern.id = row.getColumn(0).getInt64();
  concern.text = row.getColumn(1).getString();
  concern.opened = row.getColumn(2).getString();
  concern.status = row.getColumn(3).getString();
  concern.closed_date = sql::optional_text(row.getColumn(4));
  concern.close_note = sql::text_or_empty(row.getColumn(5));
  concern.first_conversation = sql::optional_text(row.getColumn(6));
  concern.people = handles_of_entry(db, concern.id);
  return concern;
}

constexpr const char* k_delegation_select =
    "SELECT d.id, p.handle, d.outcome, d.why, d.due, d.checkin, d.constraints, d.created, "
    "d.status, d.closed_date, d.close_note FROM delegations d JOIN people p ON p.id = d.person_id ";

constexpr const char* k_checkin_select =
    "SELECT date, status, note FROM entries WHERE kind = 'checkin' AND delegation_id = ? "
    "ORDER BY date DESC, id DESC";

domain::CheckinSummary checkin_from_row(SQLite::Statement& row) {
  return {row.getColumn(0).getString(), sql::optional_text(row.getColumn(1)),
          sql::text_or_empty(row.getColumn(2))};
}

Delegation delegation_from_row(SQLite::Database& db, SQLite::Statement& row) {
  Delegation delegation;
  delegation.id = row.getColumn(0).getInt64();
  delegation.person = row.getColumn(1).getString();
  delegation.outcome = row.getColumn(2).getString();
  delegation.why = sql::text_or_empty(row.getColumn(3));
  delegation.due = sql::optional_text(row.getColumn(4));
  delegation.checkin = row.getColumn(5).getString();
  delegation.constraints = sql::text_or_empty(row.getColumn(6));
  delegation.created = row.getColumn(7).getString();
  delegation.status = row.getColumn(8).getString();
  delegation.closed_date = sql::optional_text(row.getColumn(9));
  delegation.close_note = sql::text_or_empty(row.getColumn(10));
  SQLite::Statement last(db, std::string(k_checkin_select) + " LIMIT 1");
  last.bind(1, static_cast<int64_t>(delegation.id));
  if (last.executeStep()) delegation.last_checkin = checkin_from_row(last);
  return delegation;
}

constexpr const char* k_topic_select =
    "SELECT t.id, p.handle, t.text, t.created, t.status, t.closed_date FROM topics t "
    "JOIN people p ON p.id = t.person_id ";

Topic topic_from_row(SQLite::Statement& row) {
  return {row.getColumn(0).getInt64(),  row.getColumn(1).getString(),
          row.getColumn(2).getString(), row.getColumn(3).getString(),
          row.getColumn(4).getString(), sql::optional_text(row.getColumn(5))};
}

constexpr const char* k_action_select =
    "SELECT a.id, p.handle, a.owner, a.text, a.created, a.due, a.done_date FROM actions a "
    "JOIN people p ON p.id = a.person_id ";

Action action_from_row(SQLite::Statement& row) {
  return {row.getColumn(0).getInt64(),         row.getColumn(1).getString(),
          row.getColumn(2).getString(),        row.getColumn(3).getString(),
          row.getColumn(4).getString(),        sql::optional_text(row.getColumn(5)),
          sql::optional_text(row.getColumn(6))};
}

void close_item(SQLite::Database& db, const char* table, long long id, const std::string& status,
                const std::string& date, const std::string& note) {
  SQLite::Statement update(db, std::string("UPDATE ") + table +
                                   " SET status = ?, closed_date = ?, close_note = ? WHERE id = ?");
  update.bind(1, status);
  update.bind(2, date);
  sql::bind_text_or_null(update, 3, note);
  update.bind(4, static_cast<int64_t>(id));
  update.exec();
}

}  // namespace

void Store::add_concern(long long entry_id, const std::string& text, const std::string& opened) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO concerns (id, text, opened) VALUES (?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(entry_id));
  insert.bind(2, text);
  insert.bind(3, opened);
  insert.exec();
}

std::optional<Concern> Store::find_concern(long long id) {
  auto& db = m_db.handle();
  SQLite::Statement query(db, std::string(k_concern_select) + "WHERE c.id = ?");
  query.bind(1, static_cast<int64_t>(id));
  if (!query.executeStep()) return std::nullopt;
  return concern_from_row(db, query);
}

std::vector<Concern> Store::list_concerns(bool include_closed) {
  auto& db = m_db.handle();
  SQLite::Statement query(
      db, std::string(k_concern_select) + "WHERE c.status = 'open' OR ? ORDER BY c.opened, c.id");
  query.bind(1, include_closed ? 1 : 0);
  std::vector<Concern> concerns;
  while (query.executeStep()) concerns.push_back(concern_from_row(db, query));
  return concerns;
}

void Store::close_concern(long long id, const std::string& status, const std::string& date,
                          const std::string& note) {
  close_item(m_db.handle(), "concerns", id, status, date, note);
}

void Store::add_delegation(long long entry_id, long long person_id, const Delegation& delegation) {
  SQLite::Statement insert(
      m_db.handle(),
      "INSERT INTO delegations (id, person_id, outcome, why, due, checkin, constraints, created) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(entry_id));
  insert.bind(2, static_cast<int64_t>(person_id));
  insert.bind(3, delegation.outcome);
  sql::bind_text_or_null(insert, 4, delegation.why);
  sql::bind_text(insert, 5, delegation.due);
  insert.bind(6, delegation.checkin);
  sql::bind_text_or_null(insert, 7, delegation.constraints);
  insert.bind(8, delegation.created);
  insert.exec();
}

std::optional<Delegation> Store::find_delegation(long long id) {
  auto& db = m_db.handle();
  SQLite::Statement query(db, std::string(k_delegation_select) + "WHERE d.id = ?");
  query.bind(1, static_cast<int64_t>(id));
  if (!query.executeStep()) return std::nullopt;
  return delegation_from_row(db, query);
}

std::vector<Delegation> Store::list_delegations(std::optional<long long> person_id,
                                                bool include_closed) {
  auto& db = m_db.handle();
  SQLite::Statement query(db, std::string(k_delegation_select) +
                                  "WHERE (d.status = 'open' OR :all) AND "
                                  "(:person IS NULL OR d.person_id = :person) "
                                  "ORDER BY d.created, d.id");
  query.bind(":all", include_closed ? 1 : 0);
  sql::bind_int(query, query.getIndex(":person"), person_id);
  std::vector<Delegation> delegations;
  while (query.executeStep()) delegations.push_back(delegation_from_row(db, query));
  return delegations;
}

void Store::close_delegation(long long id, const std::string& status, const std::string& date,
                             const std::string& note) {
  close_item(m_db.handle(), "delegations", id, status, date, note);
}

std::vector<domain::CheckinSummary> Store::checkins(long long delegation_id) {
  SQLite::Statement query(m_db.handle(), k_checkin_select);
  query.bind(1, static_cast<int64_t>(delegation_id));
  std::vector<domain::CheckinSummary> all;
  while (query.executeStep()) all.push_back(checkin_from_row(query));
  return all;
}

long long Store::add_topic(long long person_id, const std::string& text,
                           const std::string& created) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO topics (person_id, text, created) VALUES (?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(person_id));
  insert.bind(2, text);
  insert.bind(3, created);
  insert.exec();
  return m_db.handle().getLastInsertRowid();
}

std::optional<Topic> Store::find_topic(long long id) {
  SQLite::Statement query(m_db.handle(), std::string(k_topic_select) + "WHERE t.id = ?");
  query.bind(1, static_cast<int64_t>(id));
  if (!query.executeStep()) return std::nullopt;
  return topic_from_row(query);
}

std::vector<Topic> Store::list_topics(std::optional<long long> person_id, bool include_closed) {
  SQLite::Statement query(m_db.handle(), std::string(k_topic_select) +
                                             "WHERE (t.status = 'open' OR :all) AND "
                                             "(:person IS NULL OR t.person_id = :person) "
                                             "ORDER BY t.created, t.id");
  query.bind(":all", include_closed ? 1 : 0);
  sql::bind_int(query, query.getIndex(":person"), person_id);
  std::vector<Topic> topics;
  while (query.executeStep()) topics.push_back(topic_from_row(query));
  return topics;
}

void Store::close_topic(long long id, const std::string& status, const std::string& date,
                        std::optional<long long> covered_by) {
  SQLite::Statement update(
      m_db.handle(), "UPDATE topics SET status = ?, closed_date = ?, covered_by = ? WHERE id = ?");
  update.bind(1, status);
  update.bind(2, date);
  sql::bind_int(update, 3, covered_by);
  update.bind(4, static_cast<int64_t>(id));
  update.exec();
}

long long Store::add_action(long long person_id, const std::string& owner, const std::string& text,
                            const std::string& created, const std::optional<std::string>& due,
                            std::optional<long long> entry_id) {
  SQLite::Statement insert(m_db.handle(),
                           "INSERT INTO actions (person_id, owner, text, created, due, entry_id) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(person_id));
  insert.bind(2, owner);
  insert.bind(3, text);
  insert.bind(4, created);
  sql::bind_text(insert, 5, due);
  sql::bind_int(insert, 6, entry_id);
  insert.exec();
  return m_db.handle().getLastInsertRowid();
}

std::optional<Action> Store::find_action(long long id) {
  SQLite::Statement query(m_db.handle(), std::string(k_action_select) + "WHERE a.id = ?");
  query.bind(1, static_cast<int64_t>(id));
  if (!query.executeStep()) return std::nullopt;
  return action_from_row(query);
}

std::vector<Action> Store::list_actions(std::optional<long long> person_id,
                                        const std::optional<std::string>& owner,
                                        bool include_done) {
  SQLite::Statement query(m_db.handle(), std::string(k_action_select) +
                                             "WHERE (a.done_date IS NULL OR :all) AND "
                                             "(:person IS NULL OR a.person_id = :person) AND "
                                             "(:owner IS NULL OR a.owner = :owner) "
                                             "ORDER BY a.created, a.id");
  query.bind(":all", include_done ? 1 : 0);
  sql::bind_int(query, query.getIndex(":person"), person_id);
  sql::bind_text(query, query.getIndex(":owner"), owner);
  std::vector<Action> actions;
  while (query.executeStep()) actions.push_back(action_from_row(query));
  return actions;
}

void Store::mark_action_done(long long id, const std::string& date) {
  SQLite::Statement update(m_db.handle(), "UPDATE actions SET done_date = ? WHERE id = ?");
  update.bind(1, date);
  update.bind(2, static_cast<int64_t>(id));
  update.exec();
}

}  // namespace mgr::storage
