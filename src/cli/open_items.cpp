// Things that stay open: talking points, action items, delegations and concerns.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

std::optional<long long> optional_person_id(storage::Store& store, const std::string& handle) {
  if (handle.empty()) return std::nullopt;
  return require_person(store, handle).id;
}

// ---- talking points ----

nlohmann::json topic_json(const domain::Topic& topic) {
  return {{"id", topic.id},         {"person", topic.person},
          {"text", topic.text},     {"created", topic.created},
          {"status", topic.status}, {"closed", optional_json(topic.closed_date)}};
}

void add_topic(Context& ctx, const std::string& handle, const std::vector<std::string>& words) {
  const std::string text = join_text(words, "");
  if (text.empty()) throw UsageError("`mgr topic add` needs the TEXT of the talking point");
  auto db = ctx.open_for_writing(unknown_person(handle));
  storage::Store store{db};
  long long id = 0;
  std::string who;
  db.write([&] {
    const auto person = require_person(store, handle);
    who = person.handle;
    id = store.add_topic(person.id, text, ctx.today());
  });
  ctx.out << fmt::format("added talking point #{} for {}\n", id, who);
}

void list_topics(Context& ctx, const std::string& handle, bool all, const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto topics = store.list_topics(optional_person_id(store, handle), all);
  print_list(ctx, format, topics, topic_json, "No open talking points.", [&](const auto& topic) {
    ctx.out << fmt::format("#{} {} {} {}{}\n", topic.id, topic.created, topic.person, topic.text,
                           topic.status == "open" ? "" : " (" + topic.status + ")");
  });
}

void close_topic(Context& ctx, const std::string& id_text, const std::string& status) {
  const long long id = domain::parse_id(id_text, "talking point");
  auto db = ctx.open_for_writing("unknown talking point #" + std::to_string(id));
  storage::Store store{db};
  db.write([&] {
    auto topic = store.find_topic(id);
    if (!topic)
      throw UsageError("unknown talking point #" + std::to_string(id),
                       "see `mgr topic list --all`");
    if (topic->status != "open")
      throw UsageError(fmt::format("talking point #{} is already {}", id, topic->status));
    store.close_topic(id, status, ctx.today(), std::nullopt);
  });
  ctx.out << fmt::format("talking point #{} {}\n", id, status == "done" ? "done" : "dropped");
}

// ---- action items ----

nlohmann::json action_json(const domain::Action& action) {
  return {{"id", action.id},
          {"person", action.person},
          {"owner", action.owner},
          {"text", action.text},
          {"created", action.created},
          {"due", optional_json(action.due)},
          {"done", optional_json(action.done)}};
}

void list_actions(Context& ctx, const std::string& handle, bool mine, bool theirs, bool all,
                  const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  std::optional<std::string> owner;
  if (mine) owner = "me";
  if (theirs) owner = "them";
  const auto actions = store.list_actions(optional_person_id(store, handle), owner, all);
  print_list(ctx, format, actions, action_json, "No open actions.", [&](const auto& action) {
    ctx.out << fmt::format("#{} {} {} [{}] {}{}{}\n", action.id, action.created, action.person,
                           action.owner == "me" ? "mine" : "theirs", action.text,
                           action.due ? " (due " + *action.due + ")" : "",
                           action.done ? " (done " + *action.done + ")" : "");
  });
}

void add_action(Context& ctx, const std::string& handle, const std::vector<std::string>& words,
                bool theirs, const std::string& due_text) {
  const std::string text = join_text(words, "");
  if (text.empty()) throw UsageError("`mgr action add` needs the TEXT of the action");
  std::optional<std::string> due;
  if (!due_text.empty()) due = parse_user_date(ctx, due_text, domain::DateDirection::future);
  auto db = ctx.open_for_writing(unknown_person(handle));
  storage::Store store{db};
  long long id = 0;
  std::string who;
  db.write([&] {
    const auto person = require_person(store, handle);
    who = person.handle;
    id = store.add_action(person.id, theirs ? "them" : "me", text, ctx.today(), due, std::nullopt);
  });
  ctx.out << fmt::format("added action #{} ({} with {})\n", id, theirs ? "theirs" : "mine", who);
}

void finish_action(Context& ctx, const std::string& id_text) {
  const long long id = domain::parse_id(id_text, "action");
  auto db = ctx.open_for_writing("unknown action #" + std::to_string(id));
  storage::Store store{db};
  db.write([&] {
    auto action = store.find_action(id);
    if (!action)
      throw UsageError("unknown action #" + std::to_string(id), "see `mgr action list --all`");
    if (action->done)
      throw UsageError(fmt::format("action #{} is already done ({})", id, *action->done));
    store.mark_action_done(id, ctx.today());
  });
  ctx.out << fmt::format("action #{} done\n", id);
}

// ---- delegations ----

