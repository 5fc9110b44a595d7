// Writing an import: every new record with its own id, through statements prepared once.
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/archive.hpp"
#include "storage/decode.hpp"
#include "storage/statements.hpp"

namespace mgr::storage {

namespace {

using namespace domain;

// Binds the values of one row in order, starting after parameter `before` (0: the first).
class Binder {
 public:
  explicit Binder(SQLite::Statement& statement, int before = 0)
      : m_statement(statement), m_index(before) {}
  Binder& id(std::int64_t value) {
    m_statement.bind(++m_index, static_cast<int64_t>(value));
    return *this;
  }
  Binder& text(const std::string& value) {
    m_statement.bind(++m_index, value);
    return *this;
  }
  // Text that outlives the statement's run (a record of the plan): bound without a copy.
  Binder& kept_text(const std::string& value) {
    m_statement.bindNoCopy(++m_index, value);
    return *this;
  }
  Binder& kept_text_or_null(const std::string& value) {
    if (value.empty())
      m_statement.bind(++m_index);
    else
      m_statement.bindNoCopy(++m_index, value);
    return *this;
  }
  // Empty text is stored as NULL, as everywhere in storage.
  Binder& text_or_null(const std::string& value) {
    bind_text_or_null(m_statement, ++m_index, value);
    return *this;
  }
  Binder& date(Date value) {
    bind_date(m_statement, ++m_index, value);
    return *this;
  }
  Binder& date(const std::optional<Date>& value) {
    bind_optional_date(m_statement, ++m_index, value);
    return *this;
  }
  Binder& instant(Instant value) {
    m_statement.bind(++m_index, format_instant(value));
    return *this;
  }
  template <typename Tag>
  Binder& id(const std::optional<Id<Tag>>& value) {
    bind_optional(m_statement, ++m_index,
                  value ? std::optional<std::int64_t>{value->value} : std::nullopt);
    return *this;
  }
  Binder& number(const std::optional<std::int64_t>& value) {
    bind_optional(m_statement, ++m_index, value);
    return *this;
  }
  Binder& null() {
    m_statement.bind(++m_index);
    return *this;
  }
  template <typename Enum>
  Binder& choice(Enum value) {
    bind_choice(m_statement, ++m_index, value);
    return *this;
  }
  template <typename Enum>
  Binder& choice(const std::optional<Enum>& value) {
    bind_optional_choice(m_statement, ++m_index, value);
    return *this;
  }
  void run() {
    m_statement.exec();
    m_statement.reset();
  }

 private:
  SQLite::Statement& m_statement;
  int m_index = 0;
};

// Rows inserted many to a statement (INSERT ... VALUES (...), (...), ...): each statement run
// costs a statement journal and the triggers' set-up, so a million one-row runs cost more than
// the rows themselves. `bind` binds one row through a Binder; the rows wait here, as `Row`
// values that refer into the plan, until a statement's worth is together.
template <typename Row, typename Bind>
class Batch {
 public:
  static constexpr std::size_t k_rows_per_statement = 64;

  Batch(SQLite::Database& db, std::string head, int columns, Bind bind)
      : m_db(db), m_head(std::move(head)), m_columns(columns), m_bind(std::move(bind)) {
    m_rows.reserve(k_rows_per_statement);
  }
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  ~Batch() = default;

  void add(Row row) {
    m_rows.push_back(std::move(row));
    if (m_rows.size() == k_rows_per_statement) flush();
  }

  // Writes the rows still waiting; call before anything that needs them in the database.
  void flush() {
    if (m_rows.empty()) return;
    auto& insert = statement_for(m_rows.size());
    int before = 0;
    for (const auto& row : m_rows) {
      Binder binder{insert, before};
      m_bind(binder, row);
      before += m_columns;
    }
    insert.exec();
    insert.reset();
    m_rows.clear();
  }

