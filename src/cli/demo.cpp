// mgr demo: a sample team with eight weeks of history in its own database, for a first look.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;
using domain::Entry;

struct SampleWriter {
  storage::Store& store;
  const Context& ctx;
  date::local_days today;

  std::string day(int days_ago) const { return domain::format_date(today - date::days{days_ago}); }

  long long person(const std::string& handle, const std::string& name, const std::string& relation,
                   const std::string& cadence, std::optional<std::string> slot_day,
                   std::optional<std::string> slot_time, std::optional<std::string> tz) {
    domain::Person p;
    p.handle = handle;
    p.name = name;
    p.relation = domain::parse_relation(relation);
    p.cadence = domain::parse_cadence(cadence);
    p.day = std::move(slot_day);
    if (slot_time) p.time_minutes = domain::parse_clock_time(*slot_time);
    p.tz = std::move(tz);
    p.since = day(60);
    return store.add_person(p, ctx.now_instant());
  }

  long long log(const std::string& kind, int days_ago, const std::string& note,
                std::vector<long long> people, const std::function<void(Entry&)>& fill = {}) {
    Entry entry;
    entry.kind = kind;
    entry.date = day(days_ago);
    entry.logged_at = ctx.now_instant();
    entry.note = note;
    if (fill) fill(entry);
    return store.add_entry(entry, people);
  }
};

void write_sample_team(storage::Store& store, const Context& ctx) {
  SampleWriter w{store, ctx, ctx.clock.today_days()};
  const long long alice = w.person("alice", "Alice Nguyen", "report", "weekly", "tue", "10:00", {});
  const long long bob =
      w.person("bob", "Bob Okafor", "report", "weekly", "thu", "14:00", "America/New_York");
  const long long carol =
      w.person("carol", "Carol Schmidt", "report", "biweekly", "wed", "11:00", {});
  const long long dave = w.person("dave", "Dave Park", "skip", "monthly", {}, {}, {});
  const long long erin = w.person("erin", "Erin Walsh", "manager", "biweekly", "mon", "09:30", {});

  // Eight weeks of 1:1s that slowly slip: Bob's are cancelled twice and then stop.
  for (int week = 8; week >= 1; --week) {
    const int base = week * 7;
    w.log("1on1", base - 1, fmt::format("Week {}: roadmap, growth goals", 9 - week), {alice},
          [&](Entry& e) {
            e.minutes = 30;
            e.mood = 3 + week % 3;
          });
    if (week > 3) {
      const bool cancelled = week == 6 || week == 4;
      w.log("1on1", base - 3,
            cancelled ? "Called off: release crunch" : "Project status, on-call load", {bob},
            [&](Entry& e) {
              e.cancelled = cancelled;
              if (!cancelled) {
                e.minutes = 30;
                e.mood = 2 + week % 2;
              }
            });
    }
    if (week % 2 == 0) {
      w.log("1on1", base - 2, "Career ladder, conference talk idea", {carol}, [&](Entry& e) {
        e.minutes = 45;
        e.mood = 4;
      });
      w.log("1on1", base - 7, "Team health, hiring plan", {erin}, [](Entry& e) { e.minutes = 30; });
    }
    w.log("ic", base - 2, week < 4 ? "Fixed the flaky deploy myself" : "Code review", {},
          [&](Entry& e) { e.minutes = week < 4 ? 300 : 90; });
    w.log("mgmt", base - 4, "Quarterly planning and hiring loop", {},
          [](Entry& e) { e.minutes = 240; });
    w.log("feedback", base - 1, "Great incident write-up", {alice},
          [](Entry& e) { e.polarity = "positive"; });
    if (week % 3 == 0)
      w.log("learn", base - 5, "Read a chapter of a management book", {}, [](Entry& e) {
        e.minutes = 60;
        e.learn_type = "reading";
      });
  }
  w.log("1on1", 40, "Quarterly check-in", {dave}, [](Entry& e) { e.minutes = 30; });

  const long long concern =
      w.log("concern", 12, "Bob has missed three stand-ups and the design review", {bob});
  store.add_concern(concern, "Bob has missed three stand-ups and the design review", w.day(12));

  const long long delegation = w.log("delegate", 20, "Carol owns the on-call rotation", {carol});
  domain::Delegation d;
  d.outcome = "A fair on-call rotation the team agrees to";
  d.why = "Carol knows the pain points best and wants more scope";
  d.due = w.day(-10);
  d.checkin = "weekly";
  d.created = w.day(20);
  store.add_delegation(delegation, carol, d);
  w.log("checkin", 13, "Draft shared with the team", {carol}, [&](Entry& e) {
    e.delegation = delegation;
    e.status = "on-track";
  });

  store.add_topic(alice, "Promotion packet timeline", w.day(3));
  store.add_topic(bob, "Stand-up attendance", w.day(10));
  store.add_topic(carol, "On-call rotation draft", w.day(5));
  store.add_action(alice, "me", "Send Alice the promotion rubric", w.day(6), w.day(-2),
                   std::nullopt);
  store.add_action(carol, "them", "Share the rotation draft", w.day(13), std::nullopt,
                   std::nullopt);
  w.log("note", 2, "Reorg rumours; keep the team informed", {dave});
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

  auto& out = ctx.out;
  out << "Created a sample team with eight weeks of history in " << ctx.db_path.string() << "\n\n";
  out << bold(ctx, "People") << "\n";
  for (const auto& person : store.list_people(false))
    out << fmt::format("  {:<8} {:<16} {:<8} {}\n", person.handle, person.name,
                       domain::relation_name(person.relation), person.cadence.text);
  out << "\n" << bold(ctx, "Recent history") << "\n";
  storage::EntryFilter recent;
  recent.limit = 12;
  for (const auto& entry : store.list_entries(recent)) print_entry(out, entry);
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
