#pragma once
#include "cli/context.hpp"

namespace mgr::cli {

// `mgr entry edit ID …`: registered under `mgr entry`, beside show and delete.
void register_entry_edit_command(CLI::App& entry, CommandTable& table, Context& ctx);

}  // namespace mgr::cli
