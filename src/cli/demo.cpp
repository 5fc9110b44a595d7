// mgr demo: a sample team with eight weeks of history in its own database, for a first look.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;
using domain::Entry;

using domain::EntryKind;
using domain::PersonId;

// Writes the sample team through the same recipes `mgr log` uses.
struct SampleWriter {
  storage::Store& store;
  const Context& ctx;
  domain::Date today;

  domain::Date day(int days_ago) const { return today - date::days{days_ago}; }

  PersonId person(const std::string& handle, const std::string& name, domain::Relation relation,
                  const std::string& cadence, std::optional<std::string> slot_day,
                  std::optional<std::string> slot_time, const char* zone) {
    domain::Person p;
    p.handle = handle;
    p.name = name;
    p.relation = relation;
    p.cadence = domain::parse_cadence(cadence);
    if (slot_day) p.slot_day = domain::parse_weekday(*slot_day);
    if (slot_time) p.slot_time = domain::parse_clock_time(*slot_time);
    if (zone != nullptr) p.zone = domain::find_zone(zone);
    p.since = day(60);
    return store.add_person(p, ctx.clock.now);
  }

  Entry entry(EntryKind kind, int days_ago, const std::string& note,
              const std::function<void(Entry&)>& fill = {}) const {
    Entry e;
    e.kind = kind;
    e.date = day(days_ago);
    e.logged_at = ctx.clock.now;
    e.note = note;
    if (fill) fill(e);
    return e;
  }

  domain::EntryId log(EntryKind kind, int days_ago, const std::string& note,
                      const std::vector<PersonId>& people,
                      const std::function<void(Entry&)>& fill = {}) {
    return store.record_entry(entry(kind, days_ago, note, fill), people);
  }

  void one_on_one(int days_ago, const std::string& note, PersonId with,
                  const std::function<void(Entry&)>& fill) {
    store.record_one_on_one(entry(EntryKind::one_on_one, days_ago, note, fill), with, {}, {}, {});
  }
};

void write_sample_team(storage::Store& store, const Context& ctx) {
  using domain::Relation;
  using std::chrono::minutes;
  SampleWriter w{store, ctx, ctx.today()};
  const auto alice =
      w.person("alice", "Alice Nguyen", Relation::report, "weekly", "tue", "10:00", nullptr);
  const auto bob =
      w.person("bob", "Bob Okafor", Relation::report, "weekly", "thu", "14:00", "America/New_York");
  const auto carol =
      w.person("carol", "Carol Schmidt", Relation::report, "biweekly", "wed", "11:00", nullptr);
  const auto dave = w.person("dave", "Dave Park", Relation::skip, "monthly", {}, {}, nullptr);
  const auto erin =
      w.person("erin", "Erin Walsh", Relation::manager, "biweekly", "mon", "09:30", nullptr);

  // Eight weeks of 1:1s that slowly slip: Bob's are cancelled twice and then stop.
  for (int week = 8; week >= 1; --week) {
    const int base = week * 7;
    w.one_on_one(base - 1, fmt::format("Week {}: roadmap, growth goals", 9 - week), alice,
                 [&](Entry& e) {
                   e.minutes = minutes{30};
                   e.mood = 3 + week % 3;
                 });
    if (week > 3) {
      const bool cancelled = week == 6 || week == 4;
      w.one_on_one(base - 3,
                   cancelled ? "Called off: release crunch" : "Project status, on-call load", bob,
                   [&](Entry& e) {
                     e.cancelled = cancelled;
                     if (!cancelled) {
                       e.minutes = minutes{30};
                       e.mood = 2 + week % 2;
                     }
                   });
    }
    if (week % 2 == 0) {
      w.one_on_one(base - 2, "Career ladder, conference talk idea", carol, [&](Entry& e) {
        e.minutes = minutes{45};
        e.mood = 4;
      });
      w.one_on_one(base - 7, "Team health, hiring plan", erin,
                   [](Entry& e) { e.minutes = minutes{30}; });
    }
    w.log(EntryKind::ic, base - 2, week < 4 ? "Fixed the flaky deploy myself" : "Code review", {},
          [&](Entry& e) { e.minutes = minutes{week < 4 ? 300 : 90}; });
    w.log(EntryKind::mgmt, base - 4, "Quarterly planning and hiring loop", {},
          [](Entry& e) { e.minutes = minutes{240}; });
    w.log(EntryKind::feedback, base - 1, "Great incident write-up", {alice},
          [](Entry& e) { e.polarity = domain::Polarity::positive; });
    if (week % 3 == 0)
      w.log(EntryKind::learn, base - 5, "Read a chapter of a management book", {}, [](Entry& e) {
        e.minutes = minutes{60};
        e.learn_type = domain::LearnType::reading;
      });
  }
  w.one_on_one(40, "Quarterly check-in", dave, [](Entry& e) { e.minutes = minutes{30}; });

  store.record_concern(
      w.entry(EntryKind::concern, 12, "Bob has missed three stand-ups and the design review"),
      {bob});

  domain::Delegation d;
  d.outcome = "A fair on-call rotation the team agrees to";
  d.why = "Carol knows the pain points best and wants more scope";
  d.due = w.day(-10);
  const auto delegation = store.record_delegation(
      w.entry(EntryKind::delegate, 20, "Carol owns the on-call rotation"), carol, d);
  w.log(EntryKind::checkin, 13, "Draft shared with the team", {carol}, [&](Entry& e) {
    e.delegation = delegation;
    e.status = domain::CheckinStatus::on_track;
  });

  store.add_topic(alice, "Promotion packet timeline", w.day(3));
  store.add_topic(bob, "Stand-up attendance", w.day(10));
  store.add_topic(carol, "On-call rotation draft", w.day(5));
  store.add_action(alice, domain::Owner::me, "Send Alice the promotion rubric", w.day(6),
                   w.day(-2));
  store.add_action(carol, domain::Owner::them, "Share the rotation draft", w.day(13), std::nullopt);
  w.log(EntryKind::note, 2, "Reorg rumours; keep the team informed", {dave});
}

