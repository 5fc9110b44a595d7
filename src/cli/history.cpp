// Looking back and fixing mistakes: history, entry show|edit|delete, undo.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

void show_history(Context& ctx, const std::string& handle, const std::string& kind,
                  const std::string& since, const std::string& until, const std::string& limit,
                  const std::string& format) {
  storage::EntryFilter filter;
  if (!kind.empty()) {
    if (!domain::is_entry_kind(kind)) {
      std::vector<std::string> kinds(std::begin(domain::k_entry_kinds),
                                     std::end(domain::k_entry_kinds));
      auto close = domain::closest_match(kind, kinds);
      throw UsageError("unknown kind '" + kind + "'",
                       close ? "did you mean '" + *close + "'?" : "see `mgr log --help`");
    }
    filter.kind = kind;
  }
  if (!since.empty()) filter.since = parse_user_date(ctx, since);
  if (!until.empty()) filter.until = parse_user_date(ctx, until);
  if (!limit.empty()) filter.limit = domain::parse_id(limit, "--limit");
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  if (!handle.empty()) filter.person_id = require_person(store, handle).id;
  print_list(ctx, format, store.list_entries(filter), entry_json, "Nothing logged matches.",
             [&](const domain::Entry& entry) { print_entry(ctx.out, entry); });
}

domain::Entry require_entry(storage::Store& store, long long id) {
  auto entry = store.find_entry(id);
  if (!entry) throw UsageError("unknown entry #" + std::to_string(id), "see `mgr history`");
  return *entry;
}

void show_entry(Context& ctx, const std::string& id_text, const std::string& format) {
  const long long id = domain::parse_id(id_text, "entry");
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  const auto entry = require_entry(store, id);
  if (format == "json") return print_json(ctx.out, entry_json(entry));
  // One entry on its own: the note exactly as stored, after a blank line, so it can be copied.
  ctx.out << entry_summary(entry) << "\n";
  if (entry.note.empty()) return;
  ctx.out << "\n" << entry.note << (entry.note.back() == '\n' ? "" : "\n");
}

void edit_entry(Context& ctx, const std::string& id_text, const std::string& date_text,
                const std::string& note, bool note_given) {
  const long long id = domain::parse_id(id_text, "entry");
  if (date_text.empty() && !note_given)
    throw UsageError("nothing to change", "pass --date DATE and/or --note TEXT");
  std::optional<std::string> date;
  if (!date_text.empty()) date = parse_user_date(ctx, date_text);
  if (note_given) check_text(note, "the note");
  auto db = ctx.open_for_writing("unknown entry #" + std::to_string(id));
  storage::Store store{db};
  domain::Entry entry;
  db.write([&] {
    entry = require_entry(store, id);
    if (date) entry.date = *date;
    if (note_given) entry.note = note;
    if (entry.kind == "concern" && entry.note.empty())
      throw UsageError("a concern needs its text; resolve or drop it instead");
    store.update_entry(id, entry.date, entry.note);
  });
  ctx.out << "updated " << entry_summary(entry) << "\n";
}

// Deleting a delegation with check-ins would silently drop them too; ask for those first.
void delete_entry_checked(storage::Store& store, const domain::Entry& entry) {
  if (entry.kind == "delegate") {
    const auto count = store.count_entries_about_delegation(entry.id);
    if (count > 0)
      throw UsageError(fmt::format("delegation #{} has {} check-in(s)", entry.id, count),
                       "delete its check-ins first, or close it with `mgr delegation drop`");
  }
  store.delete_entry(entry.id);
}

void delete_entry(Context& ctx, const std::string& id_text) {
  const long long id = domain::parse_id(id_text, "entry");
  auto db = ctx.open_for_writing("unknown entry #" + std::to_string(id));
  storage::Store store{db};
  domain::Entry entry;
  db.write([&] {
    entry = require_entry(store, id);
    delete_entry_checked(store, entry);
  });
  ctx.out << "deleted ";
  print_entry(ctx.out, entry);
}

void undo(Context& ctx) {
  auto db = ctx.open_for_writing(std::string("nothing to undo: the log is empty"));
  storage::Store store{db};
  domain::Entry entry;
  db.write([&] {
    const auto latest = store.latest_entry_id();
    if (!latest) throw UsageError("nothing to undo: the log is empty");
    entry = require_entry(store, *latest);
    delete_entry_checked(store, entry);
  });
  ctx.out << "undid ";
  print_entry(ctx.out, entry);
}

}  // namespace

void register_history_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, kind, since, until, limit, format = "text", id, date, note;
  };
  auto s = std::make_shared<State>();

  auto* history = app.add_subcommand("history", "What you logged, newest first");
  history->add_option("--person", s->handle, "Only entries about this person");
  history->add_option("--kind", s->kind, "Only this kind, e.g. 1on1");
  history->add_option("--since", s->since, "From this date");
  history->add_option("--until", s->until, "Up to this date");
  history->add_option("--limit", s->limit, "At most N entries");
  add_format_option(history, s->format, {"text", "json"});
  table.add(history, [&ctx, s] {
    show_history(ctx, s->handle, s->kind, s->since, s->until, s->limit, s->format);
  });

  auto* entry = app.add_subcommand("entry", "Show, correct or delete one logged entry");
  entry->require_subcommand(1);
  auto* show = entry->add_subcommand("show", "Show an entry in full");
  show->add_option("id", s->id, "Entry id")->required();
  add_format_option(show, s->format, {"text", "json"});
  table.add(show, [&ctx, s] { show_entry(ctx, s->id, s->format); });
  auto* edit = entry->add_subcommand("edit", "Change an entry's date or note");
  edit->add_option("id", s->id, "Entry id")->required();
  edit->add_option("--date", s->date, "New date");
  auto* note = edit->add_option("--note", s->note, "New note (replaces the old one)");
  table.add(edit, [&ctx, s, note] { edit_entry(ctx, s->id, s->date, s->note, note->count() > 0); });
  auto* remove = entry->add_subcommand("delete", "Delete an entry");
  remove->add_option("id", s->id, "Entry id")->required();
  table.add(remove, [&ctx, s] { delete_entry(ctx, s->id); });

  auto* undo_command = app.add_subcommand("undo", "Delete the entry you logged last, printing it");
  table.add(undo_command, [&ctx] { undo(ctx); });
}

}  // namespace mgr::cli
