#pragma once
// The whole database as an archive (domain/archive.hpp), for `mgr export`, `mgr import` and
// `mgr person forget`. Every function here runs inside Database::read() or write().
#include "domain/archive.hpp"
#include "domain/archive_import.hpp"
#include "storage/database.hpp"

namespace mgr::storage {

// Hands every table to `sink`, each in the order of its ids (reminders by day, item and
// person; self-checks by month), reading row by row: nothing is held beyond the record at hand.
void read_archive(Database& db, domain::ArchiveSink& sink);

// What the database holds that an import of `incoming` must agree with (plan_import): the
// records sharing a key with the file and the kinds of the file's ids already handed out.
domain::ImportBase import_base(Database& db, const domain::Archive& incoming);

// Writes what plan_import decided to add, in one go (inside write()), keeping every id; the id
// sequence moves on to the plan's last_id. When a change is open (begin_change), the import is
// journaled as that one change: `mgr undo` removes exactly the records it added.
void write_import(Database& db, const domain::ImportPlan& plan);

}  // namespace mgr::storage
