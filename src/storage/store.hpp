#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/model.hpp"
#include "domain/prep.hpp"
#include "domain/reflect.hpp"
#include "domain/reminders.hpp"
#include "domain/review.hpp"
#include "domain/series.hpp"
#include "domain/team.hpp"
#include "storage/database.hpp"

namespace mgr::storage {

class StatementCache;
class StatementLease;

struct EntryFilter {
  std::optional<domain::PersonId> person;
  std::optional<domain::EntryKind> kind;
  std::optional<domain::Date> since;  // inclusive
  std::optional<domain::Date> until;  // inclusive
  std::optional<std::int64_t> limit;
  std::optional<std::string> tag;   // entries with this tag
  std::optional<std::string> grep;  // entries whose note contains this text (ASCII case folded)
};

// What a number of the one id space names.
enum class Numbered { entry, topic, action };

// One change in the journal `mgr undo` reverts.
struct JournalChange {
  std::int64_t id = 0;
  domain::Instant made_at;
  std::string summary;
};

// The queries and the write recipes mgr runs: typed values in and out, SQL stays in this layer.
// Every call happens inside Database::read() or Database::write() (writes inside write()).
class Store {
 public:
  explicit Store(Database& db) : m_db(db) {}
  Database& database() { return m_db; }

  // ---- people ----
  std::optional<domain::Person> find_person(const std::string& handle);
  std::vector<domain::Person> list_people(bool include_archived);
  std::vector<std::string> all_handles();
  domain::PersonId add_person(const domain::Person& person, domain::Instant created);
  void update_person(const domain::Person& person);
  domain::AwayId add_time_away(domain::PersonId person, const domain::TimeAway& away);
  // Removes one stretch of the person's time away; false when they have none with this id.
  bool remove_time_away(domain::PersonId person, domain::AwayId away);
  void set_archived(domain::PersonId person, bool archived);

  // ---- the 1:1 series ----
  // The person's series: their 1:1s from a little before the last held one (all the series
  // rule needs), or from `history_from` when that is earlier; skips and moves.
  // With `history_to`, the series as it stood on that day: nothing logged after it is read, and
  // "the last held one" is the last held by then (a look back years ago reads those weeks only).
  domain::PersonSchedule schedule_of(const domain::Person& person,
                                     std::optional<domain::Date> history_from = std::nullopt,
                                     std::optional<domain::Date> history_to = std::nullopt);
  // Every active person with a cadence, with their series.
  std::vector<domain::PersonSchedule> active_schedules(
      std::optional<domain::Date> history_from = std::nullopt,
      std::optional<domain::Date> history_to = std::nullopt);
  void add_skip(domain::PersonId person, const domain::Skip& skip, domain::Instant logged);
  void add_move(domain::PersonId person, const domain::Move& move, domain::Instant logged);

  // ---- what a decision needs, loaded in one go ----
  domain::AgendaInput agenda_input();
  domain::PrepInput prep_input(const domain::Person& person);
  // The team overview of `person list`: the people (archived ones too when asked), each with
  // their series, and the open concerns and delegations.
  domain::TeamInput team_input(bool include_archived);
  // The window of the log a review of `week` needs: from `lookback_days` before its Monday to
  // its last day, through indexed range queries.
  domain::ReviewInput review_input(const domain::ReviewWeek& week, int lookback_days);
  // The log of [from, to] as the review reads it, seen on `as_of`: entries, minutes, concerns,
  // delegations and your actions of those days, IC entries from `ic_from` on (the review quotes
  // them only for its own week). The self-check and the first-year view read their windows so.
  domain::ReviewInput log_window(domain::Date from, domain::Date ic_from, domain::Date to,
                                 domain::Date as_of);

