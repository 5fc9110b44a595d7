// What the database already holds of an archive about to be imported.
#include <unordered_set>

#include "storage/archive.hpp"
#include "storage/decode.hpp"
#include "storage/statements.hpp"

namespace mgr::storage {

namespace {

using namespace domain;

// Keeps, of what the database holds, only the records that share a key with the file.
class Overlap : public ArchiveSink {
 public:
  explicit Overlap(const Archive& incoming) {
    for (const auto& record : incoming.people) {
      m_people.insert(record.person.id.value);
      m_handles.insert(record.person.handle);
    }
    collect(incoming.time_away, m_away);
    collect(incoming.entries, m_numbered);
    collect(incoming.topics, m_numbered);
    collect(incoming.actions, m_numbered);
    collect(incoming.skips, m_skips);
    collect(incoming.moves, m_moves);
    for (const auto& record : incoming.reminders_sent) m_items.insert(record.item);
    for (const auto& record : incoming.self_checks)
      m_months.insert(date::format("%Y-%m", record.month));
  }

  Archive existing;

  void begin(const Archive& header) override { existing.last_id = header.last_id; }
  void begin_section(Section) override {}
  void add(const PersonRecord& record) override {
    if (m_people.count(record.person.id.value) != 0 || m_handles.count(record.person.handle) != 0)
      existing.people.push_back(record);
  }
  void add(const TimeAwayRecord& record) override { keep(record, m_away, existing.time_away); }
  void add(const Entry& record) override { keep(record, m_numbered, existing.entries); }
  void add(const ConcernRecord& record) override { keep(record, m_numbered, existing.concerns); }
  void add(const DelegationRecord& record) override {
    keep(record, m_numbered, existing.delegations);
  }
  void add(const TopicRecord& record) override { keep(record, m_numbered, existing.topics); }
  void add(const ActionRecord& record) override { keep(record, m_numbered, existing.actions); }
  void add(const SkipRecord& record) override { keep(record, m_skips, existing.skips); }
  void add(const MoveRecord& record) override { keep(record, m_moves, existing.moves); }
  void add(const ReminderSentRecord& record) override {
    if (m_items.count(record.item) != 0) existing.reminders_sent.push_back(record);
  }
  void add(const SelfCheckRecord& record) override {
    if (m_months.count(date::format("%Y-%m", record.month)) != 0)
      existing.self_checks.push_back(record);
  }
  void end_section(Section) override {}
  void end() override {}

 private:
  using Ids = std::unordered_set<std::int64_t>;
  template <typename Record>
  static void collect(const std::vector<Record>& records, Ids& ids) {
    for (const auto& record : records) ids.insert(record.id.value);
  }
  template <typename Record>
  static void keep(const Record& record, const Ids& ids, std::vector<Record>& into) {
    if (ids.count(record.id.value) != 0) into.push_back(record);
  }

  Ids m_people, m_away, m_numbered, m_skips, m_moves;
  std::unordered_set<std::string> m_handles, m_items, m_months;
};

bool holds_anything(SQLite::Database& db) {
  auto query = statement(db,
                         "SELECT EXISTS (SELECT 1 FROM people) OR EXISTS (SELECT 1 FROM ids) OR "
                         "EXISTS (SELECT 1 FROM reminders_sent) OR "
                         "EXISTS (SELECT 1 FROM self_checks)");
  query.executeStep();
  return query.getColumn(0).getInt() != 0;
}

std::int64_t last_id(SQLite::Database& db) {
  auto query =
      statement(db, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'ids'), 0)");
  query.executeStep();
  return query.getColumn(0).getInt64();
}

void load_handed_out(SQLite::Database& db, const Archive& incoming, ImportBase& base) {
  std::unordered_set<std::int64_t> wanted;
  std::int64_t lowest = 0, highest = 0;
  const auto want = [&](std::int64_t id) {
    lowest = wanted.empty() ? id : std::min(lowest, id);
    highest = wanted.empty() ? id : std::max(highest, id);
    wanted.insert(id);
  };
  for (const auto& record : incoming.entries) want(record.id.value);
  for (const auto& record : incoming.topics) want(record.id.value);
  for (const auto& record : incoming.actions) want(record.id.value);
  if (wanted.empty()) return;
  auto query = statement(db, "SELECT id, kind FROM ids WHERE id BETWEEN ? AND ?");
  query.bind(1, static_cast<int64_t>(lowest));
  query.bind(2, static_cast<int64_t>(highest));
  while (query.executeStep()) {
    const auto id = query.getColumn(0).getInt64();
    if (wanted.count(id) == 0) continue;
    const std::string kind = query.getColumn(1).getString();
    base.handed_out.emplace(id, kind == "topic"    ? IdKind::topic
                                : kind == "action" ? IdKind::action
                                                   : IdKind::entry);
  }
}

}  // namespace

ImportBase import_base(Database& database, const Archive& incoming) {
  auto& db = database.handle();
  ImportBase base;
  base.last_id = last_id(db);
  if (!holds_anything(db)) return base;
  Overlap overlap{incoming};
  read_archive(database, overlap);
  base.existing = std::move(overlap.existing);
  load_handed_out(db, incoming, base);
  return base;
}

}  // namespace mgr::storage
