// mgr schedule [--ics] and mgr schedule skip.
#include <fmt/format.h>

#include <filesystem>

#include "cli/agenda_text.hpp"
#include "cli/common.hpp"
#include "cli/ics.hpp"
#include "domain/agenda.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using date::days;

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
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto today = ctx.today();
  const auto last_day = today + days{window - 1};
  const auto items = domain::schedule_agenda(db->read([&] { return store.agenda_input(); }),
                                             ctx.series_context(), last_day);

  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items) list.push_back(agenda_item_json(item));
    return print_json(ctx.out, list);
  }
  auto& out = ctx.out;
  out << bold(ctx, fmt::format("Schedule {} to {}", day_label(today), day_label(last_day)))
      << fmt::format(" ({}, {})\n", days_text(window), ctx.clock.zone->name());
  if (items.empty()) out << "\nNothing due.\n";
  std::optional<domain::Date> current;
  for (const auto& item : items) {
    if (item.day != current) {
      current = item.day;
      out << "\n" << day_label(item.day) << (item.day == today ? " (today)" : "") << "\n";
    }
    print_agenda_line(out, item);
  }
}

// "next 1:1 due Thu 2026-12-03 10:00", or the overdue one that is still to hold.
std::string what_comes_next(const domain::PersonSchedule& schedule, const Context& ctx) {
  const auto context = ctx.series_context();
  const auto state = domain::series_state(schedule, context, context.today + days{400});
  if (const auto* overdue = state.overdue())
    return fmt::format("the 1:1 due {} is still overdue ({})", day_label(overdue->date),
                       days_text(state.overdue_days(context.today)));
  if (state.next) return "next 1:1 due " + slot_when(*state.next);
  return "no 1:1 coming up";
}

void skip_one_on_one(Context& ctx, const std::string& handle, const std::string& date_text,
                     const std::string& reason) {
  domain::check_text(reason, "the reason");
  std::optional<domain::Date> on;
  if (!date_text.empty()) on = parse_user_date(ctx, date_text, domain::DateDirection::future);
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    auto schedule = store.schedule_of(require_person(store, handle));
    const auto skipped = domain::occurrence_to_change(schedule, ctx.series_context(), on, "skip");
    const domain::Skip skip{skipped.regular, reason};
    store.add_skip(schedule.person.id, skip, ctx.clock.now);
    schedule.skips.push_back(skip);
    return fmt::format("skipped {}'s 1:1 of {}; {}", skipped.person, day_label(skipped.date),
                       what_comes_next(schedule, ctx));
  });
}

void move_one_on_one(Context& ctx, const std::string& handle, const std::string& to_text,
                     const std::string& time_text, const std::string& from_text) {
  const auto to = parse_user_date(ctx, to_text, domain::DateDirection::future);
  if (to < ctx.today())
    throw UsageError("--to " + to_text + " is in the past (" + day_label(to) + ")",
                     "a 1:1 moves to today or a later day");
  std::optional<domain::Minutes> time;
  if (!time_text.empty()) time = domain::parse_clock_time(time_text);
  std::optional<domain::Date> from;
  if (!from_text.empty()) from = parse_user_date(ctx, from_text, domain::DateDirection::future);
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    auto schedule = store.schedule_of(require_person(store, handle));
    const auto context = ctx.series_context();
    const auto moved = domain::occurrence_to_change(schedule, context, from, "move");
    const domain::Move move{moved.regular, to, time};
    store.add_move(schedule.person.id, move, ctx.clock.now);
    schedule.moves.push_back(move);
    const auto state = domain::series_state(schedule, context, to + days{1});
    std::string when = day_label(to);
    for (const auto& occurrence : state.upcoming)
      if (occurrence.regular == moved.regular) when = slot_when(occurrence);
    return fmt::format("moved {}'s 1:1 of {} to {}", moved.person, day_label(moved.date), when);
  });
}

}  // namespace

void register_schedule_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string days = "14", weeks = "8", output, format = "text", handle, date, reason, to, time;
    bool ics = false;
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
      "skip",
      "Skip one 1:1 (the overdue one, else the next, or that day's): it is neither due nor "
      "overdue, the rest of the series stays");
  skip->add_option("handle", s->handle, "Who")->required();
  skip->add_option("--date", s->date, "The day of the 1:1 to skip")->type_name("DATE");
  skip->add_option("--reason", s->reason, "Why, e.g. offsite")->type_name("TEXT");
  table.add(skip, [&ctx, s] { skip_one_on_one(ctx, s->handle, s->date, s->reason); });

  auto* move = schedule->add_subcommand(
      "move",
      "Move one 1:1 (the overdue one, else the next, or the one regularly on --from) to another "
      "day; the rest of the series stays");
  move->add_option("handle", s->handle, "Who")->required();
  move->add_option("--to", s->to, "The day it happens instead (today or later)")
      ->type_name("DATE")
      ->required();
  move->add_option("--time", s->time, "At this time, HH:MM in your zone (default: its own time)")
      ->type_name("HH:MM");
  move->add_option("--from", s->date, "The day it regularly falls on")->type_name("DATE");
  table.add(move, [&ctx, s] { move_one_on_one(ctx, s->handle, s->to, s->time, s->date); });
}

}  // namespace mgr::cli
