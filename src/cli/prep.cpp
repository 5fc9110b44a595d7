// mgr prep HANDLE: everything to have in front of you before the next 1:1 with someone.
#include <fmt/format.h>

#include <algorithm>

#include "cli/agenda_text.hpp"
#include "cli/common.hpp"
#include "domain/errors.hpp"
#include "domain/prep.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

using domain::format_date;
using domain::PrepSheet;

constexpr std::size_t k_width = 80;

// Stored text is escaped (shown) before it reaches any of the sheets, text or markdown.
std::string display_name(const domain::Person& person) {
  return shown(person.display_name());
}

// One item of a text list: "  #12 the text", long text wrapped under itself.
void print_item(std::ostream& out, const std::string& line, std::string_view indent = "      ") {
  out << util::wrap_to_width(line, k_width, "  ", indent);
}

std::string mood_text(const std::optional<int>& mood) {
  return mood ? std::to_string(*mood) : "-";
}

std::string next_text(const PrepSheet& sheet, domain::Date today) {
  const auto& series = sheet.series;
  std::string text;
  if (const auto* overdue = series.overdue()) {
    text = fmt::format("overdue {} (due {})", days_text(series.overdue_days(today)),
                       day_label(overdue->date));
    if (series.missed.size() > 1) text += fmt::format(", {} missed", series.missed.size());
    if (!series.next) return text;
    // The next one goes on its own line, under the first, to keep within 80 columns.
    text += "\n             then ";
  }
  if (!series.next)
    return sheet.person.archived            ? "none (archived)"
           : sheet.person.cadence.is_none() ? "none scheduled (cadence none)"
                                            : "none coming up";
  return text + slot_when(*series.next) + ", " + domain::format_minutes(series.next->length);
}

std::string last_text(const PrepSheet& sheet) {
  if (!sheet.last_one_on_one) return "none held yet";
  return fmt::format("{} ({})", format_date(sheet.last_one_on_one->date),
                     days_ago_text(sheet.days_since_last.value_or(0)));
}

std::string checkin_text(const domain::DelegationPrep& d) {
  std::string text = "check-ins " + domain::cadence_name(d.delegation.checkin);
  if (d.next_checkin) text += ", next " + format_date(*d.next_checkin);
  if (!d.delegation.last_checkin) return text + ", none yet";
  const auto& last = *d.delegation.last_checkin;
  text += ", last " + format_date(last.date) +
          (last.status ? fmt::format(" {}", domain::name_of(*last.status)) : "");
  return text;
}

std::string concern_state(const domain::Concern& concern) {
  return concern.first_conversation ? "addressed " + format_date(*concern.first_conversation)
                                    : "not yet addressed";
}

// " (due 2026-12-01)", " (due 2026-11-20, overdue 6 days)", or nothing.
std::string due_suffix(const std::optional<domain::Date>& due, domain::Date today) {
  if (!due) return "";
  const int late = domain::overdue_days(*due, today);
  return " (due " + format_date(*due) + (late > 0 ? ", overdue " + days_text(late) : "") + ")";
}

