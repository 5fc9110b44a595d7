#include "cli/agenda_text.hpp"

#include <fmt/format.h>

#include "cli/common.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {
constexpr std::size_t k_agenda_width = 80;
constexpr std::string_view k_agenda_hanging_indent = "           ";
}  // namespace

using domain::AgendaKind;
using domain::OccurrenceStatus;

std::optional<std::string> slot_time(const domain::Occurrence& occurrence) {
  if (!occurrence.start_in_user_zone) return std::nullopt;
  return date::format("%H:%M", *occurrence.start_in_user_zone);
}

std::optional<std::string> slot_time_in_their_zone(const domain::Occurrence& occurrence) {
  if (!occurrence.other_zone || !occurrence.start_in_person_zone) return std::nullopt;
  return date::format("%H:%M ", *occurrence.start_in_person_zone) + occurrence.person_zone->name();
}

std::string day_label(domain::Date day) {
  return domain::format_day(day);
}

std::string days_text(int count) {
  return fmt::format("{} day{}", count, count == 1 ? "" : "s");
}

std::string days_ago_text(int count) {
  if (count == 0) return "today";
  if (count == 1) return "yesterday";
  return days_text(count) + " ago";
}

std::string slot_when(const domain::Occurrence& occurrence) {
  std::string when = day_label(occurrence.date);
  if (auto time = slot_time(occurrence)) when += " " + *time;
  if (auto theirs = slot_time_in_their_zone(occurrence)) when += " (" + *theirs + ")";
  return when;
}

namespace {

// The slot time only when the item is listed on the occurrence's own day: an overdue 1:1
// listed today has no time today.
std::optional<std::string> listed_time(const domain::AgendaItem& item) {
  if (!item.shows_slot_time()) return std::nullopt;
  return slot_time(*item.occurrence);
}

std::string one_on_one_text(const domain::AgendaItem& item) {
  const auto& occurrence = *item.occurrence;
  std::string line =
      fmt::format("1:1 with {}, {}", item.person, domain::format_minutes(occurrence.length));
  if (auto theirs = slot_time_in_their_zone(occurrence); theirs && listed_time(item))
    line += " (" + *theirs + ")";
  switch (item.status) {
    case OccurrenceStatus::overdue:
      line +=
          fmt::format(" — overdue {} (due {})", days_text(item.overdue_days), day_label(item.due));
      if (item.missed > 1) line += fmt::format(", {} missed", item.missed);
      break;
    case OccurrenceStatus::cancelled:
      line += " — cancelled, still to hold";
      break;
    case OccurrenceStatus::skipped:
      line += " — skipped" +
              (occurrence.skip_reason.empty() ? "" : " (" + occurrence.skip_reason + ")");
      break;
    case OccurrenceStatus::moved:
      if (occurrence.regular != occurrence.date)
        line += " — moved from " + day_label(occurrence.regular);
      break;
    default:
      break;
  }
  return line;
}

std::string due_text(const domain::AgendaItem& item) {
  if (item.overdue_days > 0)
    return fmt::format(" — overdue {} (due {})", days_text(item.overdue_days), day_label(item.due));
  return "";
}

}  // namespace

std::string describe(const domain::AgendaItem& item) {
  const auto id = item.id.value_or(0);
  // An item due later than the day it is listed on (a delegation due soon) says when.
  const std::string when = item.due > item.day ? " on " + day_label(item.due) : "";
  switch (item.kind) {
    case AgendaKind::one_on_one:
      return one_on_one_text(item);
    case AgendaKind::checkin:
      return fmt::format("check-in with {} on delegation #{}: {}", item.person, id, item.text) +
             due_text(item);
    case AgendaKind::delegation: {
      std::string line =
          fmt::format("delegation #{} due from {}{}: {}", id, item.person, when, item.text);
      if (item.warning) line += fmt::format(" — last check-in {}", domain::name_of(*item.warning));
      return line + due_text(item);
    }
    case AgendaKind::action:
      return (item.owner == domain::Owner::them
                  ? fmt::format("{}'s action #{} due{}: {}", item.person, id, when, item.text)
                  : fmt::format("your action #{} (with {}) due{}: {}", id, item.person, when,
                                item.text)) +
             due_text(item);
    case AgendaKind::concern:
      return fmt::format("concern #{} about {}, not talked about for {}: {}", id, item.person,
                         days_text(item.overdue_days), item.text);
  }
  return "";
}

void print_agenda_line(std::ostream& out, const domain::AgendaItem& item) {
  // The outcome, action or concern text (and a skip's reason) is stored text: escaped, and
  // wrapped under itself when long.
  out << util::wrap_to_width(shown(describe(item)), k_agenda_width,
                             fmt::format("  {:<6} ", listed_time(item).value_or("")),
                             k_agenda_hanging_indent);
}

nlohmann::json agenda_item_json(const domain::AgendaItem& item) {
  nlohmann::json j;
  j["date"] = domain::format_date(item.day);
  j["time"] = optional_json(listed_time(item));
  j["kind"] = domain::name_of(item.kind);
  j["person"] = item.person.empty() ? nlohmann::json(nullptr) : nlohmann::json(item.person);
  j["id"] = optional_json(item.id);
  j["due"] = domain::format_date(item.due);
  j["overdue_days"] = item.overdue_days;
  j["text"] = item.text;
  if (item.occurrence) {
    const auto& occurrence = *item.occurrence;
    j["text"] = describe(item);
    j["status"] = domain::name_of(item.status);
    j["regular"] = domain::format_date(occurrence.regular);
    j["length"] = occurrence.length.count();
    j["slot_time"] = optional_json(slot_time(occurrence));
    j["their_time"] = occurrence.start_in_person_zone && occurrence.other_zone
                          ? nlohmann::json(date::format("%H:%M", *occurrence.start_in_person_zone))
                          : nlohmann::json(nullptr);
    j["their_tz"] = occurrence.person_zone->name();
    j["last_held"] = date_json(item.last_held);
    j["missed"] = item.missed;
  }
  if (item.owner) j["owner"] = domain::name_of(*item.owner);
  if (item.warning) j["last_checkin_status"] = domain::name_of(*item.warning);
  return j;
}

}  // namespace mgr::cli
