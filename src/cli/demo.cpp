// mgr demo: a sample team with eight weeks of history in its own database, for a first look.
#include <fmt/format.h>

#include "cli/common.hpp"
#include "cli/review_render.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

namespace fs = std::filesystem;
using domain::Entry;

using domain::Date;
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

// Eight weeks of a new manager's log, written so that this week's review shows the classic
// mistakes (IC creep, an avoided conflict, micromanaging, no time to learn, a broken promise)
// beside habits that hold (1:1s and feedback every week).
void write_sample_team(storage::Store& store, const Context& ctx) {
  using domain::Relation;
  using std::chrono::minutes;
  SampleWriter w{store, ctx, ctx.today()};
  const int into_week =
      static_cast<int>((date::weekday{w.today} - date::Monday).count());  // days since this Monday
  const auto this_week = [&](int k) { return k % (into_week + 1); };      // days ago, this week

  const auto alice =
      w.person("alice", "Alice Nguyen", Relation::report, "weekly", "tue", "10:00", nullptr);
  const auto bob =
      w.person("bob", "Bob Okafor", Relation::report, "weekly", "thu", "09:00", "America/New_York");
  const auto carol =
      w.person("carol", "Carol Schmidt", Relation::report, "biweekly", "wed", "11:00", nullptr);
  const auto dave = w.person("dave", "Dave Park", Relation::report, "weekly", {}, {}, nullptr);
  const auto frank =
      w.person("frank", "Frank Ito", Relation::report, "weekly", "fri", "15:00", "Asia/Tokyo");
  const auto erin =
      w.person("erin", "Erin Walsh", Relation::manager, "biweekly", "mon", "09:30", nullptr);

  // Every slot of the last eight weeks held (Bob's twice called off and held the next day),
  // and feedback for everyone every week: two habits with long streaks.
  const std::vector<std::pair<PersonId, unsigned>> weekly = {{alice, date::Tuesday.c_encoding()},
                                                             {bob, date::Thursday.c_encoding()},
                                                             {frank, date::Friday.c_encoding()}};
  for (int days_ago = 56; days_ago >= 0; --days_ago) {
    const auto day = w.day(days_ago);
    const auto weekday = date::weekday{day}.c_encoding();
    for (const auto& [who, slot] : weekly) {
      if (weekday != slot) continue;
      const bool called_off = who == bob && (days_ago / 7 == 5 || days_ago / 7 == 3);
      if (called_off) {
        w.one_on_one(days_ago, "Called off: release crunch", who,
                     [](Entry& e) { e.cancelled = true; });
        if (days_ago > 0)
          w.one_on_one(days_ago - 1, "Moved to the next day", who,
                       [](Entry& e) { e.minutes = minutes{30}; });
        continue;
      }
      w.one_on_one(days_ago, "Project status, growth goals", who, [&](Entry& e) {
        e.minutes = minutes{30};
        e.mood = 3 + days_ago % 3;
      });
    }
    if (weekday == date::Wednesday.c_encoding() && (days_ago / 7) % 2 == 0)
      w.one_on_one(days_ago, "Career ladder, conference talk idea", carol, [](Entry& e) {
        e.minutes = minutes{45};
        e.mood = 4;
      });
    if (weekday == date::Monday.c_encoding() && (days_ago / 7) % 2 == 0)
      w.one_on_one(days_ago, "Team health, hiring plan", erin,
                   [](Entry& e) { e.minutes = minutes{30}; });
    if (days_ago % 7 == 3) {
      w.one_on_one(days_ago, "Quick weekly sync", dave, [](Entry& e) { e.minutes = minutes{20}; });
      for (const auto who : {alice, bob, carol, dave, frank})
        w.log(EntryKind::feedback, days_ago, "Specific praise for the week's work", {who},
              [](Entry& e) { e.polarity = domain::Polarity::positive; });
      w.log(EntryKind::feedback, days_ago, "Reviews need more context for the reader", {frank},
            [](Entry& e) { e.polarity = domain::Polarity::constructive; });
    }
    if (days_ago % 7 == 4)
      w.log(EntryKind::mgmt, days_ago, "Planning and the hiring loop", {},
            [](Entry& e) { e.minutes = minutes{240}; });
    if (days_ago >= 21 && days_ago % 14 == 6)
      w.log(EntryKind::learn, days_ago, "A chapter of a management book", {}, [](Entry& e) {
        e.minutes = minutes{60};
        e.learn_type = domain::LearnType::reading;
      });
    if (days_ago >= 7 && days_ago % 7 == 2)
      w.log(EntryKind::ic, days_ago, "Code review", {}, [](Entry& e) { e.minutes = minutes{90}; });
  }
  // This week the manager slid back into the code: over ten hours of it.
  for (int k = 0; k < 4; ++k)
    w.log(EntryKind::ic, this_week(k), "Fixed the flaky deploy myself", {},
          [](Entry& e) { e.minutes = minutes{160}; });

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
  // ... and checked in on it three times this week.
  for (int k = 0; k < 3; ++k)
    w.log(EntryKind::checkin, this_week(k), "Asked how the rotation is going", {carol},
          [&](Entry& e) {
            e.delegation = delegation;
            e.status = domain::CheckinStatus::on_track;
          });

  store.add_topic(alice, "Promotion packet timeline", w.day(3));
  store.add_topic(bob, "Stand-up attendance", w.day(10));
  store.add_topic(carol, "On-call rotation draft", w.day(5));
  // A promise made nine days ago, due six days ago, still open.
  store.add_action(alice, domain::Owner::me, "Send Alice the promotion rubric", w.day(9), w.day(6));
  store.add_action(carol, domain::Owner::them, "Share the rotation draft", w.day(13), std::nullopt);
  w.log(EntryKind::note, 2, "Reorg rumours; keep the team informed", {dave});

  // A self-check at the end of each of the last two months and one today, fit rising; today's
  // claims the hard conversations get had while Bob's concern has waited twelve days.
  const date::year_month_day now{w.today};
  const auto this_month = Date{now.year() / now.month() / date::day{1}};
  const auto last_month =
      Date{date::year_month_day{this_month - date::days{1}}.year() /
           date::year_month_day{this_month - date::days{1}}.month() / date::day{1}};
  const std::vector<std::pair<Date, domain::Answers>> checks = {
      {last_month - date::days{1}, {3, 3, 2, 2, 3, 4, 4}},
      {this_month - date::days{1}, {4, 3, 3, 3, 3, 3, 4}},
      {w.today, {4, 4, 3, 5, 4, 3, 3}}};
  for (const auto& [day, answers] : checks) {
    domain::SelfCheck check;
    check.date = day;
    check.answers = answers;
    check.logged_at = ctx.clock.now;
    store.save_self_check(check);
  }
}