std::vector<std::string> note_lines(const std::string& note) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (;;) {
    const auto end = note.find('\n', start);
    lines.push_back(note.substr(start, end - start));
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

// ---- text ----

void print_feedback_line(std::ostream& out, const char* label,
                         const std::optional<domain::Entry>& entry) {
  if (!entry) {
    out << fmt::format("  {:<19}none yet\n", label);
    return;
  }
  // The label is the line's first indent: wrapping would fold the spaces that pad it.
  out << util::wrap_to_width(fmt::format("{} (#{}){}", format_date(entry->date), entry->id.value,
                                         entry->note.empty() ? "" : ": " + shown(entry->note)),
                             k_width, fmt::format("  {:<19}", label), std::string(21, ' '));
}

void print_text(Context& ctx, const PrepSheet& sheet) {
  auto& out = ctx.out;
  const auto& person = sheet.person;
  out << bold(ctx, "Prep: 1:1 with " + display_name(person))
      << (person.name.empty() ? "" : " (" + person.handle + ")") << "\n";
  out << "  next 1:1   " << next_text(sheet, ctx.today()) << "\n";
  out << "  last 1:1   " << last_text(sheet) << "\n";
  std::string moods;
  for (const auto& entry : sheet.recent_one_on_ones) moods += " " + mood_text(entry.mood);
  out << "  mood       "
      << (moods.empty() ? "none yet" : moods.substr(1) + "  (last 1:1s, oldest first)") << "\n";

  out << "\nTalking points\n";
  if (sheet.topics.empty()) out << "  none open\n";
  for (const auto& topic : sheet.topics)
    print_item(out, fmt::format("#{} {} (since {})", topic.id.value, shown(topic.text),
                                format_date(topic.created)));

  out << "\nOpen actions\n";
  if (sheet.actions.empty()) out << "  none open\n";
  for (const auto& action : sheet.actions)
    print_item(out, fmt::format("#{} [{}] {}{}", action.id.value,
                                action.owner == domain::Owner::me ? "mine" : "theirs",
                                shown(action.text), due_suffix(action.due, ctx.today())));

  out << "\nDelegations\n";
  if (sheet.delegations.empty()) out << "  none open\n";
  for (const auto& d : sheet.delegations) {
    print_item(out, fmt::format("#{} {}{}", d.delegation.id.value, shown(d.delegation.outcome),
                                due_suffix(d.delegation.due, ctx.today())));
    out << "      " << checkin_text(d) << "\n";
    if (d.delegation.last_checkin && !d.delegation.last_checkin->note.empty())
      out << util::wrap_to_width(shown(d.delegation.last_checkin->note), k_width, "      ",
                                 "      ");
  }

  out << "\nOpen concerns\n";
  if (sheet.concerns.empty()) out << "  none\n";
  for (const auto& concern : sheet.concerns)
    print_item(out, fmt::format("#{} {} (opened {}, {})", concern.id.value, shown(concern.text),
                                format_date(concern.opened), concern_state(concern)));

  out << "\nFeedback\n";
  print_feedback_line(out, "last positive", sheet.last_positive);
  print_feedback_line(out, "last constructive", sheet.last_constructive);

  if (!sheet.last_one_on_one) return;
  out << fmt::format("\nNotes from the last 1:1 (#{}, {})\n", sheet.last_one_on_one->id.value,
                     format_date(sheet.last_one_on_one->date));
  if (sheet.last_one_on_one->note.empty())
    out << "  (no notes)\n";
  else
    out << util::wrap_to_width(shown(sheet.last_one_on_one->note), k_width, "    ", "    ");
}

// ---- markdown ----

// Only what can be shared with the report as it is; with --private, what only the manager
// should see follows under its own heading.
void print_markdown(Context& ctx, const PrepSheet& sheet, bool with_private) {
  auto& out = ctx.out;
  const auto& person = sheet.person;
  const auto them = display_name(person);
  out << "## 1:1 with " << them;
  if (sheet.series.next) out << " — " << slot_when(*sheet.series.next);
  out << "\n\n";
  out << "*Last 1:1: " << last_text(sheet) << "*\n";

  out << "\n### Talking points\n\n";
  if (sheet.topics.empty()) out << "- (none yet)\n";
  for (const auto& topic : sheet.topics)
    out << fmt::format("- [ ] {} (#{})\n", shown(topic.text), topic.id.value);

  out << "\n### Action items\n\n";
  if (sheet.actions.empty()) out << "- (none open)\n";
  for (const auto& action : sheet.actions)
    out << fmt::format("- [ ] **{}:** {}{} (#{})\n",
                       action.owner == domain::Owner::me ? "Me" : them, shown(action.text),
                       due_suffix(action.due, ctx.today()), action.id.value);

  out << "\n### Delegated outcomes\n\n";
  if (sheet.delegations.empty()) out << "- (none open)\n";
  for (const auto& d : sheet.delegations)
    out << fmt::format("- **{}** (#{}){} — {}\n", shown(d.delegation.outcome),
                       d.delegation.id.value, due_suffix(d.delegation.due, ctx.today()),
                       checkin_text(d));
  if (!with_private) return;

  out << "\n---\n\n### Private notes (not for the shared agenda)\n\n";
  out << "**Open concerns**\n\n";
  if (sheet.concerns.empty()) out << "- none\n";
  for (const auto& concern : sheet.concerns)
    out << fmt::format("- {} (#{}, opened {}, {})\n", shown(concern.text), concern.id.value,
                       format_date(concern.opened), concern_state(concern));
  out << "\n**Last feedback**\n\n";
  for (const auto& [label, entry] :
       {std::pair{"Positive", &sheet.last_positive}, {"Constructive", &sheet.last_constructive}}) {
    if (!*entry)
      out << "- " << label << ": none yet\n";
    else
      out << fmt::format("- {}, {}: {}\n", label, format_date((*entry)->date),
                         (*entry)->note.empty() ? "(no notes)" : shown((*entry)->note));
  }
  std::string moods;
  for (const auto& entry : sheet.recent_one_on_ones)
    moods += (moods.empty() ? "" : ", ") + mood_text(entry.mood);
  out << "\n**Mood in the last 1:1s (oldest first):** " << (moods.empty() ? "none yet" : moods)
      << "\n";
  if (!sheet.last_one_on_one) return;
  out << "\n**Notes from the last 1:1 (" << format_date(sheet.last_one_on_one->date) << ")**\n\n";
  for (const auto& line : note_lines(shown(sheet.last_one_on_one->note)))
    out << (line.empty() ? ">" : "> " + line) << "\n";
}

// ---- json ----

nlohmann::json entry_brief(const std::optional<domain::Entry>& entry) {
  if (!entry) return nullptr;
  return {{"id", entry->id.value}, {"date", format_date(entry->date)}, {"note", entry->note}};
}

nlohmann::json next_json(const std::optional<domain::Occurrence>& slot) {
  if (!slot) return nullptr;
  return {{"date", format_date(slot->date)},
          {"time", optional_json(slot_time(*slot))},
          {"their_time", slot->other_zone && slot->start_in_person_zone
                             ? nlohmann::json(date::format("%H:%M", *slot->start_in_person_zone))
                             : nlohmann::json(nullptr)},
          {"tz", slot->person_zone->name()},
          {"length", slot->length.count()},
          {"status", domain::name_of(slot->status(slot->date))}};
}

void print_prep_json(Context& ctx, const PrepSheet& sheet) {
  nlohmann::json j;
  j["person"] = sheet.person.handle;
  j["name"] = sheet.person.name;
  j["next"] = next_json(sheet.series.next);
  j["overdue"] = nullptr;
  if (const auto* overdue = sheet.series.overdue())
    j["overdue"] = {{"due", format_date(overdue->date)},
                    {"overdue_days", sheet.series.overdue_days(ctx.today())},
                    {"missed", sheet.series.missed.size()}};
  j["days_since_last"] = optional_json(sheet.days_since_last);
  j["last_one_on_one"] = nullptr;
  if (sheet.last_one_on_one) {
    j["last_one_on_one"] = entry_brief(sheet.last_one_on_one);
    j["last_one_on_one"]["mood"] = optional_json(sheet.last_one_on_one->mood);
  }
  j["talking_points"] = nlohmann::json::array();
  for (const auto& topic : sheet.topics)
    j["talking_points"].push_back(
        {{"id", topic.id.value}, {"text", topic.text}, {"created", format_date(topic.created)}});
  j["actions"] = nlohmann::json::array();
  for (const auto& action : sheet.actions)
    j["actions"].push_back({{"id", action.id.value},
                            {"owner", domain::name_of(action.owner)},
                            {"text", action.text},
                            {"created", format_date(action.created)},
                            {"due", date_json(action.due)}});
  j["delegations"] = nlohmann::json::array();
  for (const auto& d : sheet.delegations) {
    nlohmann::json last = nullptr;
    if (const auto& checkin = d.delegation.last_checkin)
      last = {{"date", format_date(checkin->date)},
              {"status", checkin->status ? nlohmann::json(domain::name_of(*checkin->status))
                                         : nlohmann::json(nullptr)},
              {"note", checkin->note}};
    j["delegations"].push_back({{"id", d.delegation.id.value},
                                {"outcome", d.delegation.outcome},
                                {"due", date_json(d.delegation.due)},
                                {"checkin", domain::cadence_name(d.delegation.checkin)},
                                {"next_checkin", date_json(d.next_checkin)},
                                {"last_checkin", last}});
  }
  j["concerns"] = nlohmann::json::array();
  for (const auto& concern : sheet.concerns)
    j["concerns"].push_back({{"id", concern.id.value},
                             {"text", concern.text},
                             {"opened", format_date(concern.opened)},
                             {"addressed", concern.first_conversation.has_value()},
                             {"first_conversation", date_json(concern.first_conversation)}});
  j["last_feedback"] = {{"positive", entry_brief(sheet.last_positive)},
                        {"constructive", entry_brief(sheet.last_constructive)}};
  j["mood"] = nlohmann::json::array();
  for (const auto& entry : sheet.recent_one_on_ones)
    j["mood"].push_back({{"date", format_date(entry.date)}, {"mood", optional_json(entry.mood)}});
  print_json(ctx.out, j);
}

void show_prep(Context& ctx, const std::string& handle, const std::string& format,
               bool with_private) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  const auto input = db->read([&] { return store.prep_input(require_person(store, handle)); });
  const auto sheet = domain::make_prep_sheet(input, ctx.series_context());
  if (format == "json") return print_prep_json(ctx, sheet);
  if (format == "markdown") return print_markdown(ctx, sheet, with_private);
  print_text(ctx, sheet);
}

}  // namespace

void register_prep_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct State {
    std::string handle, format = "text";
    bool with_private = false;
  };
  auto s = std::make_shared<State>();
  auto* prep = app.add_subcommand("prep", "Prep sheet for your next 1:1 with someone");
  prep->add_option("handle", s->handle, "Who")->required();
  add_format_option(prep, s->format, {"text", "markdown", "json"});
  prep->add_flag("--private", s->with_private,
                 "With --format markdown: add your private notes (concerns, feedback, mood, last "
                 "notes) after the shareable agenda");
  table.add(prep, [&ctx, s] { show_prep(ctx, s->handle, s->format, s->with_private); });
}

}  // namespace mgr::cli
