// Looking back and fixing mistakes: history, entry show|edit|delete, undo.
#include <fmt/format.h>

#include <sstream>

#include "cli/common.hpp"
#include "cli/entry_edit.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

void show_history(Context& ctx, const std::string& handle, const std::string& kind,
                  const std::string& since, const std::string& until, const std::string& limit,
                  const std::string& tag, const std::string& grep, const std::string& format) {
  storage::EntryFilter filter;
  if (!kind.empty()) filter.kind = domain::parse_choice<domain::EntryKind>(kind, "kind");
  if (!since.empty()) filter.since = parse_user_date(ctx, since);
  if (!until.empty()) filter.until = parse_user_date(ctx, until);
  if (!limit.empty()) filter.limit = domain::parse_count(limit, "--limit");
  if (!tag.empty()) filter.tag = domain::check_tag(tag);
  if (!grep.empty()) filter.grep = grep;
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto entries = db->read([&] {
    if (!handle.empty()) filter.person = require_person(store, handle).id;
    return store.list_entries(filter);
  });
  print_list(ctx, format, entries, entry_json, "Nothing logged matches.",
             [&](const domain::Entry& entry) { print_entry(ctx.out, entry); });
}

void show_entry(Context& ctx, const std::string& id_text, const std::string& format) {
  const auto id = domain::parse_id<domain::EntryId>(id_text, "entry");
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  show_item(ctx, ItemPage{db->read([&] { return require_entry(store, id); })}, format);
}

// Deleting a delegation with check-ins would silently drop them too; ask for those first.
void delete_entry_checked(storage::Store& store, const domain::Entry& entry) {
  if (entry.kind == domain::EntryKind::delegate) {
    const auto count = store.count_checkins(domain::DelegationId{entry.id.value});
    if (count > 0)
      throw UsageError(fmt::format("delegation #{} has {}", entry.id.value,
                                   util::count_of(count, "check-in", "check-ins")),
                       "delete its check-ins first, or close it with `mgr delegation drop`");
  }
  store.delete_entry(entry.id);
}

void delete_entry(Context& ctx, const std::string& id_text) {
  const auto id = domain::parse_id<domain::EntryId>(id_text, "entry");
  change_and_confirm(ctx, unknown_item("entry", id.value), [&](storage::Store& store) {
    const auto entry = require_entry(store, id);
    delete_entry_checked(store, entry);
    std::ostringstream shown;
    print_entry(shown, entry);
    std::string text = "deleted " + shown.str();
    text.pop_back();  // change_and_confirm ends the line
    return text;
  });
}

// `mgr undo`: reverts the newest change of any kind, as its command confirmed it.
void undo(Context& ctx, bool dry_run) {
  const char* nothing = "nothing to undo";
  const char* hint =
      "mgr undo reverts the changes made since the database was upgraded to "
      "keep a journal, newest first";
  if (dry_run) {
    auto db = ctx.open_for_reading();
    if (!db) return;
    storage::Store store{*db};
    const auto change = db->read([&] { return store.latest_change(); });
    if (!change) throw UsageError(nothing, hint);
    // The summary is the confirmation the change printed; stored text in it is escaped again
    // in case the journal was written by another program.
    ctx.out << "would undo: " << shown(change->summary) << "\n";
    return;
  }
  auto db = ctx.open_for_writing(nothing);
  storage::Store store{db};
  const auto summary = db.write([&] {
    const auto change = store.latest_change();
    if (!change) throw UsageError(nothing, hint);
    store.undo_change(*change);
    return change->summary;
  });
  ctx.out << "undid: " << shown(summary) << "\n";
}

// `mgr show ID`: whatever the number names, shown as its own `show` command would.
void show_anything(Context& ctx, const std::string& id_text, const std::string& format) {
  const auto number = domain::parse_id_number(id_text, "item");
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  const auto item = db->read([&]() -> std::optional<ItemPage> {
    const auto what = store.what_is(number);
    if (!what) return std::nullopt;
    switch (*what) {
      case storage::Numbered::topic:
        return ItemPage{require_topic(store, domain::TopicId{number})};
      case storage::Numbered::action:
        return ItemPage{require_action(store, domain::ActionId{number})};
      case storage::Numbered::entry:
        break;
    }
    // The concern or delegation an entry opened is what its number names.
    if (auto concern = store.find_concern(domain::ConcernId{number})) return ItemPage{*concern};
    if (auto delegation = store.find_delegation(domain::DelegationId{number}))
      return ItemPage{DelegationPage{*delegation, store.checkins(delegation->id)}};
    if (auto entry = store.find_entry(domain::EntryId{number})) return ItemPage{*entry};
    return std::nullopt;
  });
  if (!item)
    throw UsageError(fmt::format("nothing is numbered #{}", number),
                     "it may have been deleted; see `mgr history`");
  show_item(ctx, *item, format);
}

}  // namespace

void register_history_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, kind, since, until, limit, tag, grep, format = "text", id;
    bool dry_run = false;
  };
  auto s = std::make_shared<State>();

  auto* history = app.add_subcommand("history", "What you logged, newest first");
  history->add_option("--person", s->handle, "Only entries about this person")->type_name("HANDLE");
  history->add_option("--kind", s->kind, "Only this kind, e.g. 1on1")->type_name("KIND");
  history->add_option("--tag", s->tag, "Only entries with this tag")->type_name("TAG");
  history->add_option("--grep", s->grep, "Only entries whose note contains TEXT (any case)")
      ->type_name("TEXT");
  history->add_option("--since", s->since, "From this date")->type_name("DATE");
  history->add_option("--until", s->until, "Up to this date")->type_name("DATE");
  history->add_option("--limit", s->limit, "At most N entries")->type_name("N");
  add_format_option(history, s->format, {"text", "json"});
  table.add(history, [&ctx, s] {
    show_history(ctx, s->handle, s->kind, s->since, s->until, s->limit, s->tag, s->grep, s->format);
  });

  auto* entry = app.add_subcommand("entry", "Show, correct or delete one logged entry");
  entry->require_subcommand(1);
  auto* show = entry->add_subcommand("show", "Show an entry in full");
  show->add_option("ID", s->id, "The entry's id")->required();
  add_format_option(show, s->format, {"text", "json"});
  table.add(show, [&ctx, s] { show_entry(ctx, s->id, s->format); });
  register_entry_edit_command(*entry, table, ctx);
  auto* remove = entry->add_subcommand("delete", "Delete an entry");
  remove->add_option("ID", s->id, "The entry's id")->required();
  table.add(remove, [&ctx, s] { delete_entry(ctx, s->id); });

  auto* undo_command = app.add_subcommand(
      "undo",
      "Revert the most recent change of any kind, printing it (run again for the one before)");
  undo_command->add_flag("--dry-run", s->dry_run, "Only print what would be reverted");
  table.add(undo_command, [&ctx, s] { undo(ctx, s->dry_run); });

  auto* show_command = app.add_subcommand(
      "show", "Show whatever an id names: an entry, talking point, action, concern or delegation");
  show_command->add_option("ID", s->id, "Any id mgr printed, e.g. 42")->required();
  add_format_option(show_command, s->format, {"text", "json"});
  table.add(show_command, [&ctx, s] { show_anything(ctx, s->id, s->format); });
}

}  // namespace mgr::cli
