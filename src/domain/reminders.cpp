#include "domain/reminders.hpp"

#include <algorithm>
#include <tuple>

#include "domain/parse.hpp"

namespace mgr::domain {

std::string_view name_of(ReminderKind kind) {
  switch (kind) {
    case ReminderKind::one_on_one:
      return "1on1";
    case ReminderKind::checkin:
      return "checkin";
    case ReminderKind::delegation:
      return "delegation";
    case ReminderKind::action:
      return "action";
    case ReminderKind::concern:
      return "concern";
    case ReminderKind::review:
      return "review";
    case ReminderKind::nudge:
      return "nudge";
  }
  return "?";
}

namespace {

std::string id_key(std::string_view kind, std::int64_t id) {
  return std::string{kind} + ":" + std::to_string(id);
}

std::string display_name_of(const AgendaInput& input, const std::string& handle) {
  for (const auto& schedule : input.people)
    if (schedule.person.handle == handle) return schedule.person.display_name();
  return handle;
}

ReminderItem from_agenda(const AgendaItem& agenda, const AgendaInput& input,
                         const AgendaPolicy& policy) {
  ReminderItem item;
  item.person = agenda.person;
  item.id = agenda.id;
  item.due = agenda.due;
  item.overdue_days = agenda.overdue_days;
  item.text = agenda.text;
  const auto id = agenda.id.value_or(0);
  switch (agenda.kind) {
    case AgendaKind::one_on_one:
      item.kind = ReminderKind::one_on_one;
      item.text = display_name_of(input, agenda.person);
      item.occurrence = agenda.occurrence;
      item.missed = agenda.missed;
      // A person can have an overdue occurrence and today's: the regular date tells them apart.
      item.key = "1on1:" + format_date(agenda.occurrence->regular);
      break;
    case AgendaKind::checkin:
      item.kind = ReminderKind::checkin;
      item.key = id_key("checkin", id);
      break;
    case AgendaKind::delegation:
      item.kind = ReminderKind::delegation;
      item.warning = agenda.warning;
      item.key = id_key("delegation", id);
      break;
    case AgendaKind::action:
      item.kind = ReminderKind::action;
      item.key = id_key("action", id);
      break;
    case AgendaKind::concern:
      // Due once it has waited longer than the policy allows.
      item.kind = ReminderKind::concern;
      item.opened = agenda.due;
      item.due = agenda.due + date::days{policy.concern_days_max};
      item.overdue_days = overdue_days(*item.due, agenda.day);
      item.key = id_key("concern", id);
      break;
  }
  return item;
}

auto listing_key(const ReminderItem& item) {
  return std::make_tuple(item.kind, item.due.value_or(Date::max()), item.person,
                         item.id.value_or(0), item.key);
}

}  // namespace

std::vector<ReminderItem> reminders_for(const AgendaInput& input, const SeriesContext& context,
                                        const AgendaPolicy& policy) {
  const auto agenda = day_agenda(input, context, policy);
  std::vector<ReminderItem> items;
  for (const auto& one_on_one : agenda.one_on_ones)
    items.push_back(from_agenda(one_on_one, input, policy));
  for (const auto& due : agenda.due)
    if (due.kind != AgendaKind::action || due.owner == Owner::me)
      items.push_back(from_agenda(due, input, policy));
  if (agenda.review_day) {
    ReminderItem review;
    review.kind = ReminderKind::review;
    review.due = agenda.day;
    review.text = "It is review day: run `mgr review` to see the week and its flags.";
    review.key = "review";
    items.push_back(std::move(review));
  }
  if (agenda.quiet_workdays) {
    ReminderItem nudge;
    nudge.kind = ReminderKind::nudge;
    nudge.text = agenda.last_logged
                     ? "Nothing logged since " + format_day(*agenda.last_logged) + " (" +
                           std::to_string(*agenda.quiet_workdays) +
                           " workdays): a line a day with `mgr log` keeps the review honest."
                     : "Nothing logged yet: a line a day with `mgr log` keeps the review honest.";
    nudge.key = "nudge";
    items.push_back(std::move(nudge));
  }
  std::stable_sort(items.begin(), items.end(), [](const ReminderItem& a, const ReminderItem& b) {
    return listing_key(a) < listing_key(b);
  });
  return items;
}

}  // namespace mgr::domain
