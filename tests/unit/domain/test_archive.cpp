#include "domain/archive.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cstddef>

#include "domain/archive_import.hpp"
#include "domain/forget.hpp"
#include "domain/mentions.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using mgr::UsageError;

namespace {

Date day(int y, unsigned m, unsigned d) {
  return date::local_days{date::year{y} / date::month{m} / date::day{d}};
}

PersonRecord person(std::int64_t id, const std::string& handle, const std::string& name = {}) {
  PersonRecord record;
  record.person.id = PersonId{id};
  record.person.handle = handle;
  record.person.name = name;
  record.person.since = day(2026, 1, 5);
  return record;
}

Entry entry(std::int64_t id, std::vector<std::string> people, const std::string& note,
            EntryKind kind = EntryKind::note) {
  Entry e;
  e.id = EntryId{id};
  e.kind = kind;
  e.date = day(2026, 11, 20);
  e.people = std::move(people);
  e.note = note;
  return e;
}

// alice and bob, a note each, a concern they share, and a talking point of alice's.
Archive small_archive() {
  Archive archive;
  archive.people = {person(1, "alice", "Alice Example"), person(2, "bob", "Bob Builder")};
  archive.entries = {entry(1, {"alice"}, "first"), entry(2, {"bob"}, "talked to Alice"),
                     entry(3, {"alice", "bob"}, "friction", EntryKind::concern)};
  ConcernRecord concern;
  concern.id = ConcernId{3};
  concern.text = "friction";
  concern.opened = day(2026, 11, 20);
  archive.concerns = {concern};
  TopicRecord topic;
  topic.id = TopicId{4};
  topic.person = "alice";
  topic.text = "career";
  topic.created = day(2026, 11, 21);
  archive.topics = {topic};
  archive.last_id = 5;
  return archive;
}

}  // namespace

TEST_CASE("a whole archive is consistent", "[archive]") {
  CHECK_NOTHROW(check_archive(small_archive()));
}

TEST_CASE("check_archive names the first record in error", "[archive]") {
  SECTION("an unknown person") {
    auto archive = small_archive();
    archive.topics[0].person = "carol";
    CHECK_THROWS_MATCHES(check_archive(archive), UsageError,
                         WhatContains("topics[0] (#4): unknown person 'carol'"));
  }
  SECTION("an id used twice across the one id space") {
    auto archive = small_archive();
    archive.topics[0].id = TopicId{2};
    CHECK_THROWS_MATCHES(check_archive(archive), UsageError, WhatContains("topics[0] (#2)"));
    CHECK_THROWS_MATCHES(check_archive(archive), UsageError, WhatContains("used twice"));
  }
  SECTION("a handle twice") {
    auto archive = small_archive();
    archive.people[1].person.handle = "alice";
    CHECK_THROWS_MATCHES(check_archive(archive), UsageError, WhatContains("people[1]"));
  }
  SECTION("a concern without the entry that opened it") {
    auto archive = small_archive();
    archive.concerns[0].id = ConcernId{2};
    CHECK_THROWS_MATCHES(check_archive(archive), UsageError, WhatContains("concerns[0] (#2)"));
  }
  SECTION("last_id below an id") {
    auto archive = small_archive();
    archive.last_id = 3;
    CHECK_THROWS_MATCHES(check_archive(archive), UsageError, WhatContains("last_id"));
  }
}

