// mgr person add|list|show|edit|rename|away|archive|restore
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <utility>

#include "cli/common.hpp"
#include "cli/item_pages.hpp"
#include "domain/errors.hpp"
#include "domain/team.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::Person;

// The options shared by `person add` and `person edit`; empty means "not given".
struct PersonOptions {
  std::string name, relation, cadence, day, time, length, tz, since;
  std::vector<CLI::Option*> given;

  void add_to(CLI::App* command) {
    given = {
        command->add_option("--name", name, "Display name")->type_name("NAME"),
        command->add_option("--relation", relation, "report|manager|skip|peer|mentor")
            ->type_name("RELATION"),
        command->add_option("--cadence", cadence, "1:1 cadence: weekly|biweekly|monthly|Nd|none")
            ->type_name("CADENCE"),
        command->add_option("--day", day, "Weekday of the 1:1 slot: mon..sun (none: no slot)")
            ->type_name("DAY"),
        command->add_option("--time", time, "Time of the 1:1 slot, HH:MM in their zone")
            ->type_name("HH:MM"),
        command->add_option("--length", length, "Length of a 1:1 (default 30m)")
            ->type_name("DURATION"),
        command->add_option("--tz", tz, "Their IANA time zone (default: yours)")->type_name("ZONE"),
        command->add_option("--since", since, "Date the cadence counts from (default today)")
            ->type_name("DATE")};
  }
  bool any_given() const {
    for (auto* o : given)
      if (o->count() > 0) return true;
    return false;
  }
  bool has(const char* option) const {
    for (auto* o : given)
      if (o->get_name() == option) return o->count() > 0;
    return false;
  }

  // Applies every given option to `person`, validating each; nothing is stored yet.
  void apply(const Context& ctx, Person& person) const {
    if (has("--name")) {
      domain::check_display_name(name);
      person.name = name;
    }
    if (has("--relation")) {
      person.relation = domain::parse_choice<domain::Relation>(relation, "relation");
      if (!has("--cadence")) person.cadence = domain::default_cadence(person.relation);
    }
    if (has("--cadence")) person.cadence = domain::parse_cadence(cadence);
    if (has("--day")) {
      if (day.empty() || day == "none")
        person.slot_day.reset();
      else
        person.slot_day = domain::parse_weekday(day);
    }
    if (has("--time")) {
      if (time.empty() || time == "none")
        person.slot_time.reset();
      else
        person.slot_time = domain::parse_clock_time(time);
    }
    if (has("--length")) person.length = domain::parse_duration(length);
    if (has("--tz")) {
      if (tz.empty() || tz == "none")
        person.zone = nullptr;
      else
        person.zone = domain::find_zone(tz);
    }
    if (has("--since")) person.since = parse_user_date(ctx, since);
  }
};

std::string effective_zone(const Context& ctx, const Person& person) {
  return (person.zone != nullptr ? person.zone : ctx.clock.zone)->name();
}

std::string relation_text(const Person& person) {
  return std::string{domain::name_of(person.relation)};
}

nlohmann::json person_json(const Context& ctx, const Person& person) {
  nlohmann::json j;
  j["handle"] = person.handle;
  j["name"] = person.name;
  j["relation"] = relation_text(person);
  j["cadence"] = domain::cadence_name(person.cadence);
  j["day"] = person.slot_day ? nlohmann::json(domain::weekday_name(*person.slot_day))
                             : nlohmann::json(nullptr);
  j["time"] = person.slot_time ? nlohmann::json(domain::format_clock_time(*person.slot_time))
                               : nlohmann::json(nullptr);
  j["length"] = person.length.count();
  j["tz"] = effective_zone(ctx, person);
  j["since"] = domain::format_date(person.since);
  j["archived"] = person.archived;
  j["away"] = nlohmann::json::array();
  for (const auto& away : person.away)
    j["away"].push_back({{"id", away.id.value},
                         {"from", domain::format_date(away.from)},
                         {"to", domain::format_date(away.to)},
                         {"reason", away.reason}});
  return j;
}

