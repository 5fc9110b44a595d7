// mgr action add|list|edit|done|drop|reopen: action items, usually agreed in a 1:1.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::ActionId;
using domain::ActionStatus;
using domain::Owner;

void list_actions(Context& ctx, const std::string& handle, bool mine, bool theirs, bool all,
                  const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  std::optional<Owner> owner;
  if (mine) owner = Owner::me;
  if (theirs) owner = Owner::them;
  const auto actions =
      db->read([&] { return store.list_actions(optional_person_id(store, handle), owner, all); });
  print_list(ctx, format, actions, action_json, "No open actions.", [&](const auto& action) {
    ctx.out << fmt::format("#{} {} {} [{}] {}{}{}{}\n", action.id.value,
                           domain::format_date(action.created), action.person,
                           action.owner == Owner::me ? "mine" : "theirs", shown(action.text),
                           action.due ? " (due " + domain::format_date(*action.due) + ")" : "",
                           action.done ? " (done " + domain::format_date(*action.done) + ")" : "",
                           action.status == ActionStatus::dropped ? " (dropped)" : "");
  });
}

void add_action(Context& ctx, const std::string& handle, const NoteInput& input, bool theirs,
                const std::string& due_text) {
  std::optional<domain::Date> due;
  if (!due_text.empty()) due = parse_user_date(ctx, due_text, domain::DateDirection::future);
  const std::string text = input.read(ctx);
  if (text.empty()) throw UsageError("`mgr action add` needs the TEXT of the action");
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const auto person = require_person(store, handle);
    const auto id =
        store.add_action(person.id, theirs ? Owner::them : Owner::me, text, ctx.today(), due);
    return fmt::format("added action #{} ({} with {})", id.value, theirs ? "theirs" : "mine",
                       person.handle);
  });
}

// `--due DATE` or `--due none`.
std::optional<std::optional<domain::Date>> new_due_date(const Context& ctx, const std::string& text,
                                                        bool given) {
  if (!given) return std::nullopt;
  if (domain::to_lower(text) == "none") return std::optional<domain::Date>{};
  return parse_user_date(ctx, text, domain::DateDirection::future);
}

void edit_action(Context& ctx, const std::string& id_text, const std::string& text_option,
                 bool text_given, bool edit, const std::string& due_text, bool due_given) {
  const auto id = domain::parse_id<ActionId>(id_text, "action");
  if (!text_given && !edit && !due_given)
    throw UsageError("nothing to change for action #" + std::to_string(id.value),
                     "pass --text TEXT, --edit and/or --due DATE|none");
  const auto due = new_due_date(ctx, due_text, due_given);
  std::optional<std::string> text;
  if (text_given || edit) {
    std::string current;
    if (edit && !text_given) {
      auto db = ctx.open_for_reading(true);
      if (!db) throw UsageError(unknown_item("action", id.value));
      storage::Store store{*db};
      current = db->read([&] { return require_action(store, id).text; });
    }
    NoteInput input;
    if (text_given) input.words = {text_option};
    input.edit = edit;
    text = input.read(ctx, current);
    if (text->empty()) throw UsageError("an action needs its text", "drop it instead");
  }
  change_and_confirm(ctx, unknown_item("action", id.value), [&](storage::Store& store) {
    auto action = require_action(store, id);
    if (text) action.text = *text;
    if (due) action.due = *due;
    store.update_action(id, action.text, action.due);
    return fmt::format("action #{} now reads: {}{}", id.value, shown(action.text),
                       action.due ? " (due " + domain::format_date(*action.due) + ")" : "");
  });
}

void close_action(Context& ctx, const std::string& id_text, ActionStatus status) {
  const auto id = domain::parse_id<ActionId>(id_text, "action");
  change_and_confirm(ctx, unknown_item("action", id.value), [&](storage::Store& store) {
    domain::check_still_open(require_action(store, id));
    store.close_action(id, status, ctx.today());
    return fmt::format("action #{} {}", id.value, domain::name_of(status));
  });
}

void reopen_action(Context& ctx, const std::string& id_text) {
  const auto id = domain::parse_id<ActionId>(id_text, "action");
  change_and_confirm(ctx, unknown_item("action", id.value), [&](storage::Store& store) {
    domain::check_can_reopen(require_action(store, id));
    store.reopen_action(id);
    return fmt::format("action #{} is open again", id.value);
  });
}

}  // namespace

void register_action_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, id, format = "text", due, text;
    NoteInput words;
    bool all = false, mine = false, theirs = false, edit = false;
  };
  auto s = std::make_shared<State>();

  auto* action = app.add_subcommand("action", "Action items agreed in 1:1s");
  action->require_subcommand(1);
  auto* list = action->add_subcommand("list", "Open action items (all with --all)");
  list->add_option("HANDLE", s->handle, "Only this person's");
  auto* mine = list->add_flag("--mine", s->mine, "Only yours");
  list->add_flag("--theirs", s->theirs, "Only theirs")->excludes(mine);
  list->add_flag("--all", s->all, "Include done and dropped ones");
  add_format_option(list, s->format, {"text", "json"});
  table.add(list,
            [&ctx, s] { list_actions(ctx, s->handle, s->mine, s->theirs, s->all, s->format); });

  auto* add = action->add_subcommand("add", "Add an action item outside a 1:1");
  add->add_option("HANDLE", s->handle, "Who it is with")->required();
  s->words.add_to(add, "The action", false);
  add->add_flag("--theirs", s->theirs, "Theirs to do (default: yours)");
  add->add_option("--due", s->due, "When it is due (may be ahead)")->type_name("DATE");
  table.add(add, [&ctx, s] { add_action(ctx, s->handle, s->words, s->theirs, s->due); });

  auto* edit = action->add_subcommand("edit", "Change an action item's text or due date");
  edit->add_option("ID", s->id, "The action's id")->required();
  auto* text =
      edit->add_option("--text", s->text, "New text (- reads standard input)")->type_name("TEXT");
  edit->add_flag("-e,--edit", s->edit, "Change the text in your editor ($VISUAL, $EDITOR or vi)");
  auto* due = edit->add_option("--due", s->due, "New due date, or none")->type_name("DATE|none");
  table.add(edit, [&ctx, s, text, due] {
    edit_action(ctx, s->id, s->text, text->count() > 0, s->edit, s->due, due->count() > 0);
  });

  for (const auto& [name, status, help] :
       {std::tuple{"done", ActionStatus::done, "Mark an action item done"},
        std::tuple{"drop", ActionStatus::dropped, "Drop an action item that no longer applies"}}) {
    auto* command = action->add_subcommand(name, help);
    command->add_option("ID", s->id, "The action's id")->required();
    table.add(command, [&ctx, s, st = status] { close_action(ctx, s->id, st); });
  }

  auto* reopen = action->add_subcommand("reopen", "Open a done or dropped action item again");
  reopen->add_option("ID", s->id, "The action's id")->required();
  table.add(reopen, [&ctx, s] { reopen_action(ctx, s->id); });
}

}  // namespace mgr::cli