TEST_CASE("check_record holds a record to the schema's rules", "[archive]") {
  auto bad_mood = entry(7, {"alice"}, "x", EntryKind::one_on_one);
  bad_mood.mood = 6;
  CHECK_THROWS_MATCHES(check_record(4, bad_mood), UsageError, WhatContains("entries[4] (#7)"));
  CHECK_THROWS_MATCHES(check_record(0, person(1, "Not Valid")), UsageError,
                       WhatContains("invalid handle"));
  TimeAwayRecord backwards{AwayId{1}, "alice", day(2026, 5, 2), day(2026, 5, 1), ""};
  CHECK_THROWS_MATCHES(check_record(0, backwards), UsageError, WhatContains("before it starts"));
  SelfCheckRecord check;
  check.month = date::year{2026} / date::month{10};
  check.date = day(2026, 11, 1);
  check.answers = {1, 2, 3, 4, 5, 1, 2};
  CHECK_THROWS_MATCHES(check_record(0, check), UsageError, WhatContains("not in its month"));
  check.date = day(2026, 10, 31);
  CHECK_NOTHROW(check_record(0, check));
  check.answers[6] = 0;
  CHECK_THROWS_MATCHES(check_record(0, check), UsageError, WhatContains("focus_pull"));
}

TEST_CASE("plan_import adds what is new, skips what is identical, refuses what differs",
          "[archive]") {
  const auto archive = small_archive();
  SECTION("into an empty database everything is added") {
    const auto plan = plan_import(archive, ImportBase{});
    CHECK(plan.counts.total_added() == 7);
    CHECK(plan.counts.total_unchanged() == 0);
    CHECK(plan.additions.last_id == 5);
  }
  SECTION("the same archive again adds nothing") {
    ImportBase base;
    base.existing = archive;
    base.last_id = 5;
    const auto plan = plan_import(archive, base);
    CHECK(plan.counts.total_added() == 0);
    CHECK(plan.counts.total_unchanged() == 7);
  }
  SECTION("a changed record is refused, named") {
    ImportBase base;
    base.existing = archive;
    auto changed = archive;
    changed.entries[1].note = "other text";
    CHECK_THROWS_MATCHES(plan_import(changed, base), UsageError,
                         WhatContains("entries[1] (#2): differs"));
  }
  SECTION("a handle that is someone else's here is refused") {
    ImportBase base;
    base.existing.people = {person(9, "alice")};
    CHECK_THROWS_MATCHES(plan_import(archive, base), UsageError, WhatContains("another person's"));
  }
  SECTION("an id handed out here for another kind of thing is refused") {
    ImportBase base;
    base.handed_out.emplace(4, IdKind::action);
    CHECK_THROWS_MATCHES(plan_import(archive, base), UsageError, WhatContains("topics[0] (#4)"));
  }
  SECTION("records already there are skipped and the new ones kept in file order") {
    ImportBase base;
    base.existing.people = {archive.people[0]};
    base.existing.entries = {archive.entries[0], archive.entries[2]};
    const auto plan = plan_import(archive, base);
    REQUIRE(plan.additions.people.size() == 1);
    CHECK(plan.additions.people[0].person.handle == "bob");
    REQUIRE(plan.additions.entries.size() == 1);
    CHECK(plan.additions.entries[0].id.value == 2);
    CHECK(plan.additions.entries[0].note == "talked to Alice");
    CHECK(plan.counts.added[static_cast<std::size_t>(Section::entries)] == 1);
    CHECK(plan.counts.unchanged[static_cast<std::size_t>(Section::entries)] == 2);
    CHECK(plan.counts.unchanged[static_cast<std::size_t>(Section::people)] == 1);
    // Every person of the file is known by handle, the skipped ones too.
    CHECK(plan.person_ids.at("alice").value == 1);
  }
  SECTION("the id sequence never goes back") {
    ImportBase base;
    base.last_id = 40;
    CHECK(plan_import(archive, base).additions.last_id == 40);
  }
  SECTION("the export of one person is refused") {
    auto subject = archive;
    subject.subject = "alice";
    CHECK_THROWS_MATCHES(plan_import(subject, ImportBase{}), UsageError,
                         WhatContains("one person"));
  }
}

