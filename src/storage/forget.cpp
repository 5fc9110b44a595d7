// Forgetting a person: the removal, the clearing of freed space, and the byte search after it.
#include "storage/forget.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>

#include "domain/errors.hpp"
#include "domain/mentions.hpp"
#include "storage/decode.hpp"
#include "storage/statements.hpp"

namespace mgr::storage {

namespace {

using namespace domain;

void run(SQLite::Statement& statement) {
  statement.exec();
  statement.reset();
}

void rewrite_entries(SQLite::Database& db, const ForgetPlan& plan) {
  auto note = statement(db, "UPDATE entries SET note = ? WHERE id = ?");
  auto clear_tags = statement(db, "DELETE FROM entry_tags WHERE entry_id = ?");
  auto tag = statement(db, "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)");
  for (const auto& entry : plan.rewritten_entries) {
    bind_text_or_null(note, 1, entry.note);
    bind_id(note, 2, entry.id);
    run(note);
    bind_id(clear_tags, 1, entry.id);
    run(clear_tags);
    for (const auto& name : entry.tags) {
      bind_id(tag, 1, entry.id);
      tag.bind(2, name);
      run(tag);
    }
  }
}

void rewrite_items(SQLite::Database& db, const ForgetPlan& plan) {
  auto concern = statement(db, "UPDATE concerns SET text = ?, close_note = ? WHERE id = ?");
  for (const auto& r : plan.rewritten_concerns) {
    concern.bind(1, r.text);
    bind_text_or_null(concern, 2, r.close_note);
    bind_id(concern, 3, r.id);
    run(concern);
  }
  auto delegation = statement(db,
                              "UPDATE delegations SET outcome = ?, why = ?, constraints = ?, "
                              "close_note = ? WHERE id = ?");
  for (const auto& r : plan.rewritten_delegations) {
    delegation.bind(1, r.outcome);
    bind_text_or_null(delegation, 2, r.why);
    bind_text_or_null(delegation, 3, r.constraints);
    bind_text_or_null(delegation, 4, r.close_note);
    bind_id(delegation, 5, r.id);
    run(delegation);
  }
  const auto set_text = [&](const char* sql, const auto& records, auto text_of) {
    auto update = statement(db, sql);
    for (const auto& r : records) {
      bind_text_or_null(update, 1, text_of(r));
      bind_id(update, 2, r.id);
      run(update);
    }
  };
  set_text("UPDATE topics SET text = ? WHERE id = ?", plan.rewritten_topics,
           [](const TopicRecord& r) { return r.text; });
  set_text("UPDATE actions SET text = ? WHERE id = ?", plan.rewritten_actions,
           [](const ActionRecord& r) { return r.text; });
  set_text("UPDATE time_away SET reason = ? WHERE id = ?", plan.rewritten_time_away,
           [](const TimeAwayRecord& r) { return r.reason; });
  set_text("UPDATE skips SET reason = ? WHERE id = ?", plan.rewritten_skips,
           [](const SkipRecord& r) { return r.reason; });
  auto check = statement(db, "UPDATE self_checks SET note = ? WHERE month = ?");
  for (const auto& r : plan.rewritten_self_checks) {
    bind_text_or_null(check, 1, r.note);
    check.bind(2, date::format("%Y-%m", r.month));
    run(check);
  }
}

void clear_journal(SQLite::Database& db) {
  for (const char* sql : {"DELETE FROM journal_rows", "DELETE FROM journal",
                          "UPDATE journal_now SET change_id = NULL"}) {
    auto clear = statement(db, sql);
    clear.exec();
  }
}

std::string where(const Database& db) {
  return "database '" + db.path().string() + "'";
}

// A step of clear_free_space that failed: the person is gone already, the freed space not yet.
[[noreturn]] void step_failed(const Database& database, const char* what,
                              const SQLite::Exception& error) {
  const int code = error.getErrorCode() & 0xff;
  const std::string message = "the person was removed from " + where(database) + ", but " + what +
                              " failed: " + error.what();
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw TemporaryFailure(message,
                           "close the programs using the database, then run "
                           "`sqlite3 DB 'VACUUM'` to clear the freed space");
  throw Failure(message, "run `mgr doctor`; then `sqlite3 DB 'VACUUM'` clears the freed space");
}

// Moves the -wal into the file and empties it; false when a reader kept it from being emptied.
bool checkpoint(Database& database) {
  try {
    SQLite::Statement checkpoint{database.handle(), "PRAGMA wal_checkpoint(TRUNCATE)"};
    return checkpoint.executeStep() && checkpoint.getColumn(0).getInt() == 0;
  } catch (const SQLite::Exception& error) {
    step_failed(database, "emptying the write-ahead log", error);
  }
}

}  // namespace

std::vector<std::size_t> count_terms_in_file(const std::filesystem::path& file,
                                             const std::vector<std::string>& terms) {
  std::vector<std::size_t> counts(terms.size(), 0);
  std::ifstream in(file, std::ios::binary);
  if (!in) return counts;
  std::size_t longest = 1;
  for (const auto& term : terms) longest = std::max(longest, term.size());
  // Each chunk is searched with the end of the one before, so that a term across the border
  // is found once: only matches that reach into the new bytes are counted.
  constexpr std::size_t k_chunk = std::size_t{4} << 20;
  std::string carried;
  std::string buffer;
  std::vector<char> chunk(k_chunk);
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    buffer.assign(carried);
    buffer.append(chunk.data(), got);
    for (std::size_t i = 0; i < terms.size(); ++i) {
      const auto skip =
          carried.size() >= terms[i].size() ? carried.size() - terms[i].size() + 1 : 0;
      counts[i] += count_occurrences(std::string_view{buffer}.substr(skip), terms[i]);
    }
    carried = buffer.substr(buffer.size() - std::min(buffer.size(), longest - 1));
  }
  return counts;
}

