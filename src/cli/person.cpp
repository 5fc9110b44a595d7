// mgr person add|list|show|edit|away|archive|restore
#include <fmt/format.h>

#include "cli/common.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

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
      person.relation = domain::parse_choice<domain::Relation>(relation, "relation");
      if (!has("--cadence")) person.cadence = domain::default_cadence(person.relation);
    }
    if (has("--cadence")) person.cadence = domain::parse_cadence(cadence);
    if (has("--day")) {
      if (day.empty() || day == "none")
        person.slot_day.reset();
      else
        person.slot_day = domain::parse_weekday(day);
    }
    if (has("--time")) {
      if (time.empty() || time == "none")
        person.slot_time.reset();
      else
        person.slot_time = domain::parse_clock_time(time);
    }
    if (has("--length")) person.length = domain::parse_duration(length);
    if (has("--tz")) {
      if (tz.empty() || tz == "none")
        person.zone = nullptr;
      else
        person.zone = domain::find_zone(tz);
    }
    if (has("--since")) person.since = parse_user_date(ctx, since);
  }
};

std::string effective_zone(const Context& ctx, const Person& person) {
  return (person.zone != nullptr ? person.zone : ctx.clock.zone)->name();
}

std::string relation_text(const Person& person) {
  return std::string{domain::name_of(person.relation)};
}

nlohmann::json person_json(const Context& ctx, const Person& person) {
  nlohmann::json j;
  j["handle"] = person.handle;
  j["name"] = person.name;
  j["relation"] = relation_text(person);
  j["cadence"] = domain::cadence_name(person.cadence);
  j["day"] = person.slot_day ? nlohmann::json(domain::weekday_name(*person.slot_day))
                             : nlohmann::json(nullptr);
  j["time"] = person.slot_time ? nlohmann::json(domain::format_clock_time(*person.slot_time))
                               : nlohmann::json(nullptr);
  j["length"] = person.length.count();
  j["tz"] = effective_zone(ctx, person);
  j["since"] = domain::format_date(person.since);
  j["archived"] = person.archived;
  j["away"] = nlohmann::json::array();
  for (const auto& away : person.away)
    j["away"].push_back({{"id", away.id.value},
                         {"from", domain::format_date(away.from)},
                         {"to", domain::format_date(away.to)},
                         {"reason", away.reason}});
  return j;
}

std::string slot_text(const Context& ctx, const Person& person) {
  std::string slot = domain::cadence_name(person.cadence);
  if (person.slot_day) slot += " " + domain::weekday_name(*person.slot_day);
  if (person.slot_time) slot += " " + domain::format_clock_time(*person.slot_time);
  if (person.slot_day || person.slot_time) slot += " " + effective_zone(ctx, person);
  slot += ", " + domain::format_minutes(person.length);
  return slot;
}

void print_person_line(const Context& ctx, const Person& person) {
  ctx.out << fmt::format("{:<16} {:<24} {:<8} {}{}\n", person.handle,
                         person.name.empty() ? "-" : person.name, relation_text(person),
                         slot_text(ctx, person), person.archived ? "  (archived)" : "");
}

void add_person(Context& ctx, const std::string& handle_text, const PersonOptions& options) {
  Person person;
  person.handle = domain::parse_handle(handle_text);
  person.since = ctx.today();
  person.cadence = domain::default_cadence(person.relation);
  options.apply(ctx, person);
  change_and_confirm(ctx, "", [&](storage::Store& store) {
    if (store.find_person(person.handle))
      throw UsageError("a person with handle '" + person.handle + "' already exists",
                       "use `mgr person edit " + person.handle + "` to change them");
    store.add_person(person, ctx.clock.now);
    return "added " + person.handle + " (" + relation_text(person) + ", " + slot_text(ctx, person) +
           ")";
  });
}

void edit_person(Context& ctx, const std::string& handle, const PersonOptions& options) {
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    Person person = require_person(store, handle);
    options.apply(ctx, person);
    store.update_person(person);
    return "updated " + person.handle + " (" + relation_text(person) + ", " +
           slot_text(ctx, person) + ")";
  });
}

void list_people(Context& ctx, bool all, const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  print_list(
      ctx, format, db->read([&] { return store.list_people(all); }),
      [&](const Person& person) { return person_json(ctx, person); },
      "No people yet. Add one with `mgr person add HANDLE`.",
      [&](const Person& person) { print_person_line(ctx, person); });
}

