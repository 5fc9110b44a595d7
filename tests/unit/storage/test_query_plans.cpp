// Every query the daily commands run uses an index on the big tables: a test records the
// statements each command's reads and writes execute (sqlite3_trace_v2) on a populated
// database, asks SQLite for each one's plan, and fails on a full scan of entries, entry_people
// or the journal. The speed itself is measured in contrib/bench/, not here.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "domain/review.hpp"
#include "storage/database.hpp"
#include "storage/store.hpp"
#include "storage_test_support.hpp"

using namespace mgr::domain;
using namespace storage_test;
using mgr::storage::Database;
using mgr::storage::EntryFilter;
using mgr::storage::Store;

namespace {

// The SQL of every statement executed on a connection while it lives, parameters filled in.
class StatementRecorder {
 public:
  explicit StatementRecorder(SQLite::Database& db) : m_db(db) {
    sqlite3_trace_v2(m_db.getHandle(), SQLITE_TRACE_STMT, &StatementRecorder::record, this);
  }
  ~StatementRecorder() { sqlite3_trace_v2(m_db.getHandle(), 0, nullptr, nullptr); }
  StatementRecorder(const StatementRecorder&) = delete;
  StatementRecorder& operator=(const StatementRecorder&) = delete;

  const std::set<std::string>& statements() const { return m_statements; }

 private:
  static int record(unsigned, void* self, void* statement, void* text) {
    auto* recorder = static_cast<StatementRecorder*>(self);
    // Statements run by triggers are reported as comments: their own plans are not ours.
    if (static_cast<const char*>(text)[0] == '-') return 0;
    char* expanded = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(statement));
    if (expanded != nullptr) {
      recorder->m_statements.insert(expanded);
      sqlite3_free(expanded);
    }
    return 0;
  }

  SQLite::Database& m_db;
  std::set<std::string> m_statements;
};

bool is_plain_statement(const std::string& sql) {
  for (const char* skip : {"BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT", "RELEASE"})
    if (sql.rfind(skip, 0) == 0) return true;
  return false;
}

// The plan lines of `sql` that read all of a big table.
std::vector<std::string> full_scans(SQLite::Database& db, const std::string& sql) {
  static const std::set<std::string> k_big = {"entries", "e",       "entry_people", "ep",
                                              "ep2",     "journal", "journal_rows"};
  std::vector<std::string> scans;
  SQLite::Statement plan(db, "EXPLAIN QUERY PLAN " + sql);
  while (plan.executeStep()) {
    const std::string detail = plan.getColumn(3).getString();
    if (detail.rfind("SCAN ", 0) != 0 || detail.find(" USING ") != std::string::npos) continue;
    const auto table = detail.substr(5, detail.find(' ', 5) - 5);
    if (k_big.count(table) != 0) scans.push_back(detail);
  }
  return scans;
}

// Two years of a team's log: a few thousand entries of every kind.
void populate(Database& db, Store& store) {
  db.write([&] {
    std::vector<PersonId> people;
    for (const char* handle : {"alice", "bob", "carol", "erin"}) {
      Person person;
      person.handle = handle;
      person.since = storage_test::day("2025-01-06");
      person.slot_day = date::Tuesday;
      person.relation = std::string{handle} == "erin" ? Relation::manager : Relation::report;
      people.push_back(store.add_person(person, *parse_instant("2025-01-06T09:00:00Z")));
    }
    const Instant logged = *parse_instant("2026-11-26T09:00:00Z");
    std::optional<DelegationId> delegation;
    for (int i = 0; i < 700; ++i) {
      const Date when = storage_test::day("2025-01-06") + date::days{i};
      const auto who = people[static_cast<std::size_t>(i) % people.size()];
      Entry entry;
      entry.date = when;
      entry.logged_at = logged;
      entry.note = "note " + std::to_string(i);
      entry.kind = EntryKind::one_on_one;
      entry.minutes = Minutes{30};
      store.record_one_on_one(entry, who, {}, {"mine"}, {});
      entry.kind = EntryKind::feedback;
      entry.minutes.reset();
      entry.polarity = i % 3 == 0 ? Polarity::constructive : Polarity::positive;
      store.record_entry(entry, {who});
      entry.polarity.reset();
      entry.kind = EntryKind::ic;
      entry.minutes = Minutes{60};
      store.record_entry(entry, {});
      if (i % 30 == 0) {
        entry.kind = EntryKind::concern;
        entry.minutes.reset();
        store.record_concern(entry, {who});
        entry.kind = EntryKind::delegate;
        Delegation handed;
        handed.outcome = "outcome " + std::to_string(i);
        delegation = store.record_delegation(entry, who, handed);
        store.add_topic(who, "topic", when);
        store.add_action(who, Owner::me, "promise", when, when + date::days{7});
      }
      if (delegation) {
        entry.kind = EntryKind::checkin;
        entry.minutes.reset();
        entry.delegation = delegation;
        store.record_entry(entry, {who});
        entry.delegation.reset();
      }
    }
  });
}

}  // namespace