  // ---- the monthly self-check (store_reflect.cpp) ----
  std::optional<domain::SelfCheck> self_check_of_month(const std::string& month);
  // The self-check of its month, replacing one already there.
  void save_self_check(const domain::SelfCheck& check);
  // Self-checks dated within [from, to], oldest first.
  std::vector<domain::SelfCheck> self_checks(domain::Date from, domain::Date to);
  std::vector<domain::SelfCheck> all_self_checks();  // oldest first
  // The latest self-check of a month before `month` ("2026-11").
  std::optional<domain::SelfCheck> self_check_before_month(const std::string& month);
  std::optional<domain::Date> last_self_check(domain::Date on_or_before);

  // ---- reminders (store_reminders.cpp) ----
  // What `mgr remind` decides from, for `day`: the agenda's input as it stood then.
  domain::AgendaInput reminder_input(domain::Date day);
  // The (item key, person handle) pairs already e-mailed for `day`; the handle is empty for
  // items about no one.
  std::vector<std::pair<std::string, std::string>> reminded_items(domain::Date day);
  // Records items as e-mailed for `day` (again, for a resend).
  void record_reminded(domain::Date day, const std::vector<domain::ReminderItem>& items,
                       domain::Instant sent_at, const std::string& message_id);

  // ---- recording what happened: one recipe per thing the user logs ----
  // A plain entry (feedback, talk, check-in, time, a note) about these people.
  domain::EntryId record_entry(const domain::Entry& entry,
                               const std::vector<domain::PersonId>& people);
  // A 1:1: the entry, the talking points it covered (closed as done by it) and the actions
  // agreed in it (open).
  domain::EntryId record_one_on_one(const domain::Entry& entry, domain::PersonId person,
                                    const std::vector<domain::TopicId>& covered,
                                    const std::vector<std::string>& my_actions,
                                    const std::vector<std::string>& their_actions);
  // A concern entry and the open concern it opens (same id; its text is the entry's note).
  domain::ConcernId record_concern(const domain::Entry& entry,
                                   const std::vector<domain::PersonId>& people);
  // A delegate entry and the open delegation it opens (same id).
  domain::DelegationId record_delegation(const domain::Entry& entry, domain::PersonId person,
                                         const domain::Delegation& delegation);

  // ---- the change journal (`mgr undo`) ----
  // Opens a change: every row this transaction writes from now on is journaled under it.
  void begin_change(domain::Instant made_at);
  // Closes it with the line the command prints; a change that wrote nothing is not kept, and
  // only the newest k_journal_kept changes are.
  void end_change(const std::string& summary);
  std::optional<JournalChange> latest_change();
  // Reverts the change and removes it from the journal.
  void undo_change(const JournalChange& change);
  static constexpr int k_journal_kept = 1000;

  // ---- the log ----
  std::optional<domain::Entry> find_entry(domain::EntryId id);
  std::vector<domain::Entry> list_entries(const EntryFilter& filter);
  // The same entries handed to `visit` one at a time as they are read, so that a long timeline
  // is printed without being held in memory.
  void each_entry(const EntryFilter& filter,
                  const std::function<void(const domain::Entry&)>& visit);
  // How many entries are about this person (through their index, not their rows).
  std::int64_t count_entries_of(domain::PersonId person);
  std::optional<domain::EntryId> latest_entry_id();
  std::optional<domain::Date> last_entry_date();
  // Where the log starts: the earliest entry's date or --since.
  std::optional<domain::Date> history_start();
  // A person's latest held 1:1s, newest first.
  std::vector<domain::Entry> recent_one_on_ones(domain::PersonId person, std::size_t limit);
  std::optional<domain::Entry> last_feedback(domain::PersonId person, domain::Polarity polarity);
  void update_entry(domain::EntryId id, domain::Date date, const std::string& note);
  // Writes back an edited entry: its date, note, length, mood, polarity, status, type and tags,
  // and who it is about (`people`, in order). What the entry opened follows: a concern's text,
  // date and people, a delegation's date and person (with its check-ins), and the actions a 1:1
  // agreed.
  void replace_entry(const domain::Entry& entry, const std::vector<domain::PersonId>& people);
  // How many talking points this 1:1 covered.
  std::int64_t count_covered_topics(domain::EntryId one_on_one);
  // Deletes an entry and what it created; the topics a 1:1 covered open again.
  void delete_entry(domain::EntryId id);
  std::int64_t count_checkins(domain::DelegationId delegation);
  std::optional<Numbered> what_is(std::int64_t id);

