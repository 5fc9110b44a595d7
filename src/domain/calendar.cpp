#include "domain/calendar.hpp"

#include <date/iso_week.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "domain/errors.hpp"
#include "domain/parse.hpp"

namespace mgr::domain {

using date::days;

Workdays::Workdays() {
  for (unsigned day = 1; day <= 5; ++day) m_days[day] = true;
}

Workdays Workdays::from_names(const std::vector<std::string>& names) {
  Workdays workdays;
  workdays.m_days.fill(false);
  for (const auto& name : names) workdays.m_days[parse_weekday(name).c_encoding()] = true;
  if (names.empty()) throw UsageError("workdays is empty", "name at least one day, e.g. [\"mon\"]");
  return workdays;
}

std::vector<std::string> Workdays::names() const {
  std::vector<std::string> names;
  for (unsigned i = 1; i <= 7; ++i)
    if (m_days[i % 7]) names.push_back(weekday_name(date::weekday{i % 7}));
  return names;
}

Date workday_on_or_after(Date day, const Workdays& workdays) {
  for (int step = 0; step < 7 && !workdays.contains(date::weekday{day}); ++step) day += days{1};
  return day;
}

Date first_workday_after(Date day, const Workdays& workdays) {
  return workday_on_or_after(day + days{1}, workdays);
}

int workdays_between(Date from, Date to, const Workdays& workdays) {
  int count = 0;
  for (auto day = from + days{1}; day < to; day += days{1})
    count += workdays.contains(date::weekday{day}) ? 1 : 0;
  return count;
}

Date add_cadence(Date from, const Cadence& cadence) {
  switch (cadence.unit) {
    case Cadence::Unit::days:
      return from + days{cadence.count};
    case Cadence::Unit::months: {
      const date::year_month_day day{from};
      const auto month = day.year() / day.month() + date::months{cadence.count};
      const auto last = (month / date::last).day();
      return Date{month / std::min(day.day(), last)};
    }
    case Cadence::Unit::none:
      break;
  }
  throw std::logic_error("add_cadence: cadence none has no next date");
}

Instant wall_time_to_instant(date::local_seconds wall, const Zone* zone) {
  // For all three cases of local_info, `first` holds the offset RFC 5545 asks for: the only
  // one, the earlier of two, or the one in force before the gap.
  const auto info = zone->get_info(wall);
  return Instant{wall.time_since_epoch()} - info.first.offset;
}

std::string iso_week_label(Date day) {
  const iso_week::year_weeknum_weekday week{day};
  char label[16];
  std::snprintf(label, sizeof label, "%04d-W%02u", static_cast<int>(week.year()),
                static_cast<unsigned>(week.weeknum()));
  return label;
}

}  // namespace mgr::domain
