#pragma once
// Storage-internal: binding typed values to statements and decoding columns back into the
// typed model. A stored value that does not decode (edited by hand, or damaged) is reported as
// DamagedValue, naming the table, the row and the value; Database turns it into a Failure
// (exit 1) that names the file and points to `mgr doctor`.
#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/clock.hpp"
#include "domain/model.hpp"
#include "domain/parse.hpp"

namespace mgr::storage {

class DamagedValue : public std::runtime_error {
 public:
  DamagedValue(const std::string& table, std::int64_t row, const std::string& column,
               const std::string& value, const std::string& expected)
      : std::runtime_error(table + " row " + std::to_string(row) + ": " + column + " is '" + value +
                           "', not " + expected) {}
};

// Reads one row of `table`, whose id is in the first column, into typed values.
class Row {
 public:
  Row(SQLite::Statement& statement, const char* table)
      : m_row(statement), m_table(table), m_id(statement.getColumn(0).getInt64()) {}

  std::int64_t id() const { return m_id; }
  std::int64_t integer(int column) const { return m_row.getColumn(column).getInt64(); }
  std::optional<std::int64_t> optional_integer(int column) const;
  bool flag(int column) const { return m_row.getColumn(column).getInt() != 0; }
  std::string text(int column) const;  // NULL reads as empty
  std::optional<std::string> optional_text(int column) const;
  // A group_concat() column split on `separator`; empty for NULL.
  std::vector<std::string> list(int column, char separator) const;

  domain::Date date(int column) const;
  std::optional<domain::Date> optional_date(int column) const;
  domain::Instant instant(int column) const;
  domain::Cadence cadence(int column) const;
  std::optional<date::weekday> optional_weekday(int column) const;
  std::optional<domain::Minutes> optional_clock_time(int column) const;
  std::optional<domain::Minutes> optional_minutes(int column) const;
  // A whole number from `low` to `high` (a self-check answer).
  int integer_between(int column, int low, int high) const;
  // nullptr for NULL (the user's zone).
  const domain::Zone* optional_zone(int column) const;

  template <typename Enum>
  Enum choice(int column) const {
    const auto stored = text_in_place(column);
    if (auto value = domain::enum_from_name<Enum>(stored)) return *value;
    throw damaged(column, std::string{stored}, "a known value");
  }
  template <typename Enum>
  std::optional<Enum> optional_choice(int column) const {
    if (m_row.isColumnNull(column)) return std::nullopt;
    return choice<Enum>(column);
  }

 private:
  // The column's text as SQLite holds it, valid until the row moves on: the review reads dates
  // and kinds by the hundred thousand, so they are parsed in place rather than copied.
  std::string_view text_in_place(int column) const;
  DamagedValue damaged(int column, const std::string& value, const std::string& expected) const;

  SQLite::Statement& m_row;
  const char* m_table;
  std::int64_t m_id;
};

// Binding: std::nullopt and empty text are stored as NULL, so that "not given" reads the same
// in sqlite3 as in mgr.
void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& value);
void bind_optional(SQLite::Statement& statement, int index,
                   const std::optional<std::string>& value);
void bind_optional(SQLite::Statement& statement, int index,
                   const std::optional<std::int64_t>& value);
void bind_date(SQLite::Statement& statement, int index, domain::Date value);
void bind_optional_date(SQLite::Statement& statement, int index,
                        const std::optional<domain::Date>& value);
template <typename Tag>
void bind_id(SQLite::Statement& statement, int index, domain::Id<Tag> id) {
  statement.bind(index, static_cast<int64_t>(id.value));
}
template <typename Enum>
void bind_choice(SQLite::Statement& statement, int index, Enum value) {
  statement.bind(index, std::string{domain::name_of(value)});
}
template <typename Enum>
void bind_optional_choice(SQLite::Statement& statement, int index,
                          const std::optional<Enum>& value) {
  if (value)
    bind_choice(statement, index, *value);
  else
    statement.bind(index);
}

}  // namespace mgr::storage