  // ---- concerns ----
  std::optional<domain::Concern> find_concern(domain::ConcernId id);
  std::vector<domain::Concern> list_concerns(std::optional<domain::PersonId> about,
                                             bool include_closed);
  // The concerns about a person closed most recently, newest closing date (then id) first: at
  // most `limit` of them, every one without it.
  std::vector<domain::Concern> closed_concerns_of(domain::PersonId about,
                                                  std::optional<std::int64_t> limit);
  std::int64_t count_closed_concerns_of(domain::PersonId about);
  void close_concern(domain::ConcernId id, domain::ConcernStatus status, domain::Date date,
                     const std::string& note);
  // Concerns opened by `to` and still open, or closed on or after `from`; without their text
  // and closing note, which the review and the self-check never quote (a window of months
  // holds thousands of concerns).
  std::vector<domain::Concern> concerns_open_between(domain::Date from, domain::Date to);

  // ---- delegations ----
  std::optional<domain::Delegation> find_delegation(domain::DelegationId id);
  std::vector<domain::Delegation> list_delegations(std::optional<domain::PersonId> person,
                                                   bool include_closed);
  // A person's delegations closed most recently, newest closing date (then id) first: at most
  // `limit` of them, every one without it.
  std::vector<domain::Delegation> closed_delegations_of(domain::PersonId person,
                                                        std::optional<std::int64_t> limit);
  std::int64_t count_closed_delegations_of(domain::PersonId person);
  void close_delegation(domain::DelegationId id, domain::DelegationStatus status, domain::Date date,
                        const std::string& note);
  // Delegations handed over by `to` and still open, or closed on or after `from`; each with
  // the date and id of its last check-in on or before `as_of` (without its status and note).
  std::vector<domain::Delegation> delegations_open_between(domain::Date from, domain::Date to,
                                                           domain::Date as_of);
  std::vector<domain::Checkin> checkins(domain::DelegationId delegation);

  // ---- talking points ----
  domain::TopicId add_topic(domain::PersonId person, const std::string& text, domain::Date created);
  std::optional<domain::Topic> find_topic(domain::TopicId id);
  std::vector<domain::Topic> list_topics(std::optional<domain::PersonId> person,
                                         bool include_closed);
  void close_topic(domain::TopicId id, domain::TopicStatus status, domain::Date date);
  void update_topic_text(domain::TopicId id, const std::string& text);

  // ---- action items ----
  domain::ActionId add_action(domain::PersonId person, domain::Owner owner, const std::string& text,
                              domain::Date created, std::optional<domain::Date> due);
  std::optional<domain::Action> find_action(domain::ActionId id);
  std::vector<domain::Action> list_actions(std::optional<domain::PersonId> person,
                                           std::optional<domain::Owner> owner, bool include_closed);
  void close_action(domain::ActionId id, domain::ActionStatus status, domain::Date date);
  // Open again, as if never done or dropped.
  void reopen_action(domain::ActionId id);
  void update_action(domain::ActionId id, const std::string& text, std::optional<domain::Date> due);

 private:
  std::int64_t allocate_id(Numbered kind);
  std::optional<std::int64_t> open_change();
  domain::EntryId insert_entry(const domain::Entry& entry,
                               const std::vector<domain::PersonId>& people);
  domain::ActionId insert_action(domain::PersonId person, domain::Owner owner,
                                 const std::string& text, domain::Date created,
                                 std::optional<domain::Date> due,
                                 std::optional<domain::EntryId> agreed_in);

  // Fills input.handles and entry_people for the window's entries dated from..to.
  void name_window_people(domain::ReviewInput& input, domain::Date from, domain::Date to);

  // A statement prepared once per Store (statements.hpp); for the queries a command repeats.
  StatementLease cached(const std::string& sql);

  Database& m_db;
  std::shared_ptr<StatementCache> m_statements;
};

}  // namespace mgr::storage
