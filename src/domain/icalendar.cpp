#include "domain/icalendar.hpp"

namespace mgr::domain {

namespace {

constexpr std::size_t k_max_line_octets = 75;

bool is_utf8_continuation(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

void add_line(std::string& out, std::string_view line) {
  out += fold_ical_line(line);
}

// The length of a C1 control (U+0080-U+009F) or a bidirectional override or isolate
// (U+202A-U+202E, U+2066-U+2069) in UTF-8 at the start of `text`, else 0. TEXT may not hold
// controls, and an override would make a calendar show the rest of the line reversed.
std::size_t invisible_control_at(std::string_view text) {
  const auto byte = [&](std::size_t at) {
    return at < text.size() ? static_cast<unsigned char>(text[at]) : 0u;
  };
  if (byte(0) == 0xC2 && byte(1) >= 0x80 && byte(1) <= 0x9F) return 2;
  if (byte(0) == 0xE2 && ((byte(1) == 0x80 && byte(2) >= 0xAA && byte(2) <= 0xAE) ||
                          (byte(1) == 0x81 && byte(2) >= 0xA6 && byte(2) <= 0xA9)))
    return 3;
  return 0;
}

}  // namespace

std::string escape_ical_text(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        escaped += "\\\\";
        break;
      case ';':
        escaped += "\\;";
        break;
      case ',':
        escaped += "\\,";
        break;
      case '\r':
        // CRLF is one line break; a lone CR is one too.
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        escaped += "\\n";
        break;
      case '\n':
        escaped += "\\n";
        break;
      default:
        if (const auto control = invisible_control_at(text.substr(i)); control > 0) {
          escaped += ' ';
          i += control - 1;
        } else if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == '\x7f') {
          escaped += ' ';
        } else {
          escaped += c;
        }
    }
  }
  return escaped;
}

std::string fold_ical_line(std::string_view line) {
  std::string folded;
  // The first physical line holds 75 octets; a continuation line holds its leading space and
  // 74 more.
  std::size_t room = k_max_line_octets;
  while (line.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && is_utf8_continuation(line[cut])) --cut;
    if (cut == 0) cut = room;  // not UTF-8 after all: cut anywhere rather than loop forever
    folded.append(line.substr(0, cut));
    folded += "\r\n ";
    line.remove_prefix(cut);
    room = k_max_line_octets - 1;
  }
  folded.append(line);
  folded += "\r\n";
  return folded;
}

std::string format_ical_utc(date::sys_seconds instant) {
  return date::format("%Y%m%dT%H%M%SZ", instant);
}

std::string format_ical_date(date::local_days day) {
  return date::format("%Y%m%d", day);
}

std::string render_calendar(const std::vector<CalendarEvent>& events, date::sys_seconds stamp,
                            std::string_view calendar_name) {
  std::string out;
  add_line(out, "BEGIN:VCALENDAR");
  add_line(out, "VERSION:2.0");
  add_line(out, "PRODID:-//mgr//mgr scheduler//EN");
  add_line(out, "CALSCALE:GREGORIAN");
  add_line(out, "METHOD:PUBLISH");
  add_line(out, "X-WR-CALNAME:" + escape_ical_text(calendar_name));
  for (const auto& event : events) {
    add_line(out, "BEGIN:VEVENT");
    add_line(out, "UID:" + escape_ical_text(event.uid));
    add_line(out, "DTSTAMP:" + format_ical_utc(stamp));
    if (event.start) {
      add_line(out, "DTSTART:" + format_ical_utc(*event.start));
      add_line(out, "DTEND:" + format_ical_utc(*event.start + event.length));
    } else {
      add_line(out, "DTSTART;VALUE=DATE:" + format_ical_date(event.day));
      add_line(out, "DTEND;VALUE=DATE:" + format_ical_date(event.day + date::days{1}));
    }
    add_line(out, "SEQUENCE:" + std::to_string(event.sequence));
    add_line(out, event.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
    add_line(out, "SUMMARY:" + escape_ical_text(event.summary));
    if (!event.description.empty())
      add_line(out, "DESCRIPTION:" + escape_ical_text(event.description));
    // A slot blocks its time; an all-day "due today" marker must not block the whole day.
    add_line(out, event.start && !event.cancelled ? "TRANSP:OPAQUE" : "TRANSP:TRANSPARENT");
    add_line(out, "END:VEVENT");
  }
  add_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace mgr::domain
