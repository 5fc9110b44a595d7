// mgr schedule --ics: the upcoming 1:1 slots as an iCalendar file.
#include "cli/ics.hpp"

#include <fmt/format.h>

#include <system_error>

#include "cli/agenda_text.hpp"
#include "cli/common.hpp"
#include "domain/errors.hpp"
#include "domain/icalendar.hpp"
#include "util/atomic_file.hpp"

namespace mgr::cli {

namespace {

// Stable for one person's slot on one day, so that importing the file again updates the
// events instead of adding copies. A slot that moves (skipped, or the 1:1 held on another day)
// is a new event under a new UID.
std::string slot_uid(const domain::DueSlot& slot) {
  return fmt::format("1on1-{}-{}@mgr", slot.person, domain::format_ical_date(slot.due_date));
}

std::string event_description(const domain::Person& person, const domain::DueSlot& slot,
                              const std::vector<domain::Topic>& topics) {
  std::string text = fmt::format("1:1 with {} ({}), {}", person.display_name(), person.handle,
                                 domain::format_minutes(slot.length));
  if (auto theirs = slot_time_in_their_zone(slot)) text += ", " + *theirs + " their time";
  text +=
      slot.last_held ? "\nLast 1:1: " + domain::format_date(*slot.last_held) : "\nNo 1:1 held yet";
  if (topics.empty()) return text + "\nNo open talking points.";
  text += "\nTalking points:";
  for (const auto& topic : topics) text += fmt::format("\n- {} (#{})", topic.text, topic.id.value);
  return text;
}

struct TeamSlots {
  std::vector<domain::PersonSchedule> people;
  std::vector<std::vector<domain::Topic>> topics;  // per person, same order
};

std::vector<domain::CalendarEvent> slot_events(const TeamSlots& team, const domain::Clock& clock,
                                               domain::Date until) {
  std::vector<domain::CalendarEvent> events;
  for (std::size_t i = 0; i < team.people.size(); ++i) {
    const auto& person = team.people[i].person;
    for (const auto& slot : domain::upcoming_slots(team.people[i], clock, until)) {
      // An overdue slot lies in the past; the calendar is for what is coming.
      if (slot.overdue_days > 0) continue;
      domain::CalendarEvent event;
      event.uid = slot_uid(slot);
      event.summary = "1:1 with " + person.display_name();
      event.description = event_description(person, slot, team.topics[i]);
      event.start = slot.start;
      event.length = slot.length;
      event.day = slot.due_date;
      events.push_back(std::move(event));
    }
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return std::tie(a.day, a.uid) < std::tie(b.day, b.uid);
  });
  return events;
}

}  // namespace

void export_ics(Context& ctx, int weeks, const std::string& output) {
  auto db = ctx.open_for_reading(true);
  if (!db) return;
  storage::Store store{*db};
  const auto team = db->read([&] {
    TeamSlots loaded{store.active_schedules(), {}};
    for (const auto& schedule : loaded.people)
      loaded.topics.push_back(store.list_topics(schedule.person.id, false));
    return loaded;
  });
  const auto until = ctx.today() + date::days{7 * weeks - 1};
  const auto events = slot_events(team, ctx.clock, until);
  const auto calendar = domain::render_calendar(events, ctx.clock.now, "mgr 1:1s");
  if (output.empty() || output == "-") {
    ctx.out << calendar;
    return;
  }
  try {
    util::write_private_file(output, calendar);
  } catch (const std::system_error& error) {
    throw Failure(error.what());
  }
  ctx.out << fmt::format("wrote {} 1:1 slot{} for the next {} week{} to {}\n", events.size(),
                         events.size() == 1 ? "" : "s", weeks, weeks == 1 ? "" : "s", output);
}

}  // namespace mgr::cli