std::string slot_text(const Context& ctx, const Person& person) {
  std::string slot = domain::cadence_name(person.cadence);
  if (person.slot_day) slot += " " + domain::weekday_name(*person.slot_day);
  if (person.slot_time) slot += " " + domain::format_clock_time(*person.slot_time);
  if (person.slot_day || person.slot_time) slot += " " + effective_zone(ctx, person);
  slot += ", " + domain::format_minutes(person.length);
  return slot;
}

void add_person(Context& ctx, const std::string& handle_text, const PersonOptions& options) {
  Person person;
  person.handle = domain::parse_handle(handle_text);
  person.since = ctx.today();
  person.cadence = domain::default_cadence(person.relation);
  options.apply(ctx, person);
  change_and_confirm(ctx, "", [&](storage::Store& store) {
    if (store.find_person(person.handle))
      throw UsageError("a person with handle '" + person.handle + "' already exists",
                       "use `mgr person edit " + person.handle + "` to change them");
    store.add_person(person, ctx.clock.now);
    return "added " + person.handle + " (" + relation_text(person) + ", " + slot_text(ctx, person) +
           ")";
  });
}

void edit_person(Context& ctx, const std::string& handle, const PersonOptions& options) {
  if (!options.any_given())
    throw UsageError("nothing to change for " + util::quoted(handle),
                     "pass what changes, e.g. --name, --cadence, --day, --time (see `mgr person "
                     "edit --help`); `mgr person rename` changes the handle");
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    Person person = require_person(store, handle);
    options.apply(ctx, person);
    store.update_person(person);
    return "updated " + person.handle + " (" + relation_text(person) + ", " +
           slot_text(ctx, person) + ")";
  });
}

// ---- the team overview of `person list` ----

constexpr std::size_t k_screen_width = 80;
// A handle longer than this is cut in the list (it is typed in full everywhere else).
constexpr std::size_t k_handle_width_max = 16;
// The narrowest the handle and name columns get when the others need the room.
constexpr std::size_t k_handle_width_min = 8;
constexpr std::size_t k_name_width_min = 4;

std::string last_held_text(const domain::TeamRow& row, domain::Date today) {
  if (!row.last_held) return "-";
  const auto days = (today - *row.last_held).count();
  return days == 0 ? std::string{"today"} : fmt::format("{}d ago", days);
}

// The next 1:1, or how overdue the oldest one still to hold is (that comes first: it is the
// one to book).
std::string next_due_text(const domain::TeamRow& row, domain::Date today) {
  if (row.person.archived) return "archived";
  if (row.overdue) return fmt::format("overdue {}d", row.overdue_days);
  if (!row.next) return "-";
  if (row.next->date == today) return "today";
  return domain::format_date(row.next->date);
}

std::string count_text(std::size_t count) {
  return count == 0 ? std::string{"-"} : std::to_string(count);
}

nlohmann::json team_row_json(const Context& ctx, const domain::TeamRow& row) {
  auto j = person_json(ctx, row.person);
  j["last_held"] = date_json(row.last_held);
  j["next_due"] = row.next ? date_json(row.next->date) : nlohmann::json(nullptr);
  j["overdue_since"] = row.overdue ? date_json(row.overdue->date) : nlohmann::json(nullptr);
  j["overdue_days"] = row.overdue_days;
  j["missed"] = row.missed;
  // The same shapes as in `person show`.
  j["open_concerns"] = nlohmann::json::array();
  for (const auto& concern : row.open_concerns)
    j["open_concerns"].push_back({{"id", concern.id.value}, {"text", concern.text}});
  j["open_delegations"] = nlohmann::json::array();
  for (const auto& delegation : row.open_delegations)
    j["open_delegations"].push_back({{"id", delegation.id.value},
                                     {"outcome", delegation.outcome},
                                     {"due", date_json(delegation.due)}});
  return j;
}

