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
using date::local_days;

// Dates reach this file from the database, where they were validated on the way in; one that
// does not parse means the file was edited by hand or is damaged.
local_days stored_date(const std::string& text, std::string_view what) {
  const auto day = parse_iso_date(text);
  if (!day) {
    throw Failure("invalid date '" + text + "' in " + std::string{what},
                  "run `mgr doctor` to check the database");
  }
  return local_days{*day};
}

const date::time_zone* zone_of(const Person& person, const Clock& clock) {
  if (person.tz && !person.tz->empty()) return find_zone(*person.tz);
  return clock.zone;
}

// Where an occurrence landed: its date in the user's calendar and, with a --time, its instant.
struct Placement {
  local_days date;
  std::optional<date::sys_seconds> start;
};

// The first slot starting on or after the user's date `from`, following the person's --day and
// --time (see the header for why "on or after" is measured in the user's calendar).
Placement place_slot(local_days from, const Person& person, const date::time_zone* person_zone,
                     const date::time_zone* user_zone) {
  std::optional<date::weekday> slot_day;
  if (person.day) slot_day = parse_weekday(*person.day);

  if (!person.time_minutes) {
    if (!slot_day) return {from, std::nullopt};
    return {from + (*slot_day - date::weekday{from}), std::nullopt};
  }

  const auto not_before = wall_time_to_instant(date::local_seconds{from}, user_zone);
  auto day = date::floor<days>(person_zone->to_local(not_before));
  // The slot time on the person's date of `not_before` may already have passed; the next
  // matching weekday is at most seven days on.
  for (int step = 0; step <= 8; ++step, day += days{1}) {
    if (slot_day && date::weekday{day} != *slot_day) continue;
    const auto start = wall_time_to_instant(
        date::local_seconds{day} + std::chrono::minutes{*person.time_minutes}, person_zone);
    if (start >= not_before) {
      return {date::floor<days>(user_zone->to_local(start)), start};
    }
  }
  throw std::logic_error("place_slot: no slot within eight days");
}

struct AwaySpan {
  local_days from;
  local_days to;
};

std::vector<AwaySpan> away_spans(const Person& person) {
  std::vector<AwaySpan> spans;
  for (const auto& away : person.away) {
    spans.push_back({stored_date(away.from, "time away of " + person.handle),
                     stored_date(away.to, "time away of " + person.handle)});
  }
  return spans;
}

std::optional<local_days> away_end_covering(const std::vector<AwaySpan>& spans, local_days day) {
  for (const auto& span : spans) {
    if (span.from <= day && day <= span.to) return span.to;
  }
  return std::nullopt;
}

// Everything the occurrences of one person's 1:1 depend on, resolved once.
struct SlotRules {
  const Person& person;
  std::vector<local_days> skips;  // this person's, sorted
  std::vector<AwaySpan> away;
  const date::time_zone* person_zone;
  const date::time_zone* user_zone;
};

// Time away first moves the cadence date, then the slot rule applies; a slot that still lands
// in time away (a --day inside it, or a second stretch right after) moves on again. Each round
// moves past the end of one stretch, so this ends.
Placement place_avoiding_away(local_days due, const SlotRules& rules) {
  for (;;) {
    if (auto due_away = away_end_covering(rules.away, due)) due = first_workday_after(*due_away);
    const auto slot = place_slot(due, rules.person, rules.person_zone, rules.user_zone);
    const auto slot_away = away_end_covering(rules.away, slot.date);
    if (!slot_away) return slot;
    due = first_workday_after(*slot_away);
  }
}

// The occurrence after `anchor` (a held 1:1, or its stand-in). A skip between the anchor and
// that occurrence becomes the new anchor; the earliest first, so that two skips recorded for
// the same occurrence move it only once.
Placement next_after(local_days anchor, const SlotRules& rules) {
  for (;;) {
    const auto slot = place_avoiding_away(add_cadence(anchor, rules.person.cadence), rules);
    const auto skip = std::find_if(rules.skips.begin(), rules.skips.end(),
                                   [&](local_days d) { return anchor < d && d <= slot.date; });
    if (skip == rules.skips.end()) return slot;
    anchor = *skip;
  }
}

SlotRules rules_for(const Person& person, const std::vector<Skip>& skips, const Clock& clock) {
  SlotRules rules{person, {}, away_spans(person), zone_of(person, clock), clock.zone};
  for (const auto& skip : skips) {
    if (skip.person == person.handle) {
      rules.skips.push_back(stored_date(skip.due_date, "skip of " + person.handle));
    }
  }
  std::sort(rules.skips.begin(), rules.skips.end());
  return rules;
}

