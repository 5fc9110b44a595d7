// mgr delegation list|show|done|reclaim|drop: outcomes you handed over.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::DelegationId;
using domain::DelegationStatus;

void list_delegations(Context& ctx, const std::string& handle, bool all,
                      const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto delegations =
      db->read([&] { return store.list_delegations(optional_person_id(store, handle), all); });
  print_list(ctx, format, delegations, delegation_json, "No open delegations.", [&](const auto& d) {
    std::string closed;
    if (d.closed) closed = " " + domain::format_date(*d.closed);
    if (!d.close_note.empty()) closed += ": " + shown(d.close_note);
    ctx.out << fmt::format(
        "#{} {} {} {}{}{} [{}{}]\n", d.id.value, domain::format_date(d.created), d.person,
        shown(d.outcome), d.due ? " (due " + domain::format_date(*d.due) + ")" : "",
        d.last_checkin ? ", last check-in " + domain::format_date(d.last_checkin->date) : "",
        domain::name_of(d.status), closed);
  });
}

void show_delegation(Context& ctx, const std::string& id_text, const std::string& format) {
  const auto id = domain::parse_id<DelegationId>(id_text, "delegation");
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  show_item(ctx, db->read([&] {
    return ItemPage{DelegationPage{require_delegation(store, id), store.checkins(id)}};
  }),
            format);
}

void close_delegation(Context& ctx, const std::string& id_text, DelegationStatus status,
                      const NoteInput& input) {
  const auto id = domain::parse_id<DelegationId>(id_text, "delegation");
  const std::string note = input.read(ctx);
  change_and_confirm(ctx, unknown_item("delegation", id.value), [&](storage::Store& store) {
    domain::check_still_open(require_delegation(store, id).status, id);
    store.close_delegation(id, status, ctx.today(), note);
    return fmt::format("delegation #{} {}", id.value, domain::name_of(status));
  });
}

}  // namespace

void register_delegation_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, id, format = "text";
    NoteInput note;
    bool all = false;
  };
  auto s = std::make_shared<State>();

  auto* delegation = app.add_subcommand("delegation", "Outcomes you handed over");
  delegation->require_subcommand(1);
  auto* list = delegation->add_subcommand("list", "Open delegations (all with --all)");
  list->add_option("HANDLE", s->handle, "Only this person's");
  list->add_flag("--all", s->all, "Include closed ones, with their closing notes");
  add_format_option(list, s->format, {"text", "json"});
  table.add(list, [&ctx, s] { list_delegations(ctx, s->handle, s->all, s->format); });

  auto* show = delegation->add_subcommand("show", "A delegation and its check-ins");
  show->add_option("ID", s->id, "The delegation's id")->required();
  add_format_option(show, s->format, {"text", "json"});
  table.add(show, [&ctx, s] { show_delegation(ctx, s->id, s->format); });

  for (const auto& [name, status, help] :
       {std::tuple{"done", DelegationStatus::done, "The outcome was delivered"},
        std::tuple{"reclaim", DelegationStatus::reclaimed, "You took the work back yourself"},
        std::tuple{"drop", DelegationStatus::dropped, "The outcome is no longer wanted"}}) {
    auto* command = delegation->add_subcommand(name, help);
    command->add_option("ID", s->id, "The delegation's id")->required();
    s->note.add_to(command, "A closing note", false);
    table.add(command, [&ctx, s, st = status] { close_delegation(ctx, s->id, st, s->note); });
  }
}

}  // namespace mgr::cli
