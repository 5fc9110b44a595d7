#include "domain/reminders.hpp"

#include <algorithm>
#include <tuple>

#include "domain/parse.hpp"
#include "domain/schedule.hpp"

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

Clock clock_on(Date day, const Clock& clock) {
  if (day == clock.today()) return clock;
  return Clock{wall_time_to_instant(date::local_seconds{day} + std::chrono::hours{9}, clock.zone),
               clock.zone};
}

std::vector<Date> workdays_before(Date day, int count, const std::vector<date::weekday>& workdays) {
  std::vector<Date> found;
  if (workdays.empty()) return found;
  for (Date at = day - date::days{1}; static_cast<int>(found.size()) < count; at -= date::days{1})
    if (std::find(workdays.begin(), workdays.end(), date::weekday{at}) != workdays.end())
      found.push_back(at);
  return found;
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

ReminderItem from_agenda(const AgendaItem& agenda, const AgendaInput& input) {
  ReminderItem item;
  item.person = agenda.person;
  item.id = agenda.id;
  item.due = agenda.due;
  item.overdue_days = agenda.overdue_days;
  item.text = agenda.text;
  switch (agenda.kind) {
    case AgendaKind::one_on_one:
      item.kind = ReminderKind::one_on_one;
      item.text = display_name_of(input, agenda.person);
      item.slot = agenda.slot;
      // A person can have an overdue occurrence and today's: the date tells them apart.
      item.key = "1on1:" + format_date(agenda.due);
      break;
    case AgendaKind::checkin:
      item.kind = ReminderKind::checkin;
      item.key = id_key("checkin", agenda.id.value_or(0));
      break;
    case AgendaKind::delegation_due:
      item.kind = ReminderKind::delegation;
      item.key = id_key("delegation", agenda.id.value_or(0));
      break;
    case AgendaKind::action_due:
      item.kind = ReminderKind::action;
      item.key = id_key("action", agenda.id.value_or(0));
      break;
  }
  return item;
}

// The agenda of `day` holds delegations due by then; a reminder also warns of those due in the
// next two days, while there is still time to help.
void add_delegations_due_soon(std::vector<ReminderItem>& items, const AgendaInput& input,
                              Date day) {
  for (const auto& delegation : input.open_delegations) {
    if (delegation.status != DelegationStatus::open || !delegation.due) continue;
    if (*delegation.due <= day || *delegation.due > day + date::days{k_delegation_warning_days})
      continue;
    ReminderItem item;
    item.kind = ReminderKind::delegation;
    item.person = delegation.person;
    item.id = delegation.id.value;
    item.due = delegation.due;
    item.text = delegation.outcome;
    item.key = id_key("delegation", delegation.id.value);
    items.push_back(std::move(item));
  }
}

// An open concern with no conversation about it for longer than the policy allows.
void add_unaddressed_concerns(std::vector<ReminderItem>& items, const ReminderInput& input,
                              const ReminderPolicy& policy, Date day) {
  for (const auto& concern : input.open_concerns) {
    if (concern.status != ConcernStatus::open || concern.first_conversation) continue;
    const Date too_long = concern.opened + date::days{policy.concern_days_max};
    if (day <= too_long) continue;
    ReminderItem item;
    item.kind = ReminderKind::concern;
    item.person = concern.people.empty() ? std::string{} : concern.people.front();
    item.id = concern.id.value;
    item.due = too_long;
    item.opened = concern.opened;
    item.overdue_days = static_cast<int>((day - too_long).count());
    item.text = concern.text;
    item.key = id_key("concern", concern.id.value);
    items.push_back(std::move(item));
  }
}

void add_review_prompt(std::vector<ReminderItem>& items, const ReminderPolicy& policy, Date day) {
  if (date::weekday{day} != policy.review_day) return;
  ReminderItem item;
  item.kind = ReminderKind::review;
  item.due = day;
  item.text = "It is review day: run `mgr review` to see the week and its flags.";
  item.key = "review";
  items.push_back(std::move(item));
}

// After three workdays with nothing logged, but only once the database is old enough to have
// had them: a team added yesterday is not a lapse.
void add_nudge(std::vector<ReminderItem>& items, const ReminderInput& input,
               const ReminderPolicy& policy, Date day) {
  const auto quiet = workdays_before(day, k_quiet_workdays, policy.workdays);
  if (quiet.size() < static_cast<std::size_t>(k_quiet_workdays)) return;
  const Date window_start = quiet.back();
  if (!input.history_start || *input.history_start > window_start) return;
  if (input.last_logged && *input.last_logged >= window_start) return;
  ReminderItem item;
  item.kind = ReminderKind::nudge;
  item.text = input.last_logged
                  ? "Nothing logged since " + format_day(*input.last_logged) + " (" +
                        std::to_string(k_quiet_workdays) +
                        " workdays or more): a line a day with `mgr log` keeps the review honest."
                  : "Nothing logged yet: a line a day with `mgr log` keeps the review honest.";
  item.key = "nudge";
  items.push_back(std::move(item));
}

auto listing_key(const ReminderItem& item) {
  return std::make_tuple(item.kind, item.due.value_or(Date::max()), item.person,
                         item.id.value_or(0), item.key);
}

}  // namespace

std::vector<ReminderItem> reminders_for(const ReminderInput& input, const ReminderPolicy& policy,
                                        const Clock& clock, Date day) {
  const Clock on_day = clock_on(day, clock);
  std::vector<ReminderItem> items;
  for (const auto& agenda : build_agenda(input.agenda, on_day, day))
    items.push_back(from_agenda(agenda, input.agenda));
  add_delegations_due_soon(items, input.agenda, day);
  add_unaddressed_concerns(items, input, policy, day);
  add_review_prompt(items, policy, day);
  add_nudge(items, input, policy, day);
  std::stable_sort(items.begin(), items.end(), [](const ReminderItem& a, const ReminderItem& b) {
    return listing_key(a) < listing_key(b);
  });
  return items;
}

}  // namespace mgr::domain
