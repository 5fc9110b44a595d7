// Things that stay open: concerns, delegations, talking points and action items.
#include <algorithm>
#include <utility>
#include <vector>

#include "storage/decode.hpp"
#include "storage/statements.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

using domain::Action;
using domain::Concern;
using domain::Delegation;
using domain::Topic;

namespace {

// The handles of an entry's people, in the order given, as one column.
std::string people_of(const char* entry_id) {
  return std::string(
             "(SELECT group_concat(handle, ',') FROM (SELECT p.handle FROM entry_people ep "
             "JOIN people p ON p.id = ep.person_id WHERE ep.entry_id = ") +
         entry_id + " ORDER BY ep.position))";
}

// The first conversation about a concern is derived, not stored, so deleting that entry
// un-addresses the concern again.
std::string concern_select() {
  return "SELECT c.id, c.text, c.opened, c.status, c.closed_date, c.close_note, "
         "(SELECT min(e.date) FROM entries e WHERE e.concern_id = c.id AND e.cancelled = 0), " +
         people_of("c.id") + " FROM concerns c ";
}

Concern concern_from(const Row& row) {
  Concern concern;
  concern.id = domain::ConcernId{row.id()};
  concern.text = row.text(1);
  concern.opened = row.date(2);
  concern.status = row.choice<domain::ConcernStatus>(3);
  concern.closed = row.optional_date(4);
  concern.close_note = row.text(5);
  concern.first_conversation = row.optional_date(6);
  concern.people = row.list(7, ',');
  return concern;
}

// With the last check-in (lc), found through the index of a delegation's check-ins.
constexpr const char* k_delegation_select =
    "SELECT d.id, p.handle, d.outcome, d.why, d.due, d.checkin, d.constraints, d.created, "
    "d.status, d.closed_date, d.close_note, lc.id, lc.date, lc.status, lc.note "
    "FROM delegations d JOIN people p ON p.id = d.person_id "
    "LEFT JOIN entries lc ON lc.id = (SELECT id FROM entries WHERE delegation_id = d.id "
    "AND kind = 'checkin' ORDER BY date DESC, id DESC LIMIT 1) ";

constexpr const char* k_checkin_select =
    "SELECT id, date, status, note FROM entries WHERE kind = 'checkin' AND delegation_id = ? "
    "ORDER BY date DESC, id DESC";

domain::Checkin checkin_from(const Row& row) {
  return {domain::EntryId{row.id()}, row.date(1), row.optional_choice<domain::CheckinStatus>(2),
          row.text(3)};
}

Delegation delegation_from(const Row& row) {
  Delegation delegation;
  delegation.id = domain::DelegationId{row.id()};
  delegation.person = row.text(1);
  delegation.outcome = row.text(2);
  delegation.why = row.text(3);
  delegation.due = row.optional_date(4);
  delegation.checkin = row.cadence(5);
  delegation.constraints = row.text(6);
  delegation.created = row.date(7);
  delegation.status = row.choice<domain::DelegationStatus>(8);
  delegation.closed = row.optional_date(9);
  delegation.close_note = row.text(10);
  if (const auto checkin = row.optional_integer(11))
    delegation.last_checkin =
        domain::Checkin{domain::EntryId{*checkin}, row.date(12),
                        row.optional_choice<domain::CheckinStatus>(13), row.text(14)};
  return delegation;
}

constexpr const char* k_topic_select =
    "SELECT t.id, p.handle, t.text, t.created, t.status, t.closed_date FROM topics t "
    "JOIN people p ON p.id = t.person_id ";

Topic topic_from(const Row& row) {
  return {domain::TopicId{row.id()},          row.text(1),         row.text(2), row.date(3),
          row.choice<domain::TopicStatus>(4), row.optional_date(5)};
}

constexpr const char* k_action_select =
    "SELECT a.id, p.handle, a.owner, a.text, a.created, a.due, a.status, a.done_date "
    "FROM actions a JOIN people p ON p.id = a.person_id ";

Action action_from(const Row& row) {
  return {domain::ActionId{row.id()},
          row.text(1),
          row.choice<domain::Owner>(2),
          row.text(3),
          row.date(4),
          row.optional_date(5),
          row.choice<domain::ActionStatus>(6),
          row.optional_date(7)};
}

// Open items first unless closed ones are wanted too; then only the person's, if given.
std::string open_items_where(const char* status_column, const char* person_column,
                             bool include_closed, bool for_person) {
  std::string where = "WHERE 1 ";
  if (!include_closed) where += std::string("AND ") + status_column + " = 'open' ";
  if (for_person) where += std::string("AND ") + person_column + " = :person ";
  return where;
}

void close_item(SQLite::Database& db, const char* table, std::int64_t id, std::string_view status,
                domain::Date date, const std::string& note) {
  auto update = statement(db, std::string("UPDATE ") + table +
                                  " SET status = ?, closed_date = ?, close_note = ? WHERE id = ?");
  update.bind(1, std::string{status});
  bind_date(update, 2, date);
  bind_text_or_null(update, 3, note);
  update.bind(4, static_cast<int64_t>(id));
  update.exec();
}

}  // namespace

