// mgr log KIND …: the daily log. Every kind validates all of its input before the one write
// transaction, and prints its confirmation only after the commit.
#include <fmt/format.h>

#include <algorithm>

#include "cli/common.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

using domain::Entry;
using domain::EntryKind;

// Options every kind takes.
struct CommonOptions {
  std::string date = "today";
  std::string note;
  std::vector<std::string> tags;
  std::vector<std::string> words;

  void add_to(CLI::App* command, const char* text_help = "Free text (or --note)") {
    command->add_option("--date", date, "Day it happened (default today)");
    command->add_option("--note", note, "Free text");
    command->add_option("--tag", tags, "A tag (repeatable)");
    command->add_option("text", words, text_help);
  }
};

// The kind-specific options, one struct shared by all kinds for brevity of wiring.
struct KindOptions {
  std::string handle, handles, length, mood, covered, about, why, due,
      checkin = "weekly", constraints, status, type, duration, delegation;
  std::vector<std::string> my_actions, their_actions;
  bool cancelled = false, positive = false, constructive = false;
};

Entry new_entry(const Context& ctx, domain::EntryKind kind, const CommonOptions& common,
                const std::string& text) {
  Entry entry;
  entry.kind = kind;
  entry.date = parse_user_date(ctx, common.date);
  entry.logged_at = ctx.clock.now;
  entry.note = text;
  for (const auto& tag : common.tags) entry.tags.push_back(domain::check_tag(tag));
  return entry;
}

domain::ConcernId concern_to_address(storage::Store& store, const std::string& text) {
  return require_concern(store, domain::parse_id<domain::ConcernId>(text, "concern")).id;
}

std::string handles_of(const std::vector<domain::Person>& people) {
  std::string joined;
  for (const auto& person : people) joined += (joined.empty() ? "" : ", ") + person.handle;
  return joined;
}

void log_one_on_one(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  Entry entry = new_entry(ctx, EntryKind::one_on_one, common, join_text(common.words, common.note));
  entry.cancelled = o.cancelled;
  if (!o.mood.empty()) entry.mood = domain::parse_mood(o.mood);
  std::optional<domain::Minutes> length;
  if (!o.length.empty()) length = domain::parse_duration(o.length);
  std::vector<domain::TopicId> covered;
  if (!o.covered.empty())
    covered = domain::parse_id_list<domain::TopicId>(o.covered, "talking point");
  domain::check_one_on_one({o.cancelled, covered.size(),
                            o.my_actions.size() + o.their_actions.size(), entry.mood.has_value(),
                            length.has_value()});
  for (const auto& action : o.my_actions) domain::check_text(action, "--my-action");
  for (const auto& action : o.their_actions) domain::check_text(action, "--their-action");

  change_and_confirm(ctx, unknown_person(o.handle), [&](storage::Store& store) {
    const auto person = require_person(store, o.handle);
    if (!o.about.empty()) entry.about = concern_to_address(store, o.about);
    if (!o.cancelled) entry.minutes = length ? *length : person.length;
    for (const auto topic : covered)
      domain::check_coverable(require_topic(store, topic), person.handle);
    const auto id =
        store.record_one_on_one(entry, person.id, covered, o.my_actions, o.their_actions);
    std::string line =
        fmt::format("logged #{} {}1:1 with {} on {}", id.value, o.cancelled ? "cancelled " : "",
                    person.handle, domain::format_date(entry.date));
    if (entry.minutes) line += " (" + domain::format_minutes(*entry.minutes) + ")";
    if (!covered.empty()) line += fmt::format(", {} talking point(s) covered", covered.size());
    const auto actions = o.my_actions.size() + o.their_actions.size();
    if (actions > 0) line += fmt::format(", {} action(s) recorded", actions);
    return line;
  });
}

void log_feedback(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const auto polarity = domain::feedback_polarity(o.positive, o.constructive);
  Entry entry = new_entry(ctx, EntryKind::feedback, common, join_text(common.words, common.note));
  entry.polarity = polarity;
  change_and_confirm(ctx, unknown_person(o.handle), [&](storage::Store& store) {
    const auto person = require_person(store, o.handle);
    if (!o.about.empty()) entry.about = concern_to_address(store, o.about);
    const auto id = store.record_entry(entry, {person.id});
    return fmt::format("logged #{} {} feedback for {} on {}", id.value, domain::name_of(polarity),
                       person.handle, domain::format_date(entry.date));
  });
}

void log_concern(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const std::string text = join_text(common.words, common.note);
  domain::require_text(text, "concern", "a description of the concern");
  Entry entry = new_entry(ctx, EntryKind::concern, common, text);
  change_and_confirm(ctx, unknown_person(o.handles), [&](storage::Store& store) {
    const auto people = require_people(store, o.handles);
    const auto id = store.record_concern(entry, ids_of(people));
    return fmt::format("logged #{} concern about {} (open concern #{})", id.value,
                       handles_of(people), id.value);
  });
}

