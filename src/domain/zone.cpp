#include "domain/zone.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>

namespace mgr::domain {

namespace {

// Where Debian (and the date library, built for it) keeps the tz database.
constexpr std::string_view k_zoneinfo = "/usr/share/zoneinfo";

// The bounds date::time_zone gives the first and the last stretch of a zone.
const date::sys_seconds k_beginning{date::sys_days{date::year::min() / date::January / 1}};
const date::sys_seconds k_end{date::sys_days{date::year::max() / date::December / 31}};

// A name the date library (as Debian builds it) would list as a zone: a relative path of plain
// components, outside the posix/ and right/ copies of the database, its index files, the
// posixrules template and the Factory placeholder. Whether a file of that name
// is a zone is then up to the file.
bool may_name_zone(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const auto part = name.substr(start, end - start);
    if (part.empty() || part.front() == '.' || part == "posix" || part == "right" ||
        part.find(".tab") != std::string_view::npos || part == "+VERSION" || part == "tzdata.zi" ||
        part == "leapseconds" || part == "leap-seconds.list" || part == "posixrules" ||
        part == "Factory")
      return false;
    for (char c : part)
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '_' || c == '-' || c == '+' || c == '.'))
        return false;
    start = end + 1;
  }
  return true;
}

// The whole of a small regular file, or false. O_NONBLOCK: a FIFO placed where a zone file
// should be must not hang the command; it is then refused as not a regular file.
bool read_small_file(const std::string& path, std::string& content) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  struct stat info {};
  bool ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size <= (1 << 20);
  if (ok) {
    content.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (ok && done < content.size()) {
      const auto got = ::read(fd, content.data() + done, content.size() - done);
      if (got > 0)
        done += static_cast<std::size_t>(got);
      else
        ok = false;
    }
  }
  ::close(fd);
  return ok;
}

// Big-endian fields of a TZif file, refusing to read past its end.
class TzifReader {
 public:
  explicit TzifReader(std::string_view data) : m_data(data) {}

  std::string_view take(std::size_t size) {
    if (size > m_data.size() - m_at) throw std::runtime_error("the TZif file is cut short");
    const auto part = m_data.substr(m_at, size);
    m_at += size;
    return part;
  }
  std::int64_t number(std::size_t size) {  // a signed big-endian integer of 4 or 8 bytes
    std::uint64_t value = 0;
    for (char byte : take(size)) value = (value << 8) | static_cast<unsigned char>(byte);
    if (size == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return static_cast<std::int64_t>(value);
  }
  std::size_t count() {
    const auto value = number(4);
    if (value < 0 || value > 100000) throw std::runtime_error("a TZif count is out of range");
    return static_cast<std::size_t>(value);
  }

 private:
  std::string_view m_data;
  std::size_t m_at = 0;
};

struct TzifCounts {
  std::size_t ut_flags, std_flags, leaps, transitions, types, chars;
};

// The 44-byte header: magic, version, 15 reserved bytes, six counts.
TzifCounts read_header(TzifReader& in, char& version) {
  if (in.take(4) != "TZif") throw std::runtime_error("not a TZif file");
  version = in.take(1)[0];
  in.take(15);
  TzifCounts counts{};
  counts.ut_flags = in.count();
  counts.std_flags = in.count();
  counts.leaps = in.count();
  counts.transitions = in.count();
  counts.types = in.count();
  counts.chars = in.count();
  return counts;
}

std::size_t data_size(const TzifCounts& c, std::size_t time_size) {
  return c.transitions * (time_size + 1) + c.types * 6 + c.chars + c.leaps * (time_size + 4) +
         c.std_flags + c.ut_flags;
}

}  // namespace

