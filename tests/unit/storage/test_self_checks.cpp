// The monthly self-checks: one per calendar month, replaced in place, read back by date range,
// and a stored answer outside 1-5 reported as damage rather than counted.
#include <catch2/catch.hpp>

#include "domain/errors.hpp"
#include "domain/reflect.hpp"
#include "storage_test_support.hpp"
#include "what_contains.hpp"

using namespace mgr::domain;
using namespace storage_test;

namespace {

SelfCheck check_on(const char* date, Answers answers, const char* note = "") {
  SelfCheck check;
  check.date = day(date);
  check.answers = answers;
  check.note = note;
  check.logged_at = instant("2026-11-27T09:00:00Z");
  return check;
}

}  // namespace

TEST_CASE("Store: a self-check per month, the second replacing the first", "[storage][reflect]") {
  StoreFixture f;
  f.db.write([&] { f.store.save_self_check(check_on("2026-10-30", {4, 2, 5, 3, 4, 2, 3}, "ok")); });
  f.db.write([&] { f.store.save_self_check(check_on("2026-11-02", {1, 1, 1, 1, 1, 1, 1})); });
  f.db.write([&] { f.store.save_self_check(check_on("2026-11-27", {5, 5, 5, 5, 5, 5, 5}, "n")); });
  f.read([&] {
    const auto november = f.store.self_check_of_month("2026-11");
    REQUIRE(november);
    CHECK(november->date == day("2026-11-27"));
    CHECK(november->answers == Answers{5, 5, 5, 5, 5, 5, 5});
    CHECK(november->note == "n");
    CHECK_FALSE(f.store.self_check_of_month("2026-09"));

    const auto all = f.store.self_checks(day("2026-01-01"), day("2026-12-31"));
    REQUIRE(all.size() == 2);
    CHECK(all[0].date == day("2026-10-30"));
    CHECK(all[0].answers == Answers{4, 2, 5, 3, 4, 2, 3});
    CHECK(all[0].fit() == 64);
    CHECK(all[1].date == day("2026-11-27"));
    CHECK(f.store.all_self_checks().size() == 2);
    // A range cuts by date, not only by month.
    CHECK(f.store.self_checks(day("2026-10-31"), day("2026-11-26")).empty());

    CHECK(f.store.last_self_check(day("2026-11-30")) == day("2026-11-27"));
    CHECK(f.store.last_self_check(day("2026-11-26")) == day("2026-10-30"));
    CHECK_FALSE(f.store.last_self_check(day("2026-10-29")));
    CHECK(f.store.self_check_before_month("2026-11")->date == day("2026-10-30"));
    CHECK(f.store.self_check_before_month("2027-01")->date == day("2026-11-27"));
    CHECK_FALSE(f.store.self_check_before_month("2026-10"));
  });
}

TEST_CASE("Store: the review input carries the last self-check up to the reviewed day",
          "[storage][reflect]") {
  StoreFixture f;
  f.db.write([&] { f.store.save_self_check(check_on("2026-11-20", {3, 3, 3, 3, 3, 3, 3})); });
  f.read([&] {
    const auto this_week = week_containing(day("2026-11-26"), day("2026-11-27"));
    CHECK(f.store.review_input(this_week, 140).last_self_check == day("2026-11-20"));
    const auto earlier = week_containing(day("2026-11-12"), day("2026-11-27"));
    CHECK_FALSE(f.store.review_input(earlier, 140).last_self_check);
  });
}

TEST_CASE("Store: an answer edited outside 1-5 is reported as damage", "[storage][reflect]") {
  StoreFixture f;
  f.db.write([&] { f.store.save_self_check(check_on("2026-11-20", {3, 3, 3, 3, 3, 3, 3})); });
  REQUIRE(sqlite_cli(f.path,
                     "PRAGMA ignore_check_constraints = 1; "
                     "UPDATE self_checks SET hard_talks = 9") == "");
  const auto read_back = [&] {
    return f.read([&] { return f.store.self_check_of_month("2026-11"); });
  };
  CHECK_THROWS_MATCHES(read_back(), mgr::Failure, WhatContains("hard_talks"));
  CHECK_THROWS_MATCHES(read_back(), mgr::Failure, WhatContains("'9'"));
}
