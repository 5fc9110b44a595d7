// mgr prep HANDLE: everything to have in front of you before the next 1:1 with someone.
#include <fmt/format.h>

#include <algorithm>

#include "cli/common.hpp"
#include "cli/schedule.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

constexpr std::size_t k_mood_window = 5;

struct DelegationPrep {
  domain::Delegation delegation;
  std::optional<date::local_days> next_checkin;
};

struct PrepSheet {
  domain::Person person;
  std::optional<domain::DueSlot> next;
  std::optional<domain::Entry> last_one_on_one;
  std::optional<int> days_since_last;
  std::vector<domain::Topic> topics;
  std::vector<domain::Action> actions;
  std::vector<DelegationPrep> delegations;
  std::vector<domain::Concern> concerns;
  std::optional<domain::Entry> last_positive;
  std::optional<domain::Entry> last_constructive;
  std::vector<domain::Entry> recent_one_on_ones;  // up to five held ones, oldest first
};

PrepSheet load_prep_sheet(storage::Store& store, const domain::Person& person,
                          const domain::Clock& clock) {
  PrepSheet sheet;
  sheet.person = person;
  sheet.next = next_slot(load_person_plan(store, person), clock);
  storage::EntryFilter filter;
  filter.person_id = person.id;
  // Newest first, so the first match of each kind is the latest.
  for (const auto& entry : store.list_entries(filter)) {
    if (entry.kind == "1on1" && !entry.cancelled) {
      if (!sheet.last_one_on_one) sheet.last_one_on_one = entry;
      if (sheet.recent_one_on_ones.size() < k_mood_window)
        sheet.recent_one_on_ones.push_back(entry);
    }
    if (entry.kind == "feedback" && entry.polarity == "positive" && !sheet.last_positive)
      sheet.last_positive = entry;
    if (entry.kind == "feedback" && entry.polarity == "constructive" && !sheet.last_constructive)
      sheet.last_constructive = entry;
  }
  std::reverse(sheet.recent_one_on_ones.begin(), sheet.recent_one_on_ones.end());
  if (sheet.last_one_on_one) {
    const auto held = domain::parse_iso_date(sheet.last_one_on_one->date);
    if (held)
      sheet.days_since_last =
          static_cast<int>((clock.today_days() - date::local_days{*held}).count());
  }
  sheet.topics = store.list_topics(person.id, false);
  sheet.actions = store.list_actions(person.id, std::nullopt, false);
  for (const auto& delegation : store.list_delegations(person.id, false))
    sheet.delegations.push_back({delegation, domain::next_checkin_due(delegation)});
  sheet.concerns = open_concerns_about(store, person.handle);
  return sheet;
}

std::string display_name(const domain::Person& person) {
  return person.name.empty() ? person.handle : person.name;
}

std::string mood_text(const std::optional<int>& mood) {
  return mood ? std::to_string(*mood) : "-";
}

std::string next_text(const PrepSheet& sheet) {
  if (!sheet.next)
    return sheet.person.archived ? "none (archived)" : "none scheduled (cadence none)";
  std::string text =
      slot_when(*sheet.next) + ", " + domain::format_minutes(sheet.next->length_minutes);
  if (sheet.next->overdue_days > 0)
    text += fmt::format(", overdue {}", days_text(sheet.next->overdue_days));
  return text;
}

std::string last_text(const PrepSheet& sheet) {
  if (!sheet.last_one_on_one) return "none held yet";
  return fmt::format("{} ({})", sheet.last_one_on_one->date,
                     days_ago_text(sheet.days_since_last.value_or(0)));
}

std::string checkin_text(const DelegationPrep& d) {
  std::string text = "check-ins " + d.delegation.checkin;
  if (d.next_checkin) text += ", next " + domain::format_date(*d.next_checkin);
  if (!d.delegation.last_checkin) return text + ", none yet";
  const auto& last = *d.delegation.last_checkin;
  text += ", last " + last.date + (last.status ? " " + *last.status : "");
  return text;
}

std::string concern_state(const domain::Concern& concern) {
  return concern.first_conversation ? "addressed " + *concern.first_conversation
                                    : "not yet addressed";
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
  out << fmt::format("  {:<19}{} (#{}){}\n", label, entry->date, entry->id,
                     entry->note.empty() ? "" : ": " + entry->note);
}