nlohmann::json delegation_json(const domain::Delegation& d) {
  nlohmann::json last = nullptr;
  if (d.last_checkin) last = d.last_checkin->date;
  return {{"id", d.id},
          {"person", d.person},
          {"outcome", d.outcome},
          {"why", d.why.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.why)},
          {"due", optional_json(d.due)},
          {"checkin", d.checkin},
          {"constraints",
           d.constraints.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.constraints)},
          {"created", d.created},
          {"status", d.status},
          {"closed", optional_json(d.closed_date)},
          {"last_checkin", last},
          {"last_status",
           d.last_checkin ? optional_json(d.last_checkin->status) : nlohmann::json(nullptr)}};
}

domain::Delegation require_delegation(storage::Store& store, long long id) {
  auto delegation = store.find_delegation(id);
  if (!delegation)
    throw UsageError("unknown delegation #" + std::to_string(id),
                     "see `mgr delegation list --all`");
  return *delegation;
}

void list_delegations(Context& ctx, const std::string& handle, bool all,
                      const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto delegations = store.list_delegations(optional_person_id(store, handle), all);
  print_list(ctx, format, delegations, delegation_json, "No open delegations.", [&](const auto& d) {
    ctx.out << fmt::format("#{} {} {} {}{}{} [{}]\n", d.id, d.created, d.person, d.outcome,
                           d.due ? " (due " + *d.due + ")" : "",
                           d.last_checkin ? ", last check-in " + d.last_checkin->date : "",
                           d.status);
  });
}

void show_delegation(Context& ctx, const std::string& id_text) {
  const long long id = domain::parse_id(id_text, "delegation");
  auto db = ctx.open_for_reading();
  if (!db) return;
  storage::Store store{*db};
  const auto d = require_delegation(store, id);
  auto& out = ctx.out;
  out << bold(ctx, fmt::format("Delegation #{}", d.id)) << " to " << d.person << " [" << d.status
      << "]\n";
  out << "  outcome      " << d.outcome << "\n";
  out << "  why          " << (d.why.empty() ? "(none given)" : d.why) << "\n";
  if (!d.constraints.empty()) out << "  constraints  " << d.constraints << "\n";
  out << "  handed over  " << d.created << "\n";
  out << "  due          " << (d.due ? *d.due : "(no date)") << "\n";
  out << "  check-ins    " << d.checkin << "\n";
  if (d.closed_date)
    out << "  closed       " << *d.closed_date << (d.close_note.empty() ? "" : ": " + d.close_note)
        << "\n";
  const auto checkins = store.checkins(id);
  if (!checkins.empty()) out << "\nCheck-ins\n";
  for (const auto& c : checkins)
    out << "  " << c.date << (c.status ? " " + *c.status : "")
        << (c.note.empty() ? "" : ": " + c.note) << "\n";
}

void close_delegation(Context& ctx, const std::string& id_text, const std::string& status,
                      const std::vector<std::string>& words) {
  const long long id = domain::parse_id(id_text, "delegation");
  const std::string note = join_text(words, "");
  auto db = ctx.open_for_writing("unknown delegation #" + std::to_string(id));
  storage::Store store{db};
  db.write([&] {
    const auto d = require_delegation(store, id);
    if (d.status != "open")
      throw UsageError(fmt::format("delegation #{} is already {}", id, d.status));
    store.close_delegation(id, status, ctx.today(), note);
  });
  ctx.out << fmt::format("delegation #{} {}\n", id, status);
}

// ---- concerns ----

nlohmann::json concern_json(const domain::Concern& c) {
  return {{"id", c.id},
          {"people", c.people},
          {"text", c.text},
          {"opened", c.opened},
          {"status", c.status},
          {"addressed", c.first_conversation.has_value()},
          {"first_conversation", optional_json(c.first_conversation)},
          {"closed", optional_json(c.closed_date)}};
}

void list_concerns(Context& ctx, bool all, const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto concerns = store.list_concerns(all);
  print_list(ctx, format, concerns, concern_json, "No open concerns.", [&](const auto& c) {
    std::string people;
    for (const auto& who : c.people) people += (people.empty() ? "" : ",") + who;
    ctx.out << fmt::format(
        "#{} {} {} {} [{}{}]\n", c.id, c.opened, people, c.text, c.status,
        c.first_conversation ? ", addressed " + *c.first_conversation : ", not yet addressed");
  });
}

void close_concern(Context& ctx, const std::string& id_text, const std::string& status,
                   const std::vector<std::string>& words) {
  const long long id = domain::parse_id(id_text, "concern");
  const std::string note = join_text(words, "");
  auto db = ctx.open_for_writing("unknown concern #" + std::to_string(id));
  storage::Store store{db};
  db.write([&] {
    auto c = store.find_concern(id);
    if (!c)
      throw UsageError("unknown concern #" + std::to_string(id), "see `mgr concern list --all`");
    if (c->status != "open")
      throw UsageError(fmt::format("concern #{} is already {}", id, c->status));
    store.close_concern(id, status, ctx.today(), note);
  });
  ctx.out << fmt::format("concern #{} {}\n", id, status);
}

}  // namespace