 private:
  SQLite::Statement& statement_for(std::size_t rows) {
    if (rows == k_rows_per_statement) {
      if (!m_full) m_full.emplace(statement(m_db, sql_for(rows)));
      return *m_full;
    }
    if (!m_rest || m_rest_rows != rows) {
      m_rest.emplace(statement(m_db, sql_for(rows)));
      m_rest_rows = rows;
    }
    return *m_rest;
  }

  std::string sql_for(std::size_t rows) const {
    std::string one = "(";
    for (int column = 0; column < m_columns; ++column) one += column == 0 ? "?" : ", ?";
    one += ")";
    std::string sql = m_head + " VALUES ";
    for (std::size_t row = 0; row < rows; ++row) sql += (row == 0 ? "" : ", ") + one;
    return sql;
  }

  SQLite::Database& m_db;
  std::string m_head;
  int m_columns;
  Bind m_bind;
  std::vector<Row> m_rows;
  std::optional<SQLite::Statement> m_full, m_rest;
  std::size_t m_rest_rows = 0;
};

template <typename Row, typename Bind>
Batch<Row, Bind> batch(SQLite::Database& db, std::string head, int columns, Bind bind) {
  return Batch<Row, Bind>(db, std::move(head), columns, std::move(bind));
}

std::optional<std::int64_t> minutes_of(const std::optional<Minutes>& value) {
  return value ? std::optional<std::int64_t>{value->count()} : std::nullopt;
}

// An import at least as large as the log already stored goes in with the entry tables' indexes
// and triggers set aside, and puts them back before it ends (all inside the one transaction, so
// a failure takes the schema back too). Row by row, every index costs a b-tree search per row,
// and a table with row triggers makes SQLite stage each multi-row INSERT in a temporary table
// and run the trigger programs per row; an index built at the end is one sort instead. What
// the set-aside triggers keep is then done for the whole table at once: the id check, each
// person's entries and their counts, and the minutes of each day. (The journal triggers have
// nothing to do during an import: write_import records the change whole.)
class EntryTablesSetAside {
 public:
  // Worth it when the rebuild, which reads what is already stored, is at most what is added.
  // (Counting stops there: a large log and a small file cost a short count.)
  static bool pays(SQLite::Database& db, std::size_t adding) {
    if (adding == 0) return false;
    auto stored = statement(db, "SELECT count(*) FROM (SELECT 1 FROM entries LIMIT ?)");
    stored.bind(1, static_cast<int64_t>(adding) + 1);
    stored.executeStep();
    return static_cast<std::size_t>(stored.getColumn(0).getInt64()) <= adding;
  }

  explicit EntryTablesSetAside(SQLite::Database& db) : m_db(db) {
    auto objects =
        statement(db,
                  "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', "
                  "'trigger') AND sql IS NOT NULL AND tbl_name IN ('entries', "
                  "'entry_people', 'entry_tags', 'person_entries') ORDER BY rowid");
    while (objects.executeStep())
      m_objects.push_back({objects.getColumn(0).getString(), objects.getColumn(1).getString(),
                           objects.getColumn(2).getString(), objects.getColumn(3).getString()});
    for (const auto& object : m_objects)
      m_db.exec("DROP " + object.type + " \"" + object.name + "\"");
  }

