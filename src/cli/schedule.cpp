// The scheduler: mgr schedule [--ics] | schedule skip | today | prep.
#include "cli/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

using date::days;
using date::local_days;

// ---- shared with prep.cpp and ics.cpp ----

PersonPlan load_person_plan(storage::Store& store, const domain::Person& person) {
  storage::EntryFilter filter;
  filter.person_id = person.id;
  filter.kind = "1on1";
  return {person, domain::one_on_one_history(store.list_entries(filter), person.handle),
          store.skips_for(person.id)};
}

std::vector<PersonPlan> load_team_plans(storage::Store& store) {
  std::vector<PersonPlan> plans;
  for (const auto& person : store.list_people(false))
    plans.push_back(load_person_plan(store, person));
  return plans;
}

std::optional<domain::DueSlot> next_slot(const PersonPlan& plan, const domain::Clock& clock) {
  return domain::next_one_on_one(plan.person, plan.history, plan.skips, clock);
}

std::vector<domain::DueSlot> upcoming_slots(const PersonPlan& plan, const domain::Clock& clock,
                                            local_days until) {
  return domain::upcoming_slots(plan.person, plan.history, plan.skips, clock, until);
}

std::optional<std::string> slot_time(const domain::DueSlot& slot) {
  if (!slot.start_in_user_zone) return std::nullopt;
  return date::format("%H:%M", *slot.start_in_user_zone);
}

std::optional<std::string> slot_time_in_their_zone(const domain::DueSlot& slot) {
  if (!slot.other_zone || !slot.start_in_person_zone) return std::nullopt;
  return date::format("%H:%M ", *slot.start_in_person_zone) + slot.person_zone->name();
}

std::string day_label(local_days day) {
  return date::format("%a %Y-%m-%d", day);
}

std::string days_text(int count) {
  return fmt::format("{} day{}", count, count == 1 ? "" : "s");
}

std::string days_ago_text(int count) {
  if (count == 0) return "today";
  if (count == 1) return "yesterday";
  return days_text(count) + " ago";
}

std::string slot_when(const domain::DueSlot& slot) {
  std::string when = day_label(slot.due_date);
  if (auto time = slot_time(slot)) when += " " + *time;
  if (auto theirs = slot_time_in_their_zone(slot)) when += " (" + *theirs + ")";
  return when;
}

