#include "cli/agenda_text.hpp"

#include <fmt/format.h>

#include "cli/common.hpp"

namespace mgr::cli {

std::optional<std::string> slot_time(const domain::DueSlot& slot) {
  if (!slot.start_in_user_zone) return std::nullopt;
  return date::format("%H:%M", *slot.start_in_user_zone);
}

std::optional<std::string> slot_time_in_their_zone(const domain::DueSlot& slot) {
  if (!slot.other_zone || !slot.start_in_person_zone) return std::nullopt;
  return date::format("%H:%M ", *slot.start_in_person_zone) + slot.person_zone->name();
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

std::string slot_when(const domain::DueSlot& slot) {
  std::string when = day_label(slot.due_date);
  if (auto time = slot_time(slot)) when += " " + *time;
  if (auto theirs = slot_time_in_their_zone(slot)) when += " (" + *theirs + ")";
  return when;
}

namespace {

// The slot time only when the item is listed on the slot's own day: an overdue 1:1 listed
// today has no time today.
std::optional<std::string> listed_time(const domain::AgendaItem& item) {
  if (!item.shows_slot_time()) return std::nullopt;
  return slot_time(*item.slot);
}

std::string describe(const domain::AgendaItem& item) {
  using domain::AgendaKind;
  std::string line;
  const auto id = item.id.value_or(0);
  switch (item.kind) {
    case AgendaKind::one_on_one:
      line = fmt::format("1:1 with {}, {}", item.person, domain::format_minutes(item.slot->length));
      if (auto theirs = slot_time_in_their_zone(*item.slot); theirs && listed_time(item))
        line += " (" + *theirs + ")";
      break;
    case AgendaKind::checkin:
      line = fmt::format("check-in with {} on #{} {}", item.person, id, item.text);
      break;
    case AgendaKind::delegation_due:
      line = fmt::format("delegation #{} due from {}: {}", id, item.person, item.text);
      break;
    case AgendaKind::action_due:
      line = fmt::format("your action #{} (with {}) due: {}", id, item.person, item.text);
      break;
  }
  if (item.overdue_days > 0)
    line +=
        fmt::format(" — overdue {} (due {})", days_text(item.overdue_days), day_label(item.due));
  return line;
}

}  // namespace

void print_agenda_line(std::ostream& out, const domain::AgendaItem& item) {
  out << fmt::format("  {:<6} {}\n", listed_time(item).value_or(""), describe(item));
}

nlohmann::json agenda_item_json(const domain::AgendaItem& item) {
  nlohmann::json j;
  j["date"] = domain::format_date(item.day);
  j["time"] = optional_json(listed_time(item));
  j["kind"] = domain::name_of(item.kind);
  j["person"] = item.person;
  j["id"] = optional_json(item.id);
  j["overdue_days"] = item.overdue_days;
  j["due"] = domain::format_date(item.due);
  if (item.slot) {
    j["length"] = item.slot->length.count();
    j["slot_time"] = optional_json(slot_time(*item.slot));
    j["their_time"] = item.slot->start_in_person_zone && item.slot->other_zone
                          ? nlohmann::json(date::format("%H:%M", *item.slot->start_in_person_zone))
                          : nlohmann::json(nullptr);
    j["their_tz"] = item.slot->person_zone->name();
    j["last_held"] = date_json(item.slot->last_held);
  } else {
    j["text"] = item.text;
  }
  return j;
}

}  // namespace mgr::cli
