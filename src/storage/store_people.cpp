#include "domain/parse.hpp"
#include "storage/sql_helpers.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

using domain::Person;

namespace {

constexpr const char* k_person_columns =
    "id, handle, name, relation, cadence, slot_day, slot_time, length_minutes, tz, since, "
    "archived";

Person person_from_row(SQLite::Statement& row) {
  Person person;
  person.id = row.getColumn(0).getInt64();
  person.handle = row.getColumn(1).getString();
  person.name = sql::text_or_empty(row.getColumn(2));
  person.relation = domain::parse_relation(row.getColumn(3).getString());
  person.cadence = domain::parse_cadence(row.getColumn(4).getString());
  person.day = sql::optional_text(row.getColumn(5));
  if (auto time = sql::optional_text(row.getColumn(6))) {
    person.time_minutes = domain::parse_clock_time(*time);
  }
  person.length_minutes = row.getColumn(7).getInt();
  person.tz = sql::optional_text(row.getColumn(8));
  person.since = row.getColumn(9).getString();
  person.archived = row.getColumn(10).getInt() != 0;
  return person;
}

void load_time_away(SQLite::Database& db, Person& person) {
  SQLite::Statement query(db,
                          "SELECT id, from_date, to_date, reason FROM time_away WHERE person_id = "
                          "? ORDER BY from_date");
  query.bind(1, static_cast<int64_t>(person.id));
  while (query.executeStep()) {
    person.away.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                           query.getColumn(2).getString(), sql::text_or_empty(query.getColumn(3))});
  }
}

void bind_person_fields(SQLite::Statement& statement, const Person& person) {
  statement.bind(1, person.handle);
  sql::bind_text_or_null(statement, 2, person.name);
  statement.bind(3, std::string{domain::relation_name(person.relation)});
  statement.bind(4, person.cadence.text);
  sql::bind_text(statement, 5, person.day);
  sql::bind_text(statement, 6,
                 person.time_minutes
                     ? std::optional<std::string>{domain::format_clock_time(*person.time_minutes)}
                     : std::nullopt);
  statement.bind(7, person.length_minutes);
  sql::bind_text(statement, 8, person.tz);
  statement.bind(9, person.since);
  statement.bind(10, person.archived ? 1 : 0);
}

}  // namespace

std::optional<Person> Store::find_person(const std::string& handle) {
  auto& db = m_db.handle();
  SQLite::Statement query(
      db, std::string("SELECT ") + k_person_columns + " FROM people WHERE handle = ?");
  query.bind(1, handle);
  if (!query.executeStep()) return std::nullopt;
  Person person = person_from_row(query);
  load_time_away(db, person);
  return person;
}

std::vector<Person> Store::list_people(bool include_archived) {
  auto& db = m_db.handle();
  SQLite::Statement query(db, std::string("SELECT ") + k_person_columns +
                                  " FROM people WHERE archived = 0 OR ? ORDER BY handle");
  query.bind(1, include_archived ? 1 : 0);
  std::vector<Person> people;
  while (query.executeStep()) people.push_back(person_from_row(query));
  for (auto& person : people) load_time_away(db, person);
  return people;
}

std::vector<std::string> Store::all_handles() {
  SQLite::Statement query(m_db.handle(), "SELECT handle FROM people ORDER BY handle");
  std::vector<std::string> handles;
  while (query.executeStep()) handles.push_back(query.getColumn(0).getString());
  return handles;
}

long long Store::add_person(const Person& person, const std::string& created_at) {
  SQLite::Statement insert(
      m_db.handle(),
      "INSERT INTO people (handle, name, relation, cadence, slot_day, slot_time, length_minutes, "
      "tz, since, archived, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_person_fields(insert, person);
  insert.bind(11, created_at);
  insert.exec();
  return m_db.handle().getLastInsertRowid();
}

void Store::update_person(const Person& person) {
  SQLite::Statement update(
      m_db.handle(),
      "UPDATE people SET handle = ?, name = ?, relation = ?, cadence = ?, slot_day = ?, "
      "slot_time = ?, length_minutes = ?, tz = ?, since = ?, archived = ? WHERE id = ?");
  bind_person_fields(update, person);
  update.bind(11, static_cast<int64_t>(person.id));
  update.exec();
}

void Store::add_time_away(long long person_id, const domain::TimeAway& away) {
  SQLite::Statement insert(
      m_db.handle(),
      "INSERT INTO time_away (person_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(person_id));
  insert.bind(2, away.from);
  insert.bind(3, away.to);
  sql::bind_text_or_null(insert, 4, away.reason);
  insert.exec();
}

void Store::set_archived(long long person_id, bool archived) {
  SQLite::Statement update(m_db.handle(), "UPDATE people SET archived = ? WHERE id = ?");
  update.bind(1, archived ? 1 : 0);
  update.bind(2, static_cast<int64_t>(person_id));
  update.exec();
}

void Store::add_skip(long long person_id, const std::string& due_date, const std::string& reason,
                     const std::string& logged_at) {
  SQLite::Statement insert(
      m_db.handle(),
      "INSERT INTO skips (person_id, due_date, reason, logged_at) VALUES (?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(person_id));
  insert.bind(2, due_date);
  sql::bind_text_or_null(insert, 3, reason);
  insert.bind(4, logged_at);
  insert.exec();
}

std::vector<domain::Skip> Store::skips_for(long long person_id) {
  SQLite::Statement query(m_db.handle(),
                          "SELECT p.handle, s.due_date, s.reason FROM skips s JOIN people p ON "
                          "p.id = s.person_id WHERE s.person_id = ? ORDER BY s.due_date");
  query.bind(1, static_cast<int64_t>(person_id));
  std::vector<domain::Skip> skips;
  while (query.executeStep()) {
    skips.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                     sql::text_or_empty(query.getColumn(2))});
  }
  return skips;
}

}  // namespace mgr::storage
