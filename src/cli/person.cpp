// mgr person add|list|show|edit|away|archive|restore
#include <fmt/format.h>

#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

using domain::Person;

// The options shared by `person add` and `person edit`; empty means "not given".
struct PersonOptions {
  std::string name, relation, cadence, day, time, length, tz, since;
  std::vector<CLI::Option*> given;

  void add_to(CLI::App* command) {
    given = {
        command->add_option("--name", name, "Display name"),
        command->add_option("--relation", relation, "report|manager|skip|peer|mentor"),
        command->add_option("--cadence", cadence, "1:1 cadence: weekly|biweekly|monthly|Nd|none"),
        command->add_option("--day", day, "Weekday of the 1:1 slot: mon..sun"),
        command->add_option("--time", time, "Time of the 1:1 slot, HH:MM in their zone"),
        command->add_option("--length", length, "Length of a 1:1 (default 30m)"),
        command->add_option("--tz", tz, "Their IANA time zone (default: yours)"),
        command->add_option("--since", since, "Date the cadence counts from (default today)")};
  }
  bool has(const char* option) const {
    for (auto* o : given)
      if (o->get_name() == option) return o->count() > 0;
    return false;
  }

  // Applies every given option to `person`, validating each; nothing is stored yet.
  void apply(const Context& ctx, Person& person) const {
    if (has("--name")) {
      domain::check_display_name(name);
      person.name = name;
    }
    if (has("--relation")) {
      person.relation = domain::parse_relation(relation);
      if (!has("--cadence")) person.cadence = domain::default_cadence(person.relation);
    }
    if (has("--cadence")) person.cadence = domain::parse_cadence(cadence);
    if (has("--day")) {
      if (day.empty() || day == "none")
        person.day.reset();
      else
        person.day = domain::weekday_name(domain::parse_weekday(day));
    }
    if (has("--time")) {
      if (time.empty() || time == "none")
        person.time_minutes.reset();
      else
        person.time_minutes = domain::parse_clock_time(time);
    }
    if (has("--length")) person.length_minutes = domain::parse_duration_minutes(length);
    if (has("--tz")) {
      if (tz.empty() || tz == "none")
        person.tz.reset();
      else
        person.tz = domain::find_zone(tz)->name();
    }
    if (has("--since")) person.since = parse_user_date(ctx, since);
  }
};

std::string effective_zone(const Context& ctx, const Person& person) {
  return person.tz ? *person.tz : ctx.clock.zone->name();
}

nlohmann::json person_json(const Context& ctx, const Person& person) {
  nlohmann::json j;
  j["handle"] = person.handle;
  j["name"] = person.name;
  j["relation"] = domain::relation_name(person.relation);
  j["cadence"] = person.cadence.text;
  j["day"] = optional_json(person.day);
  j["time"] = person.time_minutes ? nlohmann::json(domain::format_clock_time(*person.time_minutes))
                                  : nlohmann::json(nullptr);
  j["length"] = person.length_minutes;
  j["tz"] = effective_zone(ctx, person);
  j["since"] = person.since;
  j["archived"] = person.archived;
  j["away"] = nlohmann::json::array();
  for (const auto& away : person.away)
    j["away"].push_back({{"from", away.from}, {"to", away.to}, {"reason", away.reason}});
  return j;
}

std::string slot_text(const Context& ctx, const Person& person) {
  std::string slot = person.cadence.text;
  if (person.day) slot += " " + *person.day;
  if (person.time_minutes) slot += " " + domain::format_clock_time(*person.time_minutes);
  if (person.day || person.time_minutes) slot += " " + effective_zone(ctx, person);
  slot += ", " + domain::format_minutes(person.length_minutes);
  return slot;
}

void print_person_line(const Context& ctx, const Person& person) {
  ctx.out << fmt::format("{:<16} {:<24} {:<8} {}{}\n", person.handle,
                         person.name.empty() ? "-" : person.name,
                         domain::relation_name(person.relation), slot_text(ctx, person),
                         person.archived ? "  (archived)" : "");
}

