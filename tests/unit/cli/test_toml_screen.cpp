// The guard in front of toml++ 3.3: non-ASCII text is fine inside strings and comments, and
// refused (with its line) wherever toml++ would classify it.
#include "cli/toml_screen.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

using mgr::cli::line_of_unsafe_non_ascii;

TEST_CASE("non-ASCII text inside strings and comments is safe", "[cli][toml]") {
  const std::vector<std::string> safe = {
      "from = \"Zo\u00eb <z@example.com>\"",
      "# Zo\u00eb\na = 1",
      "a = 'Zo\u00eb'",
      "a = \"\"\"Zo\u00eb\n\"\"\"",
      "a = '''Zo\u00eb\\\n\u00e9'''",
      "a = [1, \"\u00e9\", { b = \"\u00e9\" }]",
      "a = [\n  \"\u00e9\",\n  '\u00e9',\n]",
      "\"zo\u00eb\" = 1",
      "[\"zo\u00eb\"]\n[[\"\u00e9\".x]]\na=\"\u00e9\"",
      "a = \"x\\\"\u00e9\"",
      "a = \"\"\"x\\\"\"\"\u00e9\"\"\"",
      "\xEF\xBB\xBF"
      "a = 1",
      "a = 1 # \u00e9",
  };
  for (const auto& text : safe) {
    CAPTURE(text);
    CHECK(line_of_unsafe_non_ascii(text) == std::nullopt);
  }
}

TEST_CASE("non-ASCII text that toml++ would classify is refused with its line", "[cli][toml]") {
  struct Case {
    std::string text;
    std::size_t line;
  };
  const std::vector<Case> unsafe = {
      {"[mail]\nto = Zo\u00eb", 2},
      {"zo\u00eb = 1", 1},
      {"a = 1\u00eb", 1},
      {"a = \"x\" \u00eb", 1},
      {"a = 7[\"\u00eb\"]", 1},
      {"a = 12:00[\"\u00eb\"", 1},
      {"a = 7.\"\u00eb\"", 1},
      {"a = infx\"\u00eb\"", 1},
      {"a = [ \"x\", \u00eb ]", 1},
      {"a = \"\"\"x\\\n\n  \u00eb\"\"\"", 3},
      {"a = \"\"\"x\\ \t\n\u00eb\"\"\"", 2},
      {"a = \"\"\"\\\u00eb\"\"\"", 1},
      // A multi-line string where a key belongs is an error, but only after toml++ has read it.
      {"\"\"\" \" =\"\\\u00f4\\", 1},
      {"\u00eb", 1},
  };
  for (const auto& c : unsafe) {
    CAPTURE(c.text);
    CHECK(line_of_unsafe_non_ascii(c.text) == c.line);
  }
}
