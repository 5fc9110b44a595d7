#pragma once
// What `mgr doctor` asks SQLite about a database file.
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace mgr::storage {

// The rows of PRAGMA integrity_check: just "ok" for a sound file. When the check stops part way
// on a damaged file, the rows so far and then why it stopped; a Failure naming the file when it
// cannot even start. Runs on its own, outside Database::read(): on a damaged file the read
// transaction's COMMIT fails after the check has reported, which would lose its rows.
std::vector<std::string> integrity_messages(Database& db);

// Inside Database::read(): one line per row of PRAGMA foreign_key_check: "entry_people row 3 refers
// to a missing people row".
std::vector<std::string> foreign_key_violations(Database& db);

}  // namespace mgr::storage
