// mgr action add|list|done: action items, usually agreed in a 1:1.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::ActionId;
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
    ctx.out << fmt::format("#{} {} {} [{}] {}{}{}\n", action.id.value,
                           domain::format_date(action.created), action.person,
                           action.owner == Owner::me ? "mine" : "theirs", action.text,
                           action.due ? " (due " + domain::format_date(*action.due) + ")" : "",
                           action.done ? " (done " + domain::format_date(*action.done) + ")" : "");
  });
}

void add_action(Context& ctx, const std::string& handle, const std::vector<std::string>& words,
                bool theirs, const std::string& due_text) {
  const std::string text = join_text(words, "");
  if (text.empty()) throw UsageError("`mgr action add` needs the TEXT of the action");
  std::optional<domain::Date> due;
  if (!due_text.empty()) due = parse_user_date(ctx, due_text, domain::DateDirection::future);
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const auto person = require_person(store, handle);
    const auto id =
        store.add_action(person.id, theirs ? Owner::them : Owner::me, text, ctx.today(), due);
    return fmt::format("added action #{} ({} with {})", id.value, theirs ? "theirs" : "mine",
                       person.handle);
  });
}

void finish_action(Context& ctx, const std::string& id_text) {
  const auto id = domain::parse_id<ActionId>(id_text, "action");
  change_and_confirm(ctx, unknown_item("action", id.value), [&](storage::Store& store) {
    domain::check_still_open(require_action(store, id));
    store.close_action(id, domain::ActionStatus::done, ctx.today());
    return fmt::format("action #{} done", id.value);
  });
}

}  // namespace

void register_action_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, id, format = "text", due;
    std::vector<std::string> words;
    bool all = false, mine = false, theirs = false;
  };
  auto s = std::make_shared<State>();

  auto* action = app.add_subcommand("action", "Action items agreed in 1:1s");
  action->require_subcommand(1);
  auto* list = action->add_subcommand("list", "Open action items (all with --all)");
  list->add_option("handle", s->handle, "Only this person's");
  auto* mine = list->add_flag("--mine", s->mine, "Only yours");
  list->add_flag("--theirs", s->theirs, "Only theirs")->excludes(mine);
  list->add_flag("--all", s->all, "Include done ones");
  add_format_option(list, s->format, {"text", "json"});
  table.add(list,
            [&ctx, s] { list_actions(ctx, s->handle, s->mine, s->theirs, s->all, s->format); });

  auto* add = action->add_subcommand("add", "Add an action item outside a 1:1");
  add->add_option("handle", s->handle, "Who it is with")->required();
  add->add_option("text", s->words, "The action")->required();
  add->add_flag("--theirs", s->theirs, "Theirs to do (default: yours)");
  add->add_option("--due", s->due, "When it is due");
  table.add(add, [&ctx, s] { add_action(ctx, s->handle, s->words, s->theirs, s->due); });

  auto* done = action->add_subcommand("done", "Mark an action item done");
  done->add_option("id", s->id, "Action id")->required();
  table.add(done, [&ctx, s] { finish_action(ctx, s->id); });
}

}  // namespace mgr::cli
