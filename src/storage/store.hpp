#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "storage/database.hpp"

namespace mgr::storage {

struct EntryFilter {
  std::optional<long long> person_id;
  std::optional<std::string> kind;
  std::optional<std::string> since;  // inclusive local dates
  std::optional<std::string> until;
  std::optional<long long> limit;
};

// The queries mgr runs. Plain domain structs in and out; SQL stays in this layer. Writes must
// happen inside Database::write().
class Store {
 public:
  explicit Store(Database& db) : m_db(db) {}
  Database& database() { return m_db; }

  // People
  std::optional<domain::Person> find_person(const std::string& handle);
  std::vector<domain::Person> list_people(bool include_archived);
  std::vector<std::string> all_handles();
  long long add_person(const domain::Person& person, const std::string& created_at);
  void update_person(const domain::Person& person);
  void add_time_away(long long person_id, const domain::TimeAway& away);
  void set_archived(long long person_id, bool archived);

  // Entries
  long long add_entry(const domain::Entry& entry, const std::vector<long long>& person_ids);
  std::optional<domain::Entry> find_entry(long long id);
  std::vector<domain::Entry> list_entries(const EntryFilter& filter);
  std::optional<long long> latest_entry_id();
  void update_entry(long long id, const std::string& date, const std::string& note);
  // Deletes an entry and what it created; the topics a 1:1 covered open again.
  void delete_entry(long long id);
  long long count_entries_about_delegation(long long delegation_id);

  // Concerns (id = the id of the `concern` entry that opened it)
  void add_concern(long long entry_id, const std::string& text, const std::string& opened);
  std::optional<domain::Concern> find_concern(long long id);
  std::vector<domain::Concern> list_concerns(bool include_closed);
  void close_concern(long long id, const std::string& status, const std::string& date,
                     const std::string& note);

  // Delegations (id = the id of the `delegate` entry)
  void add_delegation(long long entry_id, long long person_id,
                      const domain::Delegation& delegation);
  std::optional<domain::Delegation> find_delegation(long long id);
  std::vector<domain::Delegation> list_delegations(std::optional<long long> person_id,
                                                   bool include_closed);
  void close_delegation(long long id, const std::string& status, const std::string& date,
                        const std::string& note);
  std::vector<domain::CheckinSummary> checkins(long long delegation_id);

  // Talking points
  long long add_topic(long long person_id, const std::string& text, const std::string& created);
  std::optional<domain::Topic> find_topic(long long id);
  std::vector<domain::Topic> list_topics(std::optional<long long> person_id, bool include_closed);
  void close_topic(long long id, const std::string& status, const std::string& date,
                   std::optional<long long> covered_by);

  // Action items
  long long add_action(long long person_id, const std::string& owner, const std::string& text,
                       const std::string& created, const std::optional<std::string>& due,
                       std::optional<long long> entry_id);
  std::optional<domain::Action> find_action(long long id);
  std::vector<domain::Action> list_actions(std::optional<long long> person_id,
                                           const std::optional<std::string>& owner,
                                           bool include_done);
  void mark_action_done(long long id, const std::string& date);

  // Skipped 1:1s
  void add_skip(long long person_id, const std::string& due_date, const std::string& reason,
                const std::string& logged_at);
  std::vector<domain::Skip> skips_for(long long person_id);

 private:
  Database& m_db;
};

}  // namespace mgr::storage
