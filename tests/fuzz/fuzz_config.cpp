// The config file reader (cli::parse_config, with toml++ compiled in): any text is a Config or
// a UsageError naming the file; a Config holds only values the README allows, and writing it
// back as TOML and reading that again gives the same Config.
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

#include "cli/config.hpp"
#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "fuzz_support.hpp"

using mgr::cli::Config;

namespace {

bool in_range(int value) {
  return value >= 1 && value <= 10000;
}

void check_values(const Config& config, std::string_view text) {
  const auto& review = config.review;
  fuzz::require(in_range(review.overdue_grace_days) && in_range(review.feedback_window_weeks) &&
                    in_range(review.feedback_every_weeks) && in_range(review.concern_days_max) &&
                    in_range(review.checkins_per_week_max) && in_range(review.self_dev_days),
                "review thresholds are 1 to 10000", text);
  fuzz::require(review.ic_hours_max > 0 && review.ic_hours_max <= 168,
                "review.ic_hours_max is above 0 and at most 168", text);
  fuzz::require(
      mgr::domain::weekday_name(mgr::domain::parse_weekday(config.review_day)) == config.review_day,
      "review_day is mon..sun", text);
  if (!config.timezone.empty()) mgr::domain::find_zone(config.timezone);
  fuzz::require(config.mail.transport == "sendmail" || config.mail.transport == "smtp",
                "the transport is sendmail or smtp", text);
  // An empty file sets nothing, so its sources list every setting once, each as a default.
  static const std::size_t every_setting = mgr::cli::parse_config("", "empty.toml").sources.size();
  fuzz::require(every_setting > 0 && config.sources.size() == every_setting,
                "every setting has a source", text);
}

// A TOML basic string holding exactly `text` (valid UTF-8, as the reader only accepts that).
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The effective settings as a config file, written here rather than by toml++'s own writer,
// which mgr does not use (and which writes a text holding three single quotes as an invalid
// multi-line literal string).
std::string as_toml(const Config& config) {
  const auto& review = config.review;
  const auto& mail = config.mail;
  std::string out;
  if (!config.timezone.empty()) out += "timezone = " + quoted(config.timezone) + "\n";
  out += "review_day = " + quoted(config.review_day) + "\n[review]\n";
  char hours[40];
  std::snprintf(hours, sizeof hours, "%.17g", review.ic_hours_max);
  out += std::string{"ic_hours_max = "} + hours + "\n";
  const std::pair<const char*, int> numbers[] = {
      {"overdue_grace_days", review.overdue_grace_days},
      {"feedback_window_weeks", review.feedback_window_weeks},
      {"feedback_every_weeks", review.feedback_every_weeks},
      {"concern_days_max", review.concern_days_max},
      {"checkins_per_week_max", review.checkins_per_week_max},
      {"self_dev_days", review.self_dev_days}};
  for (const auto& [key, value] : numbers)
    out += std::string{key} + " = " + std::to_string(value) + "\n";
  out += "[mail]\n";
  const std::pair<const char*, const std::string*> texts[] = {
      {"to", &mail.to},
      {"from", &mail.from},
      {"transport", &mail.transport},
      {"sendmail", &mail.sendmail},
      {"smtp_url", &mail.smtp_url},
      {"smtp_user", &mail.smtp_user},
      {"smtp_password_file", &mail.smtp_password_file},
      {"smtp_password_command", &mail.smtp_password_command}};
  for (const auto& [key, value] : texts) out += std::string{key} + " = " + quoted(*value) + "\n";
  return out;
}

bool same_settings(const Config& a, const Config& b) {
  const auto &ra = a.review, &rb = b.review;
  const auto &ma = a.mail, &mb = b.mail;
  return a.timezone == b.timezone && a.review_day == b.review_day &&
         ra.ic_hours_max == rb.ic_hours_max && ra.overdue_grace_days == rb.overdue_grace_days &&
         ra.feedback_window_weeks == rb.feedback_window_weeks &&
         ra.feedback_every_weeks == rb.feedback_every_weeks &&
         ra.concern_days_max == rb.concern_days_max &&
         ra.checkins_per_week_max == rb.checkins_per_week_max &&
         ra.self_dev_days == rb.self_dev_days && ma.to == mb.to && ma.from == mb.from &&
         ma.transport == mb.transport && ma.sendmail == mb.sendmail && ma.smtp_url == mb.smtp_url &&
         ma.smtp_user == mb.smtp_user && ma.smtp_password_file == mb.smtp_password_file &&
         ma.smtp_password_command == mb.smtp_password_command;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  Config config;
  try {
    config = mgr::cli::parse_config(text, "fuzz.toml");
  } catch (const mgr::UsageError& error) {
    fuzz::require(std::string{error.what()}.rfind("fuzz.toml:", 0) == 0,
                  "an error names the file and line", text);
    return 0;
  }
  check_values(config, text);
  const std::string written = as_toml(config);
  Config again;
  try {
    again = mgr::cli::parse_config(written, "written.toml");
  } catch (const mgr::UsageError& error) {
    std::fprintf(stderr, "%s\n%s\n", error.what(), written.c_str());
    fuzz::require(false, "a Config written as TOML reads back", text);
  }
  fuzz::require(same_settings(config, again), "a Config written as TOML reads back the same", text);
  return 0;
}
