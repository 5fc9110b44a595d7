#include "domain/parse.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "domain/errors.hpp"
#include "util/text.hpp"

namespace mgr::domain {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

// Parses digits with an upper bound so that huge inputs cannot overflow.
std::optional<long long> bounded_number(std::string_view digits, long long max) {
  if (!all_digits(digits)) return std::nullopt;
  long long value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
    if (value > max) return std::nullopt;
  }
  return value;
}

constexpr std::array<const char*, 7> k_short_days = {"sun", "mon", "tue", "wed",
                                                     "thu", "fri", "sat"};
constexpr std::array<const char*, 7> k_long_days = {"sunday",   "monday", "tuesday", "wednesday",
                                                    "thursday", "friday", "saturday"};

std::optional<date::weekday> weekday_from(std::string_view lowered) {
  for (unsigned i = 0; i < 7; ++i) {
    if (lowered == k_short_days[i] || lowered == k_long_days[i]) return date::weekday{i};
  }
  return std::nullopt;
}

}  // namespace

std::string to_lower(std::string_view text) {
  std::string out{text};
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  // Every stored date is read through here, tens of thousands in a review of a long log: the
  // digits are read at their fixed places, without a substring or an optional each.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  bool digits = true;
  const auto number = [&](std::size_t from, std::size_t count) {
    unsigned value = 0;
    for (std::size_t at = from; at < from + count; ++at) {
      digits = digits && is_digit(text[at]);
      value = value * 10 + static_cast<unsigned>(text[at] - '0');
    }
    return value;
  };
  const unsigned y = number(0, 4);
  const unsigned m = number(5, 2);
  const unsigned d = number(8, 2);
  if (!digits) return std::nullopt;
  const date::year_month_day day{date::year{static_cast<int>(y)}, date::month{m}, date::day{d}};
  if (!day.ok()) return std::nullopt;
  return Date{day};
}

// Dates outside these years are typos (or an attack on the schedule arithmetic), never a day a
// manager means.
bool in_supported_years(Date day) {
  constexpr int k_first_year = 1900;
  constexpr int k_last_year = 2999;
  const auto year = static_cast<int>(date::year_month_day{day}.year());
  return year >= k_first_year && year <= k_last_year;
}

Date parse_date(std::string_view text, Date today, DateDirection direction) {
  auto bad = [&]() {
    return UsageError("invalid date " + util::quoted(text),
                      "use YYYY-MM-DD, today, yesterday, tomorrow, mon..sun, -3d, +3d, -2w or +2w");
  };
  const auto supported = [&](Date day) {
    if (!in_supported_years(day))
      throw UsageError("invalid date " + util::quoted(text) + ": " + format_date(day) +
                           " is outside the years 1900 to 2999",
                       "use a date between 1900-01-01 and 2999-12-31");
    return day;
  };
  if (auto iso = parse_iso_date(text)) return supported(*iso);
  const std::string lowered = to_lower(text);
  if (lowered == "today") return supported(today);
  if (lowered == "yesterday") return supported(today - date::days{1});
  if (lowered == "tomorrow") return supported(today + date::days{1});
  if (auto day = weekday_from(lowered)) {
    const date::weekday current{today};
    if (direction == DateDirection::past) return supported(today - (current - *day));
    return supported(today + (*day - current));
  }
  // -3d, +3d, -2w, +2w; -0d is today. A leading zero before other digits ("+03d") is refused:
  // it is almost certainly a typo.
  if (lowered.size() >= 3 && (lowered.front() == '-' || lowered.front() == '+') &&
      (lowered.back() == 'd' || lowered.back() == 'w')) {
    std::string_view digits = std::string_view{lowered}.substr(1, lowered.size() - 2);
    if (digits.empty() || (digits.front() == '0' && digits.size() > 1)) throw bad();
    auto count = bounded_number(digits, 366000);
    if (!count) throw bad();
    if (lowered.back() == 'w') *count *= 7;
    if (*count > 366000) throw bad();
    date::days offset{lowered.front() == '-' ? -*count : *count};
    return supported(today + offset);
  }
  throw bad();
}