void register_open_item_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, id, format = "text", due;
    std::vector<std::string> words;
    bool all = false, mine = false, theirs = false;
  };
  auto s = std::make_shared<State>();

  auto* topic = app.add_subcommand("topic", "Talking points for upcoming 1:1s");
  topic->require_subcommand(1);
  auto* topic_add = topic->add_subcommand("add", "Add a talking point for someone's next 1:1");
  topic_add->add_option("handle", s->handle, "Who")->required();
  topic_add->add_option("text", s->words, "The talking point")->required();
  table.add(topic_add, [&ctx, s] { add_topic(ctx, s->handle, s->words); });
  auto* topic_list = topic->add_subcommand("list", "Open talking points (all with --all)");
  topic_list->add_option("handle", s->handle, "Only this person's");
  topic_list->add_flag("--all", s->all, "Include done and dropped ones");
  add_format_option(topic_list, s->format, {"text", "json"});
  table.add(topic_list, [&ctx, s] { list_topics(ctx, s->handle, s->all, s->format); });
  for (const auto& [name, status] :
       std::vector<std::pair<std::string, std::string>>{{"done", "done"}, {"drop", "dropped"}}) {
    auto* command = topic->add_subcommand(
        name, name == "done" ? "Mark a talking point done" : "Drop a talking point");
    command->add_option("id", s->id, "Talking point id")->required();
    table.add(command, [&ctx, s, st = status] { close_topic(ctx, s->id, st); });
  }

  auto* action = app.add_subcommand("action", "Action items agreed in 1:1s");
  action->require_subcommand(1);
  auto* action_list = action->add_subcommand("list", "Open action items (all with --all)");
  action_list->add_option("handle", s->handle, "Only this person's");
  auto* mine = action_list->add_flag("--mine", s->mine, "Only yours");
  action_list->add_flag("--theirs", s->theirs, "Only theirs")->excludes(mine);
  action_list->add_flag("--all", s->all, "Include done ones");
  add_format_option(action_list, s->format, {"text", "json"});
  table.add(action_list,
            [&ctx, s] { list_actions(ctx, s->handle, s->mine, s->theirs, s->all, s->format); });
  auto* action_add = action->add_subcommand("add", "Add an action item outside a 1:1");
  action_add->add_option("handle", s->handle, "Who it is with")->required();
  action_add->add_option("text", s->words, "The action")->required();
  action_add->add_flag("--theirs", s->theirs, "Theirs to do (default: yours)");
  action_add->add_option("--due", s->due, "When it is due");
  table.add(action_add, [&ctx, s] { add_action(ctx, s->handle, s->words, s->theirs, s->due); });
  auto* action_done = action->add_subcommand("done", "Mark an action item done");
  action_done->add_option("id", s->id, "Action id")->required();
  table.add(action_done, [&ctx, s] { finish_action(ctx, s->id); });

  auto* delegation = app.add_subcommand("delegation", "Outcomes you handed over");
  delegation->require_subcommand(1);
  auto* delegation_list = delegation->add_subcommand("list", "Open delegations (all with --all)");
  delegation_list->add_option("handle", s->handle, "Only this person's");
  delegation_list->add_flag("--all", s->all, "Include closed ones");
  add_format_option(delegation_list, s->format, {"text", "json"});
  table.add(delegation_list, [&ctx, s] { list_delegations(ctx, s->handle, s->all, s->format); });
  auto* delegation_show = delegation->add_subcommand("show", "A delegation and its check-ins");
  delegation_show->add_option("id", s->id, "Delegation id")->required();
  table.add(delegation_show, [&ctx, s] { show_delegation(ctx, s->id); });
  for (const auto& [name, status, help] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"done", "done", "The outcome was delivered"},
           {"reclaim", "reclaimed", "You took the work back yourself"},
           {"drop", "dropped", "The outcome is no longer wanted"}}) {
    auto* command = delegation->add_subcommand(name, help);
    command->add_option("id", s->id, "Delegation id")->required();
    command->add_option("text", s->words, "A closing note");
    table.add(command, [&ctx, s, st = status] { close_delegation(ctx, s->id, st, s->words); });
  }

  auto* concern = app.add_subcommand("concern", "Problems that need a conversation");
  concern->require_subcommand(1);
  auto* concern_list = concern->add_subcommand("list", "Open concerns (all with --all)");
  concern_list->add_flag("--all", s->all, "Include resolved and dropped ones");
  add_format_option(concern_list, s->format, {"text", "json"});
  table.add(concern_list, [&ctx, s] { list_concerns(ctx, s->all, s->format); });
  for (const auto& [name, status, help] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"resolve", "resolved", "The problem is solved"},
           {"drop", "dropped", "The concern no longer applies"}}) {
    auto* command = concern->add_subcommand(name, help);
    command->add_option("id", s->id, "Concern id")->required();
    command->add_option("text", s->words, "A closing note");
    table.add(command, [&ctx, s, st = status] { close_concern(ctx, s->id, st, s->words); });
  }
}

}  // namespace mgr::cli
