#include "storage/decode.hpp"

namespace mgr::storage {

DamagedValue Row::damaged(int column, const std::string& value, const std::string& expected) const {
  return DamagedValue(m_table, m_id, m_row.getColumnName(column), value, expected);
}

std::optional<std::int64_t> Row::optional_integer(int column) const {
  const auto value = m_row.getColumn(column);
  if (value.isNull()) return std::nullopt;
  return value.getInt64();
}

std::string Row::text(int column) const {
  const auto value = m_row.getColumn(column);
  return value.isNull() ? std::string{} : value.getString();
}

std::optional<std::string> Row::optional_text(int column) const {
  const auto value = m_row.getColumn(column);
  if (value.isNull()) return std::nullopt;
  return value.getString();
}

std::vector<std::string> Row::list(int column, char separator) const {
  std::vector<std::string> parts;
  const auto joined = text(column);
  if (joined.empty()) return parts;
  std::size_t start = 0;
  for (;;) {
    const auto at = joined.find(separator, start);
    parts.push_back(joined.substr(start, at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

std::string_view Row::text_in_place(int column) const {
  const auto value = m_row.getColumn(column);
  return {value.getText(), static_cast<std::size_t>(value.getBytes())};
}

domain::Date Row::date(int column) const {
  const auto stored = text_in_place(column);
  if (auto day = domain::parse_iso_date(stored)) return *day;
  throw damaged(column, std::string{stored}, "a date (YYYY-MM-DD)");
}

std::optional<domain::Date> Row::optional_date(int column) const {
  if (m_row.isColumnNull(column)) return std::nullopt;
  return date(column);
}

domain::Instant Row::instant(int column) const {
  const auto stored = text(column);
  if (auto instant = domain::parse_instant(stored)) return *instant;
  throw damaged(column, stored, "a UTC time (YYYY-MM-DDTHH:MM:SSZ)");
}

domain::Cadence Row::cadence(int column) const {
  const auto stored = text(column);
  if (auto cadence = domain::cadence_from_name(stored)) return *cadence;
  throw damaged(column, stored, "a cadence (weekly, biweekly, monthly, Nd or none)");
}

std::optional<date::weekday> Row::optional_weekday(int column) const {
  const auto stored = optional_text(column);
  if (!stored) return std::nullopt;
  for (unsigned day = 0; day < 7; ++day)
    if (domain::weekday_name(date::weekday{day}) == *stored) return date::weekday{day};
  throw damaged(column, *stored, "a weekday (mon..sun)");
}

std::optional<domain::Minutes> Row::optional_clock_time(int column) const {
  const auto stored = optional_text(column);
  if (!stored) return std::nullopt;
  try {
    return domain::parse_clock_time(*stored);
  } catch (const UsageError&) {
    throw damaged(column, *stored, "a time (HH:MM)");
  }
}

std::optional<domain::Minutes> Row::optional_minutes(int column) const {
  const auto stored = optional_integer(column);
  if (!stored) return std::nullopt;
  if (*stored <= 0 || *stored > 24L * 60)
    throw damaged(column, std::to_string(*stored), "a number of minutes from 1 to 1440");
  return domain::Minutes{*stored};
}

int Row::integer_between(int column, int low, int high) const {
  const auto stored = integer(column);
  if (stored < low || stored > high || !m_row.getColumn(column).isInteger())
    throw damaged(column, text(column),
                  "a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  return static_cast<int>(stored);
}

const domain::Zone* Row::optional_zone(int column) const {
  const auto stored = optional_text(column);
  if (!stored) return nullptr;
  try {
    return domain::find_zone(*stored);
  } catch (const UsageError&) {
    throw damaged(column, *stored, "a time zone of the tz database");
  }
}

void bind_text_or_null(SQLite::Statement& statement, int index, const std::string& value) {
  if (value.empty())
    statement.bind(index);
  else
    statement.bind(index, value);
}

void bind_optional(SQLite::Statement& statement, int index,
                   const std::optional<std::string>& value) {
  if (value)
    statement.bind(index, *value);
  else
    statement.bind(index);
}

void bind_optional(SQLite::Statement& statement, int index,
                   const std::optional<std::int64_t>& value) {
  if (value)
    statement.bind(index, static_cast<int64_t>(*value));
  else
    statement.bind(index);
}

void bind_date(SQLite::Statement& statement, int index, domain::Date value) {
  statement.bind(index, domain::format_date(value));
}

void bind_optional_date(SQLite::Statement& statement, int index,
                        const std::optional<domain::Date>& value) {
  if (value)
    bind_date(statement, index, *value);
  else
    statement.bind(index);
}

}  // namespace mgr::storage
