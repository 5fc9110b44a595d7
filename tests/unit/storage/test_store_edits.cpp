// The Store's editing recipes: replace_entry, time away removed, talking points and actions
// edited and reopened, and the history filters by tag and text.
#include "storage_test_support.hpp"

using namespace mgr::domain;
using namespace storage_test;

TEST_CASE("Store: replace_entry writes back every attribute, people and tags", "[storage]") {
  StoreFixture f;
  const PersonId alice = f.person("alice");
  const PersonId bob = f.person("bob");
  Entry held = make_entry(EntryKind::one_on_one, "2026-11-20", "notes");
  held.minutes = Minutes{30};
  held.mood = 2;
  held.tags = {"a"};
  const EntryId id = f.db.write(
      [&] { return f.store.record_one_on_one(held, alice, {}, {"follow up"}, {"draft"}); });
  Entry edited = f.read([&] { return *f.store.find_entry(id); });
  edited.date = day("2026-11-19");
  edited.note = "better notes";
  edited.minutes = Minutes{45};
  edited.mood.reset();
  edited.tags = {"b", "c"};
  f.db.write([&] { f.store.replace_entry(edited, {bob}); });
  f.read([&] {
    const auto found = f.store.find_entry(id);
    REQUIRE(found);
    CHECK(found->date == day("2026-11-19"));
    CHECK(found->note == "better notes");
    CHECK(found->minutes == Minutes{45});
    CHECK_FALSE(found->mood);
    CHECK(found->tags == std::vector<std::string>{"b", "c"});
    CHECK(found->people == std::vector<std::string>{"bob"});
    // The actions agreed in the 1:1 went with it.
    CHECK(f.store.list_actions(bob, std::nullopt, false).size() == 2);
    CHECK(f.store.list_actions(alice, std::nullopt, false).empty());
  });
}

TEST_CASE("Store: replace_entry moves a delegation, its check-ins and a concern's people",
          "[storage]") {
  StoreFixture f;
  const PersonId alice = f.person("alice");
  const PersonId bob = f.person("bob");
  Delegation release;
  release.outcome = "release 2.0";
  const DelegationId delegation = f.db.write([&] {
    return f.store.record_delegation(make_entry(EntryKind::delegate, "2026-11-11", "ship"), alice,
                                     release);
  });
  Entry checkin = make_entry(EntryKind::checkin, "2026-11-12");
  checkin.delegation = delegation;
  const EntryId check = f.entry(checkin, {alice});
  Entry moved = f.read([&] { return *f.store.find_entry(EntryId{delegation.value}); });
  f.db.write([&] { f.store.replace_entry(moved, {bob}); });
  const ConcernId concern = f.db.write([&] {
    return f.store.record_concern(make_entry(EntryKind::concern, "2026-11-10", "friction"),
                                  {alice});
  });
  Entry concern_entry = f.read([&] { return *f.store.find_entry(EntryId{concern.value}); });
  concern_entry.note = "friction between them";
  f.db.write([&] { f.store.replace_entry(concern_entry, {alice, bob}); });
  f.read([&] {
    CHECK(f.store.find_delegation(delegation)->person == "bob");
    CHECK(f.store.find_entry(check)->people == std::vector<std::string>{"bob"});
    const auto found = f.store.find_concern(concern);
    CHECK(found->people == std::vector<std::string>{"alice", "bob"});
    CHECK(found->text == "friction between them");
  });
}

TEST_CASE("Store: count_covered_topics", "[storage]") {
  StoreFixture f;
  const PersonId alice = f.person("alice");
  const TopicId topic =
      f.db.write([&] { return f.store.add_topic(alice, "x", day("2026-11-10")); });
  const EntryId id = f.db.write([&] {
    return f.store.record_one_on_one(make_entry(EntryKind::one_on_one, "2026-11-20"), alice,
                                     {topic}, {}, {});
  });
  const EntryId other = f.entry(make_entry(EntryKind::note, "2026-11-20"), {alice});
  CHECK(f.read([&] { return f.store.count_covered_topics(id); }) == 1);
  CHECK(f.read([&] { return f.store.count_covered_topics(other); }) == 0);
}

TEST_CASE("Store: remove_time_away removes only that person's stretch", "[storage]") {
  StoreFixture f;
  const PersonId alice = f.person("alice");
  const PersonId bob = f.person("bob");
  const AwayId away = f.db.write([&] {
    return f.store.add_time_away(alice, {AwayId{}, day("2026-12-21"), day("2027-01-01"), ""});
  });
  CHECK_FALSE(f.db.write([&] { return f.store.remove_time_away(bob, away); }));
  CHECK(f.read([&] { return f.store.find_person("alice")->away.size(); }) == 1);
  CHECK(f.db.write([&] { return f.store.remove_time_away(alice, away); }));
  CHECK(f.read([&] { return f.store.find_person("alice")->away.empty(); }));
}

TEST_CASE("Store: talking points and actions edited and reopened", "[storage]") {
  StoreFixture f;
  const PersonId alice = f.person("alice");
  const TopicId topic =
      f.db.write([&] { return f.store.add_topic(alice, "promo", day("2026-11-10")); });
  const ActionId action = f.db.write([&] {
    return f.store.add_action(alice, Owner::me, "send", day("2026-11-10"), day("2026-11-30"));
  });
  f.db.write([&] {
    f.store.update_topic_text(topic, "promotion timeline");
    f.store.update_action(action, "send the rubric", std::nullopt);
    f.store.close_action(action, ActionStatus::done, day("2026-11-20"));
  });
  f.read([&] {
    CHECK(f.store.find_topic(topic)->text == "promotion timeline");
    const auto done = f.store.find_action(action);
    CHECK(done->text == "send the rubric");
    CHECK_FALSE(done->due);
    CHECK(done->status == ActionStatus::done);
  });
  f.db.write([&] { f.store.reopen_action(action); });
  f.read([&] {
    const auto reopened = f.store.find_action(action);
    CHECK(reopened->status == ActionStatus::open);
    CHECK_FALSE(reopened->done);
  });
}

TEST_CASE("Store: list_entries by tag and by text in the note", "[storage]") {
  StoreFixture f;
  Entry tagged = make_entry(EntryKind::mgmt, "2026-11-20", "Debrief with recruiter");
  tagged.minutes = Minutes{60};
  tagged.tags = {"hiring"};
  const EntryId hiring = f.entry(tagged);
  const EntryId budget = f.entry(make_entry(EntryKind::note, "2026-11-21", "RECRUITER fees"));
  f.entry(make_entry(EntryKind::note, "2026-11-22", "100 percent"));
  mgr::storage::EntryFilter by_tag;
  by_tag.tag = "hiring";
  mgr::storage::EntryFilter by_text;
  by_text.grep = "recruiter";
  mgr::storage::EntryFilter wildcard;
  wildcard.grep = "%";
  f.read([&] {
    CHECK(ids_of(f.store.list_entries(by_tag)) == std::vector<EntryId>{hiring});
    CHECK(ids_of(f.store.list_entries(by_text)) == std::vector<EntryId>{budget, hiring});
    CHECK(f.store.list_entries(wildcard).empty());
  });
}
