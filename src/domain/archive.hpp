#pragma once
// The archive: everything a database holds for the user, as typed records, table by table. It is
// what `mgr export` writes and `mgr import` reads (the JSON and CSV forms are in cli), and what
// `mgr person forget` decides from. The change journal (undo history) is not part of it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace mgr::domain {

// The archive format's version; a file of another version is refused by name.
inline constexpr int k_archive_version = 1;

using SkipId = Id<struct SkipTag>;
using MoveId = Id<struct MoveTag>;

// A person with their own id (kept across export and import) and when they were added. Their
// time away is a table of its own; `person.away` is not used here.
struct PersonRecord {
  Person person;
  Instant created_at;
};

struct TimeAwayRecord {
  AwayId id;
  std::string person;  // handle
  Date from;
  Date to;
  std::string reason;
};

// A concern shares its id with the `concern` entry that opened it; its people are the entry's.
struct ConcernRecord {
  ConcernId id;
  std::string text;
  Date opened;
  ConcernStatus status = ConcernStatus::open;
  std::optional<Date> closed;
  std::string close_note;
};

// A delegation shares its id with its `delegate` entry.
struct DelegationRecord {
  DelegationId id;
  std::string person;
  std::string outcome;
  std::string why;
  std::optional<Date> due;
  Cadence checkin = k_weekly;
  std::string constraints;
  Date created;
  DelegationStatus status = DelegationStatus::open;
  std::optional<Date> closed;
  std::string close_note;
};

struct TopicRecord {
  TopicId id;
  std::string person;
  std::string text;
  Date created;
  TopicStatus status = TopicStatus::open;
  std::optional<Date> closed;
  std::optional<EntryId> covered_by;  // the 1:1 that covered it
};

struct ActionRecord {
  ActionId id;
  std::string person;
  Owner owner = Owner::me;
  std::string text;
  Date created;
  std::optional<Date> due;
  ActionStatus status = ActionStatus::open;
  std::optional<Date> done;
  std::optional<EntryId> agreed_in;  // the 1:1 that agreed it
};

struct SkipRecord {
  SkipId id;
  std::string person;
  Date regular;  // the occurrence of the series that does not take place
  std::string reason;
  Instant logged_at;
};

struct MoveRecord {
  MoveId id;
  std::string person;
  Date regular;
  Date to;
  std::optional<Minutes> time;  // in the user's zone
  Instant logged_at;
};

// One reminder item e-mailed for a day; `item` names the thing ("1on1:2026-11-23",
// "action:42", "review"), `person` is the 1:1's handle or empty.
struct ReminderSentRecord {
  Date day;
  std::string item;
  std::string person;
  Instant sent_at;
  std::string message_id;
};
// The id of the one id space a reminder item names ("action:42" -> 42), or 0 ("review",
// "1on1:2026-11-23").
std::int64_t reminder_item_id(const std::string& item);

// The monthly self-check: seven answers from 1 to 5, in the order of k_self_check_questions.
struct SelfCheckRecord {
  date::year_month month = date::year{1970} / 1;
  Date date;
  std::array<int, 7> answers{};
  std::string note;
  Instant logged_at;
};
inline constexpr std::array<std::string_view, 7> k_self_check_questions{
    "coaching", "systems", "letting_go", "hard_talks", "ambiguity", "craft_pull", "focus_pull"};

// The tables of an archive, in the order they are written (parents before what refers to them).
enum class Section {
  people,
  time_away,
  entries,
  concerns,
  delegations,
  topics,
  actions,
  skips,
  moves,
  reminders_sent,
  self_checks
};
inline constexpr std::array<Section, 11> k_sections{
    Section::people,      Section::time_away,      Section::entries,    Section::concerns,
    Section::delegations, Section::topics,         Section::actions,    Section::skips,
    Section::moves,       Section::reminders_sent, Section::self_checks};
// "people", "time_away", ...: the table's name in every form of the archive.
std::string_view name_of(Section section);
std::optional<Section> section_from_name(std::string_view name);
// "4 people, 1 concern, 2 self-checks": the counts that are not zero, in the order of
// k_sections and in words (empty when every count is zero).
std::string records_in_words(const std::array<std::size_t, k_sections.size()>& counts);

struct Archive {
  int version = k_archive_version;
  // The highest id the one id space ever handed out (deleted things included), so that an
  // imported database never hands out an id again either.
  std::int64_t last_id = 0;
  // Set for the export of one person (a subject-access request): such a file is not a whole
  // database and is never imported.
  std::string subject;

  std::vector<PersonRecord> people;
  std::vector<TimeAwayRecord> time_away;
  std::vector<Entry> entries;
  std::vector<ConcernRecord> concerns;
  std::vector<DelegationRecord> delegations;
  std::vector<TopicRecord> topics;
  std::vector<ActionRecord> actions;
  std::vector<SkipRecord> skips;
  std::vector<MoveRecord> moves;
  std::vector<ReminderSentRecord> reminders_sent;
  std::vector<SelfCheckRecord> self_checks;

  std::size_t size(Section section) const;
  bool empty() const;
};

