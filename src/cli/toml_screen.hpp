#pragma once
// A guard in front of toml++ 3.3 (Debian bookworm). Its Unicode whitespace classifier reaches
// __builtin_unreachable() for many non-ASCII code points (upstream issues #190 and #295: fixed
// after 3.3), which is undefined behaviour. toml++ only classifies characters outside strings
// and comments, and in a multi-line basic string around a backslash; there, mgr's config needs
// no non-ASCII text anyway. The config fuzzer found it and checks this guard.
#include <cstddef>
#include <optional>
#include <string_view>

namespace mgr::cli {

// The line (from 1) of the first non-ASCII character that toml++ would classify: one outside a
// quoted string or a comment (a bare key, an unquoted value like `to = Zoë`), or one right after
// a backslash or in the whitespace that a line-ending backslash trims in a """ string. Nothing
// when every non-ASCII character sits safely inside a string or a comment. Conservative: a
// quote where TOML cannot start a string does not start one here either.
std::optional<std::size_t> line_of_unsafe_non_ascii(std::string_view toml_text);

}  // namespace mgr::cli
