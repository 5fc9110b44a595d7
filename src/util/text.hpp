#pragma once
// Showing text that came from somewhere else (a note, a name, a file path) on a terminal:
// safely, and in columns that line up.
#include <cstddef>
#include <string>
#include <string_view>

namespace mgr::util {

// Whether a line break or a tab in the text is kept (a note shown in full) or escaped too (one
// line of an error message).
enum class Newlines { keep, escape };

// `text` with everything that could drive a terminal shown as an escape instead: C0 controls
// (except newline and tab, unless `newlines` is escape) and DEL as `\x1b`, C1 controls and the
// bidirectional overrides and isolates U+202A-U+202E, U+2066-U+2069 as `\u009b`, `\u202e`, and
// bytes that are not UTF-8 as `\xff`. Everything else, including other non-ASCII text, is kept.
std::string escape_controls(std::string_view text, Newlines newlines = Newlines::keep);

// The number of terminal columns `text` takes: East Asian wide and fullwidth characters and
// emoji take two, combining marks and zero-width characters none, everything else one. Meant
// for text already passed through escape_controls (a byte that is not UTF-8 counts as one).
std::size_t display_width(std::string_view text);

// `text` followed by spaces up to `width` columns (unchanged when it is already as wide).
std::string pad_to_width(std::string_view text, std::size_t width);

// `text` cut to at most `width` columns, ending in "…" when something was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

// `text` in lines of at most `width` display columns: broken at spaces, and inside a word only
// when the word alone is wider than a line (text without spaces, such as Chinese or Japanese,
// breaks between characters, never inside one). The first line starts with `first_indent`,
// every further line with `indent` (a hanging indent). Line breaks in `text` are kept, and the
// leading spaces of each of its lines too; every line ends in "\n". Meant for text already
// passed through escape_controls.
std::string wrap_to_width(std::string_view text, std::size_t width, std::string_view first_indent,
                          std::string_view indent);

// `text` in single quotes for an error message, cut to about `max_chars` characters ("…" marks
// the cut) so that a pasted novel does not fill the screen.
std::string quoted(std::string_view text, std::size_t max_chars = 80);

// "1 entry", "3 entries": a count with the noun in the number it takes.
template <typename Count>
std::string count_of(Count count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string{count == 1 ? one : many};
}

}  // namespace mgr::util
