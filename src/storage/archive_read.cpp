// Reading the whole database as an archive, table by table, for export and import.
#include <algorithm>
#include <unordered_set>

#include "storage/archive.hpp"
#include "storage/decode.hpp"
#include "storage/statements.hpp"

namespace mgr::storage {

namespace {

using namespace domain;

domain::PersonRecord person_from(const Row& row) {
  PersonRecord record;
  auto& person = record.person;
  person.id = PersonId{row.id()};
  person.handle = row.text(1);
  person.name = row.text(2);
  person.relation = row.choice<Relation>(3);
  person.cadence = row.cadence(4);
  person.slot_day = row.optional_weekday(5);
  person.slot_time = row.optional_clock_time(6);
  person.length = row.optional_minutes(7).value_or(Minutes{30});
  person.zone = row.optional_zone(8);
  person.since = row.date(9);
  person.archived = row.flag(10);
  record.created_at = row.instant(11);
  return record;
}

Entry entry_from(const Row& row) {
  Entry entry;
  entry.id = EntryId{row.id()};
  entry.kind = row.choice<EntryKind>(1);
  entry.date = row.date(2);
  entry.logged_at = row.instant(3);
  entry.note = row.text(4);
  entry.minutes = row.optional_minutes(5);
  if (auto mood = row.optional_integer(6)) entry.mood = static_cast<int>(*mood);
  entry.cancelled = row.flag(7);
  entry.polarity = row.optional_choice<Polarity>(8);
  entry.status = row.optional_choice<CheckinStatus>(9);
  entry.learn_type = row.optional_choice<LearnType>(10);
  if (auto about = row.optional_integer(11)) entry.about = ConcernId{*about};
  if (auto delegation = row.optional_integer(12)) entry.delegation = DelegationId{*delegation};
  return entry;
}

std::optional<EntryId> optional_entry(const Row& row, int column) {
  if (auto id = row.optional_integer(column)) return EntryId{*id};
  return std::nullopt;
}

// Runs `query` and hands each row, decoded by `decode`, to the sink as one section.
template <typename Decode>
void send_section(SQLite::Database& db, ArchiveSink& sink, Section section, const char* table,
                  const std::string& query, Decode decode) {
  sink.begin_section(section);
  auto rows = statement(db, query);
  while (rows.executeStep()) sink.add(decode(Row{rows, table}));
  sink.end_section(section);
}

// An entry's people and tags come from their own tables, read alongside the entries in the
// same order (a merge, rather than two subqueries per entry).
class EntryLinks {
 public:
  EntryLinks(SQLite::Database& db, const char* sql) : m_rows(statement(db, sql)) { advance(); }

