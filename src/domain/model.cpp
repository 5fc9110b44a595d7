#include "domain/model.hpp"

#include <array>
#include <utility>

namespace mgr::domain {

namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

// The names are what the database stores and what the user types and reads; never rename one.
constexpr NameTable<Relation, 5> k_relations{{{Relation::report, "report"},
                                              {Relation::manager, "manager"},
                                              {Relation::skip, "skip"},
                                              {Relation::peer, "peer"},
                                              {Relation::mentor, "mentor"}}};
constexpr NameTable<EntryKind, 10> k_entry_kinds{{{EntryKind::one_on_one, "1on1"},
                                                  {EntryKind::feedback, "feedback"},
                                                  {EntryKind::concern, "concern"},
                                                  {EntryKind::talk, "talk"},
                                                  {EntryKind::delegate, "delegate"},
                                                  {EntryKind::checkin, "checkin"},
                                                  {EntryKind::ic, "ic"},
                                                  {EntryKind::mgmt, "mgmt"},
                                                  {EntryKind::learn, "learn"},
                                                  {EntryKind::note, "note"}}};
constexpr NameTable<Polarity, 2> k_polarities{
    {{Polarity::positive, "positive"}, {Polarity::constructive, "constructive"}}};
constexpr NameTable<CheckinStatus, 3> k_checkin_statuses{{{CheckinStatus::on_track, "on-track"},
                                                          {CheckinStatus::at_risk, "at-risk"},
                                                          {CheckinStatus::blocked, "blocked"}}};
constexpr NameTable<LearnType, 7> k_learn_types{{{LearnType::reading, "reading"},
                                                 {LearnType::course, "course"},
                                                 {LearnType::coaching, "coaching"},
                                                 {LearnType::peer_group, "peer-group"},
                                                 {LearnType::mentoring, "mentoring"},
                                                 {LearnType::feedback_request, "feedback-request"},
                                                 {LearnType::other, "other"}}};
constexpr NameTable<ConcernStatus, 3> k_concern_statuses{{{ConcernStatus::open, "open"},
                                                          {ConcernStatus::resolved, "resolved"},
                                                          {ConcernStatus::dropped, "dropped"}}};
constexpr NameTable<DelegationStatus, 4> k_delegation_statuses{
    {{DelegationStatus::open, "open"},
     {DelegationStatus::done, "done"},
     {DelegationStatus::reclaimed, "reclaimed"},
     {DelegationStatus::dropped, "dropped"}}};
constexpr NameTable<TopicStatus, 3> k_topic_statuses{
    {{TopicStatus::open, "open"}, {TopicStatus::done, "done"}, {TopicStatus::dropped, "dropped"}}};
constexpr NameTable<ActionStatus, 3> k_action_statuses{{{ActionStatus::open, "open"},
                                                        {ActionStatus::done, "done"},
                                                        {ActionStatus::dropped, "dropped"}}};
constexpr NameTable<Owner, 2> k_owners{{{Owner::me, "me"}, {Owner::them, "them"}}};

template <typename Enum, std::size_t N>
std::string_view lookup_name(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table)
    if (candidate == value) return name;
  return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> lookup_value(const NameTable<Enum, N>& table, std::string_view name) {
  for (const auto& [value, candidate] : table)
    if (candidate == name) return value;
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::vector<std::string> all_names(const NameTable<Enum, N>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.emplace_back(entry.second);
  return names;
}

template <typename Enum>
constexpr const auto& table_of();
template <>
constexpr const auto& table_of<Relation>() {
  return k_relations;
}
template <>
constexpr const auto& table_of<EntryKind>() {
  return k_entry_kinds;
}
template <>
constexpr const auto& table_of<Polarity>() {
  return k_polarities;
}
template <>
constexpr const auto& table_of<CheckinStatus>() {
  return k_checkin_statuses;
}
template <>
constexpr const auto& table_of<LearnType>() {
  return k_learn_types;
}
template <>
constexpr const auto& table_of<ConcernStatus>() {
  return k_concern_statuses;
}
template <>
constexpr const auto& table_of<DelegationStatus>() {
  return k_delegation_statuses;
}
template <>
constexpr const auto& table_of<TopicStatus>() {
  return k_topic_statuses;
}
template <>
constexpr const auto& table_of<ActionStatus>() {
  return k_action_statuses;
}
template <>
constexpr const auto& table_of<Owner>() {
  return k_owners;
}

}  // namespace

std::string_view name_of(Relation value) {
  return lookup_name(k_relations, value);
}
std::string_view name_of(EntryKind value) {
  return lookup_name(k_entry_kinds, value);
}
std::string_view name_of(Polarity value) {
  return lookup_name(k_polarities, value);
}
std::string_view name_of(CheckinStatus value) {
  return lookup_name(k_checkin_statuses, value);
}
std::string_view name_of(LearnType value) {
  return lookup_name(k_learn_types, value);
}
std::string_view name_of(ConcernStatus value) {
  return lookup_name(k_concern_statuses, value);
}
std::string_view name_of(DelegationStatus value) {
  return lookup_name(k_delegation_statuses, value);
}
std::string_view name_of(TopicStatus value) {
  return lookup_name(k_topic_statuses, value);
}
std::string_view name_of(ActionStatus value) {
  return lookup_name(k_action_statuses, value);
}
std::string_view name_of(Owner value) {
  return lookup_name(k_owners, value);
}

template <typename Enum>
std::optional<Enum> enum_from_name(std::string_view name) {
  return lookup_value(table_of<Enum>(), name);
}

template <typename Enum>
std::vector<std::string> enum_names() {
  return all_names(table_of<Enum>());
}

// The enums the rest of mgr parses and lists.
template std::optional<Relation> enum_from_name<Relation>(std::string_view);
template std::optional<EntryKind> enum_from_name<EntryKind>(std::string_view);
template std::optional<Polarity> enum_from_name<Polarity>(std::string_view);
template std::optional<CheckinStatus> enum_from_name<CheckinStatus>(std::string_view);
template std::optional<LearnType> enum_from_name<LearnType>(std::string_view);
template std::optional<ConcernStatus> enum_from_name<ConcernStatus>(std::string_view);
template std::optional<DelegationStatus> enum_from_name<DelegationStatus>(std::string_view);
template std::optional<TopicStatus> enum_from_name<TopicStatus>(std::string_view);
template std::optional<ActionStatus> enum_from_name<ActionStatus>(std::string_view);
template std::optional<Owner> enum_from_name<Owner>(std::string_view);
template std::vector<std::string> enum_names<Relation>();
template std::vector<std::string> enum_names<EntryKind>();
template std::vector<std::string> enum_names<Polarity>();
template std::vector<std::string> enum_names<CheckinStatus>();
template std::vector<std::string> enum_names<LearnType>();
template std::vector<std::string> enum_names<ConcernStatus>();
template std::vector<std::string> enum_names<DelegationStatus>();
template std::vector<std::string> enum_names<TopicStatus>();
template std::vector<std::string> enum_names<ActionStatus>();
template std::vector<std::string> enum_names<Owner>();

std::string cadence_name(const Cadence& cadence) {
  switch (cadence.unit) {
    case Cadence::Unit::none:
      return "none";
    case Cadence::Unit::months:
      return cadence.count == 1 ? "monthly" : std::to_string(cadence.count) + "m";
    case Cadence::Unit::days:
      if (cadence.count == 7) return "weekly";
      if (cadence.count == 14) return "biweekly";
      return std::to_string(cadence.count) + "d";
  }
  return "none";
}

std::optional<Cadence> cadence_from_name(std::string_view text) {
  if (text == "none") return Cadence{};
  if (text == "weekly") return k_weekly;
  if (text == "biweekly") return Cadence{Cadence::Unit::days, 14};
  if (text == "monthly") return Cadence{Cadence::Unit::months, 1};
  // Nd, 1 to 365 days, without a leading zero.
  if (text.size() < 2 || text.size() > 4 || text.back() != 'd' || text.front() == '0')
    return std::nullopt;
  int days = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    days = days * 10 + (c - '0');
  }
  if (days < 1 || days > 365) return std::nullopt;
  return Cadence{Cadence::Unit::days, days};
}

Cadence default_cadence(Relation relation) {
  if (relation == Relation::report || relation == Relation::manager) return k_weekly;
  return Cadence{};
}

}  // namespace mgr::domain
