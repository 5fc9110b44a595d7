#pragma once
// Storage-internal: every statement is prepared through here, which holds the rule that queries
// run inside Database::read() or write() (so their errors are translated and a command sees one
// snapshot).
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>

namespace mgr::storage {

inline SQLite::Statement statement(SQLite::Database& db, const std::string& sql) {
  if (sqlite3_get_autocommit(db.getHandle()) != 0)
    throw std::logic_error("storage query outside Database::read() or write(): " + sql);
  return SQLite::Statement(db, sql);
}

}  // namespace mgr::storage
