// mgr progress: the first year month by month (spec/reflect.md), each month judged with the
// review's own rules from one indexed window of the log.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <functional>

#include "cli/common.hpp"
#include "cli/html.hpp"
#include "domain/errors.hpp"
#include "domain/progress.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

constexpr std::size_t k_width = 80;

struct ProgressOptions {
  int months = 12;
  std::string format = "text";
};

domain::Progress progress_of(Context& ctx, storage::Database* db, int max_months) {
  if (db == nullptr) return {};
  storage::Store store{*db};
  const auto today = ctx.today();
  const auto context = ctx.review_context();
  return db->read([&] {
    const auto start = store.history_start();
    if (!start || *start > today) return domain::Progress{};
    const auto months = domain::progress_months(*start, today, max_months);
    const auto from = domain::progress_load_from(months, ctx.config.review);
    // The month table counts flags and never shows their evidence, so the IC entries that
    // would be it are not read: the IC window starts after today.
    auto input = store.log_window(from, today + date::days{1}, today, today);
    input.history_start = start;
    const auto checks = store.self_checks(months.front().first, today);
    return domain::make_progress(input, checks, ctx.config.review, context, months, *start);
  });
}

std::string hours(int minutes) {
  return fmt::format("{:.1f}", minutes / 60.0);
}

std::string percent(std::optional<int> value) {
  return value ? std::to_string(*value) + "%" : "-";
}

// '^' or 'v' when the value went up or down since the month before.
char trend_mark(std::optional<int> before, std::optional<int> now) {
  if (!before || !now || *before == *now) return ' ';
  return *now > *before ? '^' : 'v';
}

std::string month_column(const domain::ProgressMonth& month) {
  return month.span.label.substr(5);  // "11" of "2026-11"
}

// The habit ids in the order the review lists them, and every flag that fired in any month.
std::vector<std::string> habit_ids(const domain::Progress& progress) {
  std::vector<std::string> ids;
  for (const auto& month : progress.months)
    for (const auto& [id, strength] : month.habits)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  return ids;
}

