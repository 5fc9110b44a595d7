#pragma once
// Long text in lines that fit a terminal (or the plain text of an e-mail), measured in display
// columns so that wide characters (CJK, emoji) count as the two columns they take.
#include <cstddef>
#include <string>
#include <string_view>

namespace mgr::cli {

// `text` in lines of at most `width` columns: broken at spaces, and inside a word only when the
// word alone is wider than a line (text without spaces, such as Chinese or Japanese, breaks
// between characters, never inside one). The first line starts with `first_indent`, every
// further line with `indent` (a hanging indent). Line breaks in `text` are kept, and the
// leading spaces of each of its lines too; every line ends in "\n". Meant for text already
// passed through shown() (util::escape_controls).
std::string wrapped_lines(std::string_view text, std::size_t width, std::string_view first_indent,
                          std::string_view indent);

}  // namespace mgr::cli
