#include <catch2/catch.hpp>

#include "util/text.hpp"

using mgr::util::display_width;
using mgr::util::wrap_to_width;

namespace {

// The widest line of `text`, in terminal columns.
std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    widest = std::max(widest, display_width(text.substr(start, end - start)));
    start = end + 1;
  }
  return widest;
}

}  // namespace

TEST_CASE("wrap_to_width breaks at spaces with a hanging indent", "[wrap]") {
  CHECK(wrap_to_width("short", 80, "- ", "  ") == "- short\n");
  CHECK(wrap_to_width("one two three four", 10, "- ", "  ") == "- one two\n  three\n  four\n");
  // Exactly full lines are not broken early.
  CHECK(wrap_to_width("abcd efgh", 9, "", "") == "abcd efgh\n");
  CHECK(wrap_to_width("abcd efghi", 9, "", "") == "abcd\nefghi\n");
  CHECK(wrap_to_width("", 10, "- ", "  ") == "-\n");
  // Runs of spaces between words collapse to one where the line is broken.
  CHECK(wrap_to_width("abcd    efghi", 9, "", "") == "abcd\nefghi\n");
}

TEST_CASE("wrap_to_width keeps the text's own lines and their indentation", "[wrap]") {
  CHECK(wrap_to_width("first\n  - a\n\nlast", 80, "> ", "  ") == "> first\n    - a\n\n  last\n");
  // A tab inside a line takes a tab stop's room.
  CHECK(wrap_to_width("abc\tdef ghi", 16, "", "") == "abc\tdef\nghi\n");
  CHECK(wrap_to_width("\tabc def", 12, "", "") == "\tabc\ndef\n");
}

TEST_CASE("wrap_to_width cuts what has no spaces by display width", "[wrap]") {
  const std::string word(30, 'x');
  CHECK(wrap_to_width(word, 12, "", "  ") ==
        std::string(12, 'x') + "\n  " + std::string(10, 'x') + "\n  " + std::string(8, 'x') + "\n");
  // Chinese and Japanese take two columns a character and have no spaces between words.
  std::string cjk;
  for (int i = 0; i < 60; ++i) cjk += "\xe5\xb1\xb1";
  const auto wrapped = wrap_to_width("note: " + cjk, 80, "- ", "  ");
  CHECK(widest_line(wrapped) <= 80);
  CHECK(widest_line(wrapped) >= 79);
  std::string joined;
  for (std::size_t at = 0; (at = wrapped.find("\xe5\xb1\xb1", at)) != std::string::npos; at += 3)
    joined += "\xe5\xb1\xb1";
  CHECK(joined == cjk);  // nothing lost, no character split
  // An emoji is never cut in half either.
  std::string rockets;
  for (int i = 0; i < 50; ++i) rockets += "\xf0\x9f\x9a\x80";
  CHECK(widest_line(wrap_to_width(rockets, 9, "", "")) == 8);
}

TEST_CASE("wrap_to_width keeps escaped controls whole and within the width", "[wrap]") {
  const std::string escaped = mgr::util::escape_controls("x \x1b[2J\x1b]0;pwned\x07 \u202eevil");
  const auto wrapped = wrap_to_width(escaped + " " + escaped, 20, "", "  ");
  CHECK(widest_line(wrapped) <= 20);
  CHECK(wrapped.find('\x1b') == std::string::npos);
}
