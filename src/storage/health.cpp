#include "storage/health.hpp"

#include <sstream>

#include "domain/errors.hpp"
#include "storage/statements.hpp"

namespace mgr::storage {

std::vector<std::string> integrity_messages(Database& db) {
  std::vector<std::string> messages;
  try {
    // Deliberately not storage::statement(): see the header.
    SQLite::Statement query{db.handle(), "PRAGMA integrity_check"};
    while (query.executeStep()) {
      // One row can hold several problems, one a line, under a "*** in database main ***" line.
      std::istringstream lines{query.getColumn(0).getString()};
      for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line.rfind("*** ", 0) != 0) messages.push_back(line);
    }
  } catch (const SQLite::Exception& stopped) {
    if (messages.empty())
      throw Failure("database '" + db.path().string() + "' is damaged: " + stopped.what());
    // On a badly damaged file the check can report some problems and then stop at the next.
    messages.push_back(std::string{"the check stopped: "} + stopped.what());
  }
  return messages;
}

std::vector<std::string> foreign_key_violations(Database& db) {
  // Columns: the table, the rowid (NULL for a WITHOUT ROWID table), the parent table, the key.
  auto query = statement(db.handle(), "PRAGMA foreign_key_check");
  std::vector<std::string> violations;
  while (query.executeStep()) {
    std::string line = query.getColumn(0).getString();
    if (!query.getColumn(1).isNull()) line += " row " + query.getColumn(1).getString();
    line += " refers to a missing " + query.getColumn(2).getString() + " row";
    violations.push_back(line);
  }
  return violations;
}

}  // namespace mgr::storage