// ---- concerns ----

std::optional<Concern> Store::find_concern(domain::ConcernId id) {
  auto& db = m_db.handle();
  auto query = statement(db, concern_select() + "WHERE c.id = ?");
  bind_id(query, 1, id);
  if (!query.executeStep()) return std::nullopt;
  return concern_from(Row{query, "concerns"});
}

std::vector<Concern> Store::list_concerns(std::optional<domain::PersonId> about,
                                          bool include_closed) {
  auto& db = m_db.handle();
  std::string where = open_items_where("c.status", "", include_closed, false);
  // With closed ones, the person's concerns are listed from their links; open ones are few, so
  // each is checked against the links instead (a person may have thousands of closed ones).
  if (about)
    where += include_closed
                 ? "AND c.id IN (SELECT entry_id FROM person_entries WHERE person_id = :person "
                   "AND kind = 'concern') "
                 : "AND EXISTS (SELECT 1 FROM person_entries pe WHERE pe.person_id = :person "
                   "AND pe.entry_id = c.id) ";
  auto query = statement(db, concern_select() + where + "ORDER BY c.opened, c.id");
  if (about) query.bind(":person", static_cast<int64_t>(about->value));
  std::vector<Concern> concerns;
  while (query.executeStep()) concerns.push_back(concern_from(Row{query, "concerns"}));
  return concerns;
}

// How many of everyone's newest closed concerns closed_concerns_of looks through first.
constexpr std::int64_t k_recent_closings_window = 500;

// The newest closed ones are picked from the person's index first, so the derived columns
// (first conversation, people) are computed for the rows shown only.
constexpr const char* k_closed_concerns_of =
    "SELECT c2.id FROM person_entries pe JOIN concerns c2 ON c2.id = pe.entry_id "
    "WHERE pe.person_id = :person AND pe.kind = 'concern' AND c2.status <> 'open' ";

std::vector<Concern> Store::closed_concerns_of(domain::PersonId about,
                                               std::optional<std::int64_t> limit) {
  // A report's newest closings are nearly always among everyone's newest: looked for there
  // first, through the index of closing dates, they cost a few hundred index probes instead of
  // reading every concern the person ever had (thousands, after years). Only when fewer than
  // `limit` are found there is the person's whole list read and sorted.
  if (limit) {
    auto recent = statement(
        m_db.handle(),
        concern_select() +
            "WHERE c.id IN (SELECT r.id FROM (SELECT id, closed_date FROM concerns INDEXED BY "
            "concerns_closed WHERE closed_date IS NOT NULL ORDER BY closed_date DESC, id DESC "
            "LIMIT :window) r JOIN concerns c3 ON c3.id = r.id WHERE EXISTS (SELECT 1 FROM "
            "person_entries pe WHERE pe.person_id = :person AND pe.entry_id = r.id) AND "
            "c3.status <> 'open' ORDER BY r.closed_date DESC, r.id DESC LIMIT :limit) "
            "ORDER BY c.closed_date DESC, c.id DESC");
    recent.bind(":window", static_cast<int64_t>(k_recent_closings_window));
    recent.bind(":person", static_cast<int64_t>(about.value));
    recent.bind(":limit", static_cast<int64_t>(*limit));
    std::vector<Concern> concerns;
    while (recent.executeStep()) concerns.push_back(concern_from(Row{recent, "concerns"}));
    if (static_cast<std::int64_t>(concerns.size()) >= *limit) return concerns;
  }
  auto query =
      statement(m_db.handle(), concern_select() + "WHERE c.id IN (" + k_closed_concerns_of +
                                   "ORDER BY c2.closed_date DESC, c2.id DESC "
                                   "LIMIT :limit) ORDER BY c.closed_date DESC, c.id DESC");
  query.bind(":person", static_cast<int64_t>(about.value));
  query.bind(":limit", static_cast<int64_t>(limit.value_or(-1)));
  std::vector<Concern> concerns;
  while (query.executeStep()) concerns.push_back(concern_from(Row{query, "concerns"}));
  return concerns;
}

