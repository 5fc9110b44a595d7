// The change journal: the statements that revert each command, recorded by the triggers of
// schema/0003_series_and_journal.sql while a change is open.
#include "storage/decode.hpp"
#include "storage/statements.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

std::optional<std::int64_t> Store::open_change() {
  auto query = statement(m_db.handle(), "SELECT change_id FROM journal_now");
  if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
  return query.getColumn(0).getInt64();
}

void Store::begin_change(domain::Instant made_at) {
  auto& db = m_db.handle();
  auto insert = statement(db, "INSERT INTO journal (made_at, summary) VALUES (?, '')");
  insert.bind(1, domain::format_instant(made_at));
  insert.exec();
  auto open = statement(db, "UPDATE journal_now SET change_id = ?");
  open.bind(1, static_cast<int64_t>(db.getLastInsertRowid()));
  open.exec();
}

void Store::end_change(const std::string& summary) {
  auto& db = m_db.handle();
  const auto change = open_change();
  if (!change) return;
  auto close = statement(db, "UPDATE journal_now SET change_id = NULL");
  close.exec();
  auto rows = statement(db, "SELECT count(*) FROM journal_rows WHERE change_id = ?");
  rows.bind(1, static_cast<int64_t>(*change));
  rows.executeStep();
  if (rows.getColumn(0).getInt64() == 0) {
    auto drop = statement(db, "DELETE FROM journal WHERE id = ?");
    drop.bind(1, static_cast<int64_t>(*change));
    drop.exec();
    return;
  }
  auto name = statement(db, "UPDATE journal SET summary = ? WHERE id = ?");
  name.bind(1, summary);
  name.bind(2, static_cast<int64_t>(*change));
  name.exec();
  auto prune = statement(db, "DELETE FROM journal WHERE id <= ?");
  prune.bind(1, static_cast<int64_t>(*change - k_journal_kept));
  prune.exec();
}

std::optional<JournalChange> Store::latest_change() {
  auto query = statement(m_db.handle(),
                         "SELECT id, made_at, summary FROM journal "
                         "WHERE id = (SELECT max(id) FROM journal)");
  if (!query.executeStep()) return std::nullopt;
  const Row row{query, "journal"};
  return JournalChange{row.id(), row.instant(1), row.text(2)};
}

void Store::undo_change(const JournalChange& change) {
  auto& db = m_db.handle();
  // The reverting statements restore parents and children in some order; the foreign keys are
  // checked when the transaction commits.
  db.exec("PRAGMA defer_foreign_keys = ON");
  auto rows =
      statement(db, "SELECT undo_sql FROM journal_rows WHERE change_id = ? ORDER BY seq DESC");
  rows.bind(1, static_cast<int64_t>(change.id));
  std::vector<std::string> statements;
  while (rows.executeStep()) statements.push_back(rows.getColumn(0).getString());
  for (const auto& sql : statements) db.exec(sql);
  auto drop = statement(db, "DELETE FROM journal WHERE id = ?");
  drop.bind(1, static_cast<int64_t>(change.id));
  drop.exec();
}

}  // namespace mgr::storage
