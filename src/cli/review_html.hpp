#pragma once
// The weekly review as one self-contained HTML page (the same content as the text review, plus
// charts of the time and the 1:1s over eight weeks), for a browser, a mail reader or paper.
#include <string>
#include <string_view>

#include "domain/review.hpp"

namespace mgr::cli {

// The page. `lead` (HTML, escaped already) comes first when given: the review-day reminder
// puts the day's items there.
std::string review_html(const domain::Review& review, std::string_view lead = {});

}  // namespace mgr::cli
