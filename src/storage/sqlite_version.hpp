#pragma once
// The SQLite library mgr runs with, for `mgr --version`.
#include <string>

namespace mgr::storage {

// "3.40.1": the version of the loaded library, which may differ from the headers built with.
std::string sqlite_library_version();

}  // namespace mgr::storage
