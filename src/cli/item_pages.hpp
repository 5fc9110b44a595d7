#pragma once
// One numbered thing on its own page: `mgr show ID`, `entry show`, `delegation show`; and the
// JSON object of each kind, shared with the list commands.
#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

#include "cli/context.hpp"
#include "domain/model.hpp"

namespace mgr::cli {

struct DelegationPage {
  domain::Delegation delegation;
  std::vector<domain::Checkin> checkins;  // newest first
};

using ItemPage =
    std::variant<domain::Entry, domain::Topic, domain::Action, domain::Concern, DelegationPage>;

// Text (the note or text in full) or JSON.
void show_item(Context& ctx, const ItemPage& item, const std::string& format);

nlohmann::json topic_json(const domain::Topic& topic);
nlohmann::json action_json(const domain::Action& action);
nlohmann::json delegation_json(const domain::Delegation& delegation);
nlohmann::json concern_json(const domain::Concern& concern);

}  // namespace mgr::cli
