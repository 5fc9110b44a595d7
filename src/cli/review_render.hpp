#pragma once
// The weekly review rendered: text for the terminal (80 columns, colour by severity on a
// terminal), markdown to paste into notes for your 1:1 with your own manager, and JSON with
// the keys of spec/review.md. All take the same domain::Review.
#include <nlohmann/json.hpp>

#include <string>

#include "cli/context.hpp"
#include "domain/review.hpp"

namespace mgr::cli {

// Loads the window `week` needs from `db` (nothing when there is no database yet) and makes
// the review with the configured policy.
domain::Review review_of(Context& ctx, storage::Database* db, const domain::ReviewWeek& week);

std::string review_text(const domain::Review& review, bool color);
std::string review_markdown(const domain::Review& review);
nlohmann::json review_json(const domain::Review& review);

}  // namespace mgr::cli