Zone::Zone(std::string name, std::string_view tzif) : m_name(std::move(name)) {
  TzifReader in{tzif};
  char version = 0;
  auto counts = read_header(in, version);
  std::size_t time_size = 4;
  if (version != '\0') {  // version 2 and later repeat the data with 64-bit times: use those
    in.take(data_size(counts, 4));
    counts = read_header(in, version);
    time_size = 8;
  }
  if (counts.types == 0) throw std::runtime_error("the TZif file has no local time types");

  std::vector<date::sys_seconds> times;
  times.reserve(counts.transitions);
  for (std::size_t i = 0; i < counts.transitions; ++i)
    times.emplace_back(std::chrono::seconds{in.number(time_size)});
  std::vector<std::size_t> type_of;
  type_of.reserve(counts.transitions);
  for (char stored : in.take(counts.transitions)) {
    const auto type = static_cast<unsigned char>(stored);
    if (type >= counts.types) throw std::runtime_error("a TZif transition has no type");
    type_of.push_back(type);
  }
  struct RawType {
    std::int64_t offset;
    bool is_dst;
    std::size_t abbrev_at;
  };
  std::vector<RawType> raw_types;
  for (std::size_t i = 0; i < counts.types; ++i) {
    const auto offset = in.number(4);
    const auto flags = in.take(2);
    raw_types.push_back({offset, flags[0] != 0, static_cast<unsigned char>(flags[1])});
  }
  const auto abbrevs = in.take(counts.chars);
  for (const auto& raw : raw_types) {
    if (raw.abbrev_at > abbrevs.size()) throw std::runtime_error("a TZif abbreviation is missing");
    auto abbrev = abbrevs.substr(raw.abbrev_at);
    abbrev = abbrev.substr(0, abbrev.find('\0'));
    m_periods.push_back({std::chrono::seconds{raw.offset}, raw.is_dst, std::string{abbrev}});
  }
  // Leap second records, standard/wall and UT/local flags: the zones mgr reads (not right/)
  // have no leap seconds, and the flags only matter to POSIX TZ rules.

  // Before its first transition a zone is in its first standard-time type, from the beginning
  // of time: the rule date::time_zone follows.
  if (times.empty() || times.front() != k_beginning) {
    std::size_t first_standard = 0;
    while (first_standard < m_periods.size() && m_periods[first_standard].is_dst) ++first_standard;
    if (first_standard == m_periods.size()) first_standard = 0;
    m_transitions.push_back({k_beginning, first_standard});
  }
  for (std::size_t i = 0; i < times.size(); ++i) m_transitions.push_back({times[i], type_of[i]});
  // A transition that changes nothing is no transition (the date library drops them too), so
  // a stretch's begin and end are real changes.
  for (std::size_t i = m_transitions.size() - 1; i > 0; --i) {
    const auto& now = period_of(i);
    const auto& before = period_of(i - 1);
    if (now.offset == before.offset && now.abbrev == before.abbrev && now.is_dst == before.is_dst)
      m_transitions.erase(m_transitions.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

const Zone* Zone::find(std::string_view name) {
  // Zones are never freed: Clock, people and occurrences hold pointers to them all run long.
  static std::map<std::string, std::unique_ptr<Zone>, std::less<>> loaded;
  if (const auto found = loaded.find(name); found != loaded.end()) return found->second.get();
  if (!may_name_zone(name)) return nullptr;
  std::string content;
  if (!read_small_file(std::string{k_zoneinfo} + '/' + std::string{name}, content)) return nullptr;
  try {
    auto zone = std::make_unique<Zone>(std::string{name}, content);
    return loaded.emplace(std::string{name}, std::move(zone)).first->second.get();
  } catch (const std::runtime_error&) {
    return nullptr;  // a file that is not TZif (such as iso3166.tab's kin) names no zone
  }
}

std::vector<std::string> zone_names() {
  // As the date library lists them: every file under the folder whose name may_name_zone
  // takes (links such as `localtime` and the backward names included), without recursing into
  // the folders it leaves out (posix/, right/).
  const std::filesystem::path root{k_zoneinfo};
  std::vector<std::string> names;
  for (auto item = std::filesystem::recursive_directory_iterator(root);
       item != std::filesystem::recursive_directory_iterator(); ++item) {
    const auto name = item->path().lexically_relative(root).generic_string();
    if (item->is_directory()) {
      if (!may_name_zone(name)) item.disable_recursion_pending();
    } else if (may_name_zone(name)) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string zone_database_version() {
  // tzdata.zi, which Debian's tzdata ships, begins "# version 2026a"; a database built from
  // the upstream sources also has +VERSION.
  const std::filesystem::path root{k_zoneinfo};
  std::string word;
  if (std::ifstream compiled{root / "tzdata.zi"};
      compiled >> word && word == "#" && compiled >> word && word == "version" && compiled >> word)
    return word;
  if (std::ifstream version_file{root / "+VERSION"}; version_file >> word) return word;
  return {};
}

date::sys_info Zone::info_from(std::size_t index) const {
  date::sys_info info;
  const auto& period = period_of(index - 1);
  info.begin = m_transitions[index - 1].at;
  info.end = index < m_transitions.size() ? m_transitions[index].at : k_end;
  info.offset = period.offset;
  info.save = std::chrono::minutes{period.is_dst ? 1 : 0};  // date's OS reader knows no more
  info.abbrev = period.abbrev;
  return info;
}

date::sys_info Zone::get_info(date::sys_seconds instant) const {
  const auto after = std::upper_bound(
      m_transitions.begin(), m_transitions.end(), instant,
      [](date::sys_seconds at, const Transition& transition) { return at < transition.at; });
  return info_from(
      std::max<std::size_t>(1, static_cast<std::size_t>(after - m_transitions.begin())));
}

date::local_info Zone::get_info(date::local_seconds wall) const {
  // The first transition that comes after `wall` read in the offset that transition brings.
  const auto after = std::upper_bound(m_transitions.begin(), m_transitions.end(), wall,
                                      [this](date::local_seconds at, const Transition& transition) {
                                        return date::sys_seconds{at.time_since_epoch()} -
                                                   m_periods[transition.period].offset <
                                               transition.at;
                                      });
  auto index = std::max<std::size_t>(1, static_cast<std::size_t>(after - m_transitions.begin()));
  date::local_info result{};
  result.result = date::local_info::unique;
  result.first = info_from(index);
  auto as_instant = date::sys_seconds{(wall - result.first.offset).time_since_epoch()};
  if (as_instant < result.first.begin + date::days{1} && index > 1) {
    // Just after a change: the stretch before may claim this wall time too (clocks went back).
    result.second = info_from(index - 1);
    as_instant = date::sys_seconds{(wall - result.second.offset).time_since_epoch()};
    if (as_instant < result.second.end) {
      result.result = date::local_info::ambiguous;
      std::swap(result.first, result.second);
    } else {
      result.second = {};
    }
  } else if (as_instant >= result.first.end && index < m_transitions.size()) {
    // Past this stretch's end, yet before the next one begins: the hour the clocks skipped.
    result.second = info_from(index + 1);
    as_instant = date::sys_seconds{(wall - result.second.offset).time_since_epoch()};
    if (as_instant < result.second.begin)
      result.result = date::local_info::nonexistent;
    else
      result.second = {};
  }
  return result;
}

date::sys_seconds Zone::to_sys(date::local_seconds wall, date::choose choose) const {
  const auto info = get_info(wall);
  if (info.result == date::local_info::nonexistent) return info.first.end;
  const auto offset = info.result == date::local_info::ambiguous && choose == date::choose::latest
                          ? info.second.offset
                          : info.first.offset;
  return date::sys_seconds{(wall - offset).time_since_epoch()};
}

}  // namespace mgr::domain
