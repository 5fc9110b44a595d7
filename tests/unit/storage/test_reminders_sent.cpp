// What `mgr remind --email` records, and what it reads for the reminders.
#include <algorithm>

#include "storage_test_support.hpp"

using namespace storage_test;
using mgr::domain::ReminderItem;
using mgr::domain::ReminderKind;

namespace {

ReminderItem item(ReminderKind kind, const std::string& key, const std::string& person = {}) {
  ReminderItem reminder;
  reminder.kind = kind;
  reminder.key = key;
  reminder.person = person;
  return reminder;
}

}  // namespace

TEST_CASE("reminders e-mailed for a day are read back for that day only", "[storage][remind]") {
  StoreFixture f;
  f.person("alice");
  f.person("bob");
  const std::vector<ReminderItem> sent = {
      item(ReminderKind::one_on_one, "1on1:2026-11-23", "alice"),
      item(ReminderKind::one_on_one, "1on1:2026-11-23", "bob"),
      item(ReminderKind::action, "action:7", "alice"), item(ReminderKind::nudge, "nudge")};
  f.db.write([&] {
    f.store.record_reminded(day("2026-11-26"), sent, instant("2026-11-26T07:30:00Z"), "id@x");
  });
  auto read = f.read([&] { return f.store.reminded_items(day("2026-11-26")); });
  std::sort(read.begin(), read.end());
  using Pair = std::pair<std::string, std::string>;
  CHECK(read == std::vector<Pair>{{"1on1:2026-11-23", "alice"},
                                  {"1on1:2026-11-23", "bob"},
                                  {"action:7", ""},
                                  {"nudge", ""}});
  CHECK(f.read([&] { return f.store.reminded_items(day("2026-11-27")); }).empty());

  // A resend (--force) records the same items again without duplicating them.
  f.db.write([&] {
    f.store.record_reminded(day("2026-11-26"), sent, instant("2026-11-26T08:30:00Z"), "id2@x");
  });
  CHECK(sqlite_cli(f.path, "SELECT count(*), min(message_id) FROM reminders_sent") == "4|id2@x");
}

TEST_CASE("a person's reminder rows go with the person", "[storage][remind]") {
  StoreFixture f;
  f.person("alice");
  f.db.write([&] {
    f.store.record_reminded(day("2026-11-26"),
                            {item(ReminderKind::one_on_one, "1on1:2026-11-23", "alice")},
                            instant("2026-11-26T07:30:00Z"), "id@x");
  });
  REQUIRE(sqlite_cli(f.path,
                     "PRAGMA foreign_keys = ON; DELETE FROM people; "
                     "SELECT count(*) FROM reminders_sent") == "0");
}

TEST_CASE("the reminder input knows when something was last logged", "[storage][remind]") {
  StoreFixture f;
  const auto alice = f.person("alice");
  auto input = f.read([&] { return f.store.reminder_input(day("2026-11-26")); });
  CHECK_FALSE(input.last_logged.has_value());
  CHECK(input.log_start == day("2026-11-01"));  // alice's --since
  f.entry(make_entry(mgr::domain::EntryKind::note, "2026-10-20"), {alice});
  f.entry(make_entry(mgr::domain::EntryKind::note, "2026-11-24"), {alice});
  f.entry(make_entry(mgr::domain::EntryKind::note, "2026-11-27"), {alice});
  input = f.read([&] { return f.store.reminder_input(day("2026-11-26")); });
  CHECK(input.last_logged == day("2026-11-24"));
  CHECK(input.log_start == day("2026-10-20"));
  CHECK(input.people.size() == 1);
}
