#pragma once
#include <string>
#include <string_view>

namespace mgr::util {

// Text as it may be shown on a terminal or in a mail reader: control characters (C0 except
// newline and tab, DEL, C1) and the bidirectional overrides (U+202A-U+202E, U+2066-U+2069) are
// written escaped (`\x1b`, `\u202e`), so stored text can never drive the terminal or reorder
// what is around it. Bytes that are not UTF-8 are escaped as `\xNN`. With `keep_newlines`
// false a newline is escaped too (`\n`), for text that must stay on one line.
std::string escape_controls(std::string_view text, bool keep_newlines = true);

}  // namespace mgr::util
