// mgr backup: a consistent copy of the database while it stays in use.
#include <fmt/format.h>
#include <sys/stat.h>

#include "cli/common.hpp"
#include "domain/errors.hpp"
#include "storage/backup.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;

void make_private_folder(const fs::path& folder) {
  std::error_code ec;
  if (fs::is_directory(folder, ec)) return;
  fs::create_directories(folder, ec);
  if (ec) throw Failure("cannot create folder '" + folder.string() + "': " + ec.message());
  ::chmod(folder.c_str(), 0700);
}

// A new file in `folder` named after the local time, numbered when a copy of that second exists.
fs::path timestamped_file_in(const fs::path& folder, const Context& ctx) {
  std::error_code ec;
  for (int copy = 1;; ++copy) {
    fs::path candidate = folder / storage::backup_file_name(ctx.clock.local_now(), copy);
    if (!fs::exists(candidate, ec)) return candidate;
  }
}

// DEST may be a file, a folder (the copy gets a timestamped name in it) or nothing (a
// timestamped name in the `backups` folder beside the database, created 0700).
fs::path choose_destination(const Context& ctx, const std::string& dest) {
  if (dest.empty()) {
    const fs::path folder = storage::default_backup_folder(ctx.db_path);
    make_private_folder(folder);
    return timestamped_file_in(folder, ctx);
  }
  std::error_code ec;
  fs::path given{dest};
  if (fs::is_directory(given, ec)) return timestamped_file_in(given, ctx);
  const fs::path folder = given.parent_path().empty() ? fs::path(".") : given.parent_path();
  if (!fs::is_directory(folder, ec))
    throw UsageError("folder '" + folder.string() + "' of the backup '" + dest + "' does not exist",
                     "create it first, or name an existing folder");
  return given;
}

void back_up(Context& ctx, const std::string& dest) {
  auto db = storage::Database::open_unchanged(ctx.db_path);
  if (!db)
    throw Failure("there is no mgr database at " + ctx.db_path.string() + " to back up",
                  "point --db or MGR_DB at your database; `mgr config` shows which one is used");
  const auto copy = storage::backup_database(*db, choose_destination(ctx, dest));
  ctx.out << fmt::format("backed up {} to {} ({} KiB)\n", ctx.db_path.string(), copy.file.string(),
                         (copy.bytes + 1023) / 1024);
}

}  // namespace

void register_backup_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto dest = std::make_shared<std::string>();
  auto* backup =
      app.add_subcommand("backup", "Copy the database safely, even while it is in use (0600)");
  backup->add_option("dest", *dest, "File or folder for the copy (default: see below)");
  backup->footer(
      "Without DEST the copy goes to the `backups` folder beside the database\n"
      "(created 0700), named after the local time: mgr-backup-20261127-083000.db. A\n"
      "folder as DEST gets the same name inside it. The copy is one consistent\n"
      "snapshot (SQLite's online backup API), taken while other commands go on\n"
      "writing, and written under a temporary name and then renamed: DEST is complete\n"
      "or absent. DEST is replaced only when it is an earlier backup.\n"
      "To restore: stop using mgr, move the database and its -wal/-shm files aside,\n"
      "copy the backup to the database's path, and run `mgr doctor` (README: Backup\n"
      "and restore).\n"
      "\n" +
      backup->get_footer());
  table.add(backup, [&ctx, dest] { back_up(ctx, *dest); });
}

}  // namespace mgr::cli