// Whether two records hold the same values (every field that is stored).
bool same_record(const PersonRecord& a, const PersonRecord& b);
bool same_record(const TimeAwayRecord& a, const TimeAwayRecord& b);
bool same_record(const Entry& a, const Entry& b);
bool same_record(const ConcernRecord& a, const ConcernRecord& b);
bool same_record(const DelegationRecord& a, const DelegationRecord& b);
bool same_record(const TopicRecord& a, const TopicRecord& b);
bool same_record(const ActionRecord& a, const ActionRecord& b);
bool same_record(const SkipRecord& a, const SkipRecord& b);
bool same_record(const MoveRecord& a, const MoveRecord& b);
bool same_record(const ReminderSentRecord& a, const ReminderSentRecord& b);
bool same_record(const SelfCheckRecord& a, const SelfCheckRecord& b);
bool same_archive(const Archive& a, const Archive& b);

// How an error names a record: its place in the file and what it is, e.g. "entries[12] (#57)",
// "people[0] ('alice')", "self_checks[3] (2026-05)".
std::string record_name(Section section, std::size_t index, const std::string& what);
std::string record_name(std::size_t index, const PersonRecord& record);
std::string record_name(std::size_t index, const TimeAwayRecord& record);
std::string record_name(std::size_t index, const Entry& record);
std::string record_name(std::size_t index, const ConcernRecord& record);
std::string record_name(std::size_t index, const DelegationRecord& record);
std::string record_name(std::size_t index, const TopicRecord& record);
std::string record_name(std::size_t index, const ActionRecord& record);
std::string record_name(std::size_t index, const SkipRecord& record);
std::string record_name(std::size_t index, const MoveRecord& record);
std::string record_name(std::size_t index, const ReminderSentRecord& record);
std::string record_name(std::size_t index, const SelfCheckRecord& record);

// The values one record may hold, checked as each is read (the rules the schema holds the
// tables to): minutes from 1 to 1440, a mood from 1 to 5, time away that ends on or after its
// first day, a self-check dated in its month with answers from 1 to 5, tags as `mgr log` takes
// them. Throws UsageError naming the record.
void check_record(std::size_t index, const PersonRecord& record);
void check_record(std::size_t index, const TimeAwayRecord& record);
void check_record(std::size_t index, const Entry& record);
void check_record(std::size_t index, const SelfCheckRecord& record);

// What holds between the records of a whole archive: no id twice (entries, talking points and
// actions share one id space; a concern or delegation takes the id of its own `concern` or
// `delegate` entry), no handle twice, every reference (a handle, an entry, a concern, a
// delegation) to a record in the archive, and `last_id` at least every id. Throws UsageError
// naming the first record in error, table by table.
void check_archive(const Archive& archive);

// Receives an archive table by table, record by record: how storage hands a database over
// without holding all of it in memory, and how export writes it.
class ArchiveSink {
 public:
  ArchiveSink() = default;
  ArchiveSink(const ArchiveSink&) = delete;
  ArchiveSink& operator=(const ArchiveSink&) = delete;
  virtual ~ArchiveSink() = default;

  // version, last_id and subject are set; the tables are still empty.
  virtual void begin(const Archive& header) = 0;
  virtual void begin_section(Section section) = 0;
  virtual void add(const PersonRecord& record) = 0;
  virtual void add(const TimeAwayRecord& record) = 0;
  virtual void add(const Entry& record) = 0;
  virtual void add(const ConcernRecord& record) = 0;
  virtual void add(const DelegationRecord& record) = 0;
  virtual void add(const TopicRecord& record) = 0;
  virtual void add(const ActionRecord& record) = 0;
  virtual void add(const SkipRecord& record) = 0;
  virtual void add(const MoveRecord& record) = 0;
  virtual void add(const ReminderSentRecord& record) = 0;
  virtual void add(const SelfCheckRecord& record) = 0;
  virtual void end_section(Section section) = 0;
  virtual void end() = 0;
};

// Keeps everything it receives in an Archive.
class ArchiveCollector : public ArchiveSink {
 public:
  Archive archive;

  void begin(const Archive& header) override;
  void begin_section(Section) override {}
  void add(const PersonRecord& record) override { archive.people.push_back(record); }
  void add(const TimeAwayRecord& record) override { archive.time_away.push_back(record); }
  void add(const Entry& record) override { archive.entries.push_back(record); }
  void add(const ConcernRecord& record) override { archive.concerns.push_back(record); }
  void add(const DelegationRecord& record) override { archive.delegations.push_back(record); }
  void add(const TopicRecord& record) override { archive.topics.push_back(record); }
  void add(const ActionRecord& record) override { archive.actions.push_back(record); }
  void add(const SkipRecord& record) override { archive.skips.push_back(record); }
  void add(const MoveRecord& record) override { archive.moves.push_back(record); }
  void add(const ReminderSentRecord& record) override { archive.reminders_sent.push_back(record); }
  void add(const SelfCheckRecord& record) override { archive.self_checks.push_back(record); }
  void end_section(Section) override {}
  void end() override {}
};

// Hands a whole in-memory archive to a sink, in the order of k_sections.
void send_archive(const Archive& archive, ArchiveSink& sink);

}  // namespace mgr::domain
