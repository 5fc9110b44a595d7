#pragma once
// Shared by the scheduler's command files (schedule.cpp, prep.cpp, ics.cpp): what they load
// from the store and how a 1:1 slot reads on screen.
#include <date/date.h>

#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "domain/model.hpp"
#include "domain/schedule.hpp"
#include "storage/store.hpp"

namespace mgr::cli {

// One person and everything their 1:1 dates depend on.
struct PersonPlan {
  domain::Person person;
  domain::OneOnOneHistory history;
  std::vector<domain::Skip> skips;
};

PersonPlan load_person_plan(storage::Store& store, const domain::Person& person);
// Every active person's plan, by handle.
std::vector<PersonPlan> load_team_plans(storage::Store& store);

std::optional<domain::DueSlot> next_slot(const PersonPlan& plan, const domain::Clock& clock);
std::vector<domain::DueSlot> upcoming_slots(const PersonPlan& plan, const domain::Clock& clock,
                                            date::local_days until);

// "HH:MM" of the slot in the user's zone, or nothing when the person has no --time.
std::optional<std::string> slot_time(const domain::DueSlot& slot);
// "HH:MM Zone" in the person's zone when it is not the user's, else nothing.
std::optional<std::string> slot_time_in_their_zone(const domain::DueSlot& slot);
// "Tue 2026-12-01", "Tue 2026-12-01 10:00" or "Tue 2026-12-01 16:00 (10:00 America/New_York)".
std::string slot_when(const domain::DueSlot& slot);

// "Tue 2026-12-01"
std::string day_label(date::local_days day);
// "1 day" / "3 days"
std::string days_text(int days);
// "today", "yesterday", "3 days ago"
std::string days_ago_text(int days);

// `mgr prep` (prep.cpp) and `mgr schedule --ics` (ics.cpp).
void show_prep(Context& ctx, const std::string& handle, const std::string& format, bool shared);
void export_ics(Context& ctx, int weeks, const std::string& output);

}  // namespace mgr::cli