namespace {

// ---- the agenda: what `schedule` and `today` list ----

enum class ItemKind { one_on_one, checkin, delegation_due, action_due };

std::string kind_name(ItemKind kind) {
  switch (kind) {
    case ItemKind::one_on_one:
      return "one_on_one";
    case ItemKind::checkin:
      return "checkin";
    case ItemKind::delegation_due:
      return "delegation_due";
    case ItemKind::action_due:
      return "action_due";
  }
  return "";
}

struct AgendaItem {
  ItemKind kind;
  // The day it is listed on: its due date, or today when that has passed, because an overdue
  // item is something to do today, not something to look for in the past.
  local_days day;
  local_days due;
  int overdue_days = 0;
  std::string person;
  std::optional<long long> id;  // delegation or action id; a 1:1 slot has none
  std::string text;             // the delegation's outcome or the action's text
  std::optional<domain::DueSlot> slot;
};

// Everything the agenda is computed from, loaded once.
struct AgendaData {
  std::vector<PersonPlan> plans;
  std::vector<domain::Delegation> delegations;  // open ones
  std::vector<domain::Action> my_actions;       // open ones of yours
};

AgendaData load_agenda_data(storage::Store& store) {
  return {load_team_plans(store), store.list_delegations(std::nullopt, false),
          store.list_actions(std::nullopt, std::string{"me"}, false)};
}

local_days stored_day(const std::string& text) {
  const auto day = domain::parse_iso_date(text);
  if (!day)
    throw Failure("invalid date '" + text + "' in the database",
                  "run `mgr doctor` to check the database");
  return local_days{*day};
}

AgendaItem dated_item(ItemKind kind, local_days due, const domain::Clock& clock) {
  AgendaItem item{};
  item.kind = kind;
  item.due = due;
  item.day = std::max(due, clock.today_days());
  item.overdue_days = domain::overdue_days(due, clock);
  return item;
}

void add_one_on_ones(std::vector<AgendaItem>& items, const AgendaData& data,
                     const domain::Clock& clock, local_days until) {
  for (const auto& plan : data.plans) {
    for (const auto& slot : upcoming_slots(plan, clock, until)) {
      auto item = dated_item(ItemKind::one_on_one, slot.due_date, clock);
      item.person = slot.person;
      item.slot = slot;
      items.push_back(std::move(item));
    }
  }
}

// Each check-in in the window, the later ones counted as if the earlier were done on time (or
// today, when late), as upcoming 1:1 slots are.
void add_checkins(std::vector<AgendaItem>& items, const AgendaData& data,
                  const domain::Clock& clock, local_days until) {
  for (const auto& delegation : data.delegations) {
    auto due = domain::next_checkin_due(delegation);
    if (!due) continue;
    const auto cadence = domain::parse_cadence(delegation.checkin);
    while (*due <= until) {
      auto item = dated_item(ItemKind::checkin, *due, clock);
      item.person = delegation.person;
      item.id = delegation.id;
      item.text = delegation.outcome;
      items.push_back(std::move(item));
      due = domain::add_cadence(std::max(*due, clock.today_days()), cadence);
    }
  }
}

void add_due_dates(std::vector<AgendaItem>& items, const AgendaData& data,
                   const domain::Clock& clock, local_days until) {
  for (const auto& delegation : data.delegations) {
    if (!delegation.due || stored_day(*delegation.due) > until) continue;
    auto item = dated_item(ItemKind::delegation_due, stored_day(*delegation.due), clock);
    item.person = delegation.person;
    item.id = delegation.id;
    item.text = delegation.outcome;
    items.push_back(std::move(item));
  }
  for (const auto& action : data.my_actions) {
    if (!action.due || stored_day(*action.due) > until) continue;
    auto item = dated_item(ItemKind::action_due, stored_day(*action.due), clock);
    item.person = action.person;
    item.id = action.id;
    item.text = action.text;
    items.push_back(std::move(item));
  }
}

// By day; within a day 1:1s first (timed ones by time), then check-ins, delegations, actions.
bool listed_before(const AgendaItem& a, const AgendaItem& b) {
  const auto time_key = [](const AgendaItem& item) {
    return item.slot && item.day == item.due ? slot_time(*item.slot).value_or("~") : "~";
  };
  return std::make_tuple(a.day, a.kind, time_key(a), a.person, a.id.value_or(0)) <
         std::make_tuple(b.day, b.kind, time_key(b), b.person, b.id.value_or(0));
}

std::vector<AgendaItem> build_agenda(const AgendaData& data, const domain::Clock& clock,
                                     local_days until) {
  std::vector<AgendaItem> items;
  add_one_on_ones(items, data, clock, until);
  add_checkins(items, data, clock, until);
  add_due_dates(items, data, clock, until);
  std::sort(items.begin(), items.end(), listed_before);
  return items;
}

// The slot time only when the item is listed on the slot's own day: an overdue 1:1 listed
// today has no time today.
std::optional<std::string> listed_time(const AgendaItem& item) {
  if (!item.slot || item.day != item.due) return std::nullopt;
  return slot_time(*item.slot);
}

nlohmann::json agenda_item_json(const AgendaItem& item) {
  nlohmann::json j;
  j["date"] = domain::format_date(item.day);
  j["time"] = optional_json(listed_time(item));
  j["kind"] = kind_name(item.kind);
  j["person"] = item.person;
  j["id"] = optional_json(item.id);
  j["overdue_days"] = item.overdue_days;
  j["due"] = domain::format_date(item.due);
  if (item.slot) {
    j["length"] = item.slot->length_minutes;
    j["slot_time"] = optional_json(slot_time(*item.slot));
    j["their_time"] = item.slot->start_in_person_zone && item.slot->other_zone
                          ? nlohmann::json(date::format("%H:%M", *item.slot->start_in_person_zone))
                          : nlohmann::json(nullptr);
    j["their_tz"] = item.slot->person_zone->name();
    j["last_held"] = optional_json(item.slot->last_held);
  } else {
    j["text"] = item.text;
  }
  return j;
}

std::string describe(const AgendaItem& item) {
  std::string line;
  switch (item.kind) {
    case ItemKind::one_on_one:
      line = fmt::format("1:1 with {}, {}", item.person,
                         domain::format_minutes(item.slot->length_minutes));
      if (auto theirs = slot_time_in_their_zone(*item.slot); theirs && listed_time(item))
        line += " (" + *theirs + ")";
      break;
    case ItemKind::checkin:
      line = fmt::format("check-in with {} on #{} {}", item.person, *item.id, item.text);
      break;
    case ItemKind::delegation_due:
      line = fmt::format("delegation #{} due from {}: {}", *item.id, item.person, item.text);
      break;
    case ItemKind::action_due:
      line = fmt::format("your action #{} (with {}) due: {}", *item.id, item.person, item.text);
      break;
  }
  if (item.overdue_days > 0)
    line +=
        fmt::format(" — overdue {} (due {})", days_text(item.overdue_days), day_label(item.due));
  return line;
}

void print_agenda_line(std::ostream& out, const AgendaItem& item, const std::string& suffix) {
  out << fmt::format("  {:<6} {}{}\n", listed_time(item).value_or(""), describe(item), suffix);
}

// ---- mgr schedule ----

int parse_count(const std::string& text, const std::string& option, int minimum) {
  int value = 0;
  bool digits = !text.empty() && text.size() <= 6;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (digits) value = std::stoi(text);
  if (!digits || value < minimum)
    throw UsageError(
        fmt::format("{} must be a whole number of at least {}, not '{}'", option, minimum, text));
  return value;
}

// A window longer than this is capped (with a note) rather than refused: asking for "a lot" is
// a reasonable request, a year is all a schedule can usefully show.
constexpr int k_max_days = 366;
constexpr int k_max_weeks = 52;

int capped(Context& ctx, int value, int maximum, const std::string& option) {
  if (value <= maximum) return value;
  ctx.err << fmt::format("mgr: note: {} {} is more than {}; using {}\n", option, value, maximum,
                         maximum);
  return maximum;
}

void show_schedule(Context& ctx, const std::string& days_option, const std::string& format) {
  const int window = capped(ctx, parse_count(days_option, "--days", 1), k_max_days, "--days");
  auto db = ctx.open_for_reading(format == "json");
  if (!db) {
    if (format == "json") print_json(ctx.out, nlohmann::json::array());
    return;
  }
  storage::Store store{*db};
  const auto today = ctx.clock.today_days();
  const auto last_day = today + days{window - 1};
  const auto items = build_agenda(load_agenda_data(store), ctx.clock, last_day);

  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items) list.push_back(agenda_item_json(item));
    print_json(ctx.out, list);
    return;
  }
  auto& out = ctx.out;
  out << bold(ctx, fmt::format("Schedule {} to {}", day_label(today), day_label(last_day)))
      << fmt::format(" ({}, {})\n", days_text(window), ctx.clock.zone->name());
  if (items.empty()) out << "\nNothing due.\n";
  std::optional<local_days> current;
  for (const auto& item : items) {
    if (item.day != current) {
      current = item.day;
      out << "\n" << day_label(item.day) << (item.day == today ? " (today)" : "") << "\n";
    }
    print_agenda_line(out, item, "");
  }
}

