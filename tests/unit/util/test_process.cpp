#include "util/process.hpp"

#include <catch2/catch.hpp>
#include <system_error>

using mgr::util::ProcessRun;
using mgr::util::run_process;

TEST_CASE("a program runs directly, with its input and its exit status", "[util][process]") {
  const auto echoed = run_process({{"/bin/cat"}, std::string{"line 1\n.\n"}, true});
  CHECK(echoed.exit_status == 0);
  CHECK(echoed.output == "line 1\n.\n");

  // No shell is involved: the words arrive as they are.
  const auto words = run_process({{"printf", "%s|", "a b", "$HOME", ";x"}, std::nullopt, true});
  CHECK(words.output == "a b|$HOME|;x|");

  CHECK(run_process({{"/bin/sh", "-c", "exit 75"}, std::nullopt, true}).exit_status == 75);
  const auto killed = run_process({{"/bin/sh", "-c", "kill -TERM $$"}, std::nullopt, true});
  CHECK(killed.exit_status == -1);
  CHECK(killed.signal == 15);
}

TEST_CASE("a program that cannot start is an error naming it", "[util][process]") {
  try {
    run_process({{"/nonexistent/sendmail"}, std::nullopt, false});
    FAIL("no error");
  } catch (const std::system_error& error) {
    CHECK(std::string{error.what()}.find("/nonexistent/sendmail") != std::string::npos);
  }
}
