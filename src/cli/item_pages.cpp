#include "cli/item_pages.hpp"

#include <fmt/format.h>

#include "cli/common.hpp"

namespace mgr::cli {

using domain::format_date;

nlohmann::json topic_json(const domain::Topic& topic) {
  return {{"id", topic.id.value},
          {"person", topic.person},
          {"text", topic.text},
          {"created", date_json(topic.created)},
          {"status", domain::name_of(topic.status)},
          {"closed", date_json(topic.closed)}};
}

nlohmann::json action_json(const domain::Action& action) {
  return {{"id", action.id.value},
          {"person", action.person},
          {"owner", domain::name_of(action.owner)},
          {"text", action.text},
          {"created", date_json(action.created)},
          {"due", date_json(action.due)},
          {"done", date_json(action.done)},
          {"status", domain::name_of(action.status)}};
}

nlohmann::json delegation_json(const domain::Delegation& d) {
  const auto& last = d.last_checkin;
  return {{"id", d.id.value},
          {"person", d.person},
          {"outcome", d.outcome},
          {"why", text_or_null(d.why)},
          {"due", date_json(d.due)},
          {"checkin", domain::cadence_name(d.checkin)},
          {"constraints", text_or_null(d.constraints)},
          {"created", date_json(d.created)},
          {"status", domain::name_of(d.status)},
          {"closed", date_json(d.closed)},
          {"close_note", text_or_null(d.close_note)},
          {"last_checkin", last ? date_json(last->date) : nlohmann::json(nullptr)},
          {"last_status", last && last->status ? nlohmann::json(domain::name_of(*last->status))
                                               : nlohmann::json(nullptr)}};
}

nlohmann::json concern_json(const domain::Concern& c) {
  return {{"id", c.id.value},
          {"people", c.people},
          {"text", c.text},
          {"opened", date_json(c.opened)},
          {"status", domain::name_of(c.status)},
          {"addressed", c.first_conversation.has_value()},
          {"first_conversation", date_json(c.first_conversation)},
          {"closed", date_json(c.closed)},
          {"close_note", text_or_null(c.close_note)}};
}

namespace {

nlohmann::json page_json(const DelegationPage& page) {
  auto j = delegation_json(page.delegation);
  j["checkins"] = nlohmann::json::array();
  for (const auto& c : page.checkins)
    j["checkins"].push_back({{"id", c.id.value},
                             {"date", format_date(c.date)},
                             {"status", c.status ? nlohmann::json(domain::name_of(*c.status))
                                                 : nlohmann::json(nullptr)},
                             {"note", c.note}});
  return j;
}

void print_closed(std::ostream& out, const std::optional<domain::Date>& closed,
                  const std::string& note) {
  if (closed)
    out << "  closed       " << format_date(*closed) << (note.empty() ? "" : ": " + shown(note))
        << "\n";
}

struct TextPage {
  Context& ctx;

  void operator()(const domain::Entry& entry) const {
    // The note in full after a blank line, so it can be copied; only what could drive the
    // terminal is escaped.
    ctx.out << entry_summary(entry) << "\n";
    if (entry.note.empty()) return;
    ctx.out << "\n" << shown(entry.note) << (entry.note.back() == '\n' ? "" : "\n");
  }
  void operator()(const domain::Topic& topic) const {
    ctx.out << bold(ctx, fmt::format("Talking point #{}", topic.id.value)) << " for "
            << topic.person << " [" << domain::name_of(topic.status) << "]\n";
    ctx.out << "  added        " << format_date(topic.created) << "\n";
    print_closed(ctx.out, topic.closed, "");
    ctx.out << "\n" << shown(topic.text) << "\n";
  }
  void operator()(const domain::Action& action) const {
    ctx.out << bold(ctx, fmt::format("Action #{}", action.id.value))
            << (action.owner == domain::Owner::me ? " (yours)" : " (theirs)") << " with "
            << action.person << " [" << domain::name_of(action.status) << "]\n";
    ctx.out << "  added        " << format_date(action.created) << "\n";
    if (action.due) ctx.out << "  due          " << format_date(*action.due) << "\n";
    if (action.done) ctx.out << "  done         " << format_date(*action.done) << "\n";
    ctx.out << "\n" << shown(action.text) << "\n";
  }
  void operator()(const domain::Concern& c) const {
    std::string people;
    for (const auto& who : c.people) people += (people.empty() ? "" : ", ") + who;
    ctx.out << bold(ctx, fmt::format("Concern #{}", c.id.value)) << " about " << people << " ["
            << domain::name_of(c.status) << "]\n";
    ctx.out << "  opened       " << format_date(c.opened) << "\n";
    ctx.out << "  addressed    "
            << (c.first_conversation ? "first talked about " + format_date(*c.first_conversation)
                                     : std::string{"not yet"})
            << "\n";
    print_closed(ctx.out, c.closed, c.close_note);
    ctx.out << "\n" << shown(c.text) << "\n";
  }
  void operator()(const DelegationPage& page) const {
    const auto& d = page.delegation;
    auto& out = ctx.out;
    out << bold(ctx, fmt::format("Delegation #{}", d.id.value)) << " to " << d.person << " ["
        << domain::name_of(d.status) << "]\n";
    out << "  outcome      " << shown(d.outcome) << "\n";
    out << "  why          " << (d.why.empty() ? "(none given)" : shown(d.why)) << "\n";
    if (!d.constraints.empty()) out << "  constraints  " << shown(d.constraints) << "\n";
    out << "  handed over  " << format_date(d.created) << "\n";
    out << "  due          " << (d.due ? format_date(*d.due) : "(no date)") << "\n";
    out << "  check-ins    " << domain::cadence_name(d.checkin) << "\n";
    print_closed(out, d.closed, d.close_note);
    if (!page.checkins.empty()) out << "\nCheck-ins\n";
    for (const auto& c : page.checkins)
      out << "  " << format_date(c.date)
          << (c.status ? fmt::format(" {}", domain::name_of(*c.status)) : "")
          << (c.note.empty() ? "" : ": " + shown(c.note)) << "\n";
  }
};

struct JsonPage {
  nlohmann::json operator()(const domain::Entry& entry) const { return entry_json(entry); }
  nlohmann::json operator()(const domain::Topic& topic) const { return topic_json(topic); }
  nlohmann::json operator()(const domain::Action& action) const { return action_json(action); }
  nlohmann::json operator()(const domain::Concern& concern) const { return concern_json(concern); }
  nlohmann::json operator()(const DelegationPage& page) const { return page_json(page); }
};

}  // namespace

void show_item(Context& ctx, const ItemPage& item, const std::string& format) {
  if (format == "json") return print_json(ctx.out, std::visit(JsonPage{}, item));
  std::visit(TextPage{ctx}, item);
}

}  // namespace mgr::cli
