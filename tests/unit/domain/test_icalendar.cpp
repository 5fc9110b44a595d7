#include "domain/icalendar.hpp"

#include <catch2/catch.hpp>

#include "domain/clock.hpp"
#include "domain/parse.hpp"

using namespace mgr::domain;

namespace {

std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);  // every line, the last too, ends in CRLF
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// Undoes folding as RFC 5545 3.1 says a reader must: drop each CRLF followed by one space.
std::string unfold(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

date::local_days day(const char* iso) {
  return date::local_days{*parse_iso_date(iso)};
}

}  // namespace

TEST_CASE("TEXT values escape backslash, semicolon, comma and line breaks", "[ics]") {
  CHECK(escape_ical_text("a\\b;c,d") == "a\\\\b\\;c\\,d");
  CHECK(escape_ical_text("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
  CHECK(escape_ical_text("tab\tkept, bell\x07gone") == "tab\tkept\\, bell gone");
  CHECK(escape_ical_text("Grüße: 10:00") == "Grüße: 10:00");  // colons need no escape
}

TEST_CASE("TEXT values carry no C1 control and no bidirectional override", "[ics]") {
  CHECK(escape_ical_text("a\x1b[2Jb") == "a [2Jb");
  CHECK(escape_ical_text("csi\u009b31m, del\x7f") == "csi 31m\\, del ");
  CHECK(escape_ical_text("Eve \u202enimda\u2066x\u2069") == "Eve  nimda x ");
  CHECK(escape_ical_text("\u202a\u202e\u2066\u2069") == "    ");
  // Neighbours of those ranges stay.
  CHECK(escape_ical_text("\u00a0\u2029\u202f\u2065\u206a") == "\u00a0\u2029\u202f\u2065\u206a");
  CHECK(escape_ical_text("日本語 🚀") == "日本語 🚀");
}

TEST_CASE("a short line is not folded and ends in CRLF", "[ics]") {
  CHECK(fold_ical_line("SUMMARY:1:1") == "SUMMARY:1:1\r\n");
  const std::string exactly_75(75, 'x');
  CHECK(fold_ical_line(exactly_75) == exactly_75 + "\r\n");
}

TEST_CASE("long lines fold at 75 octets and unfold to the original", "[ics]") {
  const std::string line = "DESCRIPTION:" + std::string(200, 'a');
  const auto folded = fold_ical_line(line);
  const auto lines = physical_lines(folded);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].size() == 75);
  CHECK(lines[1].size() == 75);
  CHECK(lines[1][0] == ' ');
  CHECK(lines[2][0] == ' ');
  CHECK(unfold(folded) == line + "\r\n");
}

TEST_CASE("folding never splits a UTF-8 character", "[ics]") {
  // "ü" is two octets and "€" three; with a 1-octet prefix shifting them, a naive cut at 75
  // would land inside one of them somewhere.
  for (std::string prefix : {"", "x", "xx"}) {
    std::string line = "SUMMARY:" + prefix;
    for (int i = 0; i < 60; ++i) line += (i % 2 == 0) ? "ü" : "€";
    const auto folded = fold_ical_line(line);
    for (const auto& physical : physical_lines(folded)) {
      CHECK(physical.size() <= 75);
      CHECK(is_valid_utf8(physical));
    }
    CHECK(unfold(folded) == line + "\r\n");
  }
}

TEST_CASE("times are written in UTC and dates as DATE values", "[ics]") {
  CHECK(format_ical_utc(*parse_instant("2026-10-27T09:00:00Z")) == "20261027T090000Z");
  CHECK(format_ical_date(day("2026-12-01")) == "20261201");
}

TEST_CASE("a calendar holds one VEVENT per event with the required properties", "[ics]") {
  CalendarEvent timed;
  timed.uid = "1on1-alice-20261027@mgr";
  timed.summary = "1:1 with Alice, Example";
  timed.description = "Talking points:\n- budget; hiring";
  timed.start = *parse_instant("2026-10-27T09:00:00Z");
  timed.length = std::chrono::minutes{45};
  CalendarEvent all_day;
  all_day.uid = "1on1-bob-20261028@mgr";
  all_day.summary = "1:1 with bob";
  all_day.day = day("2026-10-28");

  const auto text =
      render_calendar({timed, all_day}, *parse_instant("2026-10-20T08:00:00Z"), "1:1s");
  const auto unfolded = unfold(text);
  CHECK(unfolded.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0) == 0);
  CHECK(unfolded.find("END:VCALENDAR\r\n") == unfolded.size() - 15);
  CHECK(unfolded.find("UID:1on1-alice-20261027@mgr\r\n") != std::string::npos);
  CHECK(unfolded.find("DTSTAMP:20261020T080000Z\r\n") != std::string::npos);
  CHECK(unfolded.find("DTSTART:20261027T090000Z\r\nDTEND:20261027T094500Z\r\n") !=
        std::string::npos);
  CHECK(unfolded.find("SUMMARY:1:1 with Alice\\, Example\r\n") != std::string::npos);
  CHECK(unfolded.find("DESCRIPTION:Talking points:\\n- budget\\; hiring\r\n") != std::string::npos);
  CHECK(unfolded.find("DTSTART;VALUE=DATE:20261028\r\nDTEND;VALUE=DATE:20261029\r\n") !=
        std::string::npos);
  // No description line for an event without one, and no bare LF anywhere.
  CHECK(unfolded.find("DESCRIPTION:\r\n") == std::string::npos);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') CHECK((i > 0 && text[i - 1] == '\r'));
}
