#include "util/safe_text.hpp"

#include <catch2/catch.hpp>

using mgr::util::escape_controls;

TEST_CASE("control characters and bidi overrides are shown escaped", "[util][safe_text]") {
  CHECK(escape_controls("plain text, Zoë 李雷") == "plain text, Zoë 李雷");
  CHECK(escape_controls("two\nlines\tand a tab") == "two\nlines\tand a tab");
  CHECK(escape_controls("two\nlines", false) == "two\\nlines");
  CHECK(escape_controls("\x1b[31mred") == "\\x1b[31mred");
  CHECK(escape_controls("cr\rdel\x7f") == "cr\\x0ddel\\x7f");
  CHECK(escape_controls("c1 \xc2\x9b here") == "c1 \\u009b here");
  CHECK(escape_controls("rtl \u202e gnp.exe") == "rtl \\u202e gnp.exe");
  CHECK(escape_controls("isolate \u2066x\u2069") == "isolate \\u2066x\\u2069");
  CHECK(escape_controls(std::string("nul\0", 4)) == "nul\\x00");
}

TEST_CASE("bytes that are not UTF-8 are escaped one by one", "[util][safe_text]") {
  CHECK(escape_controls("bad \xff byte") == "bad \\xff byte");
  CHECK(escape_controls("cut \xe6\x9d") == "cut \\xe6\\x9d");
  CHECK(escape_controls("overlong \xc0\xaf") == "overlong \\xc0\\xaf");
  CHECK(escape_controls("surrogate \xed\xa0\x80") == "surrogate \\xed\\xa0\\x80");
}