void run_demo(Context& ctx, const std::string& db_option) {
  if (!db_option.empty())
    ctx.db_path = db_option;
  else if (ctx.db_source != "flag")
    // The sample team never goes into the real database.
    ctx.db_path = ctx.db_path.parent_path() / "demo.db";
  if (fs::exists(ctx.db_path)) {
    auto existing = storage::Database::open_read_only(ctx.db_path);
    storage::Store store{*existing};
    const bool holds_data = existing->read(
        [&] { return !store.list_people(true).empty() || store.latest_entry_id().has_value(); });
    if (holds_data)
      throw UsageError("'" + ctx.db_path.string() + "' already holds data",
                       "the demo writes a sample team into a new database; pass --db with a new "
                       "path, e.g. --db /tmp/mgr-demo.db");
  }
  auto db = ctx.open_for_writing();
  storage::Store store{db};
  db.write([&] { write_sample_team(store, ctx); });
  const auto people = db.read([&] { return store.list_people(false); });

  auto& out = ctx.out;
  out << "Created a sample team with eight weeks of history in " << ctx.db_path.string() << "\n\n";
  out << bold(ctx, "People") << "\n";
  for (const auto& person : people)
    out << fmt::format("  {:<8} {:<16} {:<8} {}\n", person.handle, person.name,
                       domain::name_of(person.relation), domain::cadence_name(person.cadence));
  const auto with = "  mgr --db " + ctx.db_path.string();
  out << "\nExplore it with, for example:\n"
      << with << " today\n"
      << with << " prep bob\n"
      << with << " review --format markdown\n"
      << with << " schedule\n"
      << with << " person show carol\n"
      << with << " reflect --history\n"
      << with << " progress\n";
  out << "\n" << bold(ctx, "This week's review") << " (mgr review)\n\n";
  const auto today = ctx.today();
  out << review_text(review_of(ctx, &db, domain::week_containing(today, today)), ctx.color());
}

}  // namespace

void register_demo_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto db = std::make_shared<std::string>();
  auto* demo = app.add_subcommand("demo", "Create a sample team with eight weeks of history");
  demo->add_option("--db", *db, "Where to create it (default: demo.db beside your database)");
  table.add(demo, [&ctx, db] { run_demo(ctx, *db); });
}

}  // namespace mgr::cli
