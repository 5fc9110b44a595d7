#include "domain/model.hpp"

#include <algorithm>

#include "domain/errors.hpp"
#include "domain/parse.hpp"

namespace mgr::domain {

Cadence parse_cadence(std::string_view text) {
  const std::string lowered = to_lower(text);
  if (lowered == "none") return {Cadence::Unit::none, 0, "none"};
  if (lowered == "weekly") return {Cadence::Unit::days, 7, "weekly"};
  if (lowered == "biweekly") return {Cadence::Unit::days, 14, "biweekly"};
  if (lowered == "monthly") return {Cadence::Unit::months, 1, "monthly"};
  if (lowered.size() >= 2 && lowered.back() == 'd' && lowered.front() != '0') {
    int days = 0;
    bool digits = true;
    for (std::size_t i = 0; i + 1 < lowered.size() && digits; ++i) {
      const char c = lowered[i];
      digits = c >= '0' && c <= '9' && days <= 365;
      days = days * 10 + (c - '0');
    }
    if (digits && days >= 1 && days <= 365)
      return {Cadence::Unit::days, days, std::to_string(days) + "d"};
  }
  throw UsageError("invalid cadence '" + std::string{text} + "'",
                   "use weekly, biweekly, monthly, a number of days such as 10d (1-365), or none");
}

Relation parse_relation(std::string_view text) {
  const std::string lowered = to_lower(text);
  if (lowered == "report") return Relation::report;
  if (lowered == "manager") return Relation::manager;
  if (lowered == "skip") return Relation::skip;
  if (lowered == "peer") return Relation::peer;
  if (lowered == "mentor") return Relation::mentor;
  throw UsageError("invalid relation '" + std::string{text} + "'",
                   "use report, manager, skip, peer or mentor");
}

std::string_view relation_name(Relation relation) {
  switch (relation) {
    case Relation::report:
      return "report";
    case Relation::manager:
      return "manager";
    case Relation::skip:
      return "skip";
    case Relation::peer:
      return "peer";
    case Relation::mentor:
      return "mentor";
  }
  return "report";
}

Cadence default_cadence(Relation relation) {
  if (relation == Relation::report || relation == Relation::manager) return parse_cadence("weekly");
  return parse_cadence("none");
}

bool is_entry_kind(std::string_view kind) {
  return std::find(std::begin(k_entry_kinds), std::end(k_entry_kinds), kind) !=
         std::end(k_entry_kinds);
}

}  // namespace mgr::domain
