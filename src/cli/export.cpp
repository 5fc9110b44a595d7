// mgr export: everything in the database, or everything about one person, as JSON or CSV.
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <fstream>
#include <memory>
#include <system_error>

#include "cli/archive_csv.hpp"
#include "cli/archive_json.hpp"
#include "cli/common.hpp"
#include "domain/mentions.hpp"
#include "storage/archive.hpp"
#include "util/pending_file.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;

struct ExportOptions {
  std::string format = "json";
  std::string person;
  std::string output;
};

// Passes records on and counts them per table, for the line that says what was written.
class Counting : public domain::ArchiveSink {
 public:
  explicit Counting(domain::ArchiveSink& next) : m_next(next) {}
  std::array<std::size_t, domain::k_sections.size()> counts{};

  void begin(const domain::Archive& header) override { m_next.begin(header); }
  void begin_section(domain::Section section) override {
    m_section = static_cast<std::size_t>(section);
    m_next.begin_section(section);
  }
  void add(const domain::PersonRecord& r) override { pass(r); }
  void add(const domain::TimeAwayRecord& r) override { pass(r); }
  void add(const domain::Entry& r) override { pass(r); }
  void add(const domain::ConcernRecord& r) override { pass(r); }
  void add(const domain::DelegationRecord& r) override { pass(r); }
  void add(const domain::TopicRecord& r) override { pass(r); }
  void add(const domain::ActionRecord& r) override { pass(r); }
  void add(const domain::SkipRecord& r) override { pass(r); }
  void add(const domain::MoveRecord& r) override { pass(r); }
  void add(const domain::ReminderSentRecord& r) override { pass(r); }
  void add(const domain::SelfCheckRecord& r) override { pass(r); }
  void end_section(domain::Section section) override { m_next.end_section(section); }
  void end() override { m_next.end(); }

 private:
  template <typename Record>
  void pass(const Record& record) {
    ++counts[m_section];
    m_next.add(record);
  }
  domain::ArchiveSink& m_next;
  std::size_t m_section = 0;
};

std::unique_ptr<domain::ArchiveSink> writer_for(const std::string& format, std::ostream& out) {
  if (format == "csv") return std::make_unique<CsvArchiveWriter>(out);
  return std::make_unique<JsonArchiveWriter>(out);
}

// Reads the database into `sink`: all of it, or what is about one person.
void read_into(std::optional<storage::Database>& db, const std::string& handle,
               domain::ArchiveSink& sink) {
  if (!db) {
    if (!handle.empty()) throw UsageError(unknown_person(handle));
    // No database yet: an export of nothing, which imports as nothing.
    sink.begin(domain::Archive{});
    for (const auto section : domain::k_sections) {
      sink.begin_section(section);
      sink.end_section(section);
    }
    return sink.end();
  }
  storage::Store store{*db};
  db->read([&] {
    if (handle.empty()) return storage::read_archive(*db, sink);
    const auto person = require_person(store, handle);
    const auto terms = domain::mention_terms(person, store.list_people(true));
    domain::SubjectFilter about{person.handle, terms.terms, sink};
    storage::read_archive(*db, about);
  });
}

// The output file may not be the database (or one of its side files).
void check_output(const Context& ctx, const fs::path& output) {
  std::error_code ec;
  if (fs::is_directory(output, ec))
    throw UsageError("--output '" + output.string() + "' is a folder", "name a file in it");
  for (const char* suffix : {"", "-wal", "-shm"})
    if (fs::equivalent(output, ctx.db_path.string() + suffix, ec))
      throw UsageError("--output '" + output.string() + "' is the database itself",
                       "write the export to another file");
  const auto folder = output.parent_path().empty() ? fs::path(".") : output.parent_path();
  if (!fs::is_directory(folder, ec))
    throw UsageError("folder '" + folder.string() + "' of --output does not exist",
                     "create it first, or name a file in an existing folder");
}

void export_data(Context& ctx, const ExportOptions& options) {
  const bool to_stdout = options.output.empty() || options.output == "-";
  if (!to_stdout) check_output(ctx, options.output);
  auto db = ctx.open_for_reading(true);
  if (to_stdout) {
    auto writer = writer_for(options.format, ctx.out);
    return read_into(db, options.person, *writer);
  }
  // Written under a temporary name (0600) and renamed into place once complete: the file is
  // the whole export or absent, never a part of one.
  try {
    util::PendingFile pending{options.output};
    std::array<std::size_t, domain::k_sections.size()> counts{};
    {
      std::ofstream out(pending.path(), std::ios::binary | std::ios::trunc);
      auto writer = writer_for(options.format, out);
      Counting counting{*writer};
      read_into(db, options.person, counting);
      counts = counting.counts;
      out.flush();
      if (!out)
        throw std::system_error(errno, std::generic_category(),
                                "cannot write '" + options.output + "'");
    }
    pending.commit();
    const auto records = domain::records_in_words(counts);
    ctx.out << fmt::format("exported {} to {}\n", records.empty() ? "nothing" : records,
                           shown(options.output));
  } catch (const std::system_error& error) {
    throw Failure(error.what());
  }
}

}  // namespace

void register_export_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto options = std::make_shared<ExportOptions>();
  auto* command = app.add_subcommand(
      "export", "Write all your data, or everything about one person, as JSON or CSV");
  add_format_option(command, options->format, {"json", "csv"});
  command
      ->add_option("--person", options->person,
                   "Only what is about this person (for a subject-access request)")
      ->type_name("HANDLE");
  command->add_option("--output", options->output, "Write to this file (0600) instead of stdout")
      ->type_name("FILE");
  command->footer(
      "JSON holds every table (people, time_away, entries, concerns, delegations, topics,\n"
      "actions, skips, moves, reminders_sent, self_checks) with every id, and `mgr import`\n"
      "reads it back. CSV gives one section per table. --person keeps their profile and\n"
      "everything that is theirs or mentions them by handle or name: exactly what\n"
      "`mgr person forget` would remove or rewrite. The undo history is not exported.");
  table.add(command, [&ctx, options] { export_data(ctx, *options); });
}

}  // namespace mgr::cli
