#pragma once
// How 1:1 occurrences and agenda items read on screen and in JSON: shared by `schedule`,
// `today`, `prep` and the `.ics` export.
#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>

#include "domain/agenda.hpp"
#include "domain/series.hpp"

namespace mgr::cli {

// "HH:MM" of the occurrence in the user's zone, or nothing when it has no time.
std::optional<std::string> slot_time(const domain::Occurrence& occurrence);
// "HH:MM Zone" in the person's zone when it is not the user's, else nothing.
std::optional<std::string> slot_time_in_their_zone(const domain::Occurrence& occurrence);
// "Tue 2026-12-01", "Tue 2026-12-01 10:00" or "Tue 2026-12-01 16:00 (10:00 America/New_York)".
std::string slot_when(const domain::Occurrence& occurrence);

// "Tue 2026-12-01"
std::string day_label(domain::Date day);
// "1 day" / "3 days"
std::string days_text(int days);
// "today", "yesterday", "3 days ago"
std::string days_ago_text(int days);

// One agenda item as a line of `schedule`/`today` (its text as stored: print_agenda_line
// escapes and wraps it), and as JSON.
std::string describe(const domain::AgendaItem& item);
void print_agenda_line(std::ostream& out, const domain::AgendaItem& item);
nlohmann::json agenda_item_json(const domain::AgendaItem& item);

}  // namespace mgr::cli