void log_talk(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const std::string text = join_text(common.words, common.note);
  domain::require_text(text, "talk", "what the conversation was about");
  Entry entry = new_entry(ctx, EntryKind::talk, common, text);
  change_and_confirm(ctx, unknown_person(o.handles), [&](storage::Store& store) {
    const auto people = require_people(store, o.handles);
    if (!o.about.empty()) entry.about = concern_to_address(store, o.about);
    const auto id = store.record_entry(entry, ids_of(people));
    return fmt::format("logged #{} hard conversation with {} on {}", id.value, handles_of(people),
                       domain::format_date(entry.date));
  });
}

void log_delegate(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  std::string outcome;
  for (const auto& word : common.words) outcome += (outcome.empty() ? "" : " ") + word;
  domain::check_text(outcome, "the outcome");
  domain::require_text(outcome, "delegate", "the OUTCOME you hand over");
  // The entry's note carries the outcome too, so history reads on its own.
  Entry entry = new_entry(ctx, EntryKind::delegate, common, join_text(common.words, common.note));
  domain::Delegation delegation;
  delegation.outcome = outcome;
  domain::check_text(o.why, "--why");
  delegation.why = o.why;
  domain::check_text(o.constraints, "--constraints");
  delegation.constraints = o.constraints;
  if (!o.due.empty()) delegation.due = parse_user_date(ctx, o.due, domain::DateDirection::future);
  delegation.checkin = domain::parse_cadence(o.checkin);
  change_and_confirm(ctx, unknown_person(o.handle), [&](storage::Store& store) {
    const auto person = require_person(store, o.handle);
    const auto id = store.record_delegation(entry, person.id, delegation);
    return fmt::format("logged #{} delegated to {}: {} (open delegation #{})", id.value,
                       person.handle, outcome, id.value);
  });
}

void log_checkin(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const auto delegation_id = domain::parse_id<domain::DelegationId>(o.delegation, "delegation");
  Entry entry = new_entry(ctx, EntryKind::checkin, common, join_text(common.words, common.note));
  if (!o.status.empty())
    entry.status = domain::parse_choice<domain::CheckinStatus>(o.status, "status");
  entry.delegation = delegation_id;
  change_and_confirm(
      ctx, unknown_item("delegation", delegation_id.value), [&](storage::Store& store) {
        const auto delegation = require_delegation(store, delegation_id);
        domain::check_can_check_in(delegation);
        const auto person = require_person(store, delegation.person);
        const auto id = store.record_entry(entry, {person.id});
        return fmt::format(
            "logged #{} check-in on delegation #{} with {}{}", id.value, delegation_id.value,
            person.handle,
            entry.status ? fmt::format(" ({})", domain::name_of(*entry.status)) : "");
      });
}

void log_time(Context& ctx, EntryKind kind, const CommonOptions& common, const KindOptions& o) {
  const auto minutes = domain::parse_duration(o.duration);
  Entry entry = new_entry(ctx, kind, common, join_text(common.words, common.note));
  entry.minutes = minutes;
  if (kind == EntryKind::learn)
    entry.learn_type = o.type.empty()
                           ? domain::LearnType::other
                           : domain::parse_choice<domain::LearnType>(o.type, "learning type");
  change_and_confirm(ctx, "", [&](storage::Store& store) {
    const auto id = store.record_entry(entry, {});
    return fmt::format("logged #{} {} {} on {}", id.value, domain::name_of(kind),
                       domain::format_minutes(minutes), domain::format_date(entry.date));
  });
}

void log_note(Context& ctx, const CommonOptions& common) {
  domain::require_text(join_text(common.words, common.note), "note", "some TEXT");
  Entry entry = new_entry(ctx, EntryKind::note, common, "");
  change_and_confirm(ctx, "", [&](storage::Store& store) {
    // `mgr log note [HANDLE] TEXT`: the first word names a person when it is a known handle
    // and something else carries the text.
    std::vector<std::string> words = common.words;
    std::vector<domain::PersonId> people;
    std::string who;
    const bool more_text = words.size() >= 2 || (!words.empty() && !common.note.empty());
    if (more_text && domain::is_valid_handle(domain::to_lower(words.front()))) {
      if (auto person = store.find_person(domain::to_lower(words.front()))) {
        people.push_back(person->id);
        who = " about " + person->handle;
        words.erase(words.begin());
      }
    }
    entry.note = join_text(words, common.note);
    const auto id = store.record_entry(entry, people);
    return fmt::format("logged #{} note{} on {}", id.value, who, domain::format_date(entry.date));
  });
}

}  // namespace