// The team as a table in 80 columns. Every column is as wide as its widest cell; the name
// takes what is left and is cut to fit. Cells are measured and padded by display width, so
// wide names (CJK, emoji) keep the columns straight.
void print_team_table(Context& ctx, const std::vector<domain::TeamRow>& rows) {
  enum Column : std::size_t { handle, name, relation, cadence, last, next, concerns, delegations };
  constexpr std::size_t columns = delegations + 1;
  const std::vector<std::string> headers = {"handle",   "name",     "relation", "cadence",
                                            "last 1:1", "next 1:1", "concerns", "delegated"};
  const auto today = ctx.today();
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : rows) {
    const auto& person = row.person;
    cells.push_back({util::truncate_to_width(person.handle, k_handle_width_max),
                     person.name.empty() ? "-" : shown(person.name), relation_text(person),
                     domain::cadence_name(person.cadence), last_held_text(row, today),
                     next_due_text(row, today), count_text(row.open_concerns.size()),
                     count_text(row.open_delegations.size())});
  }
  std::vector<std::size_t> widths;
  for (const auto& header : headers) widths.push_back(util::display_width(header));
  for (const auto& line : cells)
    for (std::size_t column = 0; column < columns; ++column)
      widths[column] = std::max(widths[column], util::display_width(line[column]));
  std::size_t others = columns - 1;  // one space between columns
  for (std::size_t column = 0; column < columns; ++column)
    if (column != name) others += widths[column];
  // When long handles and long "overdue" texts leave the name too little room, the handle
  // column gives some of its width back.
  if (others + k_name_width_min > k_screen_width) {
    const auto excess = others + k_name_width_min - k_screen_width;
    const auto handle_width = std::max(widths[handle] - std::min(excess, widths[handle]),
                                       std::min(widths[handle], k_handle_width_min));
    others -= widths[handle] - handle_width;
    widths[handle] = handle_width;
  }
  const std::size_t name_room = others < k_screen_width ? k_screen_width - others : 0;
  widths[name] = std::min(widths[name], std::max(name_room, k_name_width_min));

  const auto print_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t column = 0; column < columns; ++column) {
      const auto cell = column == name || column == handle
                            ? util::truncate_to_width(line[column], widths[column])
                            : line[column];
      if (column > 0) text += ' ';
      // The counts are numbers: right-aligned, and the last column leaves no trailing spaces.
      if (column >= concerns)
        text += std::string(widths[column] - util::display_width(cell), ' ') + cell;
      else
        text += util::pad_to_width(cell, widths[column]);
    }
    return text;
  };
  ctx.out << bold(ctx, print_line(headers)) << "\n";
  for (const auto& line : cells) ctx.out << print_line(line) << "\n";
}

void list_people(Context& ctx, bool all, const std::string& format) {
  auto db = open_for_listing(ctx, format);
  if (!db) return;
  storage::Store store{*db};
  const auto rows =
      domain::team_overview(db->read([&] { return store.team_input(all); }), ctx.series_context());
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& row : rows) list.push_back(team_row_json(ctx, row));
    return print_json(ctx.out, list);
  }
  if (rows.empty()) {
    ctx.out << (all ? "No people yet." : "No people yet (archived ones show with --all).")
            << " Add one with `mgr person add HANDLE`.\n";
    return;
  }
  print_team_table(ctx, rows);
}

// What `person show` prints about one person besides the timeline, read in one snapshot.
struct PersonPage {
  Person person;
  std::vector<domain::Topic> topics;
  std::vector<domain::Action> actions;
  std::vector<domain::Delegation> open_delegations;    // oldest first
  std::vector<domain::Delegation> closed_delegations;  // closed most recently first
  std::int64_t older_closed_delegations = 0;           // closed earlier, left out
  std::vector<domain::Concern> open_concerns;          // oldest first
  std::vector<domain::Concern> closed_concerns;        // closed most recently first
  std::int64_t older_closed_concerns = 0;              // closed earlier, left out
};

// The newest entries `person show` prints without --all: enough to see what happened lately,
// few enough to stay instant with years of log.
constexpr std::int64_t k_timeline_recent = 20;
// Likewise the closed delegations and concerns: the latest outcomes, not years of them.
constexpr std::int64_t k_closed_recent = 10;

// Hands the timeline's entries, newest first, to the visitor as they are read.
using TimelineReader = std::function<void(const std::function<void(const domain::Entry&)>&)>;

