// mgr schedule --ics: the 1:1 series of the next weeks as an iCalendar file.
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

// Made of the person and the occurrence's regular date, so it never changes: re-importing the
// file updates a moved or cancelled occurrence instead of adding a copy.
std::string occurrence_uid(const domain::Occurrence& occurrence) {
  return fmt::format("1on1-{}-{}@mgr", occurrence.person,
                     domain::format_ical_date(occurrence.regular));
}

std::vector<domain::CalendarEvent> series_events(const std::vector<domain::PersonSchedule>& people,
                                                 const domain::SeriesContext& context,
                                                 domain::Date until) {
  std::vector<domain::CalendarEvent> events;
  for (const auto& schedule : people) {
    const auto state = domain::series_state(schedule, context, until);
    for (const auto& occurrence : state.upcoming) {
      domain::CalendarEvent event;
      event.uid = occurrence_uid(occurrence);
      // The file may be shared or synced: the person's name only, never talking points.
      event.summary = "1:1 with " + schedule.person.display_name();
      event.start = occurrence.start;
      event.length = occurrence.length;
      event.day = occurrence.date;
      event.sequence = occurrence.sequence;
      event.cancelled = occurrence.skipped || occurrence.dropped || occurrence.cancelled;
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
  const auto people = db->read([&] { return store.active_schedules(); });
  const auto until = ctx.today() + date::days{7 * weeks - 1};
  const auto events = series_events(people, ctx.series_context(), until);
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
  ctx.out << fmt::format("wrote {} 1:1{} for the next {} week{} to {}\n", events.size(),
                         events.size() == 1 ? "" : "s", weeks, weeks == 1 ? "" : "s",
                         shown(output));
}

}  // namespace mgr::cli
