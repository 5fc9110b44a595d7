#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/review_policy.hpp"
#include "mail/settings.hpp"

namespace mgr::cli {

// One line of `mgr config`: an effective setting and where it came from.
struct SettingSource {
  std::string key;
  std::string value;
  std::string source;  // default | file | env | flag
};

struct Config {
  std::filesystem::path path;
  bool file_exists = false;
  std::string timezone;  // empty: TZ, else the system zone
  std::string review_day = "fri";
  domain::Workdays workdays;
  domain::ReviewPolicy review;
  mail::MailSettings mail;
  std::vector<SettingSource> sources;
  std::vector<std::string> warnings;  // printed on stderr, one line each
};

// Reads the TOML file at `path`; a missing file means all defaults. Something other than a
// regular file (a directory, a FIFO, a device), an unknown key, a value of the wrong type or a
// TOML syntax error throws UsageError naming the file (and the line and key).
Config load_config(const std::filesystem::path& path);

// The same for the text of a config file that exists; `path` only names it in errors. The
// fuzzer feeds this arbitrary bytes: it returns a Config or throws UsageError, nothing else.
Config parse_config(std::string_view text, const std::filesystem::path& path);

}  // namespace mgr::cli
