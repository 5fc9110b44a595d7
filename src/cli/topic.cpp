// mgr topic add|list|edit|done|drop: talking points for upcoming 1:1s.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::TopicId;
using domain::TopicStatus;

void add_topic(Context& ctx, const std::string& handle, const NoteInput& input) {
  const std::string text = input.read(ctx);
  if (text.empty()) throw UsageError("`mgr topic add` needs the TEXT of the talking point");
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const auto person = require_person(store, handle);
    const auto id = store.add_topic(person.id, text, ctx.today());
    return fmt::format("added talking point #{} for {}", id.value, person.handle);
  });
}

void list_topics(Context& ctx, const std::string& handle, bool all, const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto topics =
      db->read([&] { return store.list_topics(optional_person_id(store, handle), all); });
  print_list(ctx, format, topics, topic_json, "No open talking points.", [&](const auto& topic) {
    ctx.out << fmt::format("#{} {} {} {}{}\n", topic.id.value, domain::format_date(topic.created),
                           topic.person, shown(topic.text),
                           topic.status == TopicStatus::open
                               ? ""
                               : fmt::format(" ({})", domain::name_of(topic.status)));
  });
}

void edit_topic(Context& ctx, const std::string& id_text, const NoteInput& input) {
  const auto id = domain::parse_id<TopicId>(id_text, "talking point");
  if (input.words.empty() && !input.edit)
    throw UsageError("`mgr topic edit` needs the new TEXT",
                     "or --edit to change it in your editor");
  std::string current;
  if (input.edit) {
    // The editor opens on the text as it is; the database is not held while it runs.
    auto db = ctx.open_for_reading(true);
    if (!db) throw UsageError(unknown_item("talking point", id.value));
    storage::Store store{*db};
    current = db->read([&] { return require_topic(store, id).text; });
  }
  const std::string text = input.read(ctx, current);
  if (text.empty()) throw UsageError("a talking point needs its text", "drop it instead");
  change_and_confirm(ctx, unknown_item("talking point", id.value), [&](storage::Store& store) {
    require_topic(store, id);
    store.update_topic_text(id, text);
    return fmt::format("talking point #{} now reads: {}", id.value, shown(text));
  });
}

void close_topic(Context& ctx, const std::string& id_text, TopicStatus status) {
  const auto id = domain::parse_id<TopicId>(id_text, "talking point");
  change_and_confirm(ctx, unknown_item("talking point", id.value), [&](storage::Store& store) {
    domain::check_still_open(require_topic(store, id).status, id);
    store.close_topic(id, status, ctx.today());
    return fmt::format("talking point #{} {}", id.value, domain::name_of(status));
  });
}

}  // namespace

void register_topic_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, id, format = "text";
    NoteInput text;
    bool all = false;
  };
  auto s = std::make_shared<State>();

  auto* topic = app.add_subcommand("topic", "Talking points for upcoming 1:1s");
  topic->require_subcommand(1);
  auto* add = topic->add_subcommand("add", "Add a talking point for someone's next 1:1");
  add->add_option("HANDLE", s->handle, "Who")->required();
  s->text.add_to(add, "The talking point", false);
  table.add(add, [&ctx, s] { add_topic(ctx, s->handle, s->text); });

  auto* list = topic->add_subcommand("list", "Open talking points (all with --all)");
  list->add_option("HANDLE", s->handle, "Only this person's");
  list->add_flag("--all", s->all, "Include done and dropped ones");
  add_format_option(list, s->format, {"text", "json"});
  table.add(list, [&ctx, s] { list_topics(ctx, s->handle, s->all, s->format); });

  auto* edit = topic->add_subcommand("edit", "Change the text of a talking point");
  edit->add_option("ID", s->id, "The talking point's id")->required();
  s->text.add_to(edit, "The new text", false);
  table.add(edit, [&ctx, s] { edit_topic(ctx, s->id, s->text); });

  for (const auto& [name, status, help] :
       {std::tuple{"done", TopicStatus::done, "Mark a talking point done"},
        std::tuple{"drop", TopicStatus::dropped, "Drop a talking point"}}) {
    auto* command = topic->add_subcommand(name, help);
    command->add_option("ID", s->id, "The talking point's id")->required();
    table.add(command, [&ctx, s, st = status] { close_topic(ctx, s->id, st); });
  }
}

}  // namespace mgr::cli
