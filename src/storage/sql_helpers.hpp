#pragma once
// Small helpers shared by the Store implementation files; storage-internal.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

namespace mgr::storage::sql {

inline void bind_text(SQLite::Statement& statement, int index,
                      const std::optional<std::string>& value) {
  if (value)
    statement.bind(index, *value);
  else
    statement.bind(index);
}

// Empty text is stored as NULL so that "no why given" reads the same in sqlite3 as in mgr.
inline void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& value) {
  if (value.empty())
    statement.bind(index);
  else
    statement.bind(index, value);
}

inline void bind_int(SQLite::Statement& statement, int index,
                     const std::optional<long long>& value) {
  if (value)
    statement.bind(index, static_cast<int64_t>(*value));
  else
    statement.bind(index);
}

inline std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

inline std::string text_or_empty(const SQLite::Column& column) {
  return column.isNull() ? std::string{} : column.getString();
}

inline std::optional<long long> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

}  // namespace mgr::storage::sql
