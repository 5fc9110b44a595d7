#pragma once
// `mgr person forget`: removing a person so that no byte of them stays in the file.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "domain/forget.hpp"
#include "storage/database.hpp"

namespace mgr::storage {

// Carries out the plan inside write(), with SQLite's secure_delete on (what is deleted is
// overwritten with zeros, not just unlinked): removes the entries and the person (and with
// them everything that is theirs), rewrites the records that mentioned them, and clears the
// whole change journal, whose undo statements hold old values of rows. Must run with no change
// open, so that nothing of it is journaled. Returns how many changes the journal held.
std::int64_t apply_forget(Database& db, const domain::ForgetPlan& plan);

// After apply_forget committed, outside any transaction: moves everything from the -wal into the
// file and empties the -wal, rebuilds the file without free pages (VACUUM), and empties the -wal
// again. Returns false when another program kept the -wal from being emptied (it reads the
// database right now); throws Failure or TemporaryFailure naming the file if a step fails.
bool clear_free_space(Database& db);

// How many changes the undo history holds (inside read() or write()).
std::int64_t journal_changes(Database& db);

// How often each term occurs in the file, byte by byte, ASCII letters compared without case;
// nothing for a file that cannot be read.
std::vector<std::size_t> count_terms_in_file(const std::filesystem::path& file,
                                             const std::vector<std::string>& terms);

// How often a term occurs, ASCII case folded, in one file of the database.
struct TermFound {
  std::filesystem::path file;
  std::string term;
  std::size_t count = 0;
};
// Searches the database file and its -wal (when there is one) byte by byte for each term.
std::vector<TermFound> search_database_files(const Database& db,
                                             const std::vector<std::string>& terms);

}  // namespace mgr::storage
