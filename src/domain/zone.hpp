#pragma once
// One zone of the system's tz database, read from its own TZif file.
//
// Why not date::locate_zone: built against the OS database, the date library lists every zone
// on first use, and even constructing a single date::time_zone asks for that list (for leap
// seconds). That is a walk over ~650 files of /usr/share/zoneinfo, about 2.5 ms, in every run
// of mgr; a command such as `mgr log` takes about as long again for all of its own work. A Zone
// reads the one file it is asked for and answers the same questions with the same answers
// (tests/unit/domain/test_zone.cpp compares it with date::time_zone over every zone). The list
// of every zone (for `mgr doctor` and the "did you mean" of a misspelt zone) is read from the
// same folder, as the date library reads it, so that mgr does not link the library's compiled
// part (libdate-tz) at all: that shared library needs the shared C++ runtime, and loading that
// runtime was most of what starting mgr cost (contrib/bench/README.md).
#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace mgr::domain {

class Zone {
 public:
  // The zone named `name` (such as Europe/Berlin), or nullptr when the tz database has no such
  // zone. The same name gives the same object for the whole run.
  static const Zone* find(std::string_view name);

  const std::string& name() const { return m_name; }

  // What is in force at an instant, and what a wall time of this zone is: one moment, two (the
  // hour repeated when clocks go back) or none (the hour skipped when they go forward). The
  // answers are date::time_zone's.
  date::sys_info get_info(date::sys_seconds instant) const;
  date::local_info get_info(date::local_seconds wall) const;

  date::local_seconds to_local(date::sys_seconds instant) const {
    return date::local_seconds{instant.time_since_epoch() + get_info(instant).offset};
  }
  // A wall time to an instant: the earlier of two, and for a skipped time the moment the clocks
  // moved; as date::time_zone::to_sys(wall, choose).
  date::sys_seconds to_sys(date::local_seconds wall, date::choose choose) const;

  // Reads a TZif file's content (RFC 8536); throws std::runtime_error when it is not one.
  Zone(std::string name, std::string_view tzif);

 private:
  struct Period {
    std::chrono::seconds offset;
    bool is_dst = false;
    std::string abbrev;
  };
  struct Transition {
    date::sys_seconds at;
    std::size_t period;  // index into m_periods
  };

  const Period& period_of(std::size_t transition) const {
    return m_periods[m_transitions[transition].period];
  }
  // The sys_info of the stretch that starts at transition `index` (index >= 1 in the list, whose
  // first entry is the zone's beginning of time).
  date::sys_info info_from(std::size_t index) const;

  std::string m_name;
  std::vector<Period> m_periods;
  std::vector<Transition> m_transitions;  // sorted; the first at the earliest representable day
};

// Every zone name of the system's tz database, sorted: the names date::get_tzdb() lists.
// Throws std::filesystem::filesystem_error when the database's folder cannot be read.
std::vector<std::string> zone_names();
// The tz database's release, such as "2026a", or "" when it does not say.
std::string zone_database_version();

}  // namespace mgr::domain
