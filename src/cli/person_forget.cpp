// mgr person forget: erase a person and every trace of them from the database file.
#include <fmt/format.h>

#include <algorithm>

#include "cli/common.hpp"
#include "domain/forget.hpp"
#include "domain/mentions.hpp"
#include "storage/archive.hpp"
#include "storage/backup.hpp"
#include "storage/forget.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;
using util::count_of;

// Shorter terms occur inside too many other words (and in the file's own structures) for a
// byte search to say anything.
constexpr std::size_t k_shortest_searched = 3;

struct Loaded {
  domain::ForgetPlan plan;
  std::int64_t undo_changes = 0;
};

Loaded load_plan(storage::Database& db, const std::string& handle) {
  storage::Store store{db};
  const auto person = require_person(store, handle);
  const auto terms = domain::mention_terms(person, store.list_people(true));
  domain::ArchiveCollector about;
  domain::SubjectFilter filter{person.handle, terms.terms, about};
  storage::read_archive(db, filter);
  return {domain::plan_forget(about.archive, terms), storage::journal_changes(db)};
}

template <typename IdType>
std::string id_list(const std::vector<IdType>& ids) {
  constexpr std::size_t k_listed = 12;
  std::string text;
  for (std::size_t i = 0; i < ids.size() && i < k_listed; ++i)
    text += fmt::format("{}#{}", i == 0 ? "" : " ", ids[i].value);
  if (ids.size() > k_listed) text += fmt::format(" and {} more", ids.size() - k_listed);
  return text;
}

std::string quoted_terms(const std::vector<std::string>& terms) {
  std::string text;
  for (const auto& term : terms) text += (text.empty() ? "'" : ", '") + shown(term) + "'";
  return text;
}

// What goes with the person (the same list before and after).
std::vector<std::string> removal_lines(const domain::ForgetPlan& plan, std::int64_t undo_changes) {
  std::vector<std::string> lines;
  const auto& person = plan.person.person;
  lines.push_back("the profile of " + shown(person.handle) +
                  (person.name.empty() ? "" : " (" + shown(person.name) + ")"));
  if (!plan.removed_entries.empty())
    lines.push_back(count_of(plan.removed_entries.size(), "entry", "entries") +
                    " about them alone and what those opened: " + id_list(plan.removed_entries));
  std::vector<std::string> items;
  const auto add = [&](std::size_t count, const char* one, const char* many) {
    if (count > 0) items.push_back(count_of(count, one, many));
  };
  add(plan.removed_delegations.size(), "delegation", "delegations");
  add(plan.removed_topics, "talking point", "talking points");
  add(plan.removed_actions, "action item", "action items");
  add(plan.removed_time_away, "stretch of time away", "stretches of time away");
  add(plan.removed_skips, "skipped 1:1", "skipped 1:1s");
  add(plan.removed_moves, "moved 1:1", "moved 1:1s");
  add(plan.removed_reminders.size(), "record of a reminder e-mailed",
      "records of reminders e-mailed");
  if (!items.empty()) {
    std::string joined;
    for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
    lines.push_back(joined);
  }
  if (!plan.shared_entries.empty())
    lines.push_back("their place in " +
                    count_of(plan.shared_entries.size(), "shared entry", "shared entries") +
                    " (the others stay): " + id_list(plan.shared_entries));
  if (plan.rewritten_count() > 0)
    lines.push_back("every mention of " + quoted_terms(plan.terms.terms) + " in " +
                    count_of(plan.rewritten_count(), "other record", "other records") +
                    ", replaced by " + std::string{domain::k_scrubbed});
  lines.push_back(
      fmt::format("the whole undo history ({}), which holds old values of changed records",
                  count_of(static_cast<std::size_t>(undo_changes), "change", "changes")));
  return lines;
}

// The files of the default backup folder that hold one of the terms.
std::vector<fs::path> backups_holding(const Context& ctx, const std::vector<std::string>& terms) {
  std::vector<fs::path> holding;
  std::error_code ec;
  const auto folder = storage::default_backup_folder(ctx.db_path);
  for (fs::directory_iterator it{folder, ec}, end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const auto counts = storage::count_terms_in_file(it->path(), terms);
    if (std::any_of(counts.begin(), counts.end(), [](std::size_t n) { return n > 0; }))
      holding.push_back(it->path());
  }
  std::sort(holding.begin(), holding.end());
  return holding;
}

std::vector<std::string> searchable(const std::vector<std::string>& terms) {
  std::vector<std::string> kept;
  for (const auto& term : terms)
    if (term.size() >= k_shortest_searched) kept.push_back(term);
  return kept;
}

void print_backups(Context& ctx, const std::vector<std::string>& terms) {
  const auto backups = backups_holding(ctx, searchable(terms));
  // mgr cannot reach copies kept elsewhere (another folder, another disk, a sent export).
  if (backups.empty()) {
    ctx.out << "Backups and exports made earlier still hold them; none is in "
            << shown(storage::default_backup_folder(ctx.db_path).string()) << ".\n";
    return;
  }
  ctx.out << "Backups and exports made earlier still hold them. These in "
          << shown(storage::default_backup_folder(ctx.db_path).string())
          << " do; delete those you do not need:\n";
  for (const auto& backup : backups) ctx.out << "  " << shown(backup.string()) << "\n";
}

