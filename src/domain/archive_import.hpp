#pragma once
// `mgr import`: what an archive adds to a database, what it already holds, and what conflicts.
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "domain/archive.hpp"

namespace mgr::domain {

// What a number of the one id space was handed out for.
enum class IdKind { entry, topic, action };
std::string_view name_of(IdKind kind);

// What the database holds that an import must agree with: its records that share an id, a
// handle or a month with the file, and the kinds the ids of the file were handed out for here.
struct ImportBase {
  Archive existing;
  std::unordered_map<std::int64_t, IdKind> handed_out;
  std::int64_t last_id = 0;
};

struct ImportCounts {
  std::array<std::size_t, k_sections.size()> added{};
  std::array<std::size_t, k_sections.size()> unchanged{};

  std::size_t total_added() const;
  std::size_t total_unchanged() const;
};

struct ImportPlan {
  Archive additions;  // only what is new; last_id is the database's new one
  ImportCounts counts;
  // Every person of the file by handle, for the records that refer to them (the file's ids
  // are kept, so a person already there has the same id).
  std::unordered_map<std::string, PersonId> person_ids;
};

// The import of `incoming` (already checked with check_archive) into a database holding
// `base`. A record identical to the one the database holds is left as it is, so importing the
// same file twice changes nothing; a record that differs from it (same id, handle or month,
// other values), a handle that is another person's, or an id handed out here for another kind
// of thing is refused (UsageError naming the record). An id this database handed out for the
// same kind of thing but no longer holds (deleted, or undone) may be filled. An archive of one
// person is refused.
ImportPlan plan_import(Archive incoming, const ImportBase& base);

}  // namespace mgr::domain
