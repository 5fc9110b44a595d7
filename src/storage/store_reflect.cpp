// The monthly self-checks of `mgr reflect`: one row per calendar month.
#include "storage/decode.hpp"
#include "storage/statements.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

namespace {

// Column 0 stands in for the id Row expects: a self-check is keyed by its month.
constexpr const char* k_self_check_columns =
    "NULL, date, coaching, systems, letting_go, hard_talks, ambiguity, craft_pull, focus_pull, "
    "note, logged_at";

domain::SelfCheck self_check_from(const Row& row) {
  domain::SelfCheck check;
  check.date = row.date(1);
  for (std::size_t i = 0; i < domain::k_statement_count; ++i)
    check.answers[i] = row.integer_between(static_cast<int>(i) + 2, 1, 5);
  check.note = row.text(9);
  check.logged_at = row.instant(10);
  return check;
}

}  // namespace

std::optional<domain::SelfCheck> Store::self_check_of_month(const std::string& month) {
  auto query = statement(m_db.handle(), std::string("SELECT ") + k_self_check_columns +
                                            " FROM self_checks WHERE month = ?");
  query.bind(1, month);
  if (!query.executeStep()) return std::nullopt;
  return self_check_from(Row{query, "self_checks"});
}

std::optional<domain::SelfCheck> Store::self_check_before_month(const std::string& month) {
  auto query = statement(m_db.handle(), std::string("SELECT ") + k_self_check_columns +
                                            " FROM self_checks WHERE month < ? "
                                            "ORDER BY month DESC LIMIT 1");
  query.bind(1, month);
  if (!query.executeStep()) return std::nullopt;
  return self_check_from(Row{query, "self_checks"});
}

void Store::save_self_check(const domain::SelfCheck& check) {
  auto& db = m_db.handle();
  const auto month = domain::month_of(check.date);
  // Delete and insert rather than upsert, so that the journal holds the old row to restore.
  auto remove = statement(db, "DELETE FROM self_checks WHERE month = ?");
  remove.bind(1, month);
  remove.exec();
  auto insert = statement(db,
                          "INSERT INTO self_checks (month, date, coaching, systems, letting_go, "
                          "hard_talks, ambiguity, craft_pull, focus_pull, note, logged_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, month);
  bind_date(insert, 2, check.date);
  for (std::size_t i = 0; i < domain::k_statement_count; ++i)
    insert.bind(static_cast<int>(i) + 3, check.answers[i]);
  bind_text_or_null(insert, 10, check.note);
  insert.bind(11, domain::format_instant(check.logged_at));
  insert.exec();
}

std::vector<domain::SelfCheck> Store::self_checks(domain::Date from, domain::Date to) {
  auto lease = cached(std::string("SELECT ") + k_self_check_columns +
                      " FROM self_checks WHERE month BETWEEN ? AND ? ORDER BY month");
  auto& query = *lease;
  query.bind(1, domain::month_of(from));
  query.bind(2, domain::month_of(to));
  std::vector<domain::SelfCheck> checks;
  while (query.executeStep()) {
    auto check = self_check_from(Row{query, "self_checks"});
    if (check.date >= from && check.date <= to) checks.push_back(std::move(check));
  }
  return checks;
}

std::vector<domain::SelfCheck> Store::all_self_checks() {
  auto query = statement(m_db.handle(), std::string("SELECT ") + k_self_check_columns +
                                            " FROM self_checks ORDER BY month");
  std::vector<domain::SelfCheck> checks;
  while (query.executeStep()) checks.push_back(self_check_from(Row{query, "self_checks"}));
  return checks;
}

std::optional<domain::Date> Store::last_self_check(domain::Date on_or_before) {
  auto lease = cached("SELECT NULL, max(date) FROM self_checks WHERE month <= ? AND date <= ?");
  auto& query = *lease;
  query.bind(1, domain::month_of(on_or_before));
  bind_date(query, 2, on_or_before);
  if (!query.executeStep()) return std::nullopt;
  return Row{query, "self_checks"}.optional_date(1);
}

}  // namespace mgr::storage
