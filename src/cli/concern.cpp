// mgr concern list|show|resolve|drop: problems that need a conversation.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::ConcernId;
using domain::ConcernStatus;

void list_concerns(Context& ctx, const std::string& handle, bool all, const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto concerns =
      db->read([&] { return store.list_concerns(optional_person_id(store, handle), all); });
  print_list(ctx, format, concerns, concern_json, "No open concerns.", [&](const auto& c) {
    std::string people;
    for (const auto& who : c.people) people += (people.empty() ? "" : ",") + who;
    std::string closed;
    if (c.closed) closed = " " + domain::format_date(*c.closed);
    if (!c.close_note.empty()) closed += ": " + shown(c.close_note);
    ctx.out << fmt::format("#{} {} {} {} [{}{}{}]\n", c.id.value, domain::format_date(c.opened),
                           people, shown(c.text), domain::name_of(c.status), closed,
                           c.first_conversation
                               ? ", addressed " + domain::format_date(*c.first_conversation)
                               : ", not yet addressed");
  });
}

void show_concern(Context& ctx, const std::string& id_text, const std::string& format) {
  const auto id = domain::parse_id<ConcernId>(id_text, "concern");
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  show_item(ctx, ItemPage{db->read([&] { return require_concern(store, id); })}, format);
}

void close_concern(Context& ctx, const std::string& id_text, ConcernStatus status,
                   const NoteInput& input) {
  const auto id = domain::parse_id<ConcernId>(id_text, "concern");
  const std::string note = input.read(ctx);
  change_and_confirm(ctx, unknown_item("concern", id.value), [&](storage::Store& store) {
    domain::check_still_open(require_concern(store, id).status, id);
    store.close_concern(id, status, ctx.today(), note);
    return fmt::format("concern #{} {}", id.value, domain::name_of(status));
  });
}

}  // namespace

void register_concern_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string id, handle, format = "text";
    NoteInput note;
    bool all = false;
  };
  auto s = std::make_shared<State>();

  auto* concern = app.add_subcommand("concern", "Problems that need a conversation");
  concern->require_subcommand(1);
  auto* list = concern->add_subcommand("list", "Open concerns (all with --all)");
  list->add_option("HANDLE", s->handle, "Only those about this person");
  list->add_flag("--all", s->all, "Include resolved and dropped ones, with their closing notes");
  add_format_option(list, s->format, {"text", "json"});
  table.add(list, [&ctx, s] { list_concerns(ctx, s->handle, s->all, s->format); });

  auto* show = concern->add_subcommand("show", "A concern, its conversations and how it closed");
  show->add_option("ID", s->id, "The concern's id")->required();
  add_format_option(show, s->format, {"text", "json"});
  table.add(show, [&ctx, s] { show_concern(ctx, s->id, s->format); });

  for (const auto& [name, status, help] :
       {std::tuple{"resolve", ConcernStatus::resolved, "The problem is solved"},
        std::tuple{"drop", ConcernStatus::dropped, "The concern no longer applies"}}) {
    auto* command = concern->add_subcommand(name, help);
    command->add_option("ID", s->id, "The concern's id")->required();
    s->note.add_to(command, "A closing note", false);
    table.add(command, [&ctx, s, st = status] { close_concern(ctx, s->id, st, s->note); });
  }
}

}  // namespace mgr::cli