TEST_CASE("records_in_words names each counted section in the number it takes", "[archive]") {
  std::array<std::size_t, k_sections.size()> counts{};
  CHECK(records_in_words(counts).empty());
  counts[static_cast<std::size_t>(Section::people)] = 4;
  counts[static_cast<std::size_t>(Section::concerns)] = 1;
  counts[static_cast<std::size_t>(Section::time_away)] = 2;
  counts[static_cast<std::size_t>(Section::self_checks)] = 1;
  CHECK(records_in_words(counts) == "4 people, 2 stretches of time away, 1 concern, 1 self-check");
  counts.fill(1);
  CHECK(records_in_words(counts) ==
        "1 person, 1 stretch of time away, 1 entry, 1 concern, 1 delegation, 1 talking point, "
        "1 action item, 1 skipped 1:1, 1 moved 1:1, 1 reminder sent, 1 self-check");
}

TEST_CASE("mentions find a handle or name as a word of its own", "[mentions]") {
  const std::vector<std::string> terms{"alice", "Alice Example", "Example"};
  CHECK(mentions("talked to alice", terms));
  CHECK(mentions("ALICE's idea", terms));
  CHECK(mentions("@alice: ok", terms));
  CHECK(mentions("an example", terms));
  CHECK_FALSE(mentions("malice", terms));
  CHECK_FALSE(mentions("alice2 and alice_b", terms));
  CHECK_FALSE(mentions("alicé", terms));
  CHECK(scrub_mentions("Alice Example's plan, with alice", terms) ==
        "[removed]'s plan, with [removed]");
  CHECK(scrub_mentions("malice stays", terms) == "malice stays");
  // A term that is part of the replacement itself gets another one.
  CHECK(scrub_mentions("removed by removed", {"removed"}) == "[...] by [...]");
}

TEST_CASE("mention_terms leaves out a name word someone else shares", "[mentions]") {
  Person alice = person(1, "asmith", "Alice Smith").person;
  Person other = person(2, "ajones", "Alice Jones").person;
  const auto terms = mention_terms(alice, {alice, other});
  CHECK(terms.terms == std::vector<std::string>{"asmith", "Alice Smith", "Smith"});
  CHECK(terms.shared == std::vector<std::string>{"Alice"});
  Person short_name = person(3, "bo", "Bo Li").person;
  CHECK(mention_terms(short_name, {short_name}).terms == std::vector<std::string>{"bo", "Bo Li"});
}

TEST_CASE("count_occurrences folds ASCII case and counts every occurrence", "[mentions]") {
  CHECK(count_occurrences("xAlIcEx alice", "alice") == 2);
  CHECK(count_occurrences("ali", "alice") == 0);
  CHECK(count_occurrences("", "alice") == 0);
}

TEST_CASE("plan_forget removes what is theirs and rewrites what mentions them", "[forget]") {
  auto archive = small_archive();
  archive.entries.push_back(entry(6, {"bob"}, "about alice, tagged"));
  archive.entries.back().tags = {"alice", "keep"};
  SkipRecord skip;
  skip.id = SkipId{1};
  skip.person = "alice";
  skip.regular = day(2026, 11, 30);
  archive.skips = {skip};
  archive.last_id = 6;
  const auto terms = mention_terms(archive.people[0].person, {archive.people[1].person});

  ArchiveCollector about;
  SubjectFilter filter{"alice", terms.terms, about};
  send_archive(archive, filter);
  CHECK(about.archive.subject == "alice");
  CHECK(about.archive.people.size() == 1);
  CHECK(about.archive.entries.size() == 4);  // 1 (hers), 2 and 6 (mention her), 3 (shared)

  const auto plan = plan_forget(about.archive, terms);
  CHECK(plan.removed_entries == std::vector<EntryId>{EntryId{1}});
  CHECK(plan.shared_entries == std::vector<EntryId>{EntryId{3}});
  CHECK(plan.removed_topics == 1);
  CHECK(plan.removed_skips == 1);
  REQUIRE(plan.rewritten_entries.size() == 3);
  CHECK(plan.rewritten_entries[0].note == "talked to [removed]");
  CHECK(plan.rewritten_entries[1].people == std::vector<std::string>{"bob"});
  CHECK(plan.rewritten_entries[2].note == "about [removed], tagged");
  CHECK(plan.rewritten_entries[2].tags == std::vector<std::string>{"keep"});
}
