// mgr today: today's 1:1s with a one-line prep each, then everything due or overdue.
#include <fmt/format.h>

#include "cli/agenda_text.hpp"
#include "cli/common.hpp"
#include "domain/agenda.hpp"
#include "domain/prep.hpp"

namespace mgr::cli {

namespace {

std::string prep_line(const domain::PrepCounts& counts) {
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

nlohmann::json prep_counts_json(const domain::PrepCounts& counts) {
  return {{"days_since_last", optional_json(counts.days_since_last)},
          {"open_topics", counts.topics},
          {"open_actions", counts.my_actions + counts.their_actions},
          {"my_open_actions", counts.my_actions},
          {"their_open_actions", counts.their_actions},
          {"open_concerns", counts.concerns}};
}

// Everything `today` shows, read in one snapshot.
struct TodayData {
  domain::AgendaInput agenda;
  std::vector<domain::Topic> topics;
  std::vector<domain::Action> actions;
  std::vector<domain::Concern> concerns;
};

void show_today(Context& ctx, const std::string& format) {
  const auto today = ctx.today();
  nlohmann::json document{{"date", domain::format_date(today)},
                          {"one_on_ones", nlohmann::json::array()},
                          {"due", nlohmann::json::array()}};
  auto db = ctx.open_for_reading(format == "json");
  if (!db) {
    if (format == "json") print_json(ctx.out, document);
    return;
  }
  storage::Store store{*db};
  const auto data = db->read([&] {
    return TodayData{store.agenda_input(), store.list_topics(std::nullopt, false),
                     store.list_actions(std::nullopt, std::nullopt, false),
                     store.list_concerns(std::nullopt, false)};
  });
  const auto items = domain::build_agenda(data.agenda, ctx.clock, today);

  std::vector<std::pair<domain::AgendaItem, domain::PrepCounts>> meetings;
  std::vector<domain::AgendaItem> also_due;
  for (const auto& item : items) {
    if (item.kind == domain::AgendaKind::one_on_one)
      meetings.emplace_back(item, domain::prep_counts(*item.slot, data.topics, data.actions,
                                                      data.concerns, ctx.clock));
    else
      also_due.push_back(item);
  }

  if (format == "json") {
    for (const auto& [item, counts] : meetings) {
      auto entry = agenda_item_json(item);
      entry["prep"] = prep_counts_json(counts);
      document["one_on_ones"].push_back(entry);
    }
    for (const auto& item : also_due) document["due"].push_back(agenda_item_json(item));
    return print_json(ctx.out, document);
  }
  auto& out = ctx.out;
  out << bold(ctx, "Today, " + day_label(today)) << "\n";
  if (meetings.empty() && also_due.empty()) {
    out << "\nNothing due today.\n";
    return;
  }
  if (!meetings.empty()) out << "\n1:1s\n";
  for (const auto& [item, counts] : meetings) {
    print_agenda_line(out, item);
    out << fmt::format("  {:<6}   {}\n", "", prep_line(counts));
  }
  if (!also_due.empty()) out << "\nDue\n";
  for (const auto& item : also_due) print_agenda_line(out, item);
}

}  // namespace

void register_today_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  auto* today = app.add_subcommand("today", "Today's 1:1s with a prep line each, then what is due");
  add_format_option(today, *format, {"text", "json"});
  table.add(today, [&ctx, format] { show_today(ctx, *format); });
}

}  // namespace mgr::cli