  // Does what the triggers would have done, then builds the indexes and puts the triggers back.
  void restore() {
    auto unallocated = statement(m_db,
                                 "SELECT e.id FROM entries e WHERE NOT EXISTS (SELECT 1 "
                                 "FROM ids WHERE id = e.id AND kind = 'entry') LIMIT 1");
    if (unallocated.executeStep())
      throw std::logic_error("import wrote entry " + unallocated.getColumn(0).getString() +
                             " without handing out its id");
    // The people's index first: person_entries is then filled in its own key order.
    build_indexes([](const SchemaObject& object) { return object.table != "person_entries"; });
    m_db.exec("DELETE FROM person_entries");
    m_db.exec(
        "INSERT INTO person_entries (person_id, entry_id, kind, date, cancelled) "
        "SELECT ep.person_id, e.id, e.kind, e.date, e.cancelled "
        "FROM entry_people ep JOIN entries e ON e.id = ep.entry_id "
        "ORDER BY ep.person_id, ep.entry_id");
    m_db.exec("DELETE FROM person_entry_counts");
    m_db.exec(
        "INSERT INTO person_entry_counts (person_id, entries) "
        "SELECT person_id, count(*) FROM person_entries GROUP BY person_id");
    build_indexes([](const SchemaObject& object) { return object.table == "person_entries"; });
    m_db.exec("DELETE FROM day_minutes");
    m_db.exec(
        "INSERT INTO day_minutes (kind, date, minutes) "
        "SELECT kind, date, sum(minutes) FROM entries "
        "WHERE kind IN ('ic', 'mgmt', 'learn', '1on1') AND cancelled = 0 "
        "AND minutes IS NOT NULL GROUP BY kind, date");
    for (const auto& object : m_objects)
      if (object.type == "trigger") m_db.exec(object.sql);
  }

 private:
  struct SchemaObject {
    std::string type, name, table, sql;
  };

  template <typename Which>
  void build_indexes(Which which) {
    for (const auto& object : m_objects)
      if (object.type == "index" && which(object)) m_db.exec(object.sql);
  }

  SQLite::Database& m_db;
  std::vector<SchemaObject> m_objects;
};

// The records go in parents first, each reference checked as it is written; an entry's concern
// and delegation (which refer back to it) are set once those are in.
class ImportWriter {
 public:
  ImportWriter(SQLite::Database& db, const ImportPlan& plan) : m_db(db), m_plan(plan) {}

  void write() {
    const auto& add = m_plan.additions;
    write_people(add.people);
    write_time_away(add.time_away);
    std::optional<EntryTablesSetAside> set_aside;
    if (EntryTablesSetAside::pays(m_db, add.entries.size())) set_aside.emplace(m_db);
    write_entries(add.entries);
    write_concerns(add.concerns);
    write_delegations(add.delegations);
    link_entries(add.entries);
    if (set_aside) set_aside->restore();
    write_topics(add.topics);
    write_actions(add.actions);
    write_series(add.skips, add.moves);
    write_reminders(add.reminders_sent);
    write_self_checks(add.self_checks);
    advance_id_sequence(add.last_id);
  }

 private:
  std::int64_t person_id(const std::string& handle) const {
    const auto found = m_plan.person_ids.find(handle);
    if (found == m_plan.person_ids.end())
      throw std::logic_error("import refers to a person not in the file: " + handle);
    return found->second.value;
  }

  void hand_out(SQLite::Statement& ids, std::int64_t id, const char* kind) {
    Binder{ids}.id(id).text(kind).run();
  }

  void write_people(const std::vector<PersonRecord>& records) {
    auto insert = statement(m_db,
                            "INSERT INTO people (id, handle, name, relation, cadence, slot_day, "
                            "slot_time, length_minutes, tz, since, archived, created_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& record : records) {
      const auto& p = record.person;
      Binder row{insert};
      row.id(p.id.value).text(p.handle).text_or_null(p.name).choice(p.relation);
      row.text(cadence_name(p.cadence));
      if (p.slot_day)
        row.text(weekday_name(*p.slot_day));
      else
        row.null();
      if (p.slot_time)
        row.text(format_clock_time(*p.slot_time));
      else
        row.null();
      row.id(p.length.count());
      if (p.zone != nullptr)
        row.text(p.zone->name());
      else
        row.null();
      row.date(p.since).id(p.archived ? 1 : 0).instant(record.created_at).run();
    }
  }

  void write_time_away(const std::vector<TimeAwayRecord>& records) {
    auto insert = statement(
        m_db,
        "INSERT INTO time_away (id, person_id, from_date, to_date, reason) VALUES (?, ?, ?, ?, ?)");
    for (const auto& r : records)
      Binder{insert}
          .id(r.id.value)
          .id(person_id(r.person))
          .date(r.from)
          .date(r.to)
          .text_or_null(r.reason)
          .run();
  }