std::string format_date(Date day) {
  // By hand rather than through a stream: dates are formatted for every row that is shown.
  const date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  const auto month = static_cast<unsigned>(ymd.month());
  const auto of_month = static_cast<unsigned>(ymd.day());
  if (year < 0 || year > 9999) return date::format("%F", ymd);
  std::string text(10, '-');
  for (int i = 3, rest = year; i >= 0; --i, rest /= 10)
    text[static_cast<std::size_t>(i)] = static_cast<char>('0' + rest % 10);
  text[5] = static_cast<char>('0' + month / 10);
  text[6] = static_cast<char>('0' + month % 10);
  text[8] = static_cast<char>('0' + of_month / 10);
  text[9] = static_cast<char>('0' + of_month % 10);
  return text;
}

std::string format_day(Date day) {
  return date::format("%a %Y-%m-%d", day);
}

namespace {

// One number and its unit in a duration: "1.5h", "30m", "90min", or a bare "30" after hours.
struct DurationPart {
  std::string_view whole;
  std::string_view fraction;  // after a '.'; empty when none
  bool has_fraction = false;
  std::string_view unit;
};

bool is_hours_unit(std::string_view unit) {
  return unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours";
}

bool is_minutes_unit(std::string_view unit) {
  return unit == "m" || unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes";
}

// "1h 30m" -> {1,h}, {30,m}; nothing when the text is not numbers with units, one space at
// most between the parts and none inside one.
std::optional<std::vector<DurationPart>> split_duration(std::string_view s) {
  std::vector<DurationPart> parts;
  std::size_t at = 0;
  const auto digits_from = [&](std::size_t start) {
    std::size_t end = start;
    while (end < s.size() && is_digit(s[end])) ++end;
    return end;
  };
  while (at < s.size()) {
    if (!parts.empty() && s[at] == ' ') ++at;
    DurationPart part;
    std::size_t end = digits_from(at);
    if (end == at) return std::nullopt;
    part.whole = s.substr(at, end - at);
    at = end;
    if (at < s.size() && s[at] == '.') {
      end = digits_from(at + 1);
      if (end == at + 1) return std::nullopt;
      part.has_fraction = true;
      part.fraction = s.substr(at + 1, end - at - 1);
      at = end;
    }
    end = at;
    while (end < s.size() && s[end] >= 'a' && s[end] <= 'z') ++end;
    part.unit = s.substr(at, end - at);
    at = end;
    parts.push_back(part);
  }
  return parts;
}

}  // namespace