// "resolved 2026-11-20: talked it through", how a concern or delegation closed.
std::string how_it_closed(std::string_view status, const std::optional<domain::Date>& closed,
                          const std::string& note) {
  std::string text{status};
  if (closed) text += " " + domain::format_date(*closed);
  if (!note.empty()) text += ": " + shown(note);
  return text;
}

std::string dumped(const nlohmann::json& value, const std::string& indent) {
  const auto text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  // Strings hold their line breaks escaped, so every raw one starts a line of the layout.
  std::string indented;
  indented.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    indented += c;
    if (c == '\n') indented += indent;
  }
  return indented;
}

// Prints `document` with the array `key` filled from `items` as they come, laid out exactly as
// print_json lays out the whole document: a timeline of years is never held in memory.
void print_json_streaming_array(std::ostream& out, const nlohmann::json& document,
                                const std::string& key, const TimelineReader& items) {
  bool first_member = true;
  const auto member = [&](const std::string& name) {
    out << (first_member ? "{\n  " : ",\n  ") << nlohmann::json(name).dump() << ": ";
    first_member = false;
  };
  const auto streamed = [&] {
    member(key);
    bool first_item = true;
    items([&](const domain::Entry& entry) {
      out << (first_item ? "[\n    " : ",\n    ") << dumped(entry_json(entry), "    ");
      first_item = false;
    });
    out << (first_item ? "[]" : "\n  ]");
  };
  bool done = false;
  for (const auto& [name, value] : document.items()) {
    if (!done && name > key) {
      streamed();
      done = true;
    }
    member(name);
    out << dumped(value, "  ");
  }
  if (!done) streamed();
  out << "\n}\n";
}

// The open items and the closed ones shown, in the order they were opened (then by id), as
// JSON has always listed them.
template <typename Item, typename OpenedOf>
std::vector<Item> in_opening_order(const std::vector<Item>& open, const std::vector<Item>& closed,
                                   OpenedOf opened_of) {
  std::vector<Item> items = open;
  items.insert(items.end(), closed.begin(), closed.end());
  std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    return std::pair{opened_of(a), a.id.value} < std::pair{opened_of(b), b.id.value};
  });
  return items;
}

void print_person_json(Context& ctx, const PersonPage& page, std::int64_t older,
                       const TimelineReader& each_entry) {
  auto j = person_json(ctx, page.person);
  j["older_entries"] = older;
  j["older_closed_delegations"] = page.older_closed_delegations;
  j["older_closed_concerns"] = page.older_closed_concerns;
  j["open_topics"] = nlohmann::json::array();
  for (const auto& topic : page.topics)
    j["open_topics"].push_back({{"id", topic.id.value}, {"text", topic.text}});
  j["open_actions"] = nlohmann::json::array();
  for (const auto& action : page.actions)
    j["open_actions"].push_back(
        {{"id", action.id.value}, {"owner", domain::name_of(action.owner)}, {"text", action.text}});
  j["open_delegations"] = nlohmann::json::array();
  for (const auto& d : page.open_delegations)
    j["open_delegations"].push_back({{"id", d.id.value}, {"outcome", d.outcome}});
  j["delegations"] = nlohmann::json::array();
  for (const auto& d :
       in_opening_order(page.open_delegations, page.closed_delegations,
                        [](const domain::Delegation& item) { return item.created; }))
    j["delegations"].push_back(delegation_json(d));
  j["open_concerns"] = nlohmann::json::array();
  for (const auto& c : page.open_concerns)
    j["open_concerns"].push_back({{"id", c.id.value}, {"text", c.text}});
  j["concerns"] = nlohmann::json::array();
  for (const auto& c : in_opening_order(page.open_concerns, page.closed_concerns,
                                        [](const domain::Concern& item) { return item.opened; }))
    j["concerns"].push_back(concern_json(c));
  print_json_streaming_array(ctx.out, j, "timeline", each_entry);
}