// ---- mgr today ----

// What a manager wants to know in the minute before a 1:1 starts.
struct PrepCounts {
  std::optional<int> days_since_last;
  int topics = 0;
  int my_actions = 0;
  int their_actions = 0;
  int concerns = 0;
};

PrepCounts prep_counts(const domain::DueSlot& slot, const std::vector<domain::Topic>& topics,
                       const std::vector<domain::Action>& actions,
                       const std::vector<domain::Concern>& concerns, const domain::Clock& clock) {
  PrepCounts counts;
  if (slot.last_held)
    counts.days_since_last =
        static_cast<int>((clock.today_days() - stored_day(*slot.last_held)).count());
  for (const auto& topic : topics) counts.topics += topic.person == slot.person;
  for (const auto& action : actions) {
    if (action.person != slot.person) continue;
    (action.owner == "me" ? counts.my_actions : counts.their_actions) += 1;
  }
  for (const auto& concern : concerns)
    counts.concerns += std::count(concern.people.begin(), concern.people.end(), slot.person) > 0;
  return counts;
}

std::string prep_line(const PrepCounts& counts) {
  const auto plural = [](int n, const char* what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
  };
  std::string line = counts.days_since_last ? "last 1:1 " + days_ago_text(*counts.days_since_last)
                                            : "no 1:1 held yet";
  line += " · " + plural(counts.topics, "open topic");
  line += " · " + plural(counts.my_actions + counts.their_actions, "open action");
  if (counts.my_actions + counts.their_actions > 0)
    line += fmt::format(" ({} yours, {} theirs)", counts.my_actions, counts.their_actions);
  line += " · " + plural(counts.concerns, "open concern");
  return line;
}