std::int64_t Store::count_closed_concerns_of(domain::PersonId about) {
  // All of the person's concerns less the open ones: both counted in indexes, no concern read.
  auto query = statement(
      m_db.handle(),
      "SELECT (SELECT count(*) FROM person_entries WHERE person_id = :person AND kind = 'concern') "
      "- (SELECT count(*) FROM concerns c WHERE c.status = 'open' AND EXISTS (SELECT 1 FROM "
      "person_entries pe WHERE pe.person_id = :person AND pe.entry_id = c.id))");
  query.bind(":person", static_cast<int64_t>(about.value));
  query.executeStep();
  return query.getColumn(0).getInt64();
}

std::vector<Concern> Store::concerns_open_between(domain::Date from, domain::Date to) {
  // The open ones and the ones closed since `from` as two reads of their own indexes, which
  // hold every column read here (schema 0011), joined to their people: one statement, one row
  // per concern and person, in the order the people were given.
  auto query = statement(
      m_db.handle(),
      "WITH w AS (SELECT id, opened, status, closed_date FROM concerns "
      "WHERE status = 'open' AND opened <= :to "
      "UNION ALL SELECT id, opened, status, closed_date FROM concerns "
      "WHERE closed_date >= :from AND opened <= :to AND status <> 'open') "
      "SELECT w.id, w.opened, w.status, w.closed_date, (SELECT min(e.date) FROM entries e "
      "WHERE e.concern_id = w.id AND e.cancelled = 0), p.handle FROM w "
      "LEFT JOIN entry_people ep ON ep.entry_id = w.id LEFT JOIN people p ON p.id = ep.person_id "
      "ORDER BY w.opened, w.id, ep.position");
  query.bind(":to", domain::format_date(to));
  query.bind(":from", domain::format_date(from));
  std::vector<Concern> concerns;
  while (query.executeStep()) {
    const Row row{query, "concerns"};
    const domain::ConcernId id{row.id()};
    if (concerns.empty() || concerns.back().id != id) {
      Concern concern;
      concern.id = id;
      concern.opened = row.date(1);
      concern.status = row.choice<domain::ConcernStatus>(2);
      concern.closed = row.optional_date(3);
      concern.first_conversation = row.optional_date(4);
      concerns.push_back(std::move(concern));
    }
    if (auto handle = row.optional_text(5)) concerns.back().people.push_back(std::move(*handle));
  }
  return concerns;
}

void Store::close_concern(domain::ConcernId id, domain::ConcernStatus status, domain::Date date,
                          const std::string& note) {
  close_item(m_db.handle(), "concerns", id.value, domain::name_of(status), date, note);
}

// ---- delegations ----

std::optional<Delegation> Store::find_delegation(domain::DelegationId id) {
  auto& db = m_db.handle();
  auto query = statement(db, std::string(k_delegation_select) + "WHERE d.id = ?");
  bind_id(query, 1, id);
  if (!query.executeStep()) return std::nullopt;
  return delegation_from(Row{query, "delegations"});
}

std::vector<Delegation> Store::list_delegations(std::optional<domain::PersonId> person,
                                                bool include_closed) {
  auto& db = m_db.handle();
  auto query = statement(
      db, std::string(k_delegation_select) +
              open_items_where("d.status", "d.person_id", include_closed, person.has_value()) +
              "ORDER BY d.created, d.id");
  if (person) query.bind(":person", static_cast<int64_t>(person->value));
  std::vector<Delegation> delegations;
  while (query.executeStep()) delegations.push_back(delegation_from(Row{query, "delegations"}));
  return delegations;
}

