// mgr demo: a sample team with eight weeks of history in its own database.
#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

void register_demo_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto* demo = app.add_subcommand("demo", "Create a sample team with eight weeks of history");
  table.add(demo, [&ctx] { throw Failure("demo is not written yet"); });
}

}  // namespace mgr::cli