// "  ... and 12 closed earlier: `mgr person show alice --all` shows them all", under a list
// of closed items that leaves some out.
void print_closed_earlier(std::ostream& out, std::int64_t left_out, const std::string& handle) {
  if (left_out > 0)
    out << fmt::format("  ... and {} closed earlier: `mgr person show {} --all` shows them all\n",
                       left_out, handle);
}

void print_person_text(Context& ctx, const PersonPage& page, std::int64_t older,
                       const TimelineReader& each_entry) {
  const auto& [person, topics, actions, open_delegations, closed_delegations,
               older_closed_delegations, open_concerns, closed_concerns, older_closed_concerns] =
      page;
  auto& out = ctx.out;
  out << bold(ctx, person.handle) << (person.name.empty() ? "" : " — " + shown(person.name))
      << (person.archived ? " (archived)" : "") << "\n";
  out << "  relation  " << relation_text(person) << "\n";
  out << "  1:1s      " << slot_text(ctx, person) << "\n";
  out << "  since     " << domain::format_date(person.since) << "\n";
  for (const auto& away : person.away)
    out << "  away      " << domain::format_date(away.from) << " to "
        << domain::format_date(away.to)
        << (away.reason.empty() ? "" : " (" + shown(away.reason) + ")") << "\n";
  if (!topics.empty()) {
    out << "\nOpen talking points\n";
    for (const auto& topic : topics)
      out << fmt::format("  #{} {}\n", topic.id.value, shown(topic.text));
  }
  if (!actions.empty()) {
    out << "\nOpen actions\n";
    for (const auto& action : actions)
      out << fmt::format("  #{} [{}] {}\n", action.id.value,
                         action.owner == domain::Owner::me ? "mine" : "theirs", shown(action.text));
  }
  if (!open_delegations.empty()) {
    out << "\nOpen delegations\n";
    for (const auto& d : open_delegations)
      out << fmt::format("  #{} {}\n", d.id.value, shown(d.outcome));
  }
  if (!open_concerns.empty()) {
    out << "\nOpen concerns\n";
    for (const auto& c : open_concerns) out << fmt::format("  #{} {}\n", c.id.value, shown(c.text));
  }
  // Closed items read like the timeline: the latest outcome first, the earlier ones below.
  if (!closed_delegations.empty()) {
    out << "\nClosed delegations\n";
    for (const auto& d : closed_delegations)
      out << fmt::format("  #{} {} [{}]\n", d.id.value, shown(d.outcome),
                         how_it_closed(domain::name_of(d.status), d.closed, d.close_note));
    print_closed_earlier(out, older_closed_delegations, person.handle);
  }
  if (!closed_concerns.empty()) {
    out << "\nClosed concerns\n";
    for (const auto& c : closed_concerns)
      out << fmt::format("  #{} {} [{}]\n", c.id.value, shown(c.text),
                         how_it_closed(domain::name_of(c.status), c.closed, c.close_note));
    print_closed_earlier(out, older_closed_concerns, person.handle);
  }
  out << "\nTimeline\n";
  bool any = false;
  each_entry([&](const domain::Entry& entry) {
    any = true;
    print_entry(out, entry);
  });
  if (!any) out << "  nothing logged yet\n";
  if (older > 0)
    out << fmt::format("  ... and {} older {}: `mgr person show {} --all` shows them all\n", older,
                       older == 1 ? "entry" : "entries", person.handle);
}

