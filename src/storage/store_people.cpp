// People, their time away and their 1:1 series.

#include "storage/decode.hpp"
#include "storage/statements.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

using domain::Person;

namespace {

constexpr const char* k_person_columns =
    "id, handle, name, relation, cadence, slot_day, slot_time, length_minutes, tz, since, "
    "archived";

Person person_from(const Row& row) {
  Person person;
  person.id = domain::PersonId{row.id()};
  person.handle = row.text(1);
  person.name = row.text(2);
  person.relation = row.choice<domain::Relation>(3);
  person.cadence = row.cadence(4);
  person.slot_day = row.optional_weekday(5);
  person.slot_time = row.optional_clock_time(6);
  person.length = row.optional_minutes(7).value_or(domain::Minutes{30});
  person.zone = row.optional_zone(8);
  person.since = row.date(9);
  person.archived = row.flag(10);
  return person;
}

constexpr const char* k_time_away =
    "SELECT id, from_date, to_date, reason FROM time_away WHERE person_id = ? ORDER BY from_date";

// `query` is k_time_away, reset and unbound.
void load_time_away(SQLite::Statement& query, Person& person) {
  bind_id(query, 1, person.id);
  while (query.executeStep()) {
    const Row row{query, "time_away"};
    person.away.push_back({domain::AwayId{row.id()}, row.date(1), row.date(2), row.text(3)});
  }
  query.reset();
  query.clearBindings();
}

void bind_person_fields(SQLite::Statement& statement, const Person& person) {
  statement.bind(1, person.handle);
  bind_text_or_null(statement, 2, person.name);
  bind_choice(statement, 3, person.relation);
  statement.bind(4, domain::cadence_name(person.cadence));
  bind_optional(statement, 5,
                person.slot_day ? std::optional<std::string>{domain::weekday_name(*person.slot_day)}
                                : std::nullopt);
  bind_optional(statement, 6,
                person.slot_time
                    ? std::optional<std::string>{domain::format_clock_time(*person.slot_time)}
                    : std::nullopt);
  statement.bind(7, static_cast<int64_t>(person.length.count()));
  bind_optional(statement, 8,
                person.zone ? std::optional<std::string>{person.zone->name()} : std::nullopt);
  bind_date(statement, 9, person.since);
  statement.bind(10, person.archived ? 1 : 0);
}

}  // namespace

std::optional<Person> Store::find_person(const std::string& handle) {
  auto lease = cached(std::string("SELECT ") + k_person_columns + " FROM people WHERE handle = ?");
  auto& query = *lease;
  query.bind(1, handle);
  if (!query.executeStep()) return std::nullopt;
  Person person = person_from(Row{query, "people"});
  load_time_away(*cached(k_time_away), person);
  return person;
}

std::vector<Person> Store::list_people(bool include_archived) {
  std::vector<Person> people;
  {
    auto lease = cached(std::string("SELECT ") + k_person_columns +
                        " FROM people WHERE archived = 0 OR ? ORDER BY handle");
    auto& query = *lease;
    query.bind(1, include_archived ? 1 : 0);
    while (query.executeStep()) people.push_back(person_from(Row{query, "people"}));
  }
  auto time_away = cached(k_time_away);
  for (auto& person : people) load_time_away(*time_away, person);
  return people;
}

std::vector<std::string> Store::all_handles() {
  auto query = statement(m_db.handle(), "SELECT handle FROM people ORDER BY handle");
  std::vector<std::string> handles;
  while (query.executeStep()) handles.push_back(query.getColumn(0).getString());
  return handles;
}

