#include "domain/agenda.hpp"

#include <algorithm>
#include <tuple>

namespace mgr::domain {

std::string_view name_of(AgendaKind kind) {
  switch (kind) {
    case AgendaKind::one_on_one:
      return "one_on_one";
    case AgendaKind::checkin:
      return "checkin";
    case AgendaKind::delegation_due:
      return "delegation_due";
    case AgendaKind::action_due:
      return "action_due";
  }
  return "?";
}

namespace {

AgendaItem dated_item(AgendaKind kind, Date due, const Clock& clock) {
  AgendaItem item;
  item.kind = kind;
  item.due = due;
  item.day = std::max(due, clock.today());
  item.overdue_days = overdue_days(due, clock);
  return item;
}

void add_one_on_ones(std::vector<AgendaItem>& items, const AgendaInput& input, const Clock& clock,
                     Date until) {
  for (const auto& schedule : input.people) {
    for (const auto& slot : upcoming_slots(schedule, clock, until)) {
      auto item = dated_item(AgendaKind::one_on_one, slot.due_date, clock);
      item.person = slot.person;
      item.slot = slot;
      items.push_back(std::move(item));
    }
  }
}

// Each check-in in the window, the later ones counted as if the earlier were done on time (or
// today, when late), as upcoming 1:1 slots are.
void add_checkins(std::vector<AgendaItem>& items, const AgendaInput& input, const Clock& clock,
                  Date until) {
  for (const auto& delegation : input.open_delegations) {
    for (auto due = next_checkin_due(delegation); due && *due <= until;
         due = add_cadence(std::max(*due, clock.today()), delegation.checkin)) {
      auto item = dated_item(AgendaKind::checkin, *due, clock);
      item.person = delegation.person;
      item.id = delegation.id.value;
      item.text = delegation.outcome;
      items.push_back(std::move(item));
    }
  }
}

void add_due_date(std::vector<AgendaItem>& items, AgendaKind kind, std::optional<Date> due,
                  std::int64_t id, const std::string& person, const std::string& text,
                  const Clock& clock, Date until) {
  if (!due || *due > until) return;
  auto item = dated_item(kind, *due, clock);
  item.person = person;
  item.id = id;
  item.text = text;
  items.push_back(std::move(item));
}

// Timed 1:1s of a day by start; everything else after them in a stable order.
auto listing_key(const AgendaItem& item) {
  const auto start = item.shows_slot_time() ? *item.slot->start : Instant::max();
  return std::make_tuple(item.day, item.kind, start, item.person, item.id.value_or(0));
}

}  // namespace

std::vector<AgendaItem> build_agenda(const AgendaInput& input, const Clock& clock, Date until) {
  std::vector<AgendaItem> items;
  add_one_on_ones(items, input, clock, until);
  add_checkins(items, input, clock, until);
  for (const auto& delegation : input.open_delegations)
    add_due_date(items, AgendaKind::delegation_due, delegation.due, delegation.id.value,
                 delegation.person, delegation.outcome, clock, until);
  for (const auto& action : input.my_open_actions)
    add_due_date(items, AgendaKind::action_due, action.due, action.id.value, action.person,
                 action.text, clock, until);
  std::sort(items.begin(), items.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return listing_key(a) < listing_key(b);
  });
  return items;
}

}  // namespace mgr::domain