// The profile, the open items, the most recently closed ones and the newest entries (every
// closed item and entry with `all`). The timeline is printed as it is read, inside the one read
// of the file; what is left out is counted, not read.
void show_person(Context& ctx, const std::string& handle, const std::string& format, bool all) {
  auto db = ctx.open_for_reading(format == "json");
  if (!db) return;
  storage::Store store{*db};
  db->read([&] {
    PersonPage page;
    page.person = require_person(store, handle);
    page.topics = store.list_topics(page.person.id, false);
    page.actions = store.list_actions(page.person.id, std::nullopt, false);
    page.open_delegations = store.list_delegations(page.person.id, false);
    page.open_concerns = store.list_concerns(page.person.id, false);
    const auto closed_limit = all ? std::nullopt : std::optional<std::int64_t>{k_closed_recent};
    page.closed_delegations = store.closed_delegations_of(page.person.id, closed_limit);
    page.closed_concerns = store.closed_concerns_of(page.person.id, closed_limit);
    // Only a full page of closed items can have left some out.
    if (!all && static_cast<std::int64_t>(page.closed_delegations.size()) == k_closed_recent)
      page.older_closed_delegations =
          store.count_closed_delegations_of(page.person.id) - k_closed_recent;
    if (!all && static_cast<std::int64_t>(page.closed_concerns.size()) == k_closed_recent)
      page.older_closed_concerns = store.count_closed_concerns_of(page.person.id) - k_closed_recent;
    storage::EntryFilter timeline;
    timeline.person = page.person.id;
    std::int64_t older = 0;
    if (!all) {
      timeline.limit = k_timeline_recent;
      older = std::max<std::int64_t>(0, store.count_entries_of(page.person.id) - k_timeline_recent);
    }
    const TimelineReader each_entry = [&](const auto& visit) { store.each_entry(timeline, visit); };
    if (format == "json")
      print_person_json(ctx, page, older, each_entry);
    else
      print_person_text(ctx, page, older, each_entry);
  });
}

std::string away_text(const domain::TimeAway& away) {
  return domain::format_date(away.from) + " to " + domain::format_date(away.to) +
         (away.reason.empty() ? "" : " (" + shown(away.reason) + ")");
}

void mark_away(Context& ctx, const std::string& handle, const std::string& from_text,
               const std::string& to_text, const std::string& reason) {
  domain::TimeAway away;
  away.from = parse_user_date(ctx, from_text, domain::DateDirection::future);
  away.to = parse_user_date(ctx, to_text, domain::DateDirection::future);
  domain::check_time_away(away);
  away.reason = text_argument(ctx, reason, "--reason");
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const Person person = require_person(store, handle);
    domain::check_no_overlap(person.away, away);
    const auto id = store.add_time_away(person.id, away);
    return fmt::format("{} is away {} to {} (time away {}); no 1:1 is due then", person.handle,
                       domain::format_date(away.from), domain::format_date(away.to), id.value);
  });
}

void list_time_away(Context& ctx, const std::string& handle) {
  auto db = ctx.open_for_reading();
  if (!db) return;
  storage::Store store{*db};
  const Person person = db->read([&] { return require_person(store, handle); });
  if (person.away.empty()) {
    ctx.out << person.handle << " has no time away recorded.\n";
    return;
  }
  ctx.out << "Time away of " << person.handle << " (cancel one with `mgr person away "
          << person.handle << " --cancel ID`)\n";
  for (const auto& away : person.away)
    ctx.out << fmt::format("  {:>4}  {}\n", away.id.value, away_text(away));
}

void cancel_time_away(Context& ctx, const std::string& handle, const std::string& id_text) {
  const domain::AwayId id{domain::parse_id_number(id_text, "time away")};
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const Person person = require_person(store, handle);
    const auto found = std::find_if(person.away.begin(), person.away.end(),
                                    [&](const domain::TimeAway& away) { return away.id == id; });
    if (found == person.away.end())
      throw UsageError(fmt::format("{} has no time away {}", person.handle, id.value),
                       "see `mgr person away " + person.handle + "`");
    store.remove_time_away(person.id, id);
    return fmt::format("cancelled time away {} of {}: {}", id.value, person.handle,
                       away_text(*found));
  });
}

void rename_person(Context& ctx, const std::string& handle, const std::string& new_handle_text) {
  const std::string new_handle = domain::parse_handle(new_handle_text);
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    Person person = require_person(store, handle);
    if (person.handle == new_handle)
      throw UsageError(person.handle + " is already called " + util::quoted(new_handle));
    if (store.find_person(new_handle))
      throw UsageError("a person with handle " + util::quoted(new_handle) + " already exists",
                       "pick another handle");
    const std::string old_handle = person.handle;
    person.handle = new_handle;
    store.update_person(person);
    return "renamed " + old_handle + " to " + new_handle +
           "; everything about them follows the new handle";
  });
}