std::vector<std::string> flag_ids(const domain::Progress& progress) {
  std::vector<std::string> ids;
  for (const auto& month : progress.months)
    for (const auto& [id, weeks] : month.flags)
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::optional<double> habit_of(const domain::ProgressMonth& month, const std::string& id) {
  for (const auto& [habit, strength] : month.habits)
    if (habit == id) return strength;
  return std::nullopt;
}

int flag_weeks(const domain::ProgressMonth& month, const std::string& id) {
  for (const auto& [flag, weeks] : month.flags)
    if (flag == id) return weeks;
  return 0;
}

std::string strength_text(std::optional<double> strength) {
  return strength ? std::to_string(static_cast<int>(std::lround(*strength * 100))) : "-";
}

std::string title_of(const domain::Progress& progress) {
  const auto& first = progress.months.front().span;
  const auto& last = progress.months.back().span;
  return fmt::format("Month by month, {} to {}{}", first.label, last.label,
                     last.complete ? "" : " (" + last.label + " so far)");
}

void print_text(Context& ctx, const domain::Progress& progress) {
  auto& out = ctx.out;
  out << bold(ctx, title_of(progress)) << "\n\n";
  out << "         1:1s       feedback concerns                      IC     promises\n";
  out << "month    held  miss    +    - in time   IC h mgmt h learn h share  kept    fit\n";
  const domain::ProgressMonth* before = nullptr;
  for (const auto& month : progress.months) {
    const auto mark = [&](const auto& get) {
      return before ? trend_mark(get(*before), get(month)) : ' ';
    };
    auto row = fmt::format(
        "{:<7} {:>5}{} {:>4} {:>4} {:>4} {:>7} {:>6} {:>6} {:>7} {:>5}{} {:>5}{} {:>4}{}",
        month.span.label, percent(month.one_on_ones_held_pct()),
        mark([](const auto& m) { return m.one_on_ones_held_pct(); }), month.one_on_ones_missed(),
        month.feedback_positive, month.feedback_constructive, percent(month.concerns_in_time_pct()),
        hours(month.ic_minutes), hours(month.mgmt_minutes), hours(month.learn_minutes),
        percent(month.ic_share_pct()), mark([](const auto& m) { return m.ic_share_pct(); }),
        percent(month.promises_kept_pct()),
        mark([](const auto& m) { return m.promises_kept_pct(); }),
        month.fit ? std::to_string(*month.fit) : "-", mark([](const auto& m) { return m.fit; }));
    row.erase(row.find_last_not_of(' ') + 1);
    out << row << "\n";
    before = &month;
  }
  out << "^ v: up or down since the month before. fit: the month's self-check.\n";

  // One name column for both tables, as wide as the longest habit or flag id in them.
  const auto flags = flag_ids(progress);
  std::size_t name_width = 20;
  for (const auto& ids : {habit_ids(progress), flags})
    for (const auto& id : ids) name_width = std::max(name_width, id.size());
  std::string header = fmt::format("{:<{}}", "", name_width + 2);
  for (const auto& month : progress.months) header += fmt::format("{:>4}", month_column(month));
  out << "\n" << bold(ctx, "Habit strength at each month's end (0-100)") << "\n" << header << "\n";
  for (const auto& id : habit_ids(progress)) {
    std::string row = fmt::format("  {:<{}}", id, name_width);
    for (const auto& month : progress.months)
      row += fmt::format("{:>4}", strength_text(habit_of(month, id)));
    out << row << "\n";
  }

  out << "\n" << bold(ctx, "Flags of the weekly review (weeks fired in each month)") << "\n";
  if (flags.empty()) {
    out << "  None fired.\n";
  } else {
    out << header << "\n";
    for (const auto& id : flags) {
      std::string row = fmt::format("  {:<{}}", id, name_width);
      for (const auto& month : progress.months) {
        const int weeks = flag_weeks(month, id);
        row += fmt::format("{:>4}", weeks == 0 ? std::string{"."} : std::to_string(weeks));
      }
      out << row << "\n";
    }
  }
  out << "\n";
  for (const auto& sentence : progress.summary)
    out << util::wrap_to_width(sentence, k_width, "", "");
}

void print_markdown(Context& ctx, const domain::Progress& progress) {
  auto& out = ctx.out;
  out << "# " << title_of(progress) << "\n\n";
  out << "| month | 1:1s held | missed | feedback + | feedback - | concerns in time | IC h | "
         "mgmt h | learn h | IC share | promises kept | fit |\n";
  out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& month : progress.months)
    out << fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", month.span.label,
        percent(month.one_on_ones_held_pct()), month.one_on_ones_missed(), month.feedback_positive,
        month.feedback_constructive, percent(month.concerns_in_time_pct()), hours(month.ic_minutes),
        hours(month.mgmt_minutes), hours(month.learn_minutes), percent(month.ic_share_pct()),
        percent(month.promises_kept_pct()), month.fit ? std::to_string(*month.fit) : "-");

  std::string header = "| habit (strength at month end) |";
  std::string rule = "|---|";
  for (const auto& month : progress.months) {
    header += " " + month.span.label + " |";
    rule += "---:|";
  }
  out << "\n" << header << "\n" << rule << "\n";
  for (const auto& id : habit_ids(progress)) {
    out << "| " << id << " |";
    for (const auto& month : progress.months)
      out << " " << strength_text(habit_of(month, id)) << " |";
    out << "\n";
  }
  const auto flags = flag_ids(progress);
  if (!flags.empty()) {
    out << "\n" << std::string{header}.replace(2, 29, "flag (weeks fired)") << "\n" << rule << "\n";
    for (const auto& id : flags) {
      out << "| " << id << " |";
      for (const auto& month : progress.months) out << " " << flag_weeks(month, id) << " |";
      out << "\n";
    }
  }
  out << "\n";
  for (const auto& sentence : progress.summary) out << "- " << sentence << "\n";
}

