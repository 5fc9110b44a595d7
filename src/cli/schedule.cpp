// The scheduler: mgr schedule [--ics] | schedule skip | today | prep.
#include "cli/common.hpp"

namespace mgr::cli {

void register_schedule_commands(CLI::App&, CommandTable&, Context&) {}

}  // namespace mgr::cli