  void write_entries(const std::vector<Entry>& records) {
    auto ids = batch<std::int64_t>(m_db, "INSERT OR IGNORE INTO ids (id, kind)", 2,
                                   [](Binder& row, std::int64_t id) { row.id(id).text("entry"); });
    auto entries = batch<const Entry*>(
        m_db,
        "INSERT INTO entries (id, kind, date, logged_at, note, minutes, mood, cancelled, "
        "polarity, status, learn_type)",
        11, [](Binder& row, const Entry* e) {
          row.id(e->id.value).choice(e->kind).date(e->date).instant(e->logged_at);
          row.kept_text_or_null(e->note).number(minutes_of(e->minutes));
          row.number(e->mood ? std::optional<std::int64_t>{*e->mood} : std::nullopt);
          row.id(e->cancelled ? 1 : 0).choice(e->polarity).choice(e->status);
          row.choice(e->learn_type);
        });
    struct Mention {
      std::int64_t entry, person, position;
    };
    auto people = batch<Mention>(
        m_db, "INSERT INTO entry_people (entry_id, person_id, position)", 3,
        [](Binder& row, const Mention& m) { row.id(m.entry).id(m.person).id(m.position); });
    struct Tag {
      std::int64_t entry;
      const std::string* tag;
    };
    auto tags = batch<Tag>(m_db, "INSERT INTO entry_tags (entry_id, tag)", 2,
                           [](Binder& row, const Tag& t) { row.id(t.entry).kept_text(*t.tag); });
    // An entry's id is handed out before the entry goes in, and the entry is in before its
    // people and tags: each batch is written before the next one needs it.
    const auto chunk = decltype(entries)::k_rows_per_statement;
    for (std::size_t start = 0; start < records.size(); start += chunk) {
      const auto end = std::min(records.size(), start + chunk);
      for (std::size_t i = start; i < end; ++i) ids.add(records[i].id.value);
      ids.flush();
      for (std::size_t i = start; i < end; ++i) entries.add(&records[i]);
      entries.flush();
      for (std::size_t i = start; i < end; ++i) {
        const auto& e = records[i];
        std::int64_t position = 0;
        for (const auto& handle : e.people)
          people.add(Mention{e.id.value, person_id(handle), position++});
        for (const auto& tag : e.tags) tags.add(Tag{e.id.value, &tag});
      }
    }
    people.flush();
    tags.flush();
  }

