// The inputs of the domain's decisions, each loaded with only the rows it needs.
#include "storage/store.hpp"

namespace mgr::storage {

domain::AgendaInput Store::agenda_input() {
  domain::AgendaInput input;
  input.people = active_schedules();
  input.open_delegations = list_delegations(std::nullopt, false);
  input.open_actions = list_actions(std::nullopt, std::nullopt, false);
  input.open_concerns = list_concerns(std::nullopt, false);
  input.last_logged = last_entry_date();
  input.log_start = history_start();
  return input;
}

domain::PrepInput Store::prep_input(const domain::Person& person) {
  domain::PrepInput input;
  input.schedule = schedule_of(person);
  input.recent_one_on_ones = recent_one_on_ones(person.id, domain::k_mood_window);
  input.last_positive = last_feedback(person.id, domain::Polarity::positive);
  input.last_constructive = last_feedback(person.id, domain::Polarity::constructive);
  input.open_topics = list_topics(person.id, false);
  input.open_actions = list_actions(person.id, std::nullopt, false);
  input.open_delegations = list_delegations(person.id, false);
  input.open_concerns = list_concerns(person.id, false);
  return input;
}

domain::TeamInput Store::team_input(bool include_archived) {
  domain::TeamInput input;
  for (const auto& person : list_people(include_archived))
    input.people.push_back(schedule_of(person));
  input.open_concerns = list_concerns(std::nullopt, false);
  input.open_delegations = list_delegations(std::nullopt, false);
  return input;
}

}  // namespace mgr::storage
