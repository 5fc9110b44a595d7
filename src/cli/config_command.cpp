// mgr config: every effective setting and where it came from.
#include <fmt/format.h>
#include <sys/stat.h>

#include "cli/common.hpp"
#include "mail/settings.hpp"

namespace mgr::cli {

namespace {

// A password written into smtp_url is only as private as the config file.
void warn_about_exposed_password(Context& ctx) {
  if (!mail::smtp_url_has_password(ctx.config.mail.smtp_url)) return;
  struct stat info {};
  if (::stat(ctx.config.path.c_str(), &info) != 0 || (info.st_mode & (S_IRGRP | S_IROTH)) == 0)
    return;
  ctx.err << "mgr: warning: " << ctx.config.path.string()
          << " holds a password (in mail.smtp_url) and is readable by group or others\n"
          << "hint: chmod 600 " << ctx.config.path.string()
          << ", or move the password to mail.smtp_password_file\n";
}

void show_config(Context& ctx, const std::string& format) {
  warn_about_exposed_password(ctx);
  if (format == "json") {
    nlohmann::json document = nlohmann::json::object();
    for (const auto& setting : ctx.config.sources)
      document[setting.key] = {{"value", setting.value}, {"source", setting.source}};
    return print_json(ctx.out, document);
  }
  for (const auto& setting : ctx.config.sources)
    ctx.out << fmt::format(
        "{:<30} {} ({})\n", setting.key,
        util::pad_to_width(setting.value.empty() ? "(not set)" : shown(setting.value), 40),
        setting.source);
}

}  // namespace

void register_config_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto format = std::make_shared<std::string>("text");
  auto* config = app.add_subcommand("config", "Show every effective setting and its source");
  add_format_option(config, *format, {"text", "json"});
  table.add(config, [&ctx, format] { show_config(ctx, *format); });
}

}  // namespace mgr::cli