void set_archived(Context& ctx, const std::string& handle, bool archived) {
  change_and_confirm(ctx, unknown_person(handle), [&](storage::Store& store) {
    const Person person = require_person(store, handle);
    if (person.archived == archived)
      throw UsageError(person.handle + (archived ? " is already archived" : " is not archived"));
    store.set_archived(person.id, archived);
    return (archived ? "archived " : "restored ") + person.handle;
  });
}

}  // namespace

void register_person_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto* person = app.add_subcommand("person", "Add, change and look at the people you work with");
  person->require_subcommand(1);

  struct State {
    std::string handle, new_handle, format = "text", from, to, reason, cancel;
    bool all = false;
    PersonOptions add_options, edit_options;
  };
  auto state = std::make_shared<State>();

  auto* add = person->add_subcommand("add", "Add a person (default: a report with weekly 1:1s)");
  add->add_option("HANDLE", state->handle, "Short name, e.g. alice")->required();
  state->add_options.add_to(add);
  table.add(add, [&ctx, state] { add_person(ctx, state->handle, state->add_options); });

  auto* list = person->add_subcommand("list", "The team at a glance: 1:1s due, what is open");
  list->add_flag("--all", state->all, "Include archived people");
  add_format_option(list, state->format, {"text", "json"});
  table.add(list, [&ctx, state] { list_people(ctx, state->all, state->format); });

  const auto recent = std::to_string(k_timeline_recent);
  const auto closed = std::to_string(k_closed_recent);
  auto* show =
      person->add_subcommand("show", "A person's profile, open items, the " + closed +
                                         " closed last and the newest " + recent + " entries");
  show->add_option("HANDLE", state->handle, "Who")->required();
  show->add_flag("--all", state->all, "Every closed item and every entry, not only the newest");
  add_format_option(show, state->format, {"text", "json"});
  table.add(show, [&ctx, state] { show_person(ctx, state->handle, state->format, state->all); });

  auto* edit = person->add_subcommand("edit", "Change a person (same options as add)");
  edit->add_option("HANDLE", state->handle, "Who")->required();
  state->edit_options.add_to(edit);
  table.add(edit, [&ctx, state] { edit_person(ctx, state->handle, state->edit_options); });

  auto* rename =
      person->add_subcommand("rename", "Give someone a new handle; everything about them follows");
  rename->add_option("HANDLE", state->handle, "Their handle now")->required();
  rename->add_option("NEW_HANDLE", state->new_handle, "Their new handle")->required();
  table.add(rename, [&ctx, state] { rename_person(ctx, state->handle, state->new_handle); });

  auto* away = person->add_subcommand(
      "away", "Record time away (no 1:1 is due while away), list it, or --cancel one");
  away->add_option("HANDLE", state->handle, "Who")->required();
  auto* from = away->add_option("--from", state->from, "First day away")->type_name("DATE");
  auto* to = away->add_option("--to", state->to, "Last day away")->type_name("DATE");
  from->needs(to);
  to->needs(from);
  auto* reason = away->add_option("--reason", state->reason, "Why, e.g. vacation (- reads stdin)")
                     ->type_name("TEXT")
                     ->needs(from);
  away->add_option("--cancel", state->cancel, "Remove the time away with this id")
      ->type_name("ID")
      ->excludes(from)
      ->excludes(to)
      ->excludes(reason);
  table.add(away, [&ctx, state] {
    if (!state->cancel.empty()) return cancel_time_away(ctx, state->handle, state->cancel);
    if (state->from.empty()) return list_time_away(ctx, state->handle);
    mark_away(ctx, state->handle, state->from, state->to, state->reason);
  });

  auto* archive = person->add_subcommand("archive", "Archive someone who left the team");
  archive->add_option("HANDLE", state->handle, "Who")->required();
  table.add(archive, [&ctx, state] { set_archived(ctx, state->handle, true); });

  auto* restore = person->add_subcommand("restore", "Bring an archived person back");
  restore->add_option("HANDLE", state->handle, "Who")->required();
  table.add(restore, [&ctx, state] { set_archived(ctx, state->handle, false); });
}

}  // namespace mgr::cli
