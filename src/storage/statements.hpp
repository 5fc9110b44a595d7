#pragma once
// Storage-internal: every statement is prepared through here, which holds the rule that queries
// run inside Database::read() or write() (so their errors are translated and a command sees one
// snapshot).
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace mgr::storage {

inline void require_transaction(SQLite::Database& db, const std::string& sql) {
  if (sqlite3_get_autocommit(db.getHandle()) != 0)
    throw std::logic_error("storage query outside Database::read() or write(): " + sql);
}

inline SQLite::Statement statement(SQLite::Database& db, const std::string& sql) {
  require_transaction(db, sql);
  return SQLite::Statement(db, sql);
}

// Statements kept prepared by their SQL text for the life of one Store, so that a command that
// runs the same query many times (a schedule per person, a window per month) parses it once.
// A lease hands one out unbound, and resets it when it ends, so that no kept statement holds a
// read open past its transaction. The same SQL asked for again while leased
// (a query run inside its own loop) gets a statement of its own.
class StatementLease {
 public:
  StatementLease(SQLite::Statement& kept, bool& busy) : m_statement(&kept), m_busy(&busy) {}
  explicit StatementLease(std::unique_ptr<SQLite::Statement> own)
      : m_own(std::move(own)), m_statement(m_own.get()) {}
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  StatementLease(StatementLease&& other) noexcept
      : m_own(std::move(other.m_own)),
        m_statement(other.m_statement),
        m_busy(std::exchange(other.m_busy, nullptr)) {}
  StatementLease& operator=(StatementLease&&) = delete;
  ~StatementLease() {
    if (m_busy == nullptr) return;
    m_statement->tryReset();
    *m_busy = false;
  }
  SQLite::Statement& operator*() const { return *m_statement; }

 private:
  std::unique_ptr<SQLite::Statement> m_own;
  SQLite::Statement* m_statement = nullptr;
  bool* m_busy = nullptr;
};

class StatementCache {
 public:
  StatementLease lease(SQLite::Database& db, const std::string& sql) {
    require_transaction(db, sql);
    auto& kept = m_kept[sql];
    if (kept.busy) return StatementLease{std::make_unique<SQLite::Statement>(db, sql)};
    if (!kept.statement) kept.statement = std::make_unique<SQLite::Statement>(db, sql);
    kept.statement->clearBindings();
    kept.busy = true;
    return StatementLease{*kept.statement, kept.busy};
  }

 private:
  struct Kept {
    std::unique_ptr<SQLite::Statement> statement;
    bool busy = false;
  };
  std::unordered_map<std::string, Kept> m_kept;
};

}  // namespace mgr::storage
