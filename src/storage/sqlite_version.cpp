#include "storage/sqlite_version.hpp"

#include <sqlite3.h>

namespace mgr::storage {

std::string sqlite_library_version() {
  return sqlite3_libversion();
}

}  // namespace mgr::storage