void run_demo(Context& ctx, const std::string& db_option) {
  if (!db_option.empty())
    ctx.db_path = db_option;
  else if (ctx.db_source != "flag")
    // The sample team never goes into the real database.
    ctx.db_path = ctx.db_path.parent_path() / "demo.db";
  if (fs::exists(ctx.db_path)) {
    throw UsageError("'" + ctx.db_path.string() + "' already exists",
                     "the demo writes a new database; pass --db with a new path, e.g. "
                     "--db /tmp/mgr-demo.db");
  }
  auto db = ctx.open_for_writing();
  storage::Store store{db};
  db.write([&] { write_sample_team(store, ctx); });
  storage::EntryFilter recent;
  recent.limit = 12;
  const auto [people, entries] = db.read([&] {
    return std::pair{store.list_people(false), store.list_entries(recent)};
  });

  auto& out = ctx.out;
  out << "Created a sample team with eight weeks of history in " << ctx.db_path.string() << "\n\n";
  out << bold(ctx, "People") << "\n";
  for (const auto& person : people)
    out << fmt::format("  {:<8} {:<16} {:<8} {}\n", person.handle, person.name,
                       domain::name_of(person.relation), domain::cadence_name(person.cadence));
  out << "\n" << bold(ctx, "Recent history") << "\n";
  for (const auto& entry : entries) print_entry(out, entry);
  out << "\nExplore it with, for example:\n"
      << "  mgr --db " << ctx.db_path.string() << " today\n"
      << "  mgr --db " << ctx.db_path.string() << " schedule\n"
      << "  mgr --db " << ctx.db_path.string() << " prep bob\n"
      << "  mgr --db " << ctx.db_path.string() << " person show bob\n"
      << "  mgr --db " << ctx.db_path.string() << " history --kind 1on1\n"
      << "  mgr --db " << ctx.db_path.string() << " concern list\n";
}

}  // namespace

void register_demo_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto db = std::make_shared<std::string>();
  auto* demo = app.add_subcommand("demo", "Create a sample team with eight weeks of history");
  demo->add_option("--db", *db, "Where to create it (default: demo.db beside your database)");
  table.add(demo, [&ctx, db] { run_demo(ctx, *db); });
}

}  // namespace mgr::cli
