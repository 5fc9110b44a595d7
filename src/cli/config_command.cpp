// mgr config: every effective setting and where it came from.
#include <fmt/format.h>

#include "cli/common.hpp"

namespace mgr::cli {

namespace {

void show_config(Context& ctx, const std::string& format) {
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
