#include "domain/agenda.hpp"

#include <algorithm>
#include <tuple>

namespace mgr::domain {

std::string_view name_of(AgendaKind kind) {
  switch (kind) {
    case AgendaKind::one_on_one:
      return "1on1";
    case AgendaKind::checkin:
      return "checkin";
    case AgendaKind::delegation:
      return "delegation";
    case AgendaKind::action:
      return "action";
    case AgendaKind::concern:
      return "concern";
  }
  return "?";
}

namespace {

AgendaItem dated_item(AgendaKind kind, Date due, Date today) {
  AgendaItem item;
  item.kind = kind;
  item.due = due;
  item.day = std::max(due, today);
  item.overdue_days = overdue_days(due, today);
  return item;
}

AgendaItem one_on_one_item(const Occurrence& occurrence, const SeriesState& state, Date today) {
  auto item = dated_item(AgendaKind::one_on_one, occurrence.date, today);
  item.person = occurrence.person;
  item.occurrence = occurrence;
  item.status = occurrence.status(today);
  item.last_held = state.last_held;
  if (item.status == OccurrenceStatus::overdue) item.missed = static_cast<int>(state.missed.size());
  return item;
}

AgendaItem delegation_item(AgendaKind kind, const Delegation& delegation, Date due, Date today) {
  auto item = dated_item(kind, due, today);
  item.person = delegation.person;
  item.id = delegation.id.value;
  item.text = delegation.outcome;
  return item;
}

AgendaItem action_item(const Action& action, Date today) {
  auto item = dated_item(AgendaKind::action, *action.due, today);
  item.person = action.person;
  item.id = action.id.value;
  item.text = action.text;
  item.owner = action.owner;
  return item;
}

std::optional<CheckinStatus> warning_of(const Delegation& delegation) {
  if (!delegation.last_checkin || !delegation.last_checkin->status) return std::nullopt;
  const auto status = *delegation.last_checkin->status;
  if (status == CheckinStatus::on_track) return std::nullopt;
  return status;
}

// Timed 1:1s of a day by start; everything else after them in a stable order.
auto listing_key(const AgendaItem& item) {
  const auto start = item.shows_slot_time() ? *item.occurrence->start : Instant::max();
  return std::make_tuple(item.day, item.kind, start, item.person, item.id.value_or(0), item.due);
}

void sort_for_listing(std::vector<AgendaItem>& items) {
  std::sort(items.begin(), items.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return listing_key(a) < listing_key(b);
  });
}

// Each check-in in the window, the later ones counted as if the earlier were done on time (or
// today, when late), as upcoming 1:1 occurrences are.
void add_checkins(std::vector<AgendaItem>& items, const Delegation& delegation, Date today,
                  Date until) {
  for (auto due = next_checkin_due(delegation); due && *due <= until;
       due = add_cadence(std::max(*due, today), delegation.checkin))
    items.push_back(delegation_item(AgendaKind::checkin, delegation, *due, today));
}

}  // namespace

std::vector<AgendaItem> schedule_agenda(const AgendaInput& input, const SeriesContext& context,
                                        Date until) {
  const auto today = context.today;
  std::vector<AgendaItem> items;
  for (const auto& schedule : input.people) {
    const auto state = series_state(schedule, context, until);
    if (const auto* overdue = state.overdue())
      items.push_back(one_on_one_item(*overdue, state, today));
    for (const auto& occurrence : state.upcoming)
      if (!occurrence.held && !occurrence.dropped && occurrence.date <= until)
        items.push_back(one_on_one_item(occurrence, state, today));
  }
  for (const auto& delegation : input.open_delegations) {
    add_checkins(items, delegation, today, until);
    if (delegation.due && *delegation.due <= until)
      items.push_back(delegation_item(AgendaKind::delegation, delegation, *delegation.due, today));
  }
  for (const auto& action : input.open_actions)
    if (action.due && *action.due <= until) items.push_back(action_item(action, today));
  sort_for_listing(items);
  return items;
}

DayAgenda day_agenda(const AgendaInput& input, const SeriesContext& context,
                     const AgendaPolicy& policy) {
  const auto today = context.today;
  DayAgenda agenda;
  agenda.day = today;

  std::optional<AgendaItem> next;
  for (const auto& schedule : input.people) {
    const auto state = series_state(schedule, context, today + date::days{400});
    if (const auto* overdue = state.overdue())
      agenda.one_on_ones.push_back(one_on_one_item(*overdue, state, today));
    for (const auto& occurrence : state.upcoming)
      if (occurrence.date == today && occurrence.to_hold())
        agenda.one_on_ones.push_back(one_on_one_item(occurrence, state, today));
    for (const auto& occurrence : state.upcoming) {
      if (occurrence.date > today && occurrence.to_hold() && !occurrence.cancelled) {
        auto item = one_on_one_item(occurrence, state, today);
        if (!next || listing_key(item) < listing_key(*next)) next = item;
        break;
      }
    }
  }
  agenda.next_one_on_one = next;

  const auto soon = today + date::days{policy.delegation_due_soon_days};
  for (const auto& delegation : input.open_delegations) {
    if (const auto checkin = next_checkin_due(delegation); checkin && *checkin <= today)
      agenda.due.push_back(delegation_item(AgendaKind::checkin, delegation, *checkin, today));
    const bool due_soon = delegation.due && *delegation.due <= soon;
    const auto warning = warning_of(delegation);
    if (due_soon || warning) {
      auto item = delegation_item(AgendaKind::delegation, delegation,
                                  delegation.due.value_or(today), today);
      item.warning = warning;
      agenda.due.push_back(item);
    }
  }
  for (const auto& concern : input.open_concerns) {
    const int age = overdue_days(concern.opened, today);
    if (concern.first_conversation || age <= policy.concern_days_max) continue;
    auto item = dated_item(AgendaKind::concern, concern.opened, today);
    item.person = concern.people.empty() ? std::string{} : concern.people.front();
    item.id = concern.id.value;
    item.text = concern.text;
    agenda.due.push_back(item);
  }
  for (const auto& action : input.open_actions)
    if (action.due && *action.due <= today) agenda.due.push_back(action_item(action, today));
  sort_for_listing(agenda.one_on_ones);
  // What is due is grouped by kind, the most pressing first within each.
  std::sort(agenda.due.begin(), agenda.due.end(), [](const AgendaItem& a, const AgendaItem& b) {
    return std::make_tuple(a.kind, a.due, a.person, a.id.value_or(0)) <
           std::make_tuple(b.kind, b.due, b.person, b.id.value_or(0));
  });

  agenda.review_day = date::weekday{today} == policy.review_day;
  agenda.last_logged = input.last_logged;
  // The workdays since the last entry; with none, since the log started, that day included.
  std::optional<Date> quiet_after;
  if (input.last_logged)
    quiet_after = input.last_logged;
  else if (input.log_start)
    quiet_after = *input.log_start - date::days{1};
  if (quiet_after) {
    const int quiet = workdays_between(*quiet_after, today, policy.workdays);
    if (quiet >= policy.nudge_after_workdays) agenda.quiet_workdays = quiet;
  }
  return agenda;
}

}  // namespace mgr::domain