std::optional<local_days> last_held(const OneOnOneHistory& history, const Person& person) {
  std::optional<local_days> latest;
  for (const auto& held : history.held) {
    const auto day = stored_date(held, "a 1:1 with " + person.handle);
    if (!latest || day > *latest) latest = day;
  }
  return latest;
}

DueSlot make_slot(const Placement& placement, const SlotRules& rules,
                  std::optional<local_days> held, const Clock& clock) {
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
  slot.length_minutes = rules.person.length_minutes;
  slot.overdue_days = overdue_days(placement.date, clock);
  if (held) slot.last_held = format_date(*held);
  return slot;
}

bool is_scheduled(const Person& person) {
  return !person.archived && !person.cadence.is_none();
}

}  // namespace

OneOnOneHistory one_on_one_history(const std::vector<Entry>& entries, std::string_view handle) {
  OneOnOneHistory history;
  for (const auto& entry : entries) {
    if (entry.kind != "1on1") continue;
    if (std::find(entry.people.begin(), entry.people.end(), handle) == entry.people.end()) continue;
    (entry.cancelled ? history.cancelled : history.held).push_back(entry.date);
  }
  // ISO dates sort as text.
  std::sort(history.held.begin(), history.held.end());
  std::sort(history.cancelled.begin(), history.cancelled.end());
  return history;
}

local_days add_cadence(local_days from, const Cadence& cadence) {
  switch (cadence.unit) {
    case Cadence::Unit::days:
      return from + days{cadence.count};
    case Cadence::Unit::months: {
      const date::year_month_day day{from};
      const auto month = day.year() / day.month() + date::months{cadence.count};
      const auto last = (month / date::last).day();
      return local_days{month / std::min(day.day(), last)};
    }
    case Cadence::Unit::none:
      break;
  }
  throw std::logic_error("add_cadence: cadence none has no next date");
}

std::optional<DueSlot> next_one_on_one(const Person& person, const OneOnOneHistory& history,
                                       const std::vector<Skip>& skips, const Clock& clock) {
  if (!is_scheduled(person)) return std::nullopt;
  const auto rules = rules_for(person, skips, clock);
  const auto held = last_held(history, person);
  const auto anchor =
      held ? *held : stored_date(person.since, "the since date of " + person.handle);
  return make_slot(next_after(anchor, rules), rules, held, clock);
}

std::vector<DueSlot> upcoming_slots(const Person& person, const OneOnOneHistory& history,
                                    const std::vector<Skip>& skips, const Clock& clock,
                                    local_days until) {
  std::vector<DueSlot> slots;
  if (!is_scheduled(person)) return slots;
  const auto rules = rules_for(person, skips, clock);
  const auto held = last_held(history, person);
  auto anchor = held ? *held : stored_date(person.since, "the since date of " + person.handle);
  const auto today = clock.today_days();
  for (;;) {
    const auto placement = next_after(anchor, rules);
    if (placement.date > until) break;
    slots.push_back(make_slot(placement, rules, held, clock));
    // An overdue 1:1 can be held today at the earliest, so the one after it counts from today.
    anchor = std::max(placement.date, today);
  }
  return slots;
}

std::optional<local_days> next_checkin_due(const Delegation& delegation) {
  if (delegation.status != "open") return std::nullopt;
  const auto cadence = parse_cadence(delegation.checkin);
  if (cadence.is_none()) return std::nullopt;
  const std::string what = "delegation #" + std::to_string(delegation.id);
  auto anchor = stored_date(delegation.created, what);
  if (delegation.last_checkin) {
    anchor = std::max(anchor, stored_date(delegation.last_checkin->date, what));
  }
  return add_cadence(anchor, cadence);
}

int overdue_days(local_days due, const Clock& clock) {
  const auto late = clock.today_days() - due;
  return late.count() > 0 ? static_cast<int>(late.count()) : 0;
}

date::sys_seconds wall_time_to_instant(date::local_seconds wall, const date::time_zone* zone) {
  // For all three cases of local_info, `first` holds the offset RFC 5545 asks for: the only
  // one, the earlier of two, or the one in force before the gap.
  const auto info = zone->get_info(wall);
  return date::sys_seconds{wall.time_since_epoch()} - info.first.offset;
}

local_days first_workday_after(local_days day) {
  auto next = day + days{1};
  while (date::weekday{next} == date::Saturday || date::weekday{next} == date::Sunday) {
    next += days{1};
  }
  return next;
}

std::string iso_week_label(local_days day) {
  const iso_week::year_weeknum_weekday week{day};
  char label[16];
  std::snprintf(label, sizeof label, "%04d-W%02u", static_cast<int>(week.year()),
                static_cast<unsigned>(week.weeknum()));
  return label;
}

}  // namespace mgr::domain