domain::PersonId Store::add_person(const Person& person, domain::Instant created) {
  auto insert = statement(
      m_db.handle(),
      "INSERT INTO people (handle, name, relation, cadence, slot_day, slot_time, length_minutes, "
      "tz, since, archived, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_person_fields(insert, person);
  insert.bind(11, domain::format_instant(created));
  insert.exec();
  return domain::PersonId{m_db.handle().getLastInsertRowid()};
}

void Store::update_person(const Person& person) {
  auto update =
      statement(m_db.handle(),
                "UPDATE people SET handle = ?, name = ?, relation = ?, cadence = ?, slot_day = ?, "
                "slot_time = ?, length_minutes = ?, tz = ?, since = ?, archived = ? WHERE id = ?");
  bind_person_fields(update, person);
  bind_id(update, 11, person.id);
  update.exec();
}

domain::AwayId Store::add_time_away(domain::PersonId person, const domain::TimeAway& away) {
  auto insert = statement(
      m_db.handle(),
      "INSERT INTO time_away (person_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)");
  bind_id(insert, 1, person);
  bind_date(insert, 2, away.from);
  bind_date(insert, 3, away.to);
  bind_text_or_null(insert, 4, away.reason);
  insert.exec();
  return domain::AwayId{m_db.handle().getLastInsertRowid()};
}

bool Store::remove_time_away(domain::PersonId person, domain::AwayId away) {
  auto remove = statement(m_db.handle(), "DELETE FROM time_away WHERE id = ? AND person_id = ?");
  bind_id(remove, 1, away);
  bind_id(remove, 2, person);
  return remove.exec() > 0;
}

void Store::set_archived(domain::PersonId person, bool archived) {
  auto update = statement(m_db.handle(), "UPDATE people SET archived = ? WHERE id = ?");
  update.bind(1, archived ? 1 : 0);
  bind_id(update, 2, person);
  update.exec();
}

domain::PersonSchedule Store::schedule_of(const Person& person,
                                          std::optional<domain::Date> history_from,
                                          std::optional<domain::Date> history_to) {
  const auto until = history_to ? domain::format_date(*history_to) : std::string{"9999-12-31"};
  domain::PersonSchedule schedule{person, {}, {}, {}};
  // The series rule looks back about two cadences from the last held 1:1; three, to be safe.
  auto last_lease = cached(
      "SELECT max(date) FROM person_entries WHERE person_id = ? AND "
      "kind = '1on1' AND cancelled = 0 AND date <= ?");
  auto& last = *last_lease;
  bind_id(last, 1, person.id);
  last.bind(2, until);
  last.executeStep();
  std::optional<domain::Date> from = history_from;
  if (!last.getColumn(0).isNull()) {
    const auto cadence = person.cadence;
    const int per = cadence.unit == domain::Cadence::Unit::months ? 31 * cadence.count
                                                                  : std::max(cadence.count, 1);
    const auto held_from = Row{last, "person_entries"}.date(0) - date::days{3 * per + 7};
    if (!from || held_from < *from) from = held_from;
  }
  // Held ones first, then cancelled ones, each by date: the order of person_entries_held, so
  // the rows come from that index alone.
  auto one_on_ones_lease = cached(
      "SELECT entry_id, date, cancelled FROM person_entries "
      "WHERE person_id = ? AND kind = '1on1' AND cancelled IN (0, 1) AND date >= ? AND date <= ? "
      "ORDER BY cancelled, date");
  auto& one_on_ones = *one_on_ones_lease;
  bind_id(one_on_ones, 1, person.id);
  // Without a held 1:1, every one since the start counts.
  if (from)
    bind_date(one_on_ones, 2, *from);
  else
    one_on_ones.bind(2, "0000-01-01");
  one_on_ones.bind(3, until);
  while (one_on_ones.executeStep()) {
    const Row row{one_on_ones, "person_entries"};
    (row.flag(2) ? schedule.history.cancelled : schedule.history.held).push_back(row.date(1));
  }
  auto skips_lease =
      cached("SELECT id, due_date, reason FROM skips WHERE person_id = ? ORDER BY due_date, id");
  auto& skips = *skips_lease;
  bind_id(skips, 1, person.id);
  while (skips.executeStep()) {
    const Row row{skips, "skips"};
    schedule.skips.push_back({row.date(1), row.text(2)});
  }
  // One Move per occurrence: the latest wins, and how often it moved counts.
  auto moves_lease = cached(
      "SELECT max(id), regular_date, to_date, to_time, count(*) FROM "
      "(SELECT * FROM moves WHERE person_id = ? ORDER BY id) "
      "GROUP BY regular_date ORDER BY regular_date");
  auto& moves = *moves_lease;
  bind_id(moves, 1, person.id);
  while (moves.executeStep()) {
    const Row row{moves, "moves"};
    schedule.moves.push_back(
        {row.date(1), row.date(2), row.optional_clock_time(3), static_cast<int>(row.integer(4))});
  }
  return schedule;
}

std::vector<domain::PersonSchedule> Store::active_schedules(
    std::optional<domain::Date> history_from, std::optional<domain::Date> history_to) {
  std::vector<domain::PersonSchedule> schedules;
  for (const auto& person : list_people(false))
    if (!person.cadence.is_none())
      schedules.push_back(schedule_of(person, history_from, history_to));
  return schedules;
}

void Store::add_skip(domain::PersonId person, const domain::Skip& skip, domain::Instant logged) {
  auto insert =
      statement(m_db.handle(),
                "INSERT INTO skips (person_id, due_date, reason, logged_at) VALUES (?, ?, ?, ?)");
  bind_id(insert, 1, person);
  bind_date(insert, 2, skip.regular);
  bind_text_or_null(insert, 3, skip.reason);
  insert.bind(4, domain::format_instant(logged));
  insert.exec();
}

}  // namespace mgr::storage

namespace mgr::storage {

void Store::add_move(domain::PersonId person, const domain::Move& move, domain::Instant logged) {
  auto insert =
      statement(m_db.handle(),
                "INSERT INTO moves (person_id, regular_date, to_date, to_time, logged_at) "
                "VALUES (?, ?, ?, ?, ?)");
  bind_id(insert, 1, person);
  bind_date(insert, 2, move.regular);
  bind_date(insert, 3, move.to);
  bind_optional(
      insert, 4,
      move.time ? std::optional<std::string>{domain::format_clock_time(*move.time)} : std::nullopt);
  insert.bind(5, domain::format_instant(logged));
  insert.exec();
}

}  // namespace mgr::storage
