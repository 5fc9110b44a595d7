// domain::Zone reads one TZif file instead of the date library's whole database; these tests
// hold it to date::time_zone's answers over every zone of the machine's database.
#include <date/tz.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/zone.hpp"

using mgr::domain::Zone;
using namespace std::chrono;

namespace {

const date::sys_seconds k_from{date::sys_days{date::year{1900} / 1 / 1}};
const date::sys_seconds k_to{date::sys_days{date::year{2045} / 1 / 1}};

bool same(const date::sys_info& a, const date::sys_info& b) {
  return a.begin == b.begin && a.end == b.end && a.offset == b.offset && a.save == b.save &&
         a.abbrev == b.abbrev;
}

bool same(const date::local_info& a, const date::local_info& b) {
  return a.result == b.result && same(a.first, b.first) &&
         (a.result == date::local_info::unique || same(a.second, b.second));
}

// Every wall time near a change of `theirs` (and a few far from one) gets the same answers from
// both; returns how many stretches were compared, or fails the test at the first difference.
int compare_zone(const date::time_zone& theirs, const Zone& ours) {
  int stretches = 0;
  for (auto at = k_from; at < k_to; ++stretches) {
    const auto expected = theirs.get_info(at);
    const auto got = ours.get_info(at);
    INFO(theirs.name() << " at " << mgr::domain::format_instant(at));
    REQUIRE(same(got, expected));
    REQUIRE(same(ours.get_info(at - seconds{1}), theirs.get_info(at - seconds{1})));
    // Wall times around the change that begins this stretch, read in the offsets on both sides.
    const auto before = theirs.get_info(at - seconds{1}).offset;
    for (const auto offset : {before, expected.offset})
      for (const auto step : {-7200, -3601, -3600, -1800, -1, 0, 1, 1800, 3599, 3600, 7200}) {
        const auto wall = date::local_seconds{(at + offset).time_since_epoch()} + seconds{step};
        INFO("wall " << wall.time_since_epoch().count());
        REQUIRE(same(ours.get_info(wall), theirs.get_info(wall)));
        REQUIRE(ours.to_sys(wall, date::choose::earliest) ==
                theirs.to_sys(wall, date::choose::earliest));
        REQUIRE(ours.to_sys(wall, date::choose::latest) ==
                theirs.to_sys(wall, date::choose::latest));
        REQUIRE(ours.to_local(at + seconds{step}) == theirs.to_local(at + seconds{step}));
      }
    at = expected.end > at + date::days{1} ? expected.end : at + date::days{97};
  }
  return stretches;
}

}  // namespace

TEST_CASE("Zone answers as date::time_zone does, for every zone of the tz database") {
  const auto& zones = date::get_tzdb().zones;
  REQUIRE(zones.size() > 300);
  int stretches = 0;
  for (const auto& theirs : zones) {
    const auto* ours = Zone::find(theirs.name());
    INFO(theirs.name());
    REQUIRE(ours != nullptr);
    CHECK(ours->name() == theirs.name());
    stretches += compare_zone(theirs, *ours);
  }
  // Europe/Berlin alone changes twice a year from 1980 to the end of the data.
  CHECK(stretches > 10000);
}

TEST_CASE("Zone finds exactly the zones the date library lists") {
  std::set<std::string> listed;
  for (const auto& zone : date::get_tzdb().zones) listed.insert(zone.name());
  const std::filesystem::path root{"/usr/share/zoneinfo"};
  int files = 0;
  for (const auto& item : std::filesystem::recursive_directory_iterator(root)) {
    if (item.is_directory()) continue;
    const auto name = item.path().lexically_relative(root).string();
    INFO(name);
    CHECK((Zone::find(name) != nullptr) == (listed.count(name) == 1));
    ++files;
  }
  CHECK(files > 1000);  // posix/ and right/ hold copies of every zone: all refused
}

TEST_CASE("zone_names lists the zones the date library lists, in order") {
  std::vector<std::string> listed;
  for (const auto& zone : date::get_tzdb().zones) listed.push_back(zone.name());
  std::sort(listed.begin(), listed.end());
  const auto names = mgr::domain::zone_names();
  CHECK(names.size() > 300);
  CHECK(names == listed);
}

TEST_CASE("zone_database_version is the tz release the database names") {
  const auto version = mgr::domain::zone_database_version();
  // Debian's tzdata names its release in tzdata.zi (the date library reads only +VERSION,
  // which Debian does not ship, and says "unknown").
  CHECK(std::regex_match(version, std::regex{"[0-9]{4}[a-z]+"}));
  const auto theirs = date::get_tzdb().version;
  if (theirs != "unknown") CHECK(version == theirs);
}

TEST_CASE("the system zone is the one date::current_zone finds") {
  CHECK(mgr::domain::resolve_zone("", nullptr)->name() == date::current_zone()->name());
}

TEST_CASE("Zone refuses names that are not zones, as date::locate_zone does") {
  for (const auto* name :
       {"", "Europe", "Europe/", "/Europe/Berlin", "Europe//Berlin", "Europe/./Berlin",
        "./Europe/Berlin", "Europe/../Europe/Berlin", "../../../etc/passwd", "posix/Europe/Berlin",
        "right/UTC", "zone.tab", "iso3166.tab", "tzdata.zi", "leapseconds", "Nowhere/City",
        "europe/berlin", "Europe/Berlin ", "Europe\\Berlin"}) {
    INFO('"' << name << '"');
    CHECK(Zone::find(name) == nullptr);
    CHECK_THROWS(date::locate_zone(name));
    CHECK_THROWS_AS(mgr::domain::find_zone(name), mgr::UsageError);
  }
}

TEST_CASE("Zone gives one object per name for the whole run") {
  const auto* first = Zone::find("America/New_York");
  REQUIRE(first != nullptr);
  CHECK(Zone::find("America/New_York") == first);
  CHECK(mgr::domain::find_zone("America/New_York") == first);
  // A backward name is a zone of its own name, with the same rules.
  const auto* eastern = Zone::find("US/Eastern");
  REQUIRE(eastern != nullptr);
  CHECK(eastern != first);
  CHECK(eastern->name() == "US/Eastern");
  const date::sys_seconds summer{date::sys_days{date::year{2026} / 7 / 1}};
  CHECK(eastern->get_info(summer).offset == hours{-4});
}

TEST_CASE("Zone refuses a file that is not TZif, or is cut short") {
  CHECK_THROWS_AS(Zone("X", "not a zone"), std::runtime_error);
  CHECK_THROWS_AS(Zone("X", ""), std::runtime_error);
  std::string berlin;
  {
    std::FILE* file = std::fopen("/usr/share/zoneinfo/Europe/Berlin", "rb");
    REQUIRE(file != nullptr);
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0) berlin.append(buffer, got);
    std::fclose(file);
  }
  REQUIRE(berlin.size() > 100);
  CHECK_NOTHROW(Zone("Europe/Berlin", berlin));
  for (std::size_t cut : {std::size_t{10}, std::size_t{44}, berlin.size() / 2})
    CHECK_THROWS_AS(Zone("Europe/Berlin", std::string_view{berlin}.substr(0, cut)),
                    std::runtime_error);
}
