#include "domain/schedule.hpp"

#include <date/iso_week.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "domain/errors.hpp"
#include "domain/parse.hpp"

namespace mgr::domain {

namespace {

using date::days;

const date::time_zone* zone_of(const Person& person, const Clock& clock) {
  return person.zone != nullptr ? person.zone : clock.zone;
}

// Where an occurrence landed: its date in the user's calendar and, with a --time, its instant.
struct Placement {
  Date date;
  std::optional<Instant> start;
};

// The first slot starting on or after the user's date `from`, following the person's --day and
// --time (see the header for why "on or after" is measured in the user's calendar).
Placement place_slot(Date from, const Person& person, const date::time_zone* person_zone,
                     const date::time_zone* user_zone) {
  if (!person.slot_time) {
    if (!person.slot_day) return {from, std::nullopt};
    return {from + (*person.slot_day - date::weekday{from}), std::nullopt};
  }

  const auto not_before = wall_time_to_instant(date::local_seconds{from}, user_zone);
  auto day = date::floor<days>(person_zone->to_local(not_before));
  // The slot time on the person's date of `not_before` may already have passed; the next
  // matching weekday is at most seven days on.
  for (int step = 0; step <= 8; ++step, day += days{1}) {
    if (person.slot_day && date::weekday{day} != *person.slot_day) continue;
    const auto start =
        wall_time_to_instant(date::local_seconds{day} + *person.slot_time, person_zone);
    if (start >= not_before) return {date::floor<days>(user_zone->to_local(start)), start};
  }
  throw std::logic_error("place_slot: no slot within eight days");
}

std::optional<Date> away_end_covering(const std::vector<TimeAway>& away, Date day) {
  for (const auto& span : away) {
    if (span.from <= day && day <= span.to) return span.to;
  }
  return std::nullopt;
}

// Everything the occurrences of one person's 1:1 depend on, resolved once.
struct SlotRules {
  const Person& person;
  std::vector<Date> skips;  // sorted
  const date::time_zone* person_zone;
  const date::time_zone* user_zone;
};

// Time away first moves the cadence date, then the slot rule applies; a slot that still lands
// in time away (a --day inside it, or a second stretch right after) moves on again. Each round
// moves past the end of one stretch, so this ends.
Placement place_avoiding_away(Date due, const SlotRules& rules) {
  for (;;) {
    if (auto due_away = away_end_covering(rules.person.away, due))
      due = first_workday_after(*due_away);
    const auto slot = place_slot(due, rules.person, rules.person_zone, rules.user_zone);
    const auto slot_away = away_end_covering(rules.person.away, slot.date);
    if (!slot_away) return slot;
    due = first_workday_after(*slot_away);
  }
}

// The occurrence after `anchor` (a held 1:1, or its stand-in). A skip between the anchor and
// that occurrence becomes the new anchor; the earliest first, so that two skips recorded for
// the same occurrence move it only once.
Placement next_after(Date anchor, const SlotRules& rules) {
  for (;;) {
    const auto slot = place_avoiding_away(add_cadence(anchor, rules.person.cadence), rules);
    const auto skip = std::find_if(rules.skips.begin(), rules.skips.end(),
                                   [&](Date d) { return anchor < d && d <= slot.date; });
    if (skip == rules.skips.end()) return slot;
    anchor = *skip;
  }
}

SlotRules rules_for(const PersonSchedule& schedule, const Clock& clock) {
  SlotRules rules{schedule.person, {}, zone_of(schedule.person, clock), clock.zone};
  for (const auto& skip : schedule.skips) rules.skips.push_back(skip.day);
  std::sort(rules.skips.begin(), rules.skips.end());
  return rules;
}

std::optional<Date> last_held(const OneOnOneHistory& history) {
  if (history.held.empty()) return std::nullopt;
  return *std::max_element(history.held.begin(), history.held.end());
}

DueSlot make_slot(const Placement& placement, const SlotRules& rules, std::optional<Date> held,
                  const Clock& clock) {
  DueSlot slot;
  slot.person = rules.person.handle;
  slot.due_date = placement.date;
  slot.person_zone = rules.person_zone;
  slot.other_zone = rules.person_zone->name() != rules.user_zone->name();
  if (placement.start) {
    slot.start = placement.start;
    slot.start_in_person_zone =
        date::floor<std::chrono::seconds>(rules.person_zone->to_local(*placement.start));
    slot.start_in_user_zone =
        date::floor<std::chrono::seconds>(rules.user_zone->to_local(*placement.start));
  }
  slot.length = rules.person.length;
  slot.overdue_days = overdue_days(placement.date, clock);
  slot.last_held = held;
  return slot;
}

bool is_scheduled(const Person& person) {
  return !person.archived && !person.cadence.is_none();
}

}  // namespace

Date add_cadence(Date from, const Cadence& cadence) {
  switch (cadence.unit) {
    case Cadence::Unit::days:
      return from + days{cadence.count};
    case Cadence::Unit::months: {
      const date::year_month_day day{from};
      const auto month = day.year() / day.month() + date::months{cadence.count};
      const auto last = (month / date::last).day();
      return Date{month / std::min(day.day(), last)};
    }
    case Cadence::Unit::none:
      break;
  }
  throw std::logic_error("add_cadence: cadence none has no next date");
}

std::optional<DueSlot> next_one_on_one(const PersonSchedule& schedule, const Clock& clock) {
  if (!is_scheduled(schedule.person)) return std::nullopt;
  const auto rules = rules_for(schedule, clock);
  const auto held = last_held(schedule.history);
  const auto anchor = held ? *held : schedule.person.since;
  return make_slot(next_after(anchor, rules), rules, held, clock);
}

std::vector<DueSlot> upcoming_slots(const PersonSchedule& schedule, const Clock& clock,
                                    Date until) {
  std::vector<DueSlot> slots;
  if (!is_scheduled(schedule.person)) return slots;
  const auto rules = rules_for(schedule, clock);
  const auto held = last_held(schedule.history);
  auto anchor = held ? *held : schedule.person.since;
  const auto today = clock.today();
  for (;;) {
    const auto placement = next_after(anchor, rules);
    if (placement.date > until) break;
    slots.push_back(make_slot(placement, rules, held, clock));
    // An overdue 1:1 can be held today at the earliest, so the one after it counts from today.
    anchor = std::max(placement.date, today);
  }
  return slots;
}

DueSlot occurrence_to_skip(const PersonSchedule& schedule, std::optional<Date> on,
                           const Clock& clock) {
  const auto& person = schedule.person;
  if (person.archived)
    throw UsageError(person.handle + " is archived and has no 1:1s due",
                     "`mgr person restore " + person.handle + "` brings them back");
  if (person.cadence.is_none())
    throw UsageError(person.handle + " has no regular 1:1 (cadence none), so there is none to skip",
                     "give them one with `mgr person edit " + person.handle + " --cadence weekly`");
  const auto next = next_one_on_one(schedule, clock);
  if (!on) return *next;
  for (const auto& slot : upcoming_slots(schedule, clock, *on))
    if (slot.due_date == *on) return slot;
  throw UsageError(person.handle + " has no 1:1 due on " + format_day(*on),
                   "the next one is due " + format_day(next->due_date) + "; see `mgr schedule`");
}

std::optional<Date> next_checkin_due(const Delegation& delegation) {
  if (delegation.status != DelegationStatus::open || delegation.checkin.is_none())
    return std::nullopt;
  auto anchor = delegation.created;
  if (delegation.last_checkin) anchor = std::max(anchor, delegation.last_checkin->date);
  return add_cadence(anchor, delegation.checkin);
}

int overdue_days(Date due, const Clock& clock) {
  return std::max(0, clock.days_since(due));
}

Instant wall_time_to_instant(date::local_seconds wall, const date::time_zone* zone) {
  // For all three cases of local_info, `first` holds the offset RFC 5545 asks for: the only
  // one, the earlier of two, or the one in force before the gap.
  const auto info = zone->get_info(wall);
  return Instant{wall.time_since_epoch()} - info.first.offset;
}

Date first_workday_after(Date day) {
  auto next = day + days{1};
  while (date::weekday{next} == date::Saturday || date::weekday{next} == date::Sunday) {
    next += days{1};
  }
  return next;
}

std::string iso_week_label(Date day) {
  const iso_week::year_weeknum_weekday week{day};
  char label[16];
  std::snprintf(label, sizeof label, "%04d-W%02u", static_cast<int>(week.year()),
                static_cast<unsigned>(week.weeknum()));
  return label;
}

}  // namespace mgr::domain
