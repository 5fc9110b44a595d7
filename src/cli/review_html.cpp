#include "cli/review_html.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/html.hpp"
#include "domain/parse.hpp"
#include "util/text.hpp"

namespace mgr::cli {

using domain::format_date;
using domain::Review;
using domain::Severity;
using html::escape;

namespace {

// The review's own style, after the shared one: flags as cards, the 1:1 grid's marks, the
// habit meters.
constexpr const char* k_review_style = R"(.period{margin-top:0}
.flag{border-left:4px solid var(--warn);background:var(--panel);padding:.5rem .75rem;margin:.6rem 0;border-radius:0 4px 4px 0}
.flag.alert{border-left-color:var(--alert)}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:0 .35rem;border-radius:3px;background:var(--warn-bg);color:var(--warn);margin-right:.3rem;vertical-align:.08rem}
.alert .badge{background:var(--alert-bg);color:var(--alert)}
.fix{margin-top:.4rem}
svg.chart .held{fill:#c6f6d5}
svg.chart .cancelled{fill:#feebc8}
svg.chart .missed{fill:#fed7d7}
svg.chart .mark-held{fill:#276749}
svg.chart .mark-cancelled{fill:none;stroke:#b7791f;stroke-width:2}
svg.chart .mark-missed{stroke:#c53030;stroke-width:2.5;stroke-linecap:round}
svg.key{display:inline-block;width:.8rem;height:.8rem;vertical-align:-.1rem;margin-right:.35rem}
.meter{display:inline-block;width:5rem;height:.6rem;background:var(--line);border-radius:3px;overflow:hidden;vertical-align:0;margin-right:.4rem}
.meter span{display:block;height:100%;background:#0072b2}
.met{color:var(--ok);font-weight:600}
)";

std::string hours(int minutes) {
  if (minutes == 0) return "0h";
  return domain::format_minutes(domain::Minutes{minutes});
}

std::string optional_date(const std::optional<domain::Date>& day) {
  return day ? format_date(*day) : "–";
}

std::string ids_of(const std::vector<domain::ActionId>& ids) {
  std::string out;
  for (const auto id : ids) out += fmt::format("{}#{}", out.empty() ? "" : " ", id.value);
  return out.empty() ? "none" : out;
}

std::string ids_of(const std::vector<domain::DelegationId>& ids) {
  std::string out;
  for (const auto id : ids) out += fmt::format("{}#{}", out.empty() ? "" : " ", id.value);
  return out.empty() ? "none" : out;
}

// "W48" for "2026-W48": short enough for eight columns on a phone.
std::string short_week(const std::string& label) {
  const auto at = label.find('W');
  return at == std::string::npos ? label : label.substr(at);
}

std::string heading(const Review& review) {
  const auto& week = review.week;
  std::string period = domain::format_day(week.from) + " to " + domain::format_day(week.to);
  if (week.as_of < week.to) period += ", so far (" + domain::format_day(week.as_of) + ")";
  int alerts = 0;
  for (const auto& flag : review.flags) alerts += flag.severity == Severity::alert;
  const auto warnings = static_cast<int>(review.flags.size()) - alerts;
  std::string summary = review.flags.empty() ? "Nothing flagged this week."
                                             : fmt::format("{} alert{}, {} warning{}.", alerts,
                                                           alerts == 1 ? "" : "s", warnings,
                                                           warnings == 1 ? "" : "s");
  return "<header>\n<h1>Weekly review " + escape(week.label) + "</h1>\n<p class=\"period muted\">" +
         escape(period) + "</p>\n<p>" + escape(summary) + "</p>\n</header>\n";
}

std::string flags_section(const Review& review) {
  std::string out = "<section id=\"flags\">\n<h2>Flags</h2>\n";
  if (review.flags.empty()) out += "<p>None this week.</p>\n";
  for (const auto& flag : review.flags) {
    const auto severity = domain::name_of(flag.severity);
    out += fmt::format(
        "<article class=\"flag {}\">\n<h3><span class=\"badge\">{}</span>{} <code>{}</code></h3>\n",
        severity, severity, escape(flag.title), escape(flag.id));
    if (!flag.evidence.empty()) {
      out += "<ul>\n";
      for (const auto& line : flag.evidence) out += "<li>" + escape(line) + "</li>\n";
      out += "</ul>\n";
    }
    out += "<p class=\"fix\"><strong>Fix:</strong> " + escape(flag.fix) + "</p>\n</article>\n";
  }
  return out + "</section>\n";
}

// One cell of the 1:1 grid: its background says the worst of the week (missed, cancelled,
// held), and a mark per kind says what happened, so the grid reads in black and white too.
std::string grid_cell(const domain::OneOnOneWeek& week, const std::string& person, double x,
                      double y, double width, double height) {
  const char* state = week.missed > 0      ? "missed"
                      : week.cancelled > 0 ? "cancelled"
                      : week.held > 0      ? "held"
                                           : "none";
  const auto title = fmt::format("{}, {}: {} held, {} cancelled, {} missed", person, week.week,
                                 week.held, week.cancelled, week.missed);
  std::string out =
      fmt::format(R"(<g><title>{}</title><rect class="{}" x="{}" y="{}" width="{}" height="{}"/>)",
                  escape(title), state, html::number(x + 1), html::number(y + 1),
                  html::number(width - 2), html::number(height - 2));
  std::vector<std::string> marks;
  for (int i = 0; i < std::min(week.held, 2); ++i) marks.emplace_back("held");
  for (int i = 0; i < std::min(week.cancelled, 2); ++i) marks.emplace_back("cancelled");
  for (int i = 0; i < std::min(week.missed, 2); ++i) marks.emplace_back("missed");
  constexpr double k_mark = 9;
  const double start = x + width / 2 - k_mark * static_cast<double>(marks.size()) / 2;
  const double middle = y + height / 2;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const double centre = start + k_mark * (static_cast<double>(i) + 0.5);
    if (marks[i] == "held")
      out += fmt::format(R"(<circle class="mark-held" cx="{}" cy="{}" r="3.5"/>)",
                         html::number(centre), html::number(middle));
    else if (marks[i] == "cancelled")
      out += fmt::format(R"(<circle class="mark-cancelled" cx="{}" cy="{}" r="3"/>)",
                         html::number(centre), html::number(middle));
    else
      out +=
          fmt::format(R"(<path class="mark-missed" d="M{} {}L{} {}M{} {}L{} {}"/>)",
                      html::number(centre - 3), html::number(middle - 3), html::number(centre + 3),
                      html::number(middle + 3), html::number(centre - 3), html::number(middle + 3),
                      html::number(centre + 3), html::number(middle - 3));
  }
  return out + "</g>";
}

std::string legend_mark(const char* kind) {
  std::string shape;
  if (std::string_view{kind} == "held")
    shape = R"(<circle class="mark-held" cx="6" cy="6" r="3.5"/>)";
  else if (std::string_view{kind} == "cancelled")
    shape = R"(<circle class="mark-cancelled" cx="6" cy="6" r="3"/>)";
  else
    shape = R"(<path class="mark-missed" d="M3 3L9 9M3 9L9 3"/>)";
  return fmt::format(
      R"(<svg class="chart key" viewBox="0 0 12 12" aria-hidden="true"><rect class="{}" width="12" height="12"/>{}</svg>)",
      kind, shape);
}

std::string one_on_one_grid(const Review& review) {
  if (review.one_on_one_weeks.empty()) return {};
  constexpr double k_name_width = 84;
  constexpr double k_cell_width = 34;
  constexpr double k_row = 24;
  constexpr double k_label_row = 16;
  const auto& first = review.one_on_one_weeks.front().weeks;
  const double width = k_name_width + k_cell_width * static_cast<double>(first.size());
  const double height =
      k_label_row + k_row * static_cast<double>(review.one_on_one_weeks.size()) + 2;
  const auto title = fmt::format("1:1s held, cancelled and missed per person, {} to {}",
                                 first.front().week, first.back().week);
  std::string svg =
      fmt::format(R"(<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">)",
                  html::number(width), html::number(height), escape(title));
  for (std::size_t i = 0; i < first.size(); ++i)
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)",
                       html::number(k_name_width + k_cell_width * (static_cast<double>(i) + 0.5)),
                       html::number(k_label_row - 4), escape(short_week(first[i].week)));
  for (std::size_t row = 0; row < review.one_on_one_weeks.size(); ++row) {
    const auto& person = review.one_on_one_weeks[row];
    const double y = k_label_row + k_row * static_cast<double>(row);
    svg += fmt::format(R"(<text x="0" y="{}">{}</text>)", html::number(y + k_row / 2 + 4),
                       escape(util::truncate_to_width(person.person, 13)));
    for (std::size_t i = 0; i < person.weeks.size(); ++i)
      svg +=
          grid_cell(person.weeks[i], person.person,
                    k_name_width + k_cell_width * static_cast<double>(i), y, k_cell_width, k_row);
  }
  svg += "</svg>";
  std::string legend = R"(<ul class="legend">)";
  for (const char* kind : {"held", "cancelled", "missed"})
    legend += "<li>" + legend_mark(kind) + kind + "</li>";
  legend += "</ul>";
  return "<figure>" + svg + legend + "<figcaption>" + escape(title) +
         "; missed: due that week and still not held at its end.</figcaption></figure>\n";
}

std::string one_on_ones_section(const Review& review) {
  std::string out = "<section id=\"one-on-ones\">\n<h2>One-on-ones</h2>\n";
  if (review.one_on_ones.empty()) return out + "<p>Nobody with a 1:1 cadence.</p>\n</section>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : review.one_on_ones)
    rows.push_back({escape(row.person), std::to_string(row.held), std::to_string(row.cancelled),
                    optional_date(row.last), optional_date(row.next_due),
                    row.overdue_days > 0 ? fmt::format("{}d", row.overdue_days) : "–",
                    std::to_string(row.missed)});
  out += html::table({{"person"},
                      {"held", true},
                      {"cancelled", true},
                      {"last held"},
                      {"next due"},
                      {"overdue", true},
                      {"missed", true}},
                     rows);
  return out + one_on_one_grid(review) + "</section>\n";
}

std::string feedback_section(const Review& review) {
  std::string out = "<section id=\"feedback\">\n<h2>Feedback</h2>\n";
  if (review.feedback.empty()) return out + "<p>No reports.</p>\n</section>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : review.feedback)
    rows.push_back({escape(row.person), std::to_string(row.positive),
                    std::to_string(row.constructive), std::to_string(row.positive_window),
                    std::to_string(row.constructive_window), optional_date(row.last_positive),
                    optional_date(row.last_constructive)});
  out += "<p class=\"muted\">This week, and over the last 4 weeks.</p>\n";
  out += html::table({{"person"},
                      {"positive", true},
                      {"constructive", true},
                      {"positive 4w", true},
                      {"constructive 4w", true},
                      {"last positive"},
                      {"last constructive"}},
                     rows);
  return out + "</section>\n";
}

std::string delegations_section(const Review& review) {
  const auto& d = review.delegations;
  std::string out = "<section id=\"delegations\">\n<h2>Delegations</h2>\n";
  if (d.open.empty()) {
    out += "<p>None open.</p>\n";
  } else {
    out += "<ul>\n";
    for (const auto& row : d.open)
      out +=
          fmt::format("<li>#{} {}: {} <span class=\"muted\">({}, last check-in {})</span></li>\n",
                      row.id.value, escape(row.person), escape(row.outcome),
                      row.due ? "due " + format_date(*row.due) : "no due date",
                      row.last_checkin ? format_date(*row.last_checkin) : "none");
    out += "</ul>\n";
  }
  out += fmt::format(
      "<p>This week: {} completed, {} reclaimed, {} dropped; check-ins overdue: {}.</p>\n",
      d.completed, d.reclaimed, d.dropped, ids_of(d.checkins_overdue));
  return out + "</section>\n";
}

std::string concerns_section(const Review& review) {
  const auto& c = review.concerns;
  std::string out = "<section id=\"hard-conversations\">\n<h2>Hard conversations</h2>\n";
  if (c.open.empty()) {
    out += "<p>No open concerns.</p>\n";
  } else {
    out += "<ul>\n";
    for (const auto& row : c.open) {
      std::string people;
      for (const auto& who : row.people) people += (people.empty() ? "" : ", ") + who;
      out += fmt::format("<li>#{} {}: open {} days, {}</li>\n", row.id.value, escape(people),
                         row.age_days, row.addressed ? "talked about" : "not yet talked about");
    }
    out += "</ul>\n";
  }
  out += fmt::format("<p>This week: {} opened, {} addressed, {} resolved, {} dropped.</p>\n",
                     c.opened, c.addressed, c.resolved, c.dropped);
  return out + "</section>\n";
}

std::string time_section(const Review& review) {
  const auto& weeks = review.time.chart_weeks;
  std::string out = "<section id=\"time\">\n<h2>Where the time went</h2>\n";
  html::Chart chart;
  chart.title =
      fmt::format("Hours of IC, management and learning per week, {} to {}",
                  weeks.empty() ? review.week.label : weeks.front().week, review.week.label);
  chart.unit = "h";
  chart.series = {{"IC", {}}, {"management", {}}, {"learning", {}}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& week : weeks) {
    chart.labels.push_back(short_week(week.week));
    chart.series[0].values.emplace_back(week.ic / 60.0);
    chart.series[1].values.emplace_back(week.mgmt / 60.0);
    chart.series[2].values.emplace_back(week.learn / 60.0);
    rows.push_back({escape(week.week), hours(week.ic), hours(week.mgmt), hours(week.learn),
                    hours(week.one_on_one)});
  }
  out += html::bar_chart(chart);
  out += html::table(
      {{"week"}, {"IC", true}, {"management", true}, {"learning", true}, {"1:1s", true}}, rows);
  return out + "</section>\n";
}

std::string promises_section(const Review& review) {
  const auto& p = review.promises;
  std::string out = "<section id=\"promises\">\n<h2>Promises</h2>\n";
  out += fmt::format(
      "<p>Your own actions due this week: {}, kept {}, kept late {}; overdue: {}.</p>\n", p.due,
      p.kept, p.late, ids_of(p.overdue));
  out += "<p>On time over 8 weeks: " +
         (p.on_time_rate_8w ? fmt::format("{:.0f}%", *p.on_time_rate_8w * 100)
                            : std::string{"nothing was due"}) +
         ".</p>\n";
  return out + "</section>\n";
}

std::string habits_section(const Review& review) {
  std::string out = "<section id=\"habits\">\n<h2>Habits</h2>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& habit : review.habits)
    rows.push_back(
        {escape(habit.title), habit.met ? R"(<span class="met">yes</span>)" : "no",
         fmt::format("{}w", habit.streak),
         fmt::format(R"(<span class="meter"><span style="width:{}%"></span></span>{:.2f})",
                     html::number(std::clamp(habit.strength, 0.0, 1.0) * 100, 0), habit.strength)});
  out += html::table({{"habit"}, {"met"}, {"streak", true}, {"strength", true}}, rows);
  return out + "</section>\n";
}

}  // namespace

std::string review_html(const Review& review, std::string_view lead) {
  std::string body = std::string{lead};
  body += heading(review);
  body += flags_section(review);
  body += one_on_ones_section(review);
  body += feedback_section(review);
  body += delegations_section(review);
  body += concerns_section(review);
  body += time_section(review);
  body += promises_section(review);
  body += habits_section(review);
  if (review.self_check_due)
    body +=
        "<section id=\"self-check\">\n<h2>Self-check due</h2>\n<p><code>mgr reflect</code> asks "
        "seven questions, once a month.</p>\n</section>\n";
  return html::page("Weekly review " + review.week.label, body, k_review_style);
}

}  // namespace mgr::cli