std::int64_t journal_changes(Database& database) {
  auto count = statement(database.handle(), "SELECT count(*) FROM journal");
  count.executeStep();
  return count.getColumn(0).getInt64();
}

std::int64_t apply_forget(Database& database, const ForgetPlan& plan) {
  auto& db = database.handle();
  db.exec("PRAGMA secure_delete = ON");
  auto remove_entry = statement(db, "DELETE FROM entries WHERE id = ?");
  for (const auto id : plan.removed_entries) {
    bind_id(remove_entry, 1, id);
    run(remove_entry);
  }
  auto unlink = statement(db, "DELETE FROM entry_people WHERE person_id = ?");
  bind_id(unlink, 1, plan.person.person.id);
  run(unlink);
  rewrite_entries(db, plan);
  rewrite_items(db, plan);
  auto reminder = statement(db,
                            "DELETE FROM reminders_sent WHERE day = ? AND item = ? AND "
                            "person_id IS NULL");
  for (const auto& r : plan.removed_reminders) {
    bind_date(reminder, 1, r.day);
    reminder.bind(2, r.item);
    run(reminder);
  }
  // Their time away, delegations (with the check-ins on them), talking points, actions, skips,
  // moves and reminders go with them.
  auto person = statement(db, "DELETE FROM people WHERE id = ?");
  bind_id(person, 1, plan.person.person.id);
  run(person);
  const auto changes = journal_changes(database);
  clear_journal(db);
  return changes;
}

bool clear_free_space(Database& database) {
  checkpoint(database);
  try {
    database.handle().exec("VACUUM");
  } catch (const SQLite::Exception& error) {
    step_failed(database, "rebuilding the file without its free pages (VACUUM)", error);
  }
  return checkpoint(database);
}

std::vector<TermFound> search_database_files(const Database& db,
                                             const std::vector<std::string>& terms) {
  std::vector<TermFound> found;
  for (const char* suffix : {"", "-wal"}) {
    const std::filesystem::path file = db.path().string() + suffix;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) continue;
    const auto counts = count_terms_in_file(file, terms);
    for (std::size_t i = 0; i < terms.size(); ++i) found.push_back({file, terms[i], counts[i]});
  }
  return found;
}

}  // namespace mgr::storage