std::vector<Delegation> Store::closed_delegations_of(domain::PersonId person,
                                                     std::optional<std::int64_t> limit) {
  // The newest closed ones are picked first, so the last check-in is looked up for those only.
  auto query = statement(
      m_db.handle(), std::string(k_delegation_select) +
                         "WHERE d.id IN (SELECT id FROM delegations WHERE person_id = :person "
                         "AND status <> 'open' ORDER BY closed_date DESC, id DESC LIMIT :limit) "
                         "ORDER BY d.closed_date DESC, d.id DESC");
  query.bind(":person", static_cast<int64_t>(person.value));
  query.bind(":limit", static_cast<int64_t>(limit.value_or(-1)));
  std::vector<Delegation> delegations;
  while (query.executeStep()) delegations.push_back(delegation_from(Row{query, "delegations"}));
  return delegations;
}

std::int64_t Store::count_closed_delegations_of(domain::PersonId person) {
  auto query = statement(
      m_db.handle(), "SELECT count(*) FROM delegations WHERE person_id = ? AND status <> 'open'");
  bind_id(query, 1, person);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

std::vector<Delegation> Store::delegations_open_between(domain::Date from, domain::Date to,
                                                        domain::Date as_of) {
  // The last check-in as of `as_of` is read from the index of a delegation's check-ins alone
  // (schema 0011): its date is all the review asks of it, and reading each one's row, note and
  // all, was a page read per delegation of the window.
  constexpr const char* k_last_checkin =
      "FROM entries WHERE delegation_id = d.id AND kind = 'checkin' AND date <= :as_of "
      "ORDER BY date DESC, id DESC LIMIT 1";
  auto query = statement(
      m_db.handle(),
      std::string("SELECT d.id, p.handle, d.outcome, d.why, d.due, d.checkin, d.constraints, "
                  "d.created, d.status, d.closed_date, d.close_note, (SELECT id ") +
          k_last_checkin + "), (SELECT date " + k_last_checkin +
          "), NULL, NULL FROM delegations d JOIN people p ON p.id = d.person_id "
          "WHERE d.created <= :to AND (d.status = 'open' OR d.closed_date >= :from) "
          "ORDER BY d.created, d.id");
  query.bind(":to", domain::format_date(to));
  query.bind(":from", domain::format_date(from));
  query.bind(":as_of", domain::format_date(as_of));
  std::vector<Delegation> delegations;
  while (query.executeStep()) delegations.push_back(delegation_from(Row{query, "delegations"}));
  return delegations;
}

void Store::close_delegation(domain::DelegationId id, domain::DelegationStatus status,
                             domain::Date date, const std::string& note) {
  close_item(m_db.handle(), "delegations", id.value, domain::name_of(status), date, note);
}

std::vector<domain::Checkin> Store::checkins(domain::DelegationId delegation) {
  auto query = statement(m_db.handle(), k_checkin_select);
  bind_id(query, 1, delegation);
  std::vector<domain::Checkin> all;
  while (query.executeStep()) all.push_back(checkin_from(Row{query, "entries"}));
  return all;
}

// ---- talking points ----

domain::TopicId Store::add_topic(domain::PersonId person, const std::string& text,
                                 domain::Date created) {
  const domain::TopicId id{allocate_id(Numbered::topic)};
  auto insert = statement(m_db.handle(),
                          "INSERT INTO topics (id, person_id, text, created) VALUES (?, ?, ?, ?)");
  bind_id(insert, 1, id);
  bind_id(insert, 2, person);
  insert.bind(3, text);
  bind_date(insert, 4, created);
  insert.exec();
  return id;
}

std::optional<Topic> Store::find_topic(domain::TopicId id) {
  auto query = statement(m_db.handle(), std::string(k_topic_select) + "WHERE t.id = ?");
  bind_id(query, 1, id);
  if (!query.executeStep()) return std::nullopt;
  return topic_from(Row{query, "topics"});
}

std::vector<Topic> Store::list_topics(std::optional<domain::PersonId> person, bool include_closed) {
  auto query = statement(m_db.handle(), std::string(k_topic_select) +
                                            open_items_where("t.status", "t.person_id",
                                                             include_closed, person.has_value()) +
                                            "ORDER BY t.created, t.id");
  if (person) query.bind(":person", static_cast<int64_t>(person->value));
  std::vector<Topic> topics;
  while (query.executeStep()) topics.push_back(topic_from(Row{query, "topics"}));
  return topics;
}

void Store::close_topic(domain::TopicId id, domain::TopicStatus status, domain::Date date) {
  auto update =
      statement(m_db.handle(), "UPDATE topics SET status = ?, closed_date = ? WHERE id = ?");
  bind_choice(update, 1, status);
  bind_date(update, 2, date);
  bind_id(update, 3, id);
  update.exec();
}

void Store::update_topic_text(domain::TopicId id, const std::string& text) {
  auto update = statement(m_db.handle(), "UPDATE topics SET text = ? WHERE id = ?");
  update.bind(1, text);
  bind_id(update, 2, id);
  update.exec();
}

// ---- action items ----

domain::ActionId Store::insert_action(domain::PersonId person, domain::Owner owner,
                                      const std::string& text, domain::Date created,
                                      std::optional<domain::Date> due,
                                      std::optional<domain::EntryId> agreed_in) {
  const domain::ActionId id{allocate_id(Numbered::action)};
  auto insert =
      statement(m_db.handle(),
                "INSERT INTO actions (id, person_id, owner, text, created, due, entry_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
  bind_id(insert, 1, id);
  bind_id(insert, 2, person);
  bind_choice(insert, 3, owner);
  insert.bind(4, text);
  bind_date(insert, 5, created);
  bind_optional_date(insert, 6, due);
  bind_optional(insert, 7,
                agreed_in ? std::optional<std::int64_t>{agreed_in->value} : std::nullopt);
  insert.exec();
  return id;
}

domain::ActionId Store::add_action(domain::PersonId person, domain::Owner owner,
                                   const std::string& text, domain::Date created,
                                   std::optional<domain::Date> due) {
  return insert_action(person, owner, text, created, due, std::nullopt);
}

std::optional<Action> Store::find_action(domain::ActionId id) {
  auto query = statement(m_db.handle(), std::string(k_action_select) + "WHERE a.id = ?");
  bind_id(query, 1, id);
  if (!query.executeStep()) return std::nullopt;
  return action_from(Row{query, "actions"});
}

std::vector<Action> Store::list_actions(std::optional<domain::PersonId> person,
                                        std::optional<domain::Owner> owner, bool include_closed) {
  std::string where =
      open_items_where("a.status", "a.person_id", include_closed, person.has_value());
  if (owner) where += "AND a.owner = :owner ";
  auto query =
      statement(m_db.handle(), std::string(k_action_select) + where + "ORDER BY a.created, a.id");
  if (person) query.bind(":person", static_cast<int64_t>(person->value));
  if (owner) query.bind(":owner", std::string{domain::name_of(*owner)});
  std::vector<Action> actions;
  while (query.executeStep()) actions.push_back(action_from(Row{query, "actions"}));
  return actions;
}

void Store::close_action(domain::ActionId id, domain::ActionStatus status, domain::Date date) {
  auto update =
      statement(m_db.handle(), "UPDATE actions SET status = ?, done_date = ? WHERE id = ?");
  bind_choice(update, 1, status);
  if (status == domain::ActionStatus::done)
    bind_date(update, 2, date);
  else
    update.bind(2);
  bind_id(update, 3, id);
  update.exec();
}

void Store::reopen_action(domain::ActionId id) {
  auto update =
      statement(m_db.handle(), "UPDATE actions SET status = 'open', done_date = NULL WHERE id = ?");
  bind_id(update, 1, id);
  update.exec();
}

void Store::update_action(domain::ActionId id, const std::string& text,
                          std::optional<domain::Date> due) {
  auto update = statement(m_db.handle(), "UPDATE actions SET text = ?, due = ? WHERE id = ?");
  update.bind(1, text);
  bind_optional_date(update, 2, due);
  bind_id(update, 3, id);
  update.exec();
}

}  // namespace mgr::storage