void print_text(Context& ctx, const PrepSheet& sheet) {
  auto& out = ctx.out;
  const auto& person = sheet.person;
  out << bold(ctx, "Prep: 1:1 with " + display_name(person))
      << (person.name.empty() ? "" : " (" + person.handle + ")") << "\n";
  out << "  next 1:1   " << next_text(sheet) << "\n";
  out << "  last 1:1   " << last_text(sheet) << "\n";
  std::string moods;
  for (const auto& entry : sheet.recent_one_on_ones) moods += " " + mood_text(entry.mood);
  out << "  mood       "
      << (moods.empty() ? "none yet" : moods.substr(1) + "  (last 1:1s, oldest first)") << "\n";

  out << "\nTalking points\n";
  if (sheet.topics.empty()) out << "  none open\n";
  for (const auto& topic : sheet.topics)
    out << fmt::format("  #{} {} (since {})\n", topic.id, topic.text, topic.created);

  out << "\nOpen actions\n";
  if (sheet.actions.empty()) out << "  none open\n";
  for (const auto& action : sheet.actions)
    out << fmt::format("  #{} [{}] {}{}\n", action.id, action.owner == "me" ? "mine" : "theirs",
                       action.text, action.due ? " (due " + *action.due + ")" : "");

  out << "\nDelegations\n";
  if (sheet.delegations.empty()) out << "  none open\n";
  for (const auto& d : sheet.delegations) {
    out << fmt::format("  #{} {}{}\n", d.delegation.id, d.delegation.outcome,
                       d.delegation.due ? " (due " + *d.delegation.due + ")" : "");
    out << "      " << checkin_text(d) << "\n";
    if (d.delegation.last_checkin && !d.delegation.last_checkin->note.empty())
      out << "      " << d.delegation.last_checkin->note << "\n";
  }

  out << "\nOpen concerns\n";
  if (sheet.concerns.empty()) out << "  none\n";
  for (const auto& concern : sheet.concerns)
    out << fmt::format("  #{} {} (opened {}, {})\n", concern.id, concern.text, concern.opened,
                       concern_state(concern));

  out << "\nFeedback\n";
  print_feedback_line(out, "last positive", sheet.last_positive);
  print_feedback_line(out, "last constructive", sheet.last_constructive);

  if (!sheet.last_one_on_one) return;
  out << fmt::format("\nNotes from the last 1:1 (#{}, {})\n", sheet.last_one_on_one->id,
                     sheet.last_one_on_one->date);
  if (sheet.last_one_on_one->note.empty()) out << "  (no notes)\n";
  for (const auto& line : note_lines(sheet.last_one_on_one->note)) out << "    " << line << "\n";
}

// ---- markdown ----

// The agenda part comes first and can be shared with the report as it is; what only the
// manager should see follows under its own heading and is left out with --shared.
void print_markdown(Context& ctx, const PrepSheet& sheet, bool shared) {
  auto& out = ctx.out;
  const auto& person = sheet.person;
  const auto them = display_name(person);
  out << "## 1:1 with " << them;
  if (sheet.next) out << " — " << slot_when(*sheet.next);
  out << "\n\n";
  out << "*Last 1:1: " << last_text(sheet) << "*\n";

  out << "\n### Talking points\n\n";
  if (sheet.topics.empty()) out << "- (none yet)\n";
  for (const auto& topic : sheet.topics)
    out << fmt::format("- [ ] {} (#{})\n", topic.text, topic.id);

  out << "\n### Action items\n\n";
  if (sheet.actions.empty()) out << "- (none open)\n";
  for (const auto& action : sheet.actions)
    out << fmt::format("- [ ] **{}:** {}{} (#{})\n", action.owner == "me" ? "Me" : them,
                       action.text, action.due ? ", due " + *action.due : "", action.id);

  out << "\n### Delegated outcomes\n\n";
  if (sheet.delegations.empty()) out << "- (none open)\n";
  for (const auto& d : sheet.delegations)
    out << fmt::format("- **{}** (#{}){} — {}\n", d.delegation.outcome, d.delegation.id,
                       d.delegation.due ? ", due " + *d.delegation.due : "", checkin_text(d));
  if (shared) return;

  out << "\n---\n\n### Private notes (not for the shared agenda)\n\n";
  out << "**Open concerns**\n\n";
  if (sheet.concerns.empty()) out << "- none\n";
  for (const auto& concern : sheet.concerns)
    out << fmt::format("- {} (#{}, opened {}, {})\n", concern.text, concern.id, concern.opened,
                       concern_state(concern));
  out << "\n**Last feedback**\n\n";
  for (const auto& [label, entry] :
       {std::pair{"Positive", &sheet.last_positive}, {"Constructive", &sheet.last_constructive}}) {
    if (!*entry)
      out << "- " << label << ": none yet\n";
    else
      out << fmt::format("- {}, {}: {}\n", label, (*entry)->date,
                         (*entry)->note.empty() ? "(no notes)" : (*entry)->note);
  }
  std::string moods;
  for (const auto& entry : sheet.recent_one_on_ones)
    moods += (moods.empty() ? "" : ", ") + mood_text(entry.mood);
  out << "\n**Mood in the last 1:1s (oldest first):** " << (moods.empty() ? "none yet" : moods)
      << "\n";
  if (!sheet.last_one_on_one) return;
  out << "\n**Notes from the last 1:1 (" << sheet.last_one_on_one->date << ")**\n\n";
  for (const auto& line : note_lines(sheet.last_one_on_one->note))
    out << (line.empty() ? ">" : "> " + line) << "\n";
}

