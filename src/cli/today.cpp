// mgr today: today's 1:1s with a one-line prep each, then everything due or overdue.
#include <fmt/format.h>

#include "cli/agenda_text.hpp"
#include "cli/common.hpp"
#include "domain/agenda.hpp"
#include "domain/prep.hpp"
#include "domain/series.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

constexpr std::size_t k_width = 80;
// The prep line sits under the text of its 1:1 line.
constexpr std::string_view k_prep_indent = "           ";

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
};

std::string nudge_text(const domain::DayAgenda& agenda) {
  return fmt::format(
      "Nothing logged for {} workdays{}: a minute with `mgr log` keeps the picture "
      "true.",
      *agenda.quiet_workdays,
      agenda.last_logged ? " (last on " + day_label(*agenda.last_logged) + ")" : std::string{});
}

void show_today(Context& ctx, const std::string& format) {
  const auto today = ctx.today();
  nlohmann::json document{{"date", domain::format_date(today)},
                          {"one_on_ones", nlohmann::json::array()},
                          {"due", nlohmann::json::array()},
                          {"review_day", false},
                          {"nudge", nullptr},
                          {"next_one_on_one", nullptr}};
  auto db = ctx.open_for_reading(format == "json");
  if (!db) {
    if (format == "json") print_json(ctx.out, document);
    return;
  }
  storage::Store store{*db};
  const auto data = db->read([&] {
    return TodayData{store.agenda_input(), store.list_topics(std::nullopt, false)};
  });
  const auto agenda = domain::day_agenda(data.agenda, ctx.series_context(), ctx.agenda_policy());
  const auto prep_of = [&](const domain::AgendaItem& item) {
    return domain::prep_counts(item.person, item.last_held, data.topics, data.agenda.open_actions,
                               data.agenda.open_concerns, today);
  };

  if (format == "json") {
    for (const auto& item : agenda.one_on_ones) {
      auto entry = agenda_item_json(item);
      entry["prep"] = prep_counts_json(prep_of(item));
      document["one_on_ones"].push_back(entry);
    }
    for (const auto& item : agenda.due) document["due"].push_back(agenda_item_json(item));
    document["review_day"] = agenda.review_day;
    if (agenda.quiet_workdays)
      document["nudge"] = {{"quiet_workdays", *agenda.quiet_workdays},
                           {"last_logged", date_json(agenda.last_logged)},
                           {"text", nudge_text(agenda)}};
    if (agenda.next_one_on_one)
      document["next_one_on_one"] = agenda_item_json(*agenda.next_one_on_one);
    return print_json(ctx.out, document);
  }
  auto& out = ctx.out;
  out << bold(ctx, "Today, " + day_label(today)) << "\n";
  if (agenda.nothing_to_do()) {
    std::string nothing = "Nothing due today.";
    if (const auto& next = agenda.next_one_on_one)
      nothing += " Next 1:1: " + next->person + ", " + slot_when(*next->occurrence) + ".";
    out << "\n" << util::wrap_to_width(nothing, k_width, "", "");
  }
  if (!agenda.one_on_ones.empty()) out << "\n1:1s\n";
  for (const auto& item : agenda.one_on_ones) {
    print_agenda_line(out, item);
    out << util::wrap_to_width(prep_line(prep_of(item)), k_width, k_prep_indent, k_prep_indent);
  }
  if (!agenda.due.empty()) out << "\nDue\n";
  for (const auto& item : agenda.due) print_agenda_line(out, item);
  if (agenda.review_day) out << "\nIt is your review day: `mgr review` shows how the week went.\n";
  if (agenda.quiet_workdays)
    out << "\n" << util::wrap_to_width(nudge_text(agenda), k_width, "", "");
}

}  // namespace

void register_today_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  auto* today = app.add_subcommand("today", "Today's 1:1s with a prep line each, then what is due");
  add_format_option(today, *format, {"text", "json"});
  table.add(today, [&ctx, format] { show_today(ctx, *format); });
}

}  // namespace mgr::cli
