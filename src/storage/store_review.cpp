// What the weekly review reads: a window of the log by date, never the whole history.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "storage/decode.hpp"
#include "storage/statements.hpp"
#include "storage/store.hpp"

namespace mgr::storage {

namespace {

// Entries without their notes and tags: the review counts and dates them, it does not quote
// them. The kinds the rules read one by one over the whole window, and the IC work of the
// reviewed week (its evidence); all of it from entries_kind_date alone.
constexpr const char* k_window_entries =
    "SELECT e.id, e.kind, e.date, e.minutes, e.polarity, e.learn_type, e.delegation_id "
    "FROM entries e WHERE e.kind IN ('feedback', 'talk', 'delegate', 'checkin', 'learn') "
    "AND e.date BETWEEN :from AND :to "
    "UNION ALL SELECT e.id, e.kind, e.date, e.minutes, NULL, NULL, NULL "
    "FROM entries e WHERE e.kind = 'ic' AND e.date BETWEEN :week AND :to";

// Who each of those entries is about, from each person's slice of person_entries: a range read
// per person and kind, where a join would look up every entry's people one by one. (IC work
// names nobody.)
constexpr const char* k_window_people =
    "SELECT pe.entry_id, pe.person_id FROM person_entries pe "
    "WHERE pe.person_id IN (SELECT id FROM people) "
    "AND pe.kind IN ('feedback', 'talk', 'delegate', 'checkin', 'learn') "
    "AND pe.date BETWEEN ? AND ?";

domain::LogEntry window_entry(const Row& row) {
  domain::LogEntry entry;
  entry.id = domain::EntryId{row.id()};
  entry.kind = row.choice<domain::EntryKind>(1);
  entry.date = row.date(2);
  if (auto minutes = row.optional_minutes(3))
    entry.minutes = static_cast<std::int32_t>(minutes->count());
  entry.polarity = row.optional_choice<domain::Polarity>(4);
  entry.learn_type = row.optional_choice<domain::LearnType>(5);
  if (auto delegation = row.optional_integer(6))
    entry.delegation = domain::DelegationId{*delegation};
  return entry;
}

// Gives each entry its run of input.entry_people from the links (entry's place, handle's place),
// read in any order.
void name_people(domain::ReviewInput& input,
                 std::vector<std::pair<std::uint32_t, std::uint32_t>>& links) {
  std::stable_sort(links.begin(), links.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  input.entry_people.reserve(links.size());
  for (const auto& [entry_at, handle_at] : links) {
    auto& entry = input.entries[entry_at];
    if (entry.people_count == 0)
      entry.people_from = static_cast<std::uint32_t>(input.entry_people.size());
    input.entry_people.push_back(handle_at);
    entry.people_count += 1;
  }
}

// The place stored with `id` in a list of (id, place) pairs sorted by id, if the id is there.
template <typename Place>
std::optional<Place> place_of(const std::vector<std::pair<std::int64_t, Place>>& sorted,
                              std::int64_t id) {
  const auto found = std::lower_bound(sorted.begin(), sorted.end(), std::pair{id, Place{}});
  if (found == sorted.end() || found->first != id) return std::nullopt;
  return found->second;
}

}  // namespace

StatementLease Store::cached(const std::string& sql) {
  if (!m_statements) m_statements = std::make_shared<StatementCache>();
  return m_statements->lease(m_db.handle(), sql);
}

std::optional<domain::Date> Store::history_start() {
  auto lease = cached(
      "SELECT min(day) FROM (SELECT min(date) AS day FROM entries "
      "UNION ALL SELECT min(since) FROM people)");
  auto& start = *lease;
  if (!start.executeStep() || start.getColumn(0).isNull()) return std::nullopt;
  return Row{start, "entries"}.date(0);
}

domain::ReviewInput Store::review_input(const domain::ReviewWeek& week, int lookback_days) {
  auto input = log_window(week.from - date::days{lookback_days}, week.from, week.to, week.as_of);
  input.last_self_check = last_self_check(week.as_of);
  return input;
}

void Store::name_window_people(domain::ReviewInput& input, domain::Date from, domain::Date to) {
  // Each entry's place by id, sorted for lookup: half the memory of a hash map over a window of
  // many months.
  std::vector<std::pair<std::int64_t, std::size_t>> entry_at;
  entry_at.reserve(input.entries.size());
  for (std::size_t at = 0; at < input.entries.size(); ++at)
    entry_at.emplace_back(input.entries[at].id.value, at);
  std::sort(entry_at.begin(), entry_at.end());
  // Each person's place in input.handles by id, sorted for lookup.
  std::vector<std::pair<std::int64_t, std::uint32_t>> handle_at;
  auto people_lease = cached("SELECT id, handle FROM people ORDER BY id");
  auto& people = *people_lease;
  while (people.executeStep()) {
    const Row row{people, "people"};
    handle_at.emplace_back(row.id(), static_cast<std::uint32_t>(input.handles.size()));
    input.handles.push_back(row.text(1));
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> links;
  auto links_lease = cached(k_window_people);
  auto& link_rows = *links_lease;
  bind_date(link_rows, 1, from);
  bind_date(link_rows, 2, to);
  while (link_rows.executeStep()) {
    const Row row{link_rows, "person_entries"};
    const auto entry = place_of(entry_at, row.id());
    const auto person = place_of(handle_at, row.integer(1));
    if (entry && person) links.emplace_back(static_cast<std::uint32_t>(*entry), *person);
  }
  name_people(input, links);
}

domain::ReviewInput Store::log_window(domain::Date from, domain::Date ic_from, domain::Date to,
                                      domain::Date as_of) {
  domain::ReviewInput input;
  input.people = active_schedules(from, to);
  for (auto& person : list_people(false))
    if (person.relation == domain::Relation::report || person.relation == domain::Relation::skip)
      input.reports.push_back(std::move(person));

  auto entries_lease = cached(k_window_entries);
  auto& entries = *entries_lease;
  entries.bind(":from", domain::format_date(from));
  entries.bind(":week", domain::format_date(ic_from));
  entries.bind(":to", domain::format_date(to));
  while (entries.executeStep()) input.entries.push_back(window_entry(Row{entries, "entries"}));
  name_window_people(input, from, to);

  // Kept summed by day (schema 0009): a few rows a day where entries holds dozens.
  auto minutes_lease = cached(
      "SELECT NULL, date, kind, minutes FROM day_minutes "
      "WHERE kind IN ('ic', 'mgmt', 'learn', '1on1') AND date BETWEEN ? AND ? AND minutes <> 0");
  auto& minutes = *minutes_lease;
  bind_date(minutes, 1, from);
  bind_date(minutes, 2, to);
  while (minutes.executeStep()) {
    const Row row{minutes, "entries"};
    input.minutes.push_back({row.date(1), row.choice<domain::EntryKind>(2),
                             static_cast<int>(row.optional_integer(3).value_or(0))});
  }

  input.concerns = concerns_open_between(from, to);
  input.delegations = delegations_open_between(from, to, as_of);

  auto actions_lease = cached(
      "SELECT a.id, p.handle, a.owner, a.text, a.created, a.due, a.status, a.done_date "
      "FROM actions a JOIN people p ON p.id = a.person_id "
      "WHERE a.owner = 'me' AND a.due IS NOT NULL AND a.due <= ? "
      "AND (a.due >= ? OR a.status = 'open' OR a.done_date > ?) ORDER BY a.due, a.id");
  auto& actions = *actions_lease;
  bind_date(actions, 1, as_of);
  bind_date(actions, 2, from);
  bind_date(actions, 3, as_of);
  while (actions.executeStep()) {
    const Row row{actions, "actions"};
    input.my_actions.push_back({domain::ActionId{row.id()}, row.text(1),
                                row.choice<domain::Owner>(2), row.text(3), row.date(4),
                                row.optional_date(5), row.choice<domain::ActionStatus>(6),
                                row.optional_date(7)});
  }

  input.history_start = history_start();
  return input;
}

}  // namespace mgr::storage