// ---- json ----

nlohmann::json entry_brief(const std::optional<domain::Entry>& entry) {
  if (!entry) return nullptr;
  return {{"id", entry->id}, {"date", entry->date}, {"note", entry->note}};
}

nlohmann::json next_json(const std::optional<domain::DueSlot>& slot) {
  if (!slot) return nullptr;
  return {{"date", domain::format_date(slot->due_date)},
          {"time", optional_json(slot_time(*slot))},
          {"their_time", slot->other_zone && slot->start_in_person_zone
                             ? nlohmann::json(date::format("%H:%M", *slot->start_in_person_zone))
                             : nlohmann::json(nullptr)},
          {"tz", slot->person_zone->name()},
          {"length", slot->length_minutes},
          {"overdue_days", slot->overdue_days}};
}

void print_prep_json(Context& ctx, const PrepSheet& sheet) {
  nlohmann::json j;
  j["person"] = sheet.person.handle;
  j["name"] = sheet.person.name;
  j["next"] = next_json(sheet.next);
  j["days_since_last"] = optional_json(sheet.days_since_last);
  j["last_one_on_one"] = nullptr;
  if (sheet.last_one_on_one) {
    j["last_one_on_one"] = entry_brief(sheet.last_one_on_one);
    j["last_one_on_one"]["mood"] = optional_json(sheet.last_one_on_one->mood);
  }
  j["talking_points"] = nlohmann::json::array();
  for (const auto& topic : sheet.topics)
    j["talking_points"].push_back(
        {{"id", topic.id}, {"text", topic.text}, {"created", topic.created}});
  j["actions"] = nlohmann::json::array();
  for (const auto& action : sheet.actions)
    j["actions"].push_back({{"id", action.id},
                            {"owner", action.owner},
                            {"text", action.text},
                            {"created", action.created},
                            {"due", optional_json(action.due)}});
  j["delegations"] = nlohmann::json::array();
  for (const auto& d : sheet.delegations) {
    nlohmann::json last = nullptr;
    if (d.delegation.last_checkin)
      last = {{"date", d.delegation.last_checkin->date},
              {"status", optional_json(d.delegation.last_checkin->status)},
              {"note", d.delegation.last_checkin->note}};
    j["delegations"].push_back(
        {{"id", d.delegation.id},
         {"outcome", d.delegation.outcome},
         {"due", optional_json(d.delegation.due)},
         {"checkin", d.delegation.checkin},
         {"next_checkin", d.next_checkin ? nlohmann::json(domain::format_date(*d.next_checkin))
                                         : nlohmann::json(nullptr)},
         {"last_checkin", last}});
  }
  j["concerns"] = nlohmann::json::array();
  for (const auto& concern : sheet.concerns)
    j["concerns"].push_back({{"id", concern.id},
                             {"text", concern.text},
                             {"opened", concern.opened},
                             {"addressed", concern.first_conversation.has_value()},
                             {"first_conversation", optional_json(concern.first_conversation)}});
  j["last_feedback"] = {{"positive", entry_brief(sheet.last_positive)},
                        {"constructive", entry_brief(sheet.last_constructive)}};
  j["mood"] = nlohmann::json::array();
  for (const auto& entry : sheet.recent_one_on_ones)
    j["mood"].push_back({{"date", entry.date}, {"mood", optional_json(entry.mood)}});
  print_json(ctx.out, j);
}

}  // namespace

void show_prep(Context& ctx, const std::string& handle, const std::string& format, bool shared) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  const auto sheet = load_prep_sheet(store, require_person(store, handle), ctx.clock);
  if (format == "json") return print_prep_json(ctx, sheet);
  if (format == "markdown") return print_markdown(ctx, sheet, shared);
  print_text(ctx, sheet);
}

}  // namespace mgr::cli