void print_notes(Context& ctx, const domain::ForgetPlan& plan) {
  if (!plan.terms.shared.empty())
    ctx.out << quoted_terms(plan.terms.shared) << (plan.terms.shared.size() == 1 ? " is" : " are")
            << " also part of someone else's name: a mention of that alone is kept.\n";
}

void preview(Context& ctx, const std::string& handle) {
  std::error_code ec;
  if (!fs::exists(ctx.db_path, ec)) throw UsageError(unknown_person(handle));
  auto db = ctx.open_for_reading(true);
  if (!db) throw UsageError(unknown_person(handle));
  const auto loaded = db->read([&] { return load_plan(*db, handle); });
  const auto& person = loaded.plan.person.person;
  ctx.out << "`mgr person forget " << shown(person.handle) << " --yes` would remove:\n";
  for (const auto& line : removal_lines(loaded.plan, loaded.undo_changes))
    ctx.out << "  " << line << "\n";
  print_notes(ctx, loaded.plan);
  print_backups(ctx, loaded.plan.terms.terms);
  ctx.out << "Nothing was changed. Forgetting cannot be undone; `mgr export --person "
          << shown(person.handle) << "` shows everything it would take away.\n";
}

void forget(Context& ctx, const std::string& handle) {
  auto db = ctx.open_for_writing(unknown_person(handle));
  // Not through change_and_confirm: nothing of the person may be journaled, and the journal goes.
  const auto loaded = db.write([&] {
    auto plan = load_plan(db, handle).plan;
    const auto changes = storage::apply_forget(db, plan);
    return Loaded{std::move(plan), changes};
  });
  ctx.committed = true;
  const bool wal_emptied = storage::clear_free_space(db);
  const auto& plan = loaded.plan;
  const auto terms = searchable(plan.terms.terms);
  const auto found = storage::search_database_files(db, terms);

  ctx.out << "forgot " << shown(plan.person.person.handle) << "; removed:\n";
  for (const auto& line : removal_lines(plan, loaded.undo_changes)) ctx.out << "  " << line << "\n";
  ctx.out << "Forgetting cannot be undone: the undo history is empty now.\n";
  print_notes(ctx, plan);
  std::string files;
  for (const auto& hit : found)
    if (files.find(hit.file.string()) == std::string::npos)
      files += (files.empty() ? "" : " and ") + shown(hit.file.string());
  const bool clean =
      std::all_of(found.begin(), found.end(), [](const auto& hit) { return hit.count == 0; });
  if (terms.empty())
    ctx.out << "No byte search of the file: the handle and name are too short to tell them "
               "from other bytes.\n";
  else
    ctx.out << "Byte search of " << files << " for " << quoted_terms(terms) << ": "
            << (clean ? "not found" : "still found") << ".\n";
  for (const auto& hit : found)
    if (hit.count > 0)
      ctx.out << fmt::format(
          "  '{}' occurs {} time{} in {}, inside other words or text mgr does not "
          "rewrite (other people's names); `sqlite3 DB .dump | grep -i` shows where\n",
          shown(hit.term), hit.count, hit.count == 1 ? "" : "s", shown(hit.file.string()));
  for (const auto& term : plan.terms.terms)
    if (term.size() < k_shortest_searched)
      ctx.out << "  '" << shown(term) << "' is too short to search for on its own.\n";
  if (!wal_emptied)
    ctx.out << "The write-ahead log could not be emptied while another program reads the "
               "database; run the forget's last step again with `sqlite3 DB 'PRAGMA "
               "wal_checkpoint(TRUNCATE)'` once it is closed.\n";
  print_backups(ctx, plan.terms.terms);
}

}  // namespace

void register_person_forget_command(CLI::App& app, CommandTable& table, Context& ctx) {
  auto* person = app.get_subcommand("person");
  struct Options {
    std::string handle;
    bool yes = false;
  };
  auto options = std::make_shared<Options>();
  auto* forget_command = person->add_subcommand(
      "forget", "Erase a person and everything about them, leaving no trace in the file");
  forget_command->add_option("HANDLE", options->handle, "Who")->required();
  forget_command->add_flag("--yes", options->yes,
                           "Really do it (without it, only lists what would go)");
  forget_command->footer(
      "Removes their profile, the entries about them alone, their delegations, talking\n"
      "points, actions, time away, skips, moves and reminder records; takes them off\n"
      "shared entries and replaces every mention of their handle or name elsewhere with\n"
      "[removed]; clears the undo history (which holds old values). Then the freed space\n"
      "is overwritten and the file rebuilt (secure_delete, a checkpoint, VACUUM), and the\n"
      "file and its -wal are searched byte by byte for them. It cannot be undone.\n"
      "Backups and exports made earlier still hold the person: the receipt names the\n"
      "backups in the default backup folder.");
  table.add(forget_command, [&ctx, options] {
    if (options->yes)
      forget(ctx, options->handle);
    else
      preview(ctx, options->handle);
  });
}

}  // namespace mgr::cli