void add_person(Context& ctx, const std::string& handle_text, const PersonOptions& options) {
  Person person;
  person.handle = domain::parse_handle(handle_text);
  person.since = ctx.today();
  person.cadence = domain::default_cadence(person.relation);
  options.apply(ctx, person);
  auto db = ctx.open_for_writing();
  storage::Store store{db};
  db.write([&] {
    if (store.find_person(person.handle))
      throw UsageError("a person with handle '" + person.handle + "' already exists",
                       "use `mgr person edit " + person.handle + "` to change them");
    store.add_person(person, ctx.now_instant());
  });
  ctx.out << "added " << person.handle << " (" << domain::relation_name(person.relation) << ", "
          << slot_text(ctx, person) << ")\n";
}

void edit_person(Context& ctx, const std::string& handle, const PersonOptions& options) {
  auto db = ctx.open_for_writing(unknown_person(handle));
  storage::Store store{db};
  Person person;
  db.write([&] {
    person = require_person(store, handle);
    options.apply(ctx, person);
    store.update_person(person);
  });
  ctx.out << "updated " << person.handle << " (" << domain::relation_name(person.relation) << ", "
          << slot_text(ctx, person) << ")\n";
}

void list_people(Context& ctx, bool all, const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  print_list(
      ctx, format, store.list_people(all),
      [&](const Person& person) { return person_json(ctx, person); },
      "No people yet. Add one with `mgr person add HANDLE`.",
      [&](const Person& person) { print_person_line(ctx, person); });
}

void show_person(Context& ctx, const std::string& handle, const std::string& format) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  const Person person = require_person(store, handle);
  storage::EntryFilter filter;
  filter.person_id = person.id;
  const auto timeline = store.list_entries(filter);
  const auto topics = store.list_topics(person.id, false);
  const auto actions = store.list_actions(person.id, std::nullopt, false);
  const auto delegations = store.list_delegations(person.id, false);
  const auto concerns = open_concerns_about(store, person.handle);

  if (format == "json") {
    auto j = person_json(ctx, person);
    j["timeline"] = nlohmann::json::array();
    for (const auto& entry : timeline) j["timeline"].push_back(entry_json(entry));
    j["open_topics"] = nlohmann::json::array();
    for (const auto& topic : topics)
      j["open_topics"].push_back({{"id", topic.id}, {"text", topic.text}});
    j["open_actions"] = nlohmann::json::array();
    for (const auto& action : actions)
      j["open_actions"].push_back(
          {{"id", action.id}, {"owner", action.owner}, {"text", action.text}});
    j["open_delegations"] = nlohmann::json::array();
    for (const auto& d : delegations)
      j["open_delegations"].push_back({{"id", d.id}, {"outcome", d.outcome}});
    j["open_concerns"] = nlohmann::json::array();
    for (const auto& c : concerns) j["open_concerns"].push_back({{"id", c.id}, {"text", c.text}});
    print_json(ctx.out, j);
    return;
  }

  auto& out = ctx.out;
  out << bold(ctx, person.handle) << (person.name.empty() ? "" : " — " + person.name)
      << (person.archived ? " (archived)" : "") << "\n";
  out << "  relation  " << domain::relation_name(person.relation) << "\n";
  out << "  1:1s      " << slot_text(ctx, person) << "\n";
  out << "  since     " << person.since << "\n";
  for (const auto& away : person.away)
    out << "  away      " << away.from << " to " << away.to
        << (away.reason.empty() ? "" : " (" + away.reason + ")") << "\n";
  if (!topics.empty()) {
    out << "\nOpen talking points\n";
    for (const auto& topic : topics) out << fmt::format("  #{} {}\n", topic.id, topic.text);
  }
  if (!actions.empty()) {
    out << "\nOpen actions\n";
    for (const auto& action : actions)
      out << fmt::format("  #{} [{}] {}\n", action.id, action.owner == "me" ? "mine" : "theirs",
                         action.text);
  }
  if (!delegations.empty()) {
    out << "\nOpen delegations\n";
    for (const auto& d : delegations) out << fmt::format("  #{} {}\n", d.id, d.outcome);
  }
  if (!concerns.empty()) {
    out << "\nOpen concerns\n";
    for (const auto& c : concerns) out << fmt::format("  #{} {}\n", c.id, c.text);
  }
  out << "\nTimeline\n";
  if (timeline.empty()) out << "  nothing logged yet\n";
  for (const auto& entry : timeline) print_entry(out, entry);
}

