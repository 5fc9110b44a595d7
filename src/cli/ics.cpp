// mgr schedule --ics: the upcoming 1:1 slots as an iCalendar file.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/common.hpp"
#include "cli/schedule.hpp"
#include "domain/errors.hpp"
#include "domain/icalendar.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;

// Stable for one person's slot on one day, so that importing the file again updates the
// events instead of adding copies. A slot that moves (skipped, or the 1:1 held on another day)
// is a new event under a new UID.
std::string slot_uid(const domain::DueSlot& slot) {
  return fmt::format("1on1-{}-{}@mgr", slot.person, domain::format_ical_date(slot.due_date));
}

std::string event_description(const domain::Person& person, const domain::DueSlot& slot,
                              const std::vector<domain::Topic>& topics) {
  std::string text =
      fmt::format("1:1 with {} ({}), {}", person.name.empty() ? person.handle : person.name,
                  person.handle, domain::format_minutes(slot.length_minutes));
  if (auto theirs = slot_time_in_their_zone(slot)) text += ", " + *theirs + " their time";
  text += slot.last_held ? "\nLast 1:1: " + *slot.last_held : "\nNo 1:1 held yet";
  if (topics.empty()) return text + "\nNo open talking points.";
  text += "\nTalking points:";
  for (const auto& topic : topics) text += fmt::format("\n- {} (#{})", topic.text, topic.id);
  return text;
}

std::vector<domain::CalendarEvent> slot_events(storage::Store& store, const domain::Clock& clock,
                                               date::local_days until) {
  std::vector<domain::CalendarEvent> events;
  for (const auto& plan : load_team_plans(store)) {
    const auto topics = store.list_topics(plan.person.id, false);
    for (const auto& slot : upcoming_slots(plan, clock, until)) {
      // An overdue slot lies in the past; the calendar is for what is coming.
      if (slot.overdue_days > 0) continue;
      domain::CalendarEvent event;
      event.uid = slot_uid(slot);
      event.summary =
          "1:1 with " + (plan.person.name.empty() ? plan.person.handle : plan.person.name);
      event.description = event_description(plan.person, slot, topics);
      event.start = slot.start;
      event.length = std::chrono::minutes{slot.length_minutes};
      event.day = slot.due_date;
      events.push_back(std::move(event));
    }
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return std::tie(a.day, a.uid) < std::tie(b.day, b.uid);
  });
  return events;
}

[[noreturn]] void fail_to_write(const fs::path& target, int error) {
  throw Failure(fmt::format("cannot write '{}': {}", target.string(), std::strerror(error)));
}

// Writes a temporary file beside `target` and renames it into place, so that a reader (a
// calendar subscribed to the file) never sees half of it and a failure leaves nothing behind.
void write_private_file(const fs::path& target, const std::string& content) {
  std::error_code ignored;
  if (target.filename().empty() || fs::is_directory(target, ignored)) fail_to_write(target, EISDIR);
  std::string temp =
      (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail_to_write(target, errno);
  const auto give_up = [&](int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    fail_to_write(target, error);
  };
  if (::fchmod(fd, 0600) != 0) give_up(errno);
  std::size_t written = 0;
  while (written < content.size()) {
    const auto n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) give_up(errno);
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) give_up(errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail_to_write(target, error);
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail_to_write(target, error);
  }
}

}  // namespace

void export_ics(Context& ctx, int weeks, const std::string& output) {
  auto db = ctx.open_for_reading(true);
  if (!db) return;
  storage::Store store{*db};
  const auto until = ctx.clock.today_days() + date::days{7 * weeks - 1};
  const auto events = slot_events(store, ctx.clock, until);
  const auto calendar = domain::render_calendar(events, ctx.clock.now, "mgr 1:1s");
  if (output.empty() || output == "-") {
    ctx.out << calendar;
    return;
  }
  write_private_file(output, calendar);
  ctx.out << fmt::format("wrote {} 1:1 slot{} for the next {} week{} to {}\n", events.size(),
                         events.size() == 1 ? "" : "s", weeks, weeks == 1 ? "" : "s", output);
}

}  // namespace mgr::cli