Minutes parse_duration(std::string_view text) {
  auto bad = [&](const std::string& why) {
    return UsageError("invalid duration " + util::quoted(text) + ": " + why,
                      "use 45m, 90min, 1h, 1hr, 1h30m, 1h30, 1:30, 1.5h or a number of minutes, "
                      "up to 24h");
  };
  const std::string lowered = to_lower(text);
  std::string_view s{lowered};
  if (s.empty()) throw bad("empty");
  if (s.front() == '-') throw bad("must be more than zero");
  double minutes = 0;
  if (all_digits(s)) {
    auto n = bounded_number(s, 100000);
    if (!n) throw bad("too long");
    minutes = static_cast<double>(*n);
  } else if (const auto colon = s.find(':'); colon != std::string_view::npos) {
    // H:MM, as a stopwatch shows it.
    auto hours = colon >= 1 && colon <= 2 ? bounded_number(s.substr(0, colon), 99) : std::nullopt;
    auto rest = s.size() - colon == 3 ? bounded_number(s.substr(colon + 1), 59) : std::nullopt;
    if (!hours || !rest) throw bad("not a duration");
    minutes = static_cast<double>(*hours * 60 + *rest);
  } else {
    const auto parts = split_duration(s);
    if (!parts || parts->empty() || parts->size() > 2) throw bad("not a duration");
    const auto& first = parts->front();
    if (is_hours_unit(first.unit)) {
      auto whole = bounded_number(first.whole, 1000);
      if (!whole || first.fraction.size() > 4) throw bad("not a duration");
      double hours = static_cast<double>(*whole);
      if (first.has_fraction)
        hours += static_cast<double>(*bounded_number(first.fraction, 9999)) /
                 std::pow(10.0, static_cast<double>(first.fraction.size()));
      minutes = hours * 60;
      if (parts->size() == 2) {
        // Hours may be fractional ("1.5h"), but then no minutes may follow.
        const auto& second = (*parts)[1];
        if (first.has_fraction || second.has_fraction ||
            !(second.unit.empty() || is_minutes_unit(second.unit)))
          throw bad("not a duration");
        auto extra = bounded_number(second.whole, 59);
        if (!extra) throw bad("minutes after hours must be 0 to 59");
        minutes += static_cast<double>(*extra);
      }
    } else if (is_minutes_unit(first.unit) && parts->size() == 1 && !first.has_fraction) {
      auto n = bounded_number(first.whole, 100000);
      if (!n) throw bad("not a duration");
      minutes = static_cast<double>(*n);
    } else {
      throw bad("not a duration");
    }
  }
  const long rounded = std::lround(minutes);
  if (rounded <= 0) throw bad("must be more than zero");
  if (rounded > 24L * 60) throw bad("must be at most 24h");
  return Minutes{rounded};
}

bool looks_like_duration(std::string_view text) {
  try {
    parse_duration(text);
    return true;
  } catch (const UsageError&) {
    return false;
  }
}

std::string format_minutes(Minutes duration) {
  const auto minutes = duration.count();
  const auto hours = minutes / 60;
  const auto rest = minutes % 60;
  if (hours == 0) return std::to_string(rest) + "m";
  if (rest == 0) return std::to_string(hours) + "h";
  return std::to_string(hours) + "h" + std::to_string(rest) + "m";
}

bool is_valid_handle(std::string_view s) {
  if (s.empty() || s.size() > 32) return false;
  auto plain = [](char c) { return (c >= 'a' && c <= 'z') || is_digit(c); };
  if (!plain(s.front())) return false;
  return std::all_of(s.begin() + 1, s.end(),
                     [&](char c) { return plain(c) || c == '.' || c == '_' || c == '-'; });
}

std::string parse_handle(std::string_view text) {
  std::string lowered = to_lower(text);
  if (!is_valid_handle(lowered))
    throw UsageError("invalid handle " + util::quoted(text),
                     "a handle is 1-32 characters: letters, digits, '.', '_' or '-', starting "
                     "with a letter or digit");
  return lowered;
}

date::weekday parse_weekday(std::string_view text) {
  if (auto day = weekday_from(to_lower(text))) return *day;
  throw UsageError("invalid day " + util::quoted(text), "use mon, tue, wed, thu, fri, sat or sun");
}

std::string weekday_name(date::weekday day) {
  return k_short_days[day.c_encoding()];
}

Minutes parse_clock_time(std::string_view text) {
  auto bad = [&]() {
    return UsageError("invalid time " + util::quoted(text), "use HH:MM or H:MM on a 24-hour clock");
  };
  if ((text.size() != 5 && text.size() != 4) || text[text.size() - 3] != ':') throw bad();
  auto h = bounded_number(text.substr(0, text.size() - 3), 23);
  auto m = bounded_number(text.substr(text.size() - 2), 59);
  if (!h || !m) throw bad();
  return Minutes{*h * 60 + *m};
}

std::string format_clock_time(Minutes after_midnight) {
  const auto hours = after_midnight.count() / 60 % 24;
  const auto minutes = after_midnight.count() % 60;
  return std::string{static_cast<char>('0' + hours / 10), static_cast<char>('0' + hours % 10), ':',
                     static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10)};
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    unsigned code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code = c & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3Fu);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
    static constexpr unsigned k_min_for_length[] = {0, 0x80, 0x800, 0x10000};
    if (code < k_min_for_length[extra] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
      return false;
    i += extra + 1;
  }
  return true;
}

