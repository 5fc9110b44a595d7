#include "util/text.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <string>

using mgr::util::display_width;
using mgr::util::escape_controls;
using mgr::util::Newlines;
using mgr::util::pad_to_width;
using mgr::util::quoted;
using mgr::util::truncate_to_width;

namespace {

struct EscapeCase {
  const char* what;
  std::string input;
  std::string shown;
};

}  // namespace

TEST_CASE("escape_controls shows every terminal control escaped and keeps the rest", "[text]") {
  const EscapeCase cases[] = {
      {"plain ASCII", "Roadmap, growth & 1:1s", "Roadmap, growth & 1:1s"},
      {"empty", "", ""},
      {"NUL", std::string("a\0b", 3), "a\\x00b"},
      {"BEL", "x\a", "x\\x07"},
      {"BS", "x\b", "x\\x08"},
      {"ESC of a CSI sequence", "\x1b[2J", "\\x1b[2J"},
      {"OSC window title", "\x1b]0;pwned\a", "\\x1b]0;pwned\\x07"},
      {"carriage return", "ok\rfake", "ok\\x0dfake"},
      {"vertical tab and form feed", "\v\f", "\\x0b\\x0c"},
      {"unit separator", "\x1f", "\\x1f"},
      {"DEL", "a\x7f", "a\\x7f"},
      {"newline kept", "line one\nline two", "line one\nline two"},
      {"tab kept", "a\tb", "a\tb"},
      {"C1 NEL U+0085", "a\xc2\x85z", "a\\u0085z"},
      {"C1 CSI U+009B",
       "\xc2\x9b"
       "31m",
       "\\u009b31m"},
      {"C1 first U+0080", "\xc2\x80", "\\u0080"},
      {"C1 last U+009F", "\xc2\x9f", "\\u009f"},
      {"U+00A0 is not a control", "\xc2\xa0", "\xc2\xa0"},
      {"LRE U+202A", "\xe2\x80\xaa", "\\u202a"},
      {"RLE U+202B", "\xe2\x80\xab", "\\u202b"},
      {"PDF U+202C", "\xe2\x80\xac", "\\u202c"},
      {"LRO U+202D", "\xe2\x80\xad", "\\u202d"},
      {"RLO U+202E", "evil\xe2\x80\xaetxt.exe", "evil\\u202etxt.exe"},
      {"LRI U+2066", "\xe2\x81\xa6", "\\u2066"},
      {"RLI U+2067", "\xe2\x81\xa7", "\\u2067"},
      {"FSI U+2068", "\xe2\x81\xa8", "\\u2068"},
      {"PDI U+2069", "\xe2\x81\xa9", "\\u2069"},
      {"U+2029 kept (not an override)", "\xe2\x80\xa9", "\xe2\x80\xa9"},
      {"accents kept", "Zo\xc3\xab", "Zo\xc3\xab"},
      {"CJK kept", "\xe5\xb1\xb1\xe7\x94\xb0", "\xe5\xb1\xb1\xe7\x94\xb0"},
      {"emoji kept", "\xf0\x9f\x9a\x80", "\xf0\x9f\x9a\x80"},
      {"a raw 8-bit C1 byte is not UTF-8",
       "\x9b"
       "2J",
       "\\x9b2J"},
      {"a lone continuation byte", "\x80", "\\x80"},
      {"a truncated sequence", "ok\xe2\x80", "ok\\xe2\\x80"},
      {"an overlong form of ESC", "\xc0\x9b", "\\xc0\\x9b"},
      {"an encoded surrogate", "\xed\xa0\x80", "\\xed\\xa0\\x80"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CHECK(escape_controls(c.input) == c.shown);
  }
}

TEST_CASE("escape_controls can escape line breaks and tabs too, for one-line messages", "[text]") {
  CHECK(escape_controls("a\nb\tc", Newlines::escape) == "a\\nb\\tc");
  CHECK(escape_controls("\x1b\n", Newlines::escape) == "\\x1b\\n");
  CHECK(escape_controls("a\nb", Newlines::keep) == "a\nb");
}

TEST_CASE("escaped text never contains a control byte", "[text]") {
  std::string every_byte;
  for (int byte = 0; byte < 256; ++byte) every_byte += static_cast<char>(byte);
  const std::string shown = escape_controls(every_byte, Newlines::escape);
  for (char c : shown) {
    const auto byte = static_cast<unsigned char>(c);
    CHECK((byte >= 0x20 && byte != 0x7f));
  }
}

TEST_CASE("display_width counts terminal columns", "[text]") {
  struct WidthCase {
    const char* what;
    std::string text;
    std::size_t columns;
  };
  const WidthCase cases[] = {
      {"ASCII", "alice", 5},
      {"empty", "", 0},
      {"accented (precomposed)", "Zo\xc3\xab", 3},
      {"accented (combining diaeresis)", "Zoe\xcc\x88", 3},
      {"CJK", "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e", 8},
      {"Hangul", "\xea\xb9\x80\xeb\xaf\xbc", 4},
      {"fullwidth Latin", "\xef\xbc\xa1", 2},
      {"emoji", "\xf0\x9f\x9a\x80", 2},
      {"emoji with a skin tone", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 2},
      {"zero width joiner",
       "a\xe2\x80\x8d"
       "b",
       2},
      {"variation selector", "\xe2\x9c\x93\xef\xb8\x8f", 1},
      {"mixed", "Li \xe5\xb1\xb1 ok", 8},
      {"a byte that is not UTF-8", "\xff", 1},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    CHECK(display_width(c.text) == c.columns);
  }
}

TEST_CASE("pad_to_width and truncate_to_width keep columns straight", "[text]") {
  CHECK(pad_to_width("ab", 4) == "ab  ");
  CHECK(pad_to_width("\xe5\xb1\xb1\xe7\x94\xb0", 6) == "\xe5\xb1\xb1\xe7\x94\xb0  ");
  CHECK(pad_to_width("abcdef", 3) == "abcdef");
  CHECK(display_width(pad_to_width("\xf0\x9f\x9a\x80 x", 10)) == 10);
  CHECK(truncate_to_width("abcdef", 6) == "abcdef");
  CHECK(truncate_to_width("abcdef", 4) == "abc…");
  CHECK(truncate_to_width("\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa", 4) == "\xe5\xb1\xb1…");
  CHECK(display_width(truncate_to_width("\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa", 4)) == 3);
  CHECK(truncate_to_width("abc", 0).empty());
}

TEST_CASE("quoted cuts long input to about 80 characters", "[text]") {
  CHECK(quoted("bob") == "'bob'");
  CHECK(quoted("") == "''");
  const std::string long_text(100000, 'x');
  const std::string shown = quoted(long_text);
  CHECK(shown.size() < 120);
  CHECK(shown.rfind("'" + std::string(80, 'x') + "…'", 0) == 0);
  CHECK(shown.find("100000 bytes") != std::string::npos);
  const std::string exactly(80, 'y');
  CHECK(quoted(exactly) == "'" + exactly + "'");
  // Cut between characters, never inside one.
  std::string wide;
  for (int i = 0; i < 100; ++i) wide += "\xe5\xb1\xb1";
  const std::string cut = quoted(wide, 10);
  CHECK(cut == "'" + wide.substr(0, 30) + "…' (300 bytes)");
}

TEST_CASE("count_of puts the noun in the number the count takes", "[text]") {
  using mgr::util::count_of;
  CHECK(count_of(0, "entry", "entries") == "0 entries");
  CHECK(count_of(1, "entry", "entries") == "1 entry");
  CHECK(count_of(std::size_t{2}, "talking point", "talking points") == "2 talking points");
  CHECK(count_of(std::int64_t{1}, "change", "changes") == "1 change");
}