// ---- one page: the table, a line chart per measure, the habits as a heat strip ----

std::string progress_html(const domain::Progress& progress) {
  using html::escape;
  std::vector<std::string> labels;
  for (const auto& month : progress.months) labels.push_back(month.span.label);
  const auto series_of = [&](const std::string& name, const auto& value) {
    html::Series series{name, {}};
    for (const auto& month : progress.months) series.values.push_back(value(month));
    return series;
  };
  const auto as_value = [](std::optional<int> value) -> std::optional<double> {
    if (!value) return std::nullopt;
    return static_cast<double>(*value);
  };
  const auto chart = [&](const std::string& title, const std::string& unit,
                         std::vector<html::Series> series, std::optional<double> y_max) {
    return html::line_chart({title + ", " + labels.front() + " to " + labels.back(), unit, labels,
                             std::move(series), y_max});
  };

  std::string body = "<h1>" + escape(title_of(progress)) + "</h1>\n<section id=\"summary\">\n";
  for (const auto& sentence : progress.summary) body += "<p>" + escape(sentence) + "</p>\n";
  body += "</section>\n<section id=\"months\">\n<h2>Month by month</h2>\n";
  // Two tables of a few columns each, so that both fit a laptop's page without scrolling.
  std::vector<std::vector<std::string>> people_rows;
  std::vector<std::vector<std::string>> time_rows;
  for (const auto& month : progress.months) {
    people_rows.push_back(
        {escape(month.span.label), percent(month.one_on_ones_held_pct()),
         std::to_string(month.one_on_ones_missed()),
         fmt::format("{} / {}", month.feedback_positive, month.feedback_constructive),
         percent(month.concerns_in_time_pct()), percent(month.promises_kept_pct()),
         month.fit ? std::to_string(*month.fit) : "-"});
    time_rows.push_back({escape(month.span.label), hours(month.ic_minutes),
                         hours(month.mgmt_minutes), hours(month.learn_minutes),
                         percent(month.ic_share_pct())});
  }
  body += html::table({{"month"},
                       {"1:1s held", true},
                       {"missed", true},
                       {"feedback + / -", true},
                       {"concerns in time", true},
                       {"promises kept", true},
                       {"fit", true}},
                      people_rows);
  body += html::table(
      {{"month"}, {"IC h", true}, {"mgmt h", true}, {"learn h", true}, {"IC share", true}},
      time_rows);
  body += "</section>\n<section id=\"charts\">\n<h2>Over the months</h2>\n";
  body += chart(
      "1:1s held of those due", "%",
      {series_of("1:1s held", [&](const auto& m) { return as_value(m.one_on_ones_held_pct()); })},
      100.0);
  body += chart("IC share of IC and management", "%",
                {series_of("IC share", [&](const auto& m) { return as_value(m.ic_share_pct()); })},
                100.0);
  body += chart(
      "Hours of learning", "h",
      {series_of("learning",
                 [](const auto& m) -> std::optional<double> { return m.learn_minutes / 60.0; })},
      std::nullopt);
  body += chart(
      "Promises kept on time", "%",
      {series_of("promises kept", [&](const auto& m) { return as_value(m.promises_kept_pct()); })},
      100.0);
  body += chart("Self-check fit", "",
                {series_of("fit", [&](const auto& m) { return as_value(m.fit); })}, 100.0);
  std::vector<html::Series> habits;
  for (const auto& id : habit_ids(progress))
    habits.push_back(series_of(id, [&](const auto& m) { return habit_of(m, id); }));
  body += html::heat_strip(
      {"Habit strength at each month's end, " + labels.front() + " to " + labels.back(), "", labels,
       std::move(habits), 1.0});
  body += "</section>\n<section id=\"flags\">\n<h2>Flags of the weekly review</h2>\n";
  const auto flags = flag_ids(progress);
  if (flags.empty()) {
    body += "<p>None fired.</p>\n";
  } else {
    std::vector<html::Column> columns{{"flag (weeks fired)"}};
    for (const auto& label : labels) columns.push_back({label, true});
    std::vector<std::vector<std::string>> flag_rows;
    for (const auto& id : flags) {
      std::vector<std::string> row{escape(id)};
      for (const auto& month : progress.months)
        row.push_back(std::to_string(flag_weeks(month, id)));
      flag_rows.push_back(std::move(row));
    }
    body += html::table(columns, flag_rows);
  }
  body += "</section>\n";
  return html::page("mgr progress " + labels.front() + " to " + labels.back(), body);
}