void check_display_name(std::string_view text) {
  if (!is_valid_utf8(text)) throw UsageError("the name is not valid UTF-8");
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    const auto after = i + 2 < text.size() ? static_cast<unsigned char>(text[i + 2]) : 0;
    const bool c1_control = c == 0xC2 && next >= 0x80 && next <= 0x9F;
    if (c < 0x20 || c == 0x7F || c1_control)
      throw UsageError("invalid name " + util::quoted(text) + ": it contains a control character",
                       "a display name is one line of text");
    // U+202A-U+202E and U+2066-U+2069 reorder what follows them on screen: a name could make
    // the rest of a line read backwards.
    const bool bidi_control = c == 0xE2 && ((next == 0x80 && after >= 0xAA && after <= 0xAE) ||
                                            (next == 0x81 && after >= 0xA6 && after <= 0xA9));
    if (bidi_control)
      throw UsageError("invalid name " + util::quoted(text) +
                           ": it contains a bidirectional override (U+202A-U+202E, U+2066-U+2069)",
                       "a display name reads left to right as typed; leave the override out");
  }
}

std::int64_t parse_count(std::string_view text, std::string_view what) {
  auto value = bounded_number(text, 999'999'999LL);
  if (!value || *value == 0)
    throw UsageError("invalid " + std::string{what} + " " + util::quoted(text),
                     "use a whole number, 1 or more");
  return *value;
}

namespace {
// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbouring letters ("alcie" for "alice") each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}
}  // namespace

std::optional<std::string> closest_match(std::string_view typed,
                                         const std::vector<std::string>& candidates) {
  const std::string lowered = to_lower(typed);
  if (lowered.empty()) return std::nullopt;
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    std::size_t distance = edit_distance(lowered, candidate);
    if (candidate.rfind(lowered, 0) == 0) distance = std::min<std::size_t>(distance, 1);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // Allow roughly one typo per three characters, at least one and at most three.
  const std::size_t allowed = std::clamp<std::size_t>(lowered.size() / 3, 1, 3);
  if (best && best_distance <= allowed) return best;
  return std::nullopt;
}

std::int64_t parse_id_number(std::string_view text, std::string_view what) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '#') digits.remove_prefix(1);
  auto value = bounded_number(digits, 999'999'999'999LL);
  if (!value || *value == 0)
    throw UsageError("invalid " + std::string{what} + " id " + util::quoted(text),
                     "ids are the positive numbers mgr prints, e.g. 42");
  return *value;
}

std::vector<std::int64_t> parse_id_numbers(std::string_view text, std::string_view what) {
  std::vector<std::int64_t> ids;
  for (const auto& part : split_list(text)) {
    const auto id = parse_id_number(part, what);
    // `--covered 3,3` names one talking point, not two.
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  if (ids.empty()) throw UsageError("invalid " + std::string{what} + " list " + util::quoted(text));
  return ids;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view part = text.substr(start, comma - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.emplace_back(part);
    start = comma + 1;
  }
  return parts;
}

Cadence parse_cadence(std::string_view text) {
  if (auto cadence = cadence_from_name(to_lower(text))) return *cadence;
  throw UsageError("invalid cadence " + util::quoted(text),
                   "use weekly, biweekly, monthly, a number of days such as 10d (1-365), or none");
}

void throw_invalid_choice(std::string_view text, std::string_view what,
                          const std::vector<std::string>& choices) {
  std::string hint;
  if (auto close = closest_match(text, choices)) {
    hint = "did you mean '" + *close + "'?";
  } else {
    hint = "use ";
    for (std::size_t i = 0; i < choices.size(); ++i)
      hint += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + choices[i];
  }
  throw UsageError("invalid " + std::string{what} + " " + util::quoted(text), hint);
}

}  // namespace mgr::domain