nlohmann::json prep_counts_json(const PrepCounts& counts) {
  return {{"days_since_last", optional_json(counts.days_since_last)},
          {"open_topics", counts.topics},
          {"open_actions", counts.my_actions + counts.their_actions},
          {"my_open_actions", counts.my_actions},
          {"their_open_actions", counts.their_actions},
          {"open_concerns", counts.concerns}};
}

void show_today(Context& ctx, const std::string& format) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db) {
    if (format == "json")
      print_json(ctx.out, {{"date", ctx.today()},
                           {"one_on_ones", nlohmann::json::array()},
                           {"due", nlohmann::json::array()}});
    return;
  }
  storage::Store store{*db};
  const auto today = ctx.clock.today_days();
  const auto items = build_agenda(load_agenda_data(store), ctx.clock, today);
  const auto topics = store.list_topics(std::nullopt, false);
  const auto actions = store.list_actions(std::nullopt, std::nullopt, false);
  const auto concerns = store.list_concerns(false);

  std::vector<std::pair<AgendaItem, PrepCounts>> meetings;
  std::vector<AgendaItem> also_due;
  for (const auto& item : items) {
    if (item.kind == ItemKind::one_on_one)
      meetings.emplace_back(item, prep_counts(*item.slot, topics, actions, concerns, ctx.clock));
    else
      also_due.push_back(item);
  }

  if (format == "json") {
    nlohmann::json j{{"date", domain::format_date(today)},
                     {"one_on_ones", nlohmann::json::array()},
                     {"due", nlohmann::json::array()}};
    for (const auto& [item, counts] : meetings) {
      auto entry = agenda_item_json(item);
      entry["prep"] = prep_counts_json(counts);
      j["one_on_ones"].push_back(entry);
    }
    for (const auto& item : also_due) j["due"].push_back(agenda_item_json(item));
    print_json(ctx.out, j);
    return;
  }
  auto& out = ctx.out;
  out << bold(ctx, "Today, " + day_label(today)) << "\n";
  if (meetings.empty() && also_due.empty()) {
    out << "\nNothing due today.\n";
    return;
  }
  if (!meetings.empty()) out << "\n1:1s\n";
  for (const auto& [item, counts] : meetings) {
    print_agenda_line(out, item, "");
    out << fmt::format("  {:<6}   {}\n", "", prep_line(counts));
  }
  if (!also_due.empty()) out << "\nDue\n";
  for (const auto& item : also_due) print_agenda_line(out, item, "");
}

// ---- mgr schedule skip ----

domain::DueSlot slot_to_skip(const PersonPlan& plan, const std::optional<local_days>& on,
                             const domain::Clock& clock) {
  const auto next = next_slot(plan, clock);
  if (!next) throw std::logic_error("slot_to_skip: a scheduled person has no next 1:1");
  if (!on) return *next;
  for (const auto& slot : upcoming_slots(plan, clock, *on))
    if (slot.due_date == *on) return slot;
  throw UsageError(fmt::format("{} has no 1:1 due on {}", plan.person.handle, day_label(*on)),
                   "the next one is due " + slot_when(*next) + "; see `mgr schedule`");
}