  // The values of the rows for `entry`, in the order of their second column.
  std::vector<std::string> take(std::int64_t entry) {
    std::vector<std::pair<std::int64_t, std::string>> found;
    while (m_more && m_rows.getColumn(0).getInt64() < entry) advance();
    while (m_more && m_rows.getColumn(0).getInt64() == entry) {
      found.emplace_back(m_rows.getColumn(1).getInt64(), m_rows.getColumn(2).getString());
      advance();
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> values;
    values.reserve(found.size());
    for (auto& item : found) values.push_back(std::move(item.second));
    return values;
  }

 private:
  void advance() { m_more = m_rows.executeStep(); }

  SQLite::Statement m_rows;
  bool m_more = false;
};

void send_entries(SQLite::Database& db, ArchiveSink& sink) {
  sink.begin_section(Section::entries);
  EntryLinks people{db,
                    "SELECT ep.entry_id, ep.position, p.handle FROM entry_people ep "
                    "JOIN people p ON p.id = ep.person_id ORDER BY ep.entry_id"};
  EntryLinks tags{db, "SELECT entry_id, 0, tag FROM entry_tags ORDER BY entry_id, tag"};
  auto rows = statement(db,
                        "SELECT id, kind, date, logged_at, note, minutes, mood, cancelled, "
                        "polarity, status, learn_type, concern_id, delegation_id "
                        "FROM entries ORDER BY id");
  while (rows.executeStep()) {
    auto entry = entry_from(Row{rows, "entries"});
    entry.people = people.take(entry.id.value);
    entry.tags = tags.take(entry.id.value);
    sink.add(entry);
  }
  sink.end_section(Section::entries);
}

std::int64_t last_id(SQLite::Database& db) {
  auto query =
      statement(db,
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'ids'), "
                "0), coalesce((SELECT max(id) FROM ids), 0))");
  query.executeStep();
  return query.getColumn(0).getInt64();
}

SelfCheckRecord self_check_from(const Row& row) {
  SelfCheckRecord record;
  const auto month = row.text(1);
  const auto first_day = parse_iso_date(month + "-01");
  if (month.size() != 7 || !first_day)
    throw DamagedValue("self_checks", row.id(), "month", month, "a month (YYYY-MM)");
  const date::year_month_day day{*first_day};
  record.month = day.year() / day.month();
  record.date = row.date(2);
  for (std::size_t i = 0; i < record.answers.size(); ++i)
    record.answers[i] = static_cast<int>(row.integer(3 + static_cast<int>(i)));
  record.note = row.text(10);
  record.logged_at = row.instant(11);
  return record;
}

}  // namespace

void read_archive(Database& database, ArchiveSink& sink) {
  auto& db = database.handle();
  Archive header;
  header.last_id = last_id(db);
  sink.begin(header);
  send_section(db, sink, Section::people, "people",
               "SELECT id, handle, name, relation, cadence, slot_day, slot_time, length_minutes, "
               "tz, since, archived, created_at FROM people ORDER BY id",
               person_from);
  send_section(
      db, sink, Section::time_away, "time_away",
      "SELECT t.id, p.handle, t.from_date, t.to_date, t.reason FROM time_away t "
      "JOIN people p ON p.id = t.person_id ORDER BY t.id",
      [](const Row& row) {
        return TimeAwayRecord{AwayId{row.id()}, row.text(1), row.date(2), row.date(3), row.text(4)};
      });
  send_entries(db, sink);
  send_section(db, sink, Section::concerns, "concerns",
               "SELECT id, text, opened, status, closed_date, close_note FROM concerns "
               "ORDER BY id",
               [](const Row& row) {
                 return ConcernRecord{ConcernId{row.id()},  row.text(1),
                                      row.date(2),          row.choice<ConcernStatus>(3),
                                      row.optional_date(4), row.text(5)};
               });
  send_section(db, sink, Section::delegations, "delegations",
               "SELECT d.id, p.handle, d.outcome, d.why, d.due, d.checkin, d.constraints, "
               "d.created, d.status, d.closed_date, d.close_note FROM delegations d "
               "JOIN people p ON p.id = d.person_id ORDER BY d.id",
               [](const Row& row) {
                 return DelegationRecord{DelegationId{row.id()},
                                         row.text(1),
                                         row.text(2),
                                         row.text(3),
                                         row.optional_date(4),
                                         row.cadence(5),
                                         row.text(6),
                                         row.date(7),
                                         row.choice<DelegationStatus>(8),
                                         row.optional_date(9),
                                         row.text(10)};
               });
  send_section(
      db, sink, Section::topics, "topics",
      "SELECT t.id, p.handle, t.text, t.created, t.status, t.closed_date, t.covered_by "
      "FROM topics t JOIN people p ON p.id = t.person_id ORDER BY t.id",
      [](const Row& row) {
        return TopicRecord{
            TopicId{row.id()},          row.text(1),          row.text(2),           row.date(3),
            row.choice<TopicStatus>(4), row.optional_date(5), optional_entry(row, 6)};
      });
  send_section(db, sink, Section::actions, "actions",
               "SELECT a.id, p.handle, a.owner, a.text, a.created, a.due, a.status, a.done_date, "
               "a.entry_id FROM actions a JOIN people p ON p.id = a.person_id ORDER BY a.id",
               [](const Row& row) {
                 return ActionRecord{ActionId{row.id()},
                                     row.text(1),
                                     row.choice<Owner>(2),
                                     row.text(3),
                                     row.date(4),
                                     row.optional_date(5),
                                     row.choice<ActionStatus>(6),
                                     row.optional_date(7),
                                     optional_entry(row, 8)};
               });
  send_section(
      db, sink, Section::skips, "skips",
      "SELECT s.id, p.handle, s.due_date, s.reason, s.logged_at FROM skips s "
      "JOIN people p ON p.id = s.person_id ORDER BY s.id",
      [](const Row& row) {
        return SkipRecord{SkipId{row.id()}, row.text(1), row.date(2), row.text(3), row.instant(4)};
      });
  send_section(db, sink, Section::moves, "moves",
               "SELECT m.id, p.handle, m.regular_date, m.to_date, m.to_time, m.logged_at "
               "FROM moves m JOIN people p ON p.id = m.person_id ORDER BY m.id",
               [](const Row& row) {
                 return MoveRecord{
                     MoveId{row.id()},           row.text(1),   row.date(2), row.date(3),
                     row.optional_clock_time(4), row.instant(5)};
               });
  send_section(db, sink, Section::reminders_sent, "reminders_sent",
               "SELECT r.rowid, r.day, r.item, coalesce(p.handle, ''), r.sent_at, r.message_id "
               "FROM reminders_sent r LEFT JOIN people p ON p.id = r.person_id "
               "ORDER BY r.day, r.item, coalesce(p.handle, '')",
               [](const Row& row) {
                 return ReminderSentRecord{row.date(1), row.text(2), row.text(3), row.instant(4),
                                           row.text(5)};
               });
  // Self-checks have no row id; the month as a number names one in an error.
  send_section(db, sink, Section::self_checks, "self_checks",
               "SELECT CAST(replace(month, '-', '') AS INTEGER), month, date, coaching, systems, "
               "letting_go, hard_talks, ambiguity, craft_pull, focus_pull, note, logged_at "
               "FROM self_checks ORDER BY month",
               self_check_from);
  sink.end();
}

}  // namespace mgr::storage
