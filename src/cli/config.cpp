#include "cli/config.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "cli/toml_screen.hpp"
#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"

namespace mgr::cli {

namespace {

std::string format_number(double value) {
  std::string text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string join(const std::vector<std::string>& names) {
  std::string joined;
  for (const auto& name : names) joined += (joined.empty() ? "" : ",") + name;
  return joined;
}

// A mail setting as `mgr config` shows it: never a secret. The password command may name a
// secret store's path, so it is only shown as set; a password inside smtp_url becomes ***.
std::string shown_mail_value(std::string_view key, const std::string& value) {
  if (key == "smtp_password_command") return value.empty() ? "" : "(set)";
  if (key == "smtp_url") return mail::smtp_url_for_display(value);
  return value;
}

class ConfigReader {
 public:
  ConfigReader(const std::filesystem::path& path, Config& config)
      : m_path(path), m_config(config) {}

  [[noreturn]] void fail(const toml::node& node, const std::string& key, const std::string& why) {
    throw UsageError(m_path.string() + ":" + std::to_string(node.source().begin.line) + ": key '" +
                         key + "': " + why,
                     "see the config section of `mgr --help` or the README");
  }

  std::string text(const toml::node& node, const std::string& key) {
    if (!node.is_string()) fail(node, key, "expected a string");
    return std::string{*node.value<std::string>()};
  }

  int positive_int(const toml::node& node, const std::string& key) {
    if (!node.is_integer()) fail(node, key, "expected a whole number");
    const auto value = *node.value<int64_t>();
    if (value <= 0 || value > 10000) fail(node, key, "expected a number from 1 to 10000");
    return static_cast<int>(value);
  }

  double positive_number(const toml::node& node, const std::string& key) {
    if (!node.is_integer() && !node.is_floating_point()) fail(node, key, "expected a number");
    const double value = *node.value<double>();
    if (!(value > 0) || value > 168) fail(node, key, "expected a number above 0 and at most 168");
    return value;
  }

  void read(const toml::table& root) {
    for (const auto& [name, node] : root) {
      const std::string key{name.str()};
      if (key == "timezone") {
        m_config.timezone = text(node, key);
        try {
          domain::find_zone(m_config.timezone);
        } catch (const UsageError&) {
          fail(node, key, "unknown time zone '" + m_config.timezone + "'");
        }
        record(key, m_config.timezone);
      } else if (key == "review_day") {
        const std::string day = text(node, key);
        try {
          m_config.review_day = domain::weekday_name(domain::parse_weekday(day));
        } catch (const UsageError&) {
          fail(node, key, "expected mon..sun, got '" + day + "'");
        }
        record(key, m_config.review_day);
      } else if (key == "workdays") {
        m_config.workdays = workdays(node, key);
        record(key, join(m_config.workdays.names()));
      } else if (key == "review") {
        if (!node.is_table()) fail(node, key, "expected a table [review]");
        read_review(*node.as_table());
      } else if (key == "mail") {
        if (!node.is_table()) fail(node, key, "expected a table [mail]");
        read_mail(*node.as_table());
      } else {
        fail(node, key, "unknown key");
      }
    }
  }

  std::map<std::string, std::string> file_values;

 private:
  domain::Workdays workdays(const toml::node& node, const std::string& key) {
    const auto* array = node.as_array();
    if (array == nullptr) fail(node, key, "expected a list of days such as [\"mon\", \"tue\"]");
    std::vector<std::string> names;
    for (const auto& day : *array) names.push_back(text(day, key));
    try {
      return domain::Workdays::from_names(names);
    } catch (const UsageError& error) {
      fail(node, key, error.what());
    }
  }
  void record(const std::string& key, const std::string& value) { file_values[key] = value; }

  void read_review(const toml::table& table) {
    auto& review = m_config.review;
    const std::map<std::string, int*> whole_numbers = {
        {"overdue_grace_days", &review.overdue_grace_days},
        {"feedback_window_weeks", &review.feedback_window_weeks},
        {"feedback_every_weeks", &review.feedback_every_weeks},
        {"concern_days_max", &review.concern_days_max},
        {"checkins_per_week_max", &review.checkins_per_week_max},
        {"self_dev_days", &review.self_dev_days},
        {"promise_grace_days", &review.promise_grace_days}};
    for (const auto& [name, node] : table) {
      const std::string key = "review." + std::string{name.str()};
      if (name.str() == "ic_hours_max") {
        review.ic_hours_max = positive_number(node, key);
        record(key, format_number(review.ic_hours_max));
      } else if (auto found = whole_numbers.find(std::string{name.str()});
                 found != whole_numbers.end()) {
        *found->second = positive_int(node, key);
        record(key, std::to_string(*found->second));
      } else {
        fail(node, key, "unknown key");
      }
    }
  }

  void read_mail(const toml::table& table) {
    auto& mail = m_config.mail;
    const std::map<std::string, std::string*> strings = {
        {"to", &mail.to},
        {"from", &mail.from},
        {"subject", &mail.subject},
        {"transport", &mail.transport},
        {"sendmail", &mail.sendmail},
        {"smtp_url", &mail.smtp_url},
        {"smtp_user", &mail.smtp_user},
        {"smtp_password_file", &mail.smtp_password_file},
        {"smtp_password_command", &mail.smtp_password_command},
        {"smtp_ca_file", &mail.smtp_ca_file},
        {"smtp_tls", &mail.smtp_tls}};
    for (const auto& [name, node] : table) {
      const std::string key = "mail." + std::string{name.str()};
      if (name.str() == "smtp_timeout") {
        if (!node.is_integer()) fail(node, key, "expected a whole number of seconds");
        const auto seconds = *node.value<int64_t>();
        if (seconds < 1 || seconds > 600) fail(node, key, "expected 1 to 600 seconds");
        mail.smtp_timeout_seconds = static_cast<int>(seconds);
        record(key, std::to_string(seconds));
        continue;
      }
      auto found = strings.find(std::string{name.str()});
      if (found == strings.end()) fail(node, key, "unknown key");
      *found->second = text(node, key);
      if (name.str() == "transport" && mail.transport != "sendmail" && mail.transport != "smtp")
        fail(node, key, "expected \"sendmail\" or \"smtp\", got '" + mail.transport + "'");
      if (name.str() == "smtp_tls" && mail.smtp_tls != "auto" && mail.smtp_tls != "required")
        fail(node, key, "expected \"auto\" or \"required\", got '" + mail.smtp_tls + "'");
      record(key, shown_mail_value(name.str(), *found->second));
    }
  }

  const std::filesystem::path& m_path;
  Config& m_config;
};

// What a path that is not a regular file is, for the error; never opened, so a FIFO cannot
// make mgr wait.
std::string kind_of(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  switch (type) {
    case file_type::directory:
      return "a directory";
    case file_type::fifo:
      return "a FIFO";
    case file_type::character:
    case file_type::block:
      return "a device";
    case file_type::socket:
      return "a socket";
    default:
      return "something else";
  }
}

// Every effective setting with its source, after the file (if any) was read.
void record_sources(Config& config, const std::map<std::string, std::string>& file_values) {
  const auto& review = config.review;
  const auto& mail = config.mail;
  const std::vector<std::pair<std::string, std::string>> effective = {
      {"timezone", config.timezone},
      {"review_day", config.review_day},
      {"workdays", join(config.workdays.names())},
      {"review.ic_hours_max", format_number(review.ic_hours_max)},
      {"review.overdue_grace_days", std::to_string(review.overdue_grace_days)},
      {"review.feedback_window_weeks", std::to_string(review.feedback_window_weeks)},
      {"review.feedback_every_weeks", std::to_string(review.feedback_every_weeks)},
      {"review.concern_days_max", std::to_string(review.concern_days_max)},
      {"review.checkins_per_week_max", std::to_string(review.checkins_per_week_max)},
      {"review.self_dev_days", std::to_string(review.self_dev_days)},
      {"review.promise_grace_days", std::to_string(review.promise_grace_days)},
      {"mail.to", mail.to},
      {"mail.from", mail.from},
      {"mail.subject", mail.subject},
      {"mail.transport", mail.transport},
      {"mail.sendmail", mail.sendmail},
      {"mail.smtp_url", shown_mail_value("smtp_url", mail.smtp_url)},
      {"mail.smtp_user", mail.smtp_user},
      {"mail.smtp_password_file", mail.smtp_password_file},
      {"mail.smtp_password_command",
       shown_mail_value("smtp_password_command", mail.smtp_password_command)},
      {"mail.smtp_ca_file", mail.smtp_ca_file},
      {"mail.smtp_tls", mail.smtp_tls},
      {"mail.smtp_timeout", std::to_string(mail.smtp_timeout_seconds)}};
  for (const auto& [key, value] : effective) {
    const bool from_file = file_values.count(key) != 0;
    config.sources.push_back({key, value, from_file ? "file" : "default"});
  }
}

}  // namespace

Config parse_config(std::string_view text, const std::filesystem::path& path) {
  Config config;
  config.path = path;
  config.file_exists = true;
  if (const auto line = line_of_unsafe_non_ascii(text))
    throw UsageError(
        path.string() + ":" + std::to_string(*line) +
            ": a non-ASCII character outside a quoted string (or just after a backslash in one)",
        "put text in double quotes, e.g. to = \"Zoë <zoe@example.com>\"");
  toml::table root;
  try {
    root = toml::parse(text, path.string());
  } catch (const toml::parse_error& error) {
    throw UsageError(path.string() + ":" + std::to_string(error.source().begin.line) + ": " +
                     std::string{error.description()});
  }
  ConfigReader reader{path, config};
  reader.read(root);
  record_sources(config, reader.file_values);
  return config;
}

Config load_config(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    Config config;
    config.path = path;
    record_sources(config, {});
    return config;
  }
  // A FIFO or a device would block or never end; a folder is a mistake. Never opened.
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::is_regular_file(status))
    throw UsageError(
        "config '" + path.string() + "' is " + kind_of(status.type()) + ", not a regular file",
        "point --config or MGR_CONFIG at a TOML file, or at a path with no file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof())
    throw UsageError("cannot read config file '" + path.string() + "'",
                     "check that it is a readable file, or point --config at another");
  auto config = parse_config(text.str(), path);
  const auto others = std::filesystem::perms::group_read | std::filesystem::perms::others_read;
  if (mail::smtp_url_has_password(config.mail.smtp_url) &&
      (status.permissions() & others) != std::filesystem::perms::none)
    config.warnings.push_back("the config " + path.string() +
                              " holds a password in mail.smtp_url and others can read it; "
                              "chmod 600 it, or use smtp_password_file");
  return config;
}

}  // namespace mgr::cli
