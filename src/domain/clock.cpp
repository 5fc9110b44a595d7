#include "domain/clock.hpp"

#include <unistd.h>

#include <array>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "util/text.hpp"

namespace mgr::domain {

date::local_seconds Clock::local_now() const {
  return date::floor<std::chrono::seconds>(zone->to_local(now));
}

Date Clock::today() const {
  return date::floor<date::days>(local_now());
}

std::optional<std::string_view> zone_in_sysconfig_line(std::string_view line) {
  static constexpr std::string_view k_key = "ZONE=\"";
  const auto at = line.find(k_key);
  if (at == std::string_view::npos) return std::nullopt;
  const auto value = line.substr(at + k_key.size());
  const auto end = value.rfind('"');
  if (end == std::string_view::npos) return std::nullopt;
  return value.substr(0, end);
}

const Zone* find_zone(std::string_view name) {
  if (const auto* zone = Zone::find(name)) return zone;
  throw UsageError("unknown time zone " + util::quoted(name),
                   "use an IANA name such as Europe/Berlin or America/New_York");
}

namespace {

// The zone name in a path into a zoneinfo folder, such as /usr/share/zoneinfo/Europe/Berlin,
// or "" for a path that is not in one.
std::string_view zone_in_path(std::string_view path) {
  static constexpr std::string_view k_zoneinfo = "/zoneinfo/";
  const auto at = path.find(k_zoneinfo);
  return at == std::string_view::npos ? std::string_view{} : path.substr(at + k_zoneinfo.size());
}

// The first line of a small text file, or "".
std::string first_line(const char* path) {
  std::ifstream file{path};
  std::string line;
  std::getline(file, line);
  return line;
}

// The system's zone as date::current_zone() finds it: the zone /etc/localtime links to (after
// following every link, unless that ends at posixrules), else the name in /etc/timezone
// (Debian's own record of it), /var/db/zoneinfo or /etc/sysconfig/clock; UTC when none of
// them names a zone.
const Zone* system_zone() {
  static constexpr const char* k_localtime = "/etc/localtime";
  std::array<char, PATH_MAX + 1> link{};
  if (::readlink(k_localtime, link.data(), link.size() - 1) > 0) {
    std::array<char, PATH_MAX + 1> resolved{};
    std::string_view name;
    if (::realpath(k_localtime, resolved.data()) != nullptr) name = zone_in_path(resolved.data());
    if (name.empty() || name == "posixrules") name = zone_in_path(link.data());
    if (const auto* zone = Zone::find(name)) return zone;
  }
  for (const char* path : {"/etc/timezone", "/var/db/zoneinfo"})
    if (const auto* zone = Zone::find(first_line(path))) return zone;
  std::ifstream clock{"/etc/sysconfig/clock"};
  for (std::string line; std::getline(clock, line);)
    if (const auto named = zone_in_sysconfig_line(line))
      if (const auto* zone = Zone::find(*named)) return zone;
  return find_zone("UTC");
}

}  // namespace

namespace {

// A POSIX rule such as `CET-1CEST,M3.5.0,M10.5.0/3` or `EST5EDT`: a zone abbreviation (three
// or more letters, or <...>) followed by an offset. Not a zone name mgr can look up.
bool looks_like_posix_rule(std::string_view text) {
  std::size_t at = 0;
  if (!text.empty() && text.front() == '<') {
    at = text.find('>');
    if (at == std::string_view::npos) return false;
    ++at;
  } else {
    while (at < text.size() &&
           ((text[at] >= 'A' && text[at] <= 'Z') || (text[at] >= 'a' && text[at] <= 'z')))
      ++at;
    if (at < 3) return false;
  }
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
  return at < text.size() && text[at] >= '0' && text[at] <= '9';
}

// Every zone name, for a suggestion; none when the database's folder cannot be listed.
std::vector<std::string> known_zone_names() {
  try {
    return zone_names();
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace

ZoneChoice choose_zone(const std::string& configured, const char* tz_env) {
  if (!configured.empty()) return {find_zone(configured), {}};
  if (tz_env == nullptr || *tz_env == '\0') return {system_zone(), {}};
  const std::string_view as_set{tz_env};
  std::string_view name = as_set;
  if (name.front() == ':') name.remove_prefix(1);  // POSIX allows TZ=:Area/City
  // TZ may also name a zone file: TZ=:/etc/localtime (the system zone, a common setting) or a
  // path into the zoneinfo tree such as /usr/share/zoneinfo/Europe/Berlin. Any other path is
  // not a zone mgr can name.
  if (name == "/etc/localtime") return {system_zone(), {}};
  if (!name.empty() && name.front() == '/') {
    name = zone_in_path(name);
    if (name.empty())
      throw UsageError(
          "TZ names the file " + util::quoted(as_set) + ", which is not in a zoneinfo folder",
          "set TZ to a zone name such as Europe/Berlin, or `timezone` in the config");
  }
  if (const auto* zone = Zone::find(name)) return {zone, {}};
  // A POSIX rule is a legal TZ that mgr cannot use for dates years apart (it has no history):
  // the system zone stands in, with a word, rather than making every command fail.
  if (looks_like_posix_rule(name)) {
    const auto* fallback = system_zone();
    return {fallback, "TZ=" + util::quoted(as_set) +
                          " is a POSIX rule, not a zone name; using the system zone " +
                          fallback->name() +
                          " (set `timezone` in the config, or TZ=Area/City, to choose)"};
  }
  const auto close = closest_match(name, known_zone_names());
  throw UsageError("unknown time zone " + util::quoted(name) + " in TZ",
                   close ? "did you mean '" + *close + "'? (or set `timezone` in the config)"
                         : "set TZ to an IANA name such as Europe/Berlin, or `timezone` in the "
                           "config");
}

const Zone* resolve_zone(const std::string& configured, const char* tz_env) {
  return choose_zone(configured, tz_env).zone;
}

namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

// HH:MM or HH:MM:SS into seconds since midnight, or -1.
long parse_wall_time(std::string_view s) {
  if (s.size() != 5 && s.size() != 8) return -1;
  if (s[2] != ':' || !all_digits(s.substr(0, 2)) || !all_digits(s.substr(3, 2))) return -1;
  int hours = to_int(s.substr(0, 2));
  int minutes = to_int(s.substr(3, 2));
  int seconds = 0;
  if (s.size() == 8) {
    if (s[5] != ':' || !all_digits(s.substr(6, 2))) return -1;
    seconds = to_int(s.substr(6, 2));
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return -1;
  return hours * 3600L + minutes * 60L + seconds;
}

}  // namespace

Instant parse_now(std::string_view text, const Zone* zone) {
  auto bad = [&]() {
    return UsageError("invalid MGR_NOW " + util::quoted(text),
                      "use YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or RFC 3339 such as "
                      "2026-11-26T09:00:00Z");
  };
  if (text.size() < 10) throw bad();
  auto day = parse_iso_date(text.substr(0, 10));
  if (!day) throw bad();
  if (!in_supported_years(*day))
    throw UsageError("invalid MGR_NOW " + util::quoted(text) +
                     ": the year is outside 1900 to 2999");
  date::local_seconds local_midnight{*day};
  if (text.size() == 10) {
    return zone->to_sys(local_midnight + std::chrono::hours{9}, date::choose::earliest);
  }
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') throw bad();
  std::string_view rest = text.substr(11);
  // Split the wall time from an optional zone designator.
  std::size_t zone_at = rest.find_first_of("Zz+-");
  std::string_view wall = rest.substr(0, zone_at);
  // RFC 3339 allows fractional seconds (10:00:00.250Z); "now" is kept to the whole second.
  if (zone_at != std::string_view::npos && wall.size() > 9 && wall[8] == '.' &&
      all_digits(wall.substr(9)))
    wall = wall.substr(0, 8);
  long seconds = parse_wall_time(wall);
  if (seconds < 0) throw bad();
  auto local = local_midnight + std::chrono::seconds{seconds};
  if (zone_at == std::string_view::npos) {
    return zone->to_sys(local, date::choose::earliest);
  }
  std::string_view designator = rest.substr(zone_at);
  auto utc = Instant{local.time_since_epoch()};
  if (designator == "Z" || designator == "z") return utc;
  if (designator.size() != 6 || designator[3] != ':' || !all_digits(designator.substr(1, 2)) ||
      !all_digits(designator.substr(4, 2)))
    throw bad();
  int offset_minutes = to_int(designator.substr(1, 2)) * 60 + to_int(designator.substr(4, 2));
  if (offset_minutes > 18 * 60) throw bad();
  auto offset = std::chrono::minutes{designator[0] == '-' ? -offset_minutes : offset_minutes};
  return utc - offset;
}

std::string format_instant(Instant instant) {
  // By hand rather than through a stream, as format_date: export and import format one for
  // every row, and the stream cost more than the row.
  const auto day = date::floor<date::days>(instant);
  const auto seconds = (instant - day).count();
  std::string text = format_date(Date{day.time_since_epoch()});
  const auto two = [&text](std::int64_t part, char before) {
    text += before;
    text += static_cast<char>('0' + part / 10);
    text += static_cast<char>('0' + part % 10);
  };
  two(seconds / 3600, 'T');
  two(seconds / 60 % 60, ':');
  two(seconds % 60, ':');
  text += 'Z';
  return text;
}

std::optional<Instant> parse_instant(std::string_view text) {
  if (text.size() == 20 && text[19] == 'Z' && text[10] == 'T') {
    auto day = parse_iso_date(text.substr(0, 10));
    long seconds = parse_wall_time(text.substr(11, 8));
    if (day && seconds >= 0)
      return Instant{date::sys_days{day->time_since_epoch()}} + std::chrono::seconds{seconds};
  }
  return std::nullopt;
}

}  // namespace mgr::domain
