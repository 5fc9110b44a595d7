// mgr import: a JSON export back into a database, all of it or nothing.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "cli/archive_json.hpp"
#include "cli/common.hpp"
#include "domain/archive_import.hpp"
#include "storage/archive.hpp"

namespace mgr::cli {

namespace {

// The file (or standard input for `-`), read as the parser goes; a file that is not there is
// bad input.
domain::Archive read_file(Context& ctx, const std::string& file) {
  if (file == "-") {
    if (ctx.stdin_taken) throw UsageError("standard input was read already");
    ctx.stdin_taken = true;
    return read_archive_json(ctx.in);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string why = error != 0 ? std::strerror(error) : "cannot open it";
    if (error == ENOENT || error == EISDIR || error == ENOTDIR)
      throw UsageError("cannot read import file " + util::quoted(file) + ": " + why);
    throw Failure("cannot read import file " + util::quoted(file) + ": " + why);
  }
  try {
    return read_archive_json(in);
  } catch (const UsageError&) {
    // A file that breaks off because it could not be read is not a bad export.
    if (in.bad()) throw Failure("cannot read import file " + util::quoted(file));
    throw;
  }
}

std::string outcome(const domain::ImportCounts& counts, bool dry_run) {
  const auto added = counts.total_added();
  const auto unchanged = counts.total_unchanged();
  std::string line = added == 0 ? std::string{dry_run ? "would add nothing" : "added nothing"}
                                : fmt::format("{} {}", dry_run ? "would add" : "added",
                                              domain::records_in_words(counts.added));
  if (unchanged > 0)
    line +=
        fmt::format("; {} record{} already there", unchanged, unchanged == 1 ? " was" : "s were");
  return line;
}

void import_file(Context& ctx, const std::string& file, bool dry_run) {
  domain::Archive archive;
  try {
    archive = read_file(ctx, file);
  } catch (const UsageError& error) {
    throw UsageError("import file " + util::quoted(file) + ": " + error.what(), error.hint());
  }
  const std::string name = file == "-" ? "standard input" : shown(file);
  if (dry_run) {
    auto db = ctx.open_for_reading(true);
    domain::ImportBase base;
    if (db) base = db->read([&] { return storage::import_base(*db, archive); });
    const auto plan = domain::plan_import(std::move(archive), base);
    ctx.out << fmt::format("{} is a valid export; importing it {}; nothing was written\n", name,
                           outcome(plan.counts, true));
    return;
  }
  bool added = false;
  change_and_confirm(ctx, {}, [&](storage::Store& store) {
    auto& db = store.database();
    const auto base = storage::import_base(db, archive);
    const auto plan = domain::plan_import(std::move(archive), base);
    storage::write_import(db, plan);
    added = plan.counts.total_added() > 0;
    return fmt::format("imported {}: {}", name, outcome(plan.counts, false));
  });
  // Not part of the confirmation, which is also what `mgr undo` says it undid.
  if (added) ctx.out << "`mgr undo` takes them out again\n";
}

}  // namespace

void register_import_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  struct Options {
    std::string file;
    bool dry_run = false;
  };
  auto options = std::make_shared<Options>();
  auto* command =
      app.add_subcommand("import", "Read a JSON export (from `mgr export`) into the database");
  command->add_option("FILE", options->file, "The export (- reads standard input)")->required();
  command->add_flag("--dry-run", options->dry_run,
                    "Check the file and say what it would add; write nothing");
  command->footer(
      "Every record is checked first (format version, dates, handles, references, ids);\n"
      "then all of it is written in one transaction, or nothing is and the first bad\n"
      "record is named. Every id is kept. A record the database already holds\n"
      "identically is skipped, so importing a file twice changes nothing; a record that\n"
      "differs from the one with the same id (or handle, or month) is refused. One\n"
      "import is one change for `mgr undo`.");
  table.add(command, [&ctx, options] { import_file(ctx, options->file, options->dry_run); });
}

}  // namespace mgr::cli