nlohmann::json progress_json(const domain::Progress& progress) {
  nlohmann::json months = nlohmann::json::array();
  for (const auto& month : progress.months) {
    nlohmann::json habits = nlohmann::json::object();
    for (const auto& [id, strength] : month.habits) habits[id] = std::round(strength * 100) / 100.0;
    nlohmann::json flags = nlohmann::json::object();
    for (const auto& [id, weeks] : month.flags) flags[id] = weeks;
    months.push_back({
        {"month", month.span.label},
        {"from", domain::format_date(month.span.first)},
        {"to", domain::format_date(month.span.last)},
        {"complete", month.span.complete},
        {"one_on_ones_due", month.one_on_ones_due},
        {"one_on_ones_held", month.one_on_ones_held},
        {"one_on_ones_held_pct", optional_json(month.one_on_ones_held_pct())},
        {"one_on_ones_missed", month.one_on_ones_missed()},
        {"feedback_positive", month.feedback_positive},
        {"feedback_constructive", month.feedback_constructive},
        {"concerns_opened", month.concerns_opened},
        {"concerns_decided", month.concerns_decided},
        {"concerns_in_time", month.concerns_in_time},
        {"concerns_in_time_pct", optional_json(month.concerns_in_time_pct())},
        {"ic_minutes", month.ic_minutes},
        {"mgmt_minutes", month.mgmt_minutes},
        {"learn_minutes", month.learn_minutes},
        {"ic_hours", month.ic_minutes / 60.0},
        {"mgmt_hours", month.mgmt_minutes / 60.0},
        {"learn_hours", month.learn_minutes / 60.0},
        {"ic_share_pct", optional_json(month.ic_share_pct())},
        {"promises_due", month.promises_due},
        {"promises_kept", month.promises_kept},
        {"promises_kept_pct", optional_json(month.promises_kept_pct())},
        {"habits", habits},
        {"flags", flags},
        {"fit", optional_json(month.fit)},
    });
  }
  return {
      {"months", months}, {"month_number", progress.month_number}, {"summary", progress.summary}};
}

void show_progress(Context& ctx, const ProgressOptions& options) {
  auto db = ctx.open_for_reading(options.format == "json");
  const auto progress = progress_of(ctx, db ? &*db : nullptr, options.months);
  if (options.format == "json") return print_json(ctx.out, progress_json(progress));
  if (progress.months.empty()) {
    if (db) ctx.out << "Nothing logged yet: the months start with your first entry.\n";
    return;
  }
  if (options.format == "markdown") return print_markdown(ctx, progress);
  if (options.format == "html") {
    ctx.out << progress_html(progress);
    return;
  }
  print_text(ctx, progress);
}

}  // namespace

void register_progress_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto options = std::make_shared<ProgressOptions>();
  auto* progress = app.add_subcommand(
      "progress", "Your first year month by month: 1:1s, feedback, time, habits, flags, fit");
  progress->add_option("--months", options->months, "How many months, the latest last (default 12)")
      ->type_name("N")
      ->check(CLI::Range(1, 1200));
  add_format_option(progress, options->format, {"text", "markdown", "json", "html"});
  table.add(progress, [&ctx, options] { show_progress(ctx, *options); });
}

}  // namespace mgr::cli
