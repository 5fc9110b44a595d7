// What `mgr remind` reads, and what it records once a reminder was e-mailed.
#include "storage/decode.hpp"
#include "storage/statements.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

domain::AgendaInput Store::reminder_input(domain::Date day) {
  auto input = agenda_input();
  // For another day than today, what was logged by then.
  auto last = statement(m_db.handle(), "SELECT max(date) FROM entries WHERE date <= ?");
  bind_date(last, 1, day);
  input.last_logged.reset();
  if (last.executeStep() && !last.getColumn(0).isNull())
    input.last_logged = domain::parse_iso_date(last.getColumn(0).getString());
  return input;
}

std::vector<std::pair<std::string, std::string>> Store::reminded_items(domain::Date day) {
  auto query = statement(m_db.handle(),
                         "SELECT r.item, coalesce(p.handle, '') FROM reminders_sent r "
                         "LEFT JOIN people p ON p.id = r.person_id WHERE r.day = ?");
  bind_date(query, 1, day);
  std::vector<std::pair<std::string, std::string>> sent;
  while (query.executeStep())
    sent.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getString());
  return sent;
}

void Store::record_reminded(domain::Date day, const std::vector<domain::ReminderItem>& items,
                            domain::Instant sent_at, const std::string& message_id) {
  auto& db = m_db.handle();
  auto insert = statement(db,
                          "INSERT OR REPLACE INTO reminders_sent "
                          "(day, item, person_id, sent_at, message_id) "
                          "VALUES (?, ?, (SELECT id FROM people WHERE handle = ?), ?, ?)");
  for (const auto& item : items) {
    bind_date(insert, 1, day);
    insert.bind(2, item.key);
    // Only a 1:1's key needs its person to be told apart; the others carry their own id.
    if (item.kind == domain::ReminderKind::one_on_one)
      insert.bind(3, item.person);
    else
      insert.bind(3);
    insert.bind(4, domain::format_instant(sent_at));
    insert.bind(5, message_id);
    insert.exec();
    insert.reset();
  }
}

}  // namespace mgr::storage
