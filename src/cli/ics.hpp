#pragma once
#include <string>

#include "cli/context.hpp"

namespace mgr::cli {

// `mgr schedule --ics`: the upcoming 1:1 slots of the next `weeks` weeks as an iCalendar file,
// to stdout or (atomically, mode 0600) to `output`.
void export_ics(Context& ctx, int weeks, const std::string& output);

}  // namespace mgr::cli
