#pragma once
#include <vector>

namespace mgr::storage {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

// Every schema/NNNN_*.sql file, in order; generated at build time.
const std::vector<Migration>& migrations();

inline int latest_schema_version() {
  const auto& all = migrations();
  return all.empty() ? 0 : all.back().version;
}

}  // namespace mgr::storage