void mark_away(Context& ctx, const std::string& handle, const std::string& from_text,
               const std::string& to_text, const std::string& reason) {
  domain::TimeAway away;
  away.from = parse_user_date(ctx, from_text, domain::DateDirection::future);
  away.to = parse_user_date(ctx, to_text, domain::DateDirection::future);
  if (away.to < away.from)
    throw UsageError("--to " + to_text + " (" + away.to + ") is before --from " + from_text + " (" +
                     away.from + ")");
  check_text(reason, "the reason");
  away.reason = reason;
  auto db = ctx.open_for_writing(unknown_person(handle));
  storage::Store store{db};
  std::string who;
  db.write([&] {
    const Person person = require_person(store, handle);
    who = person.handle;
    store.add_time_away(person.id, away);
  });
  ctx.out << who << " is away " << away.from << " to " << away.to << "; no 1:1 is due then\n";
}

void set_archived(Context& ctx, const std::string& handle, bool archived) {
  auto db = ctx.open_for_writing(unknown_person(handle));
  storage::Store store{db};
  std::string who;
  db.write([&] {
    const Person person = require_person(store, handle);
    who = person.handle;
    if (person.archived == archived)
      throw UsageError(who + (archived ? " is already archived" : " is not archived"));
    store.set_archived(person.id, archived);
  });
  ctx.out << (archived ? "archived " : "restored ") << who << "\n";
}

}  // namespace

void register_person_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto* person = app.add_subcommand("person", "Add, change and look at the people you work with");
  person->require_subcommand(1);

  struct State {
    std::string handle, format = "text", from, to, reason;
    bool all = false;
    PersonOptions add_options, edit_options;
  };
  auto state = std::make_shared<State>();

  auto* add = person->add_subcommand("add", "Add a person (default: a report with weekly 1:1s)");
  add->add_option("handle", state->handle, "Short name, e.g. alice")->required();
  state->add_options.add_to(add);
  table.add(add, [&ctx, state] { add_person(ctx, state->handle, state->add_options); });

  auto* list = person->add_subcommand("list", "List people");
  list->add_flag("--all", state->all, "Include archived people");
  add_format_option(list, state->format, {"text", "json"});
  table.add(list, [&ctx, state] { list_people(ctx, state->all, state->format); });

  auto* show =
      person->add_subcommand("show", "A person's profile and everything logged about them");
  show->add_option("handle", state->handle, "Handle")->required();
  add_format_option(show, state->format, {"text", "json"});
  table.add(show, [&ctx, state] { show_person(ctx, state->handle, state->format); });

  auto* edit = person->add_subcommand("edit", "Change a person (same options as add)");
  edit->add_option("handle", state->handle, "Handle")->required();
  state->edit_options.add_to(edit);
  table.add(edit, [&ctx, state] { edit_person(ctx, state->handle, state->edit_options); });

  auto* away = person->add_subcommand("away", "Record time away: no 1:1 is due while away");
  away->add_option("handle", state->handle, "Handle")->required();
  away->add_option("--from", state->from, "First day away")->required();
  away->add_option("--to", state->to, "Last day away")->required();
  away->add_option("--reason", state->reason, "Why, e.g. vacation");
  table.add(away, [&ctx, state] {
    mark_away(ctx, state->handle, state->from, state->to, state->reason);
  });

  auto* archive = person->add_subcommand("archive", "Archive someone who left the team");
  archive->add_option("handle", state->handle, "Handle")->required();
  table.add(archive, [&ctx, state] { set_archived(ctx, state->handle, true); });

  auto* restore = person->add_subcommand("restore", "Bring an archived person back");
  restore->add_option("handle", state->handle, "Handle")->required();
  table.add(restore, [&ctx, state] { set_archived(ctx, state->handle, false); });
}

}  // namespace mgr::cli
