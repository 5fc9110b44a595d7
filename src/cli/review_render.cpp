#include "cli/review_render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "cli/common.hpp"

namespace mgr::cli {

using domain::format_date;
using domain::Review;
using domain::Severity;

namespace {

constexpr std::size_t k_width = 80;

std::string hours(int minutes) {
  if (minutes == 0) return "0h";
  return domain::format_minutes(domain::Minutes{minutes});
}

std::string optional_date(const std::optional<domain::Date>& day) {
  return day ? format_date(*day) : "-";
}

// Words of `text` in lines of at most k_width columns, each after `indent`; the first line
// after `first_indent`. The text may carry stored text (an outcome, an action): it is escaped.
std::string wrapped(const std::string& text, const std::string& first_indent,
                    const std::string& indent) {
  return util::wrap_to_width(shown(text), k_width, first_indent, indent);
}

// A bar of eighths for a value out of `most`, `width` cells wide.
std::string bar(double value, double most, int width) {
  static const char* k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (most <= 0 || value <= 0) return "";
  const auto eighths = static_cast<int>(std::lround(value / most * width * 8));
  std::string out;
  for (int i = 0; i < eighths / 8; ++i) out += "█";
  out += k_eighths[eighths % 8];
  return out;
}

std::string severity_label(Severity severity, bool color) {
  if (severity == Severity::alert) return color ? "\033[1;31mALERT\033[0m" : "ALERT";
  return color ? "\033[33mwarn \033[0m" : "warn ";
}

std::string week_title(const Review& review) {
  const auto& week = review.week;
  std::string title = fmt::format("Weekly review {} ({} to {}", week.label,
                                  domain::format_day(week.from), domain::format_day(week.to));
  if (week.as_of < week.to) title += ", so far";
  return title + ")";
}

void text_flags(std::ostream& out, const Review& review, bool color) {
  out << "\nFlags\n";
  if (review.flags.empty()) out << "  none this week\n";
  for (const auto& flag : review.flags) {
    out << "  " << severity_label(flag.severity, color) << " " << shown(flag.title) << " ("
        << flag.id << ")\n";
    for (const auto& line : flag.evidence) out << wrapped(line, "        - ", "          ");
    out << wrapped("Fix: " + flag.fix, "        ", "        ");
  }
}

void text_one_on_ones(std::ostream& out, const Review& review) {
  out << "\nOne-on-ones\n";
  if (review.one_on_ones.empty()) {
    out << "  nobody with a 1:1 cadence\n";
    return;
  }
  out << fmt::format("  {:<14} {:>4} {:>9}  {:<10}  {:<10}  {:>7} {:>6}\n", "person", "held",
                     "cancelled", "last", "next due", "overdue", "missed");
  for (const auto& row : review.one_on_ones)
    out << fmt::format("  {:<14} {:>4} {:>9}  {:<10}  {:<10}  {:>7} {:>6}\n", row.person, row.held,
                       row.cancelled, optional_date(row.last), optional_date(row.next_due),
                       row.overdue_days > 0 ? fmt::format("{}d", row.overdue_days) : "-",
                       row.missed);
}

void text_feedback(std::ostream& out, const Review& review) {
  out << "\nFeedback (this week, and the last 4 weeks)\n";
  if (review.feedback.empty()) {
    out << "  no reports\n";
    return;
  }
  out << fmt::format("  {:<14} {:>4} {:>4} {:>5} {:>5}  {:<10}  {:<10}\n", "person", "+", "-",
                     "+4w", "-4w", "last +", "last -");
  for (const auto& row : review.feedback)
    out << fmt::format("  {:<14} {:>4} {:>4} {:>5} {:>5}  {:<10}  {:<10}\n", row.person,
                       row.positive, row.constructive, row.positive_window, row.constructive_window,
                       optional_date(row.last_positive), optional_date(row.last_constructive));
}

void text_delegations(std::ostream& out, const Review& review) {
  const auto& d = review.delegations;
  out << "\nDelegations\n";
  for (const auto& row : d.open) {
    std::string line = fmt::format("#{} {}: {}", row.id.value, row.person, row.outcome);
    line += " (" + (row.due ? "due " + format_date(*row.due) : std::string{"no due date"}) +
            ", last check-in " + (row.last_checkin ? format_date(*row.last_checkin) : "none") + ")";
    out << wrapped(line, "  ", "    ");
  }
  if (d.open.empty()) out << "  none open\n";
  std::string overdue;
  for (const auto id : d.checkins_overdue) overdue += fmt::format(" #{}", id.value);
  out << fmt::format("  this week: {} completed, {} reclaimed, {} dropped; check-ins overdue:{}\n",
                     d.completed, d.reclaimed, d.dropped, overdue.empty() ? " none" : overdue);
}

void text_concerns(std::ostream& out, const Review& review) {
  const auto& c = review.concerns;
  out << "\nHard conversations\n";
  for (const auto& row : c.open) {
    std::string people;
    for (const auto& who : row.people) people += (people.empty() ? "" : ", ") + who;
    out << fmt::format("  #{} {}: open {} days, {}\n", row.id.value, people, row.age_days,
                       row.addressed ? "talked about" : "not yet talked about");
  }
  if (c.open.empty()) out << "  no open concerns\n";
  out << fmt::format("  this week: {} opened, {} addressed, {} resolved, {} dropped\n", c.opened,
                     c.addressed, c.resolved, c.dropped);
}

void text_time(std::ostream& out, const Review& review) {
  out << "\nWhere the time went (hours; the last 5 weeks)\n";
  std::vector<domain::WeekMinutes> weeks = review.time.trend;
  weeks.push_back(review.time.week);
  int most = 0;
  for (const auto& week : weeks)
    most = std::max({most, week.ic, week.mgmt, week.learn, week.one_on_one});
  out << "  " << std::string(8, ' ');
  for (const auto& week : weeks) out << fmt::format(" {:>8}", week.week.substr(5));
  out << "\n";
  const std::pair<const char*, int domain::WeekMinutes::*> rows[] = {
      {"IC", &domain::WeekMinutes::ic},
      {"mgmt", &domain::WeekMinutes::mgmt},
      {"learn", &domain::WeekMinutes::learn},
      {"1:1s", &domain::WeekMinutes::one_on_one}};
  for (const auto& [name, field] : rows) {
    out << fmt::format("  {:<8}", name);
    for (const auto& week : weeks) out << fmt::format(" {:>8}", hours(week.*field));
    out << "\n";
  }
  if (most == 0) return;
  // The IC hours as bars, to see the trend at a glance.
  out << fmt::format("  {:<8}", "IC trend");
  for (const auto& week : weeks) {
    const auto cells = bar(week.ic, most, 8);
    out << " " << cells << std::string(8 - util::display_width(cells), ' ');
  }
  out << "\n";
}

// Columns padded to the right leave spaces at the ends of lines; a terminal does not need them.
std::string without_trailing_spaces(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto line = text.substr(start, end - start);
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

void text_promises(std::ostream& out, const Review& review) {
  const auto& p = review.promises;
  out << "\nPromises (your own actions)\n";
  std::string overdue;
  for (const auto id : p.overdue) overdue += fmt::format(" #{}", id.value);
  out << fmt::format("  due this week: {}, kept {}, kept late {}; overdue:{}\n", p.due, p.kept,
                     p.late, overdue.empty() ? " none" : overdue);
  out << "  on time over 8 weeks: "
      << (p.on_time_rate_8w ? fmt::format("{:.0f}%", *p.on_time_rate_8w * 100)
                            : std::string{"nothing was due"})
      << "\n";
}

void text_habits(std::ostream& out, const Review& review) {
  out << "\nHabits\n";
  out << fmt::format("  {:<32} {:<4} {:>6}  {}\n", "habit", "met", "streak", "strength");
  for (const auto& habit : review.habits)
    out << fmt::format("  {:<32} {:<4} {:>6}  {:<10} {:.2f}\n", habit.title,
                       habit.met ? "yes" : "no", fmt::format("{}w", habit.streak),
                       bar(habit.strength, 1.0, 10), habit.strength);
}

}  // namespace

std::string review_text(const Review& review, bool color) {
  std::ostringstream out;
  out << (color ? "\033[1m" + week_title(review) + "\033[0m" : week_title(review)) << "\n";
  text_flags(out, review, color);
  text_one_on_ones(out, review);
  text_feedback(out, review);
  text_delegations(out, review);
  text_concerns(out, review);
  text_time(out, review);
  text_promises(out, review);
  text_habits(out, review);
  if (review.self_check_due)
    out << "\nSelf-check due: `mgr reflect` asks seven questions, once a month.\n";
  return without_trailing_spaces(out.str());
}

std::string review_markdown(const Review& review) {
  std::ostringstream out;
  const auto& week = review.week;
  out << fmt::format("# Week {} ({} to {})\n\n", week.label, format_date(week.from),
                     format_date(week.to));

  int held = 0;
  int cancelled = 0;
  for (const auto& row : review.one_on_ones) {
    held += row.held;
    cancelled += row.cancelled;
  }
  int positive = 0;
  int constructive = 0;
  for (const auto& row : review.feedback) {
    positive += row.positive;
    constructive += row.constructive;
  }
  out << "## What the team did\n\n";
  out << fmt::format("- 1:1s: {} held, {} cancelled\n", held, cancelled);
  out << fmt::format("- Feedback: {} positive, {} constructive\n", positive, constructive);
  out << fmt::format("- Delegations: {} completed, {} open\n", review.delegations.completed,
                     review.delegations.open.size());
  for (const auto& row : review.delegations.open)
    out << fmt::format("  - {} ({}{})\n", shown(row.outcome), row.person,
                       row.due ? ", due " + format_date(*row.due) : "");
  out << fmt::format("- Hard conversations: {} concerns opened, {} talked about, {} resolved\n",
                     review.concerns.opened, review.concerns.addressed, review.concerns.resolved);

  const auto& time = review.time.week;
  out << "\n## What I am working on\n\n";
  out << fmt::format("- Time: {} management, {} in 1:1s, {} hands-on (IC), {} learning\n",
                     hours(time.mgmt), hours(time.one_on_one), hours(time.ic), hours(time.learn));
  out << fmt::format("- Promises: {} due this week, {} kept on time, {} still overdue\n",
                     review.promises.due, review.promises.kept, review.promises.overdue.size());

  out << "\n## Where I need help\n\n";
  if (review.flags.empty()) out << "Nothing flagged this week.\n";
  for (const auto& flag : review.flags) {
    out << fmt::format("- **{}** ({}){}\n", shown(flag.title), flag.id,
                       flag.severity == Severity::alert ? ", needs attention now" : "");
    for (const auto& line : flag.evidence) out << "  - " << shown(line) << "\n";
    out << "  - *Next:* " << shown(flag.fix) << "\n";
  }

  out << "\n## Habits\n\n| habit | this week | streak | strength |\n|---|---|---|---|\n";
  for (const auto& habit : review.habits)
    out << fmt::format("| {} | {} | {} weeks | {:.2f} |\n", habit.title,
                       habit.met ? "met" : "missed", habit.streak, habit.strength);
  if (review.self_check_due) out << "\nSelf-check due (`mgr reflect`).\n";
  return out.str();
}

nlohmann::json review_json(const Review& review) {
  using nlohmann::json;
  const auto ids = [](const auto& list) {
    json array = json::array();
    for (const auto id : list) array.push_back(id.value);
    return array;
  };
  const auto minutes = [](const domain::WeekMinutes& week) {
    return json{{"week", week.week},
                {"ic_minutes", week.ic},
                {"mgmt_minutes", week.mgmt},
                {"learn_minutes", week.learn},
                {"one_on_one_minutes", week.one_on_one}};
  };
  json j;
  j["week"] = review.week.label;
  j["from"] = format_date(review.week.from);
  j["to"] = format_date(review.week.to);
  j["as_of"] = format_date(review.week.as_of);
  j["one_on_ones"] = json::array();
  for (const auto& row : review.one_on_ones)
    j["one_on_ones"].push_back({{"person", row.person},
                                {"held", row.held},
                                {"cancelled", row.cancelled},
                                {"last", date_json(row.last)},
                                {"next_due", date_json(row.next_due)},
                                {"overdue_days", row.overdue_days},
                                {"missed", row.missed}});
  j["feedback"] = json::array();
  for (const auto& row : review.feedback)
    j["feedback"].push_back({{"person", row.person},
                             {"positive", row.positive},
                             {"constructive", row.constructive},
                             {"positive_4w", row.positive_window},
                             {"constructive_4w", row.constructive_window},
                             {"last_positive", date_json(row.last_positive)},
                             {"last_constructive", date_json(row.last_constructive)}});
  json open_delegations = json::array();
  for (const auto& row : review.delegations.open)
    open_delegations.push_back({{"id", row.id.value},
                                {"person", row.person},
                                {"outcome", row.outcome},
                                {"due", date_json(row.due)},
                                {"last_checkin", date_json(row.last_checkin)}});
  j["delegations"] = {{"open", open_delegations},
                      {"completed", review.delegations.completed},
                      {"reclaimed", review.delegations.reclaimed},
                      {"dropped", review.delegations.dropped},
                      {"checkins_overdue", ids(review.delegations.checkins_overdue)}};
  json open_concerns = json::array();
  for (const auto& row : review.concerns.open)
    open_concerns.push_back({{"id", row.id.value},
                             {"people", row.people},
                             {"age_days", row.age_days},
                             {"addressed", row.addressed}});
  j["concerns"] = {{"open", open_concerns},
                   {"opened", review.concerns.opened},
                   {"addressed", review.concerns.addressed},
                   {"resolved", review.concerns.resolved},
                   {"dropped", review.concerns.dropped}};
  const auto& promises = review.promises;
  j["promises"] = {{"due", promises.due},
                   {"kept", promises.kept},
                   {"late", promises.late},
                   {"overdue", ids(promises.overdue)},
                   {"on_time_rate_8w", promises.on_time_rate_8w
                                           ? json(std::round(*promises.on_time_rate_8w * 100) / 100)
                                           : json(nullptr)}};
  auto time = minutes(review.time.week);
  time.erase("week");
  time["trend"] = json::array();
  for (const auto& week : review.time.trend) time["trend"].push_back(minutes(week));
  time["weeks_8w"] = json::array();
  for (const auto& week : review.time.chart_weeks) time["weeks_8w"].push_back(minutes(week));
  j["time"] = time;
  j["one_on_ones_8w"] = json::array();
  for (const auto& row : review.one_on_one_weeks) {
    json weeks = json::array();
    for (const auto& week : row.weeks)
      weeks.push_back({{"week", week.week},
                       {"held", week.held},
                       {"cancelled", week.cancelled},
                       {"missed", week.missed}});
    j["one_on_ones_8w"].push_back({{"person", row.person}, {"weeks", weeks}});
  }
  j["flags"] = json::array();
  for (const auto& flag : review.flags)
    j["flags"].push_back({{"id", flag.id},
                          {"severity", domain::name_of(flag.severity)},
                          {"title", flag.title},
                          {"evidence", flag.evidence},
                          {"fix", flag.fix}});
  j["habits"] = json::array();
  for (const auto& habit : review.habits)
    j["habits"].push_back({{"id", habit.id},
                           {"met", habit.met},
                           {"streak", habit.streak},
                           {"strength", std::round(habit.strength * 100) / 100}});
  j["self_check_due"] = review.self_check_due;
  return j;
}

}  // namespace mgr::cli
