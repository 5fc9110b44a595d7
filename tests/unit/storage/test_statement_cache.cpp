// The statements a Store keeps prepared: reused, handed out unbound and from the first row, and
// never shared by two uses at once.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "storage/statements.hpp"

using mgr::storage::StatementCache;

TEST_CASE("a kept statement is reused unbound and from its first row", "[storage]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE numbers (n INTEGER); INSERT INTO numbers VALUES (1), (2), (3)");
  StatementCache cache;
  const std::string sql = "SELECT n FROM numbers WHERE n >= ? ORDER BY n";
  CHECK_THROWS_AS(cache.lease(db, sql), std::logic_error);

  db.exec("BEGIN");
  const SQLite::Statement* kept = nullptr;
  {
    auto outer = cache.lease(db, sql);
    kept = &*outer;
    (*outer).bind(1, 2);
    REQUIRE((*outer).executeStep());
    CHECK((*outer).getColumn(0).getInt() == 2);
    // The same SQL while the first use is still reading: a statement of its own, unbound.
    auto inner = cache.lease(db, sql);
    CHECK(&*inner != kept);
    CHECK_FALSE((*inner).executeStep());  // n >= NULL
    REQUIRE((*outer).executeStep());
    CHECK((*outer).getColumn(0).getInt() == 3);
  }
  {
    // Left mid-read above: handed out again reset and unbound.
    auto again = cache.lease(db, sql);
    CHECK(&*again == kept);
    CHECK_FALSE((*again).executeStep());
    (*again).reset();
    (*again).bind(1, 1);
    REQUIRE((*again).executeStep());
    CHECK((*again).getColumn(0).getInt() == 1);
  }
  // Nothing kept is still reading, so the transaction ends cleanly.
  CHECK_NOTHROW(db.exec("COMMIT"));
  CHECK_THROWS_AS(cache.lease(db, sql), std::logic_error);
}