TEST_CASE("the queries of the daily commands use indexes on the big tables", "[storage][plan]") {
  TempDir dir;
  auto db = Database::open_for_writing(dir.path() / "mgr.db");
  Store store{db};
  populate(db, store);

  StatementRecorder recorder{db.handle()};
  const auto week =
      week_containing(storage_test::day("2026-11-26"), storage_test::day("2026-11-26"));
  db.read([&] {
    const auto alice = *store.find_person("alice");
    store.agenda_input();           // today, schedule, remind
    store.prep_input(alice);        // prep
    store.review_input(week, 140);  // review
    EntryFilter timeline;           // person show
    timeline.person = alice.id;
    timeline.limit = 20;
    store.list_entries(timeline);
    store.count_entries_of(alice.id);
    store.list_topics(alice.id, false);
    store.list_actions(alice.id, std::nullopt, false);
    store.list_delegations(alice.id, false);
    store.list_concerns(alice.id, false);
    store.closed_delegations_of(alice.id, 10);
    store.closed_concerns_of(alice.id, 10);
    store.count_closed_delegations_of(alice.id);
    store.count_closed_concerns_of(alice.id);
    store.closed_delegations_of(alice.id, std::nullopt);  // person show --all
    store.closed_concerns_of(alice.id, std::nullopt);
    store.list_delegations(alice.id, true);  // delegation list --all
    store.list_concerns(alice.id, true);     // concern list --all
    timeline.limit.reset();                  // person show --all
    store.each_entry(timeline, [](const Entry&) {});
    EntryFilter recent;  // history --limit 50
    recent.limit = 50;
    store.list_entries(recent);
    recent.kind = EntryKind::ic;
    recent.since = storage_test::day("2026-01-01");
    store.list_entries(recent);
    store.last_entry_date();
    store.latest_change();
    store.self_check_of_month("2026-11");  // reflect
    store.self_check_before_month("2026-11");
    store.self_checks(storage_test::day("2016-01-01"), storage_test::day("2026-11-26"));
    store.log_window(storage_test::day("2025-11-01"), storage_test::day("2025-11-01"),
                     storage_test::day("2026-11-26"), storage_test::day("2026-11-26"));  // progress
  });
  db.write([&] {  // log, with the journal
    store.begin_change(*parse_instant("2026-11-26T10:00:00Z"));
    Entry entry;
    entry.kind = EntryKind::ic;
    entry.date = storage_test::day("2026-11-26");
    entry.logged_at = *parse_instant("2026-11-26T10:00:00Z");
    entry.minutes = Minutes{30};
    store.record_entry(entry, {});
    store.end_change("logged");
  });

  std::size_t checked = 0;
  for (const auto& sql : recorder.statements()) {
    if (is_plain_statement(sql)) continue;
    ++checked;
    INFO(sql);
    CHECK(full_scans(db.handle(), sql).empty());
  }
  CHECK(checked >= 20);
}

TEST_CASE("the plan check sees a full scan", "[storage][plan]") {
  TempDir dir;
  auto db = Database::open_for_writing(dir.path() / "mgr.db");
  CHECK(full_scans(db.handle(), "SELECT count(*) FROM entries WHERE note LIKE '%x%'").size() == 1);
  CHECK(full_scans(db.handle(), "SELECT * FROM entries e WHERE e.date >= '2026-01-01'").empty());
}