void register_log_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto* log = app.add_subcommand("log", "Log what you did today (or back-fill with --date)");
  log->require_subcommand(1);
  struct State {
    CommonOptions common;
    KindOptions kind;
  };
  auto s = std::make_shared<State>();

  auto* one = log->add_subcommand("1on1", "A one-on-one held (or --cancelled)");
  one->add_option("handle", s->kind.handle, "Who")->required();
  s->common.add_to(one, "Notes of the 1:1");
  one->add_option("--length", s->kind.length, "How long (default: their usual length)");
  one->add_option("--mood", s->kind.mood, "Their mood, 1 (low) to 5 (great)");
  one->add_option("--covered", s->kind.covered, "Talking point ids covered, e.g. 3,4");
  one->add_option("--my-action", s->kind.my_actions, "An action you took on (repeatable)");
  one->add_option("--their-action", s->kind.their_actions, "An action they took on (repeatable)");
  one->add_option("--about", s->kind.about, "A concern this conversation addressed");
  one->add_flag("--cancelled", s->kind.cancelled, "The 1:1 was called off");
  table.add(one, [&ctx, s] { log_one_on_one(ctx, s->common, s->kind); });

  auto* feedback = log->add_subcommand("feedback", "A feedback conversation");
  feedback->add_option("handle", s->kind.handle, "Who")->required();
  s->common.add_to(feedback);
  feedback->add_flag("--positive", s->kind.positive, "Reinforcing feedback");
  feedback->add_flag("--constructive", s->kind.constructive, "Redirecting feedback");
  feedback->add_option("--about", s->kind.about, "A concern this conversation addressed");
  table.add(feedback, [&ctx, s] { log_feedback(ctx, s->common, s->kind); });

  auto* concern = log->add_subcommand("concern", "A problem that needs a conversation");
  concern->add_option("handles", s->kind.handles, "Who, e.g. bob or bob,carol")->required();
  s->common.add_to(concern, "What you noticed");
  table.add(concern, [&ctx, s] { log_concern(ctx, s->common, s->kind); });

  auto* talk = log->add_subcommand("talk", "Another hard conversation");
  talk->add_option("handles", s->kind.handles, "Who, e.g. bob or bob,carol")->required();
  s->common.add_to(talk, "What it was about");
  talk->add_option("--about", s->kind.about, "A concern this conversation addressed");
  table.add(talk, [&ctx, s] { log_talk(ctx, s->common, s->kind); });

  auto* delegate = log->add_subcommand("delegate", "Hand an outcome to someone");
  delegate->add_option("handle", s->kind.handle, "Who")->required();
  s->common.add_to(delegate, "The OUTCOME you hand over");
  delegate->add_option("--why", s->kind.why, "Why it matters");
  delegate->add_option("--due", s->kind.due, "When it is due");
  delegate->add_option("--checkin", s->kind.checkin, "Check-in plan: weekly|biweekly|Nd|none");
  delegate->add_option("--constraints", s->kind.constraints, "Limits and decisions kept");
  table.add(delegate, [&ctx, s] { log_delegate(ctx, s->common, s->kind); });

  auto* checkin = log->add_subcommand("checkin", "A check-in on a delegation");
  checkin->add_option("delegation", s->kind.delegation, "Delegation id")->required();
  s->common.add_to(checkin);
  checkin->add_option("--status", s->kind.status, "on-track|at-risk|blocked");
  table.add(checkin, [&ctx, s] { log_checkin(ctx, s->common, s->kind); });

  const std::vector<std::pair<EntryKind, std::string>> timed = {
      {EntryKind::ic, "Hands-on individual-contributor work you did yourself"},
      {EntryKind::mgmt, "Management work: planning, hiring, stakeholders, budget"},
      {EntryKind::learn, "Your own development"}};
  for (const auto& [kind, help] : timed) {
    auto* command = log->add_subcommand(std::string{domain::name_of(kind)}, help);
    command->add_option("duration", s->kind.duration, "How long: 45m, 1h30m, 1.5h")->required();
    s->common.add_to(command);
    if (kind == EntryKind::learn)
      command->add_option("--type", s->kind.type,
                          "reading|course|coaching|peer-group|mentoring|feedback-request|other");
    table.add(command, [&ctx, s, k = kind] { log_time(ctx, k, s->common, s->kind); });
  }

  auto* note = log->add_subcommand("note", "Anything else, optionally about a person");
  s->common.add_to(note, "[HANDLE] TEXT");
  table.add(note, [&ctx, s] { log_note(ctx, s->common); });
}

}  // namespace mgr::cli