// Everything `person show` prints about one person, read in one snapshot.
struct PersonPage {
  Person person;
  std::vector<domain::Entry> timeline;
  std::vector<domain::Topic> topics;
  std::vector<domain::Action> actions;
  std::vector<domain::Delegation> delegations;
  std::vector<domain::Concern> concerns;
};

void show_person(Context& ctx, const std::string& handle, const std::string& format) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  const auto page = db->read([&] {
    PersonPage loaded;
    loaded.person = require_person(store, handle);
    storage::EntryFilter filter;
    filter.person = loaded.person.id;
    loaded.timeline = store.list_entries(filter);
    loaded.topics = store.list_topics(loaded.person.id, false);
    loaded.actions = store.list_actions(loaded.person.id, std::nullopt, false);
    loaded.delegations = store.list_delegations(loaded.person.id, false);
    loaded.concerns = store.list_concerns(loaded.person.id, false);
    return loaded;
  });
  const auto& [person, timeline, topics, actions, delegations, concerns] = page;

  if (format == "json") {
    auto j = person_json(ctx, person);
    j["timeline"] = nlohmann::json::array();
    for (const auto& entry : timeline) j["timeline"].push_back(entry_json(entry));
    j["open_topics"] = nlohmann::json::array();
    for (const auto& topic : topics)
      j["open_topics"].push_back({{"id", topic.id.value}, {"text", topic.text}});
    j["open_actions"] = nlohmann::json::array();
    for (const auto& action : actions)
      j["open_actions"].push_back({{"id", action.id.value},
                                   {"owner", domain::name_of(action.owner)},
                                   {"text", action.text}});
    j["open_delegations"] = nlohmann::json::array();
    for (const auto& d : delegations)
      j["open_delegations"].push_back({{"id", d.id.value}, {"outcome", d.outcome}});
    j["open_concerns"] = nlohmann::json::array();
    for (const auto& c : concerns)
      j["open_concerns"].push_back({{"id", c.id.value}, {"text", c.text}});
    print_json(ctx.out, j);
    return;
  }

  auto& out = ctx.out;
  out << bold(ctx, person.handle) << (person.name.empty() ? "" : " — " + person.name)
      << (person.archived ? " (archived)" : "") << "\n";
  out << "  relation  " << relation_text(person) << "\n";
  out << "  1:1s      " << slot_text(ctx, person) << "\n";
  out << "  since     " << domain::format_date(person.since) << "\n";
  for (const auto& away : person.away)
    out << "  away      " << domain::format_date(away.from) << " to "
        << domain::format_date(away.to) << (away.reason.empty() ? "" : " (" + away.reason + ")")
        << "\n";
  if (!topics.empty()) {
    out << "\nOpen talking points\n";
    for (const auto& topic : topics) out << fmt::format("  #{} {}\n", topic.id.value, topic.text);
  }
  if (!actions.empty()) {
    out << "\nOpen actions\n";
    for (const auto& action : actions)
      out << fmt::format("  #{} [{}] {}\n", action.id.value,
                         action.owner == domain::Owner::me ? "mine" : "theirs", action.text);
  }
  if (!delegations.empty()) {
    out << "\nOpen delegations\n";
    for (const auto& d : delegations) out << fmt::format("  #{} {}\n", d.id.value, d.outcome);
  }
  if (!concerns.empty()) {
    out << "\nOpen concerns\n";
    for (const auto& c : concerns) out << fmt::format("  #{} {}\n", c.id.value, c.text);
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
  domain::check_time_away(away);
  domain::check_text(reason, "the reason");
  away.reason = reason;
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const Person person = require_person(store, handle);
    store.add_time_away(person.id, away);
    return person.handle + " is away " + domain::format_date(away.from) + " to " +
           domain::format_date(away.to) + "; no 1:1 is due then";
  });
}

void set_archived(Context& ctx, const std::string& handle, bool archived) {
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const Person person = require_person(store, handle);
    if (person.archived == archived)
      throw UsageError(person.handle + (archived ? " is already archived" : " is not archived"));
    store.set_archived(person.id, archived);
    return (archived ? "archived " : "restored ") + person.handle;
  });
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