  void write_concerns(const std::vector<ConcernRecord>& records) {
    auto insert = statement(m_db,
                            "INSERT INTO concerns (id, text, opened, status, closed_date, "
                            "close_note) VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& r : records)
      Binder{insert}
          .id(r.id.value)
          .text(r.text)
          .date(r.opened)
          .choice(r.status)
          .date(r.closed)
          .text_or_null(r.close_note)
          .run();
  }

  void write_delegations(const std::vector<DelegationRecord>& records) {
    auto insert = statement(m_db,
                            "INSERT INTO delegations (id, person_id, outcome, why, due, checkin, "
                            "constraints, created, status, closed_date, close_note) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : records) {
      Binder row{insert};
      row.id(r.id.value).id(person_id(r.person)).text(r.outcome).text_or_null(r.why).date(r.due);
      row.text(cadence_name(r.checkin)).text_or_null(r.constraints).date(r.created);
      row.choice(r.status).date(r.closed).text_or_null(r.close_note).run();
    }
  }

  void link_entries(const std::vector<Entry>& records) {
    auto link =
        statement(m_db, "UPDATE entries SET concern_id = ?, delegation_id = ? WHERE id = ?");
    for (const auto& e : records)
      if (e.about || e.delegation) Binder{link}.id(e.about).id(e.delegation).id(e.id.value).run();
  }

  void write_topics(const std::vector<TopicRecord>& records) {
    auto ids = statement(m_db, "INSERT OR IGNORE INTO ids (id, kind) VALUES (?, ?)");
    auto insert = statement(m_db,
                            "INSERT INTO topics (id, person_id, text, created, status, "
                            "closed_date, covered_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : records) {
      hand_out(ids, r.id.value, "topic");
      Binder{insert}
          .id(r.id.value)
          .id(person_id(r.person))
          .text(r.text)
          .date(r.created)
          .choice(r.status)
          .date(r.closed)
          .id(r.covered_by)
          .run();
    }
  }

  void write_actions(const std::vector<ActionRecord>& records) {
    auto ids = statement(m_db, "INSERT OR IGNORE INTO ids (id, kind) VALUES (?, ?)");
    auto insert = statement(m_db,
                            "INSERT INTO actions (id, person_id, owner, text, created, due, "
                            "status, done_date, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : records) {
      hand_out(ids, r.id.value, "action");
      Binder row{insert};
      row.id(r.id.value).id(person_id(r.person)).choice(r.owner).text(r.text).date(r.created);
      row.date(r.due).choice(r.status).date(r.done).id(r.agreed_in).run();
    }
  }

  void write_series(const std::vector<SkipRecord>& skips, const std::vector<MoveRecord>& moves) {
    auto skip = statement(m_db,
                          "INSERT INTO skips (id, person_id, due_date, reason, logged_at) "
                          "VALUES (?, ?, ?, ?, ?)");
    for (const auto& r : skips)
      Binder{skip}
          .id(r.id.value)
          .id(person_id(r.person))
          .date(r.regular)
          .text_or_null(r.reason)
          .instant(r.logged_at)
          .run();
    auto move = statement(m_db,
                          "INSERT INTO moves (id, person_id, regular_date, to_date, to_time, "
                          "logged_at) VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& r : moves) {
      Binder row{move};
      row.id(r.id.value).id(person_id(r.person)).date(r.regular).date(r.to);
      if (r.time)
        row.text(format_clock_time(*r.time));
      else
        row.null();
      row.instant(r.logged_at).run();
    }
  }

  void write_reminders(const std::vector<ReminderSentRecord>& records) {
    auto insert = statement(m_db,
                            "INSERT INTO reminders_sent (day, item, person_id, sent_at, "
                            "message_id) VALUES (?, ?, ?, ?, ?)");
    for (const auto& r : records) {
      Binder row{insert};
      row.date(r.day).text(r.item);
      if (r.person.empty())
        row.null();
      else
        row.id(person_id(r.person));
      row.instant(r.sent_at).text(r.message_id).run();
    }
  }

  void write_self_checks(const std::vector<SelfCheckRecord>& records) {
    auto insert = statement(m_db,
                            "INSERT INTO self_checks (month, date, coaching, systems, letting_go, "
                            "hard_talks, ambiguity, craft_pull, focus_pull, note, logged_at) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& r : records) {
      Binder row{insert};
      row.text(date::format("%Y-%m", r.month)).date(r.date);
      for (const int answer : r.answers) row.id(answer);
      row.text_or_null(r.note).instant(r.logged_at).run();
    }
  }

  // The sequence of the one id space moves on past every id of the file (and of deleted things
  // the file's database had handed out), never back.
  void advance_id_sequence(std::int64_t last_id) {
    auto update =
        statement(m_db, "UPDATE sqlite_sequence SET seq = ? WHERE name = 'ids' AND seq < ?");
    Binder{update}.id(last_id).id(last_id).run();
    auto insert = statement(m_db,
                            "INSERT INTO sqlite_sequence (name, seq) SELECT 'ids', ? "
                            "WHERE ? > 0 AND NOT EXISTS (SELECT 1 FROM sqlite_sequence "
                            "WHERE name = 'ids')");
    Binder{insert}.id(last_id).id(last_id).run();
  }

  SQLite::Database& m_db;
  const ImportPlan& m_plan;
};

// `mgr undo` of an import: one statement per table and few hundred records, run newest first,
// so that what refers to a record goes before it. (Row-by-row journaling would double the
// work and the file.)
class ImportJournal {
 public:
  ImportJournal(SQLite::Database& db, const ImportPlan& plan, std::int64_t change)
      : m_db(db), m_plan(plan), m_change(change) {}