void skip_one_on_one(Context& ctx, const std::string& handle, const std::string& date_text,
                     const std::string& reason) {
  check_text(reason, "the reason");
  std::optional<local_days> on;
  if (!date_text.empty())
    on = stored_day(parse_user_date(ctx, date_text, domain::DateDirection::future));
  // Without a database there is nobody to skip; do not create one just to say so.
  if (!std::filesystem::exists(ctx.db_path))
    throw UsageError("unknown person '" + handle + "'",
                     "there is no database yet; start with `mgr person add " + handle + "`");

  auto db = ctx.open_for_writing();
  storage::Store store{db};
  domain::DueSlot skipped;
  std::optional<domain::DueSlot> next;
  db.write([&] {
    const auto person = require_person(store, handle);
    if (person.cadence.is_none())
      throw UsageError(
          person.handle + " has no regular 1:1 (cadence none), so there is none to skip",
          "give them one with `mgr person edit " + person.handle + " --cadence weekly`");
    if (person.archived)
      throw UsageError(person.handle + " is archived and has no 1:1s due",
                       "`mgr person restore " + person.handle + "` brings them back");
    auto plan = load_person_plan(store, person);
    skipped = slot_to_skip(plan, on, ctx.clock);
    const auto skipped_on = domain::format_date(skipped.due_date);
    store.add_skip(person.id, skipped_on, reason, ctx.now_instant());
    plan.skips.push_back({person.handle, skipped_on, reason});
    next = next_slot(plan, ctx.clock);
  });
  ctx.out << fmt::format(
      "skipped {}'s 1:1 of {}; next 1:1 due {}{}\n", skipped.person, day_label(skipped.due_date),
      slot_when(*next),
      next->overdue_days > 0 ? fmt::format(" (overdue {})", days_text(next->overdue_days)) : "");
}

}  // namespace

void register_schedule_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string days = "14", weeks = "8", output, format = "text", handle, date, reason;
    bool ics = false, shared = false;
  };
  auto s = std::make_shared<State>();

  auto* schedule = app.add_subcommand(
      "schedule",
      "Upcoming 1:1s, check-ins and due dates, by day (overdue items are listed today)");
  auto* days_option =
      schedule->add_option("--days", s->days, "How many days, today included (default 14)")
          ->type_name("N");
  auto* format_option = add_format_option(schedule, s->format, {"text", "json"});
  auto* ics = schedule->add_flag("--ics", s->ics,
                                 "iCalendar (RFC 5545) of the upcoming 1:1 slots, times in UTC");
  schedule->add_option("--weeks", s->weeks, "With --ics: how many weeks (default 8, at most 52)")
      ->type_name("N")
      ->needs(ics);
  schedule
      ->add_option("--output", s->output,
                   "With --ics: write to FILE (mode 0600, replaced atomically; - for stdout)")
      ->type_name("FILE")
      ->needs(ics);
  ics->excludes(days_option)->excludes(format_option);
  table.add(schedule, [&ctx, s] {
    if (s->ics) {
      const int weeks = capped(ctx, parse_count(s->weeks, "--weeks", 1), k_max_weeks, "--weeks");
      return export_ics(ctx, weeks, s->output);
    }
    show_schedule(ctx, s->days, s->format);
  });

  auto* skip = schedule->add_subcommand(
      "skip", "Skip someone's next 1:1 (or that day's): the cadence moves on from it");
  skip->add_option("handle", s->handle, "Who")->required();
  skip->add_option("--date", s->date, "The day of the 1:1 to skip (default: the next one due)")
      ->type_name("DATE");
  skip->add_option("--reason", s->reason, "Why, e.g. offsite");
  table.add(skip, [&ctx, s] { skip_one_on_one(ctx, s->handle, s->date, s->reason); });

  auto* today = app.add_subcommand("today", "Today's 1:1s with a prep line each, then what is due");
  add_format_option(today, s->format, {"text", "json"});
  table.add(today, [&ctx, s] { show_today(ctx, s->format); });

  auto* prep = app.add_subcommand("prep", "Prep sheet for your next 1:1 with someone");
  prep->add_option("handle", s->handle, "Who")->required();
  add_format_option(prep, s->format, {"text", "markdown", "json"});
  prep->add_flag("--shared", s->shared,
                 "With --format markdown: only the shareable agenda, without your private notes");
  table.add(prep, [&ctx, s] { show_prep(ctx, s->handle, s->format, s->shared); });
}

}  // namespace mgr::cli
