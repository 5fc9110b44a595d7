// mgr topic add|list|done|drop: talking points for upcoming 1:1s.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::TopicId;
using domain::TopicStatus;

void add_topic(Context& ctx, const std::string& handle, const std::vector<std::string>& words) {
  const std::string text = join_text(words, "");
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
                           topic.person, topic.text,
                           topic.status == TopicStatus::open
                               ? ""
                               : fmt::format(" ({})", domain::name_of(topic.status)));
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
    std::vector<std::string> words;
    bool all = false;
  };
  auto s = std::make_shared<State>();

  auto* topic = app.add_subcommand("topic", "Talking points for upcoming 1:1s");
  topic->require_subcommand(1);
  auto* add = topic->add_subcommand("add", "Add a talking point for someone's next 1:1");
  add->add_option("handle", s->handle, "Who")->required();
  add->add_option("text", s->words, "The talking point")->required();
  table.add(add, [&ctx, s] { add_topic(ctx, s->handle, s->words); });

  auto* list = topic->add_subcommand("list", "Open talking points (all with --all)");
  list->add_option("handle", s->handle, "Only this person's");
  list->add_flag("--all", s->all, "Include done and dropped ones");
  add_format_option(list, s->format, {"text", "json"});
  table.add(list, [&ctx, s] { list_topics(ctx, s->handle, s->all, s->format); });

  for (const auto& [name, status, help] :
       {std::tuple{"done", TopicStatus::done, "Mark a talking point done"},
        std::tuple{"drop", TopicStatus::dropped, "Drop a talking point"}}) {
    auto* command = topic->add_subcommand(name, help);
    command->add_option("id", s->id, "Talking point id")->required();
    table.add(command, [&ctx, s, st = status] { close_topic(ctx, s->id, st); });
  }
}

}  // namespace mgr::cli
