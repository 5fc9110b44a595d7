#pragma once
// The words a shell may offer next, for the completion scripts in contrib/completions/:
// `mgr __complete WORD... CURRENT` prints one candidate per line, `word<TAB>description`, read
// from the command table itself (subcommands, options, the choices of an option) and, for a
// HANDLE or an ID, from the database (handles of active people, ids of open items). It is not
// a command of its own: it prints nothing but candidates, never an error, and writes nothing.
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace mgr::cli {

inline constexpr const char* k_complete_word = "__complete";

// `words` are the words after `mgr __complete`: those typed so far and, last, the one being
// completed (possibly empty). Returns the exit code (0).
int complete_words(CLI::App& app, const std::vector<std::string>& words, Context& ctx);

}  // namespace mgr::cli
