#include "domain/prep.hpp"

#include <algorithm>

namespace mgr::domain {

PrepCounts prep_counts(const std::string& handle, std::optional<Date> last_held,
                       const std::vector<Topic>& open_topics,
                       const std::vector<Action>& open_actions,
                       const std::vector<Concern>& open_concerns, Date today) {
  PrepCounts counts;
  if (last_held) counts.days_since_last = static_cast<int>((today - *last_held).count());
  for (const auto& topic : open_topics) counts.topics += topic.person == handle;
  for (const auto& action : open_actions) {
    if (action.person != handle) continue;
    (action.owner == Owner::me ? counts.my_actions : counts.their_actions) += 1;
  }
  for (const auto& concern : open_concerns)
    counts.concerns += std::count(concern.people.begin(), concern.people.end(), handle) > 0;
  return counts;
}

PrepSheet make_prep_sheet(PrepInput input, const SeriesContext& context) {
  PrepSheet sheet;
  sheet.person = input.schedule.person;
  sheet.series = series_state(input.schedule, context, context.today + date::days{400});
  if (!input.recent_one_on_ones.empty()) {
    sheet.last_one_on_one = input.recent_one_on_ones.front();
    sheet.days_since_last = static_cast<int>((context.today - sheet.last_one_on_one->date).count());
  }
  if (input.recent_one_on_ones.size() > k_mood_window)
    input.recent_one_on_ones.resize(k_mood_window);
  sheet.recent_one_on_ones.assign(input.recent_one_on_ones.rbegin(),
                                  input.recent_one_on_ones.rend());
  sheet.last_positive = std::move(input.last_positive);
  sheet.last_constructive = std::move(input.last_constructive);
  sheet.topics = std::move(input.open_topics);
  sheet.actions = std::move(input.open_actions);
  for (auto& delegation : input.open_delegations) {
    auto next = next_checkin_due(delegation);
    sheet.delegations.push_back({std::move(delegation), next});
  }
  sheet.concerns = std::move(input.open_concerns);
  return sheet;
}

}  // namespace mgr::domain