  void record(const Archive& added) {
    // Listed in the order written: undo runs them last first.
    remove_by_id("people", added.people, [](const PersonRecord& r) { return r.person.id.value; });
    remove_by_id("time_away", added.time_away, [](const auto& r) { return r.id.value; });
    remove_by_id("entries", added.entries, [](const auto& r) { return r.id.value; });
    remove_by_id("concerns", added.concerns, [](const auto& r) { return r.id.value; });
    remove_by_id("delegations", added.delegations, [](const auto& r) { return r.id.value; });
    remove_by_id("topics", added.topics, [](const auto& r) { return r.id.value; });
    remove_by_id("actions", added.actions, [](const auto& r) { return r.id.value; });
    remove_by_id("skips", added.skips, [](const auto& r) { return r.id.value; });
    remove_by_id("moves", added.moves, [](const auto& r) { return r.id.value; });
    for (const auto& r : added.reminders_sent)
      append("DELETE FROM reminders_sent WHERE day = '" + format_date(r.day) +
             "' AND item = CAST(X'" + hex(r.item) + "' AS TEXT) AND person_id IS " +
             (r.person.empty() ? "NULL" : std::to_string(m_plan.person_ids.at(r.person).value)));
    for (const auto& r : added.self_checks)
      append("DELETE FROM self_checks WHERE month = '" + date::format("%Y-%m", r.month) + "'");
  }

 private:
  static std::string hex(const std::string& bytes) {
    std::string out;
    char pair[3];
    for (const char byte : bytes) {
      std::snprintf(pair, sizeof pair, "%02x",
                    static_cast<unsigned>(static_cast<unsigned char>(byte)));
      out += pair;
    }
    return out;
  }

  template <typename Record, typename IdOf>
  void remove_by_id(const char* table, const std::vector<Record>& records, IdOf id_of) {
    constexpr std::size_t k_ids_per_statement = 500;
    for (std::size_t start = 0; start < records.size(); start += k_ids_per_statement) {
      std::string sql = std::string{"DELETE FROM "} + table + " WHERE id IN (";
      const auto end = std::min(records.size(), start + k_ids_per_statement);
      for (std::size_t i = start; i < end; ++i)
        sql += (i == start ? "" : ",") + std::to_string(id_of(records[i]));
      append(sql + ")");
    }
  }

  void append(const std::string& sql) {
    if (!m_insert)
      m_insert.emplace(
          statement(m_db, "INSERT INTO journal_rows (change_id, undo_sql) VALUES (?, ?)"));
    Binder{*m_insert}.id(m_change).text(sql).run();
  }

  SQLite::Database& m_db;
  const ImportPlan& m_plan;
  std::int64_t m_change;
  std::optional<SQLite::Statement> m_insert;
};

}  // namespace

void write_import(Database& database, const ImportPlan& plan) {
  auto& db = database.handle();
  // The change journal's triggers stay quiet while the records go in (journal_now empty), and
  // the change is recorded whole afterwards.
  std::optional<std::int64_t> change;
  {
    auto open = statement(db, "SELECT change_id FROM journal_now");
    if (open.executeStep() && !open.getColumn(0).isNull()) change = open.getColumn(0).getInt64();
  }
  auto set_open = statement(db, "UPDATE journal_now SET change_id = ?");
  set_open.bind(1);
  set_open.exec();
  ImportWriter{db, plan}.write();
  if (!change) return;
  set_open.reset();
  set_open.bind(1, static_cast<int64_t>(*change));
  set_open.exec();
  ImportJournal{db, plan, *change}.record(plan.additions);
}

}  // namespace mgr::storage
