// mgr log KIND …: the daily log. Every kind validates all of its input before the one write
// transaction, and prints its confirmation only after the commit.
#include <fmt/format.h>

#include <algorithm>

#include "cli/common.hpp"
#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

using domain::Entry;

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

Entry new_entry(const Context& ctx, const std::string& kind, const CommonOptions& common,
                const std::string& text) {
  Entry entry;
  entry.kind = kind;
  entry.date = parse_user_date(ctx, common.date);
  entry.logged_at = ctx.now_instant();
  entry.note = text;
  for (const auto& tag : common.tags) {
    if (tag.empty() || !domain::is_valid_utf8(tag))
      throw UsageError("invalid tag '" + tag + "'", "a tag is a short word such as hiring");
    for (char c : tag)
      if (static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == ',')
        throw UsageError("invalid tag '" + tag + "'",
                         "a tag has no spaces, commas or control characters");
    entry.tags.push_back(tag);
  }
  return entry;
}

int parse_mood(const std::string& text) {
  if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') return text[0] - '0';
  throw UsageError("invalid mood '" + text + "'",
                   "mood is a whole number from 1 (low) to 5 (great)");
}

long long require_concern(storage::Store& store, const std::string& text) {
  const long long id = domain::parse_id(text, "concern");
  if (!store.find_concern(id))
    throw UsageError("unknown concern #" + std::to_string(id), "see `mgr concern list --all`");
  return id;
}

std::vector<long long> ids_of(const std::vector<domain::Person>& people) {
  std::vector<long long> ids;
  for (const auto& person : people) ids.push_back(person.id);
  return ids;
}

std::string handles_of(const std::vector<domain::Person>& people) {
  std::string joined;
  for (const auto& person : people) joined += (joined.empty() ? "" : ", ") + person.handle;
  return joined;
}

void require_text(const std::string& text, const std::string& kind, const std::string& what) {
  if (text.empty()) throw UsageError("`mgr log " + kind + "` needs " + what);
}

// Runs the write, then prints `logged #ID …` — only once the transaction committed.
void log_and_confirm(Context& ctx, storage::Database& db,
                     const std::function<std::string()>& write_and_describe) {
  std::string confirmation;
  db.write([&] { confirmation = write_and_describe(); });
  ctx.out << confirmation << "\n";
}

void log_one_on_one(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  Entry entry = new_entry(ctx, "1on1", common, join_text(common.words, common.note));
  entry.cancelled = o.cancelled;
  if (!o.mood.empty()) entry.mood = parse_mood(o.mood);
  std::optional<int> length;
  if (!o.length.empty()) length = domain::parse_duration_minutes(o.length);
  std::vector<long long> covered;
  if (!o.covered.empty()) {
    // `--covered 3,3` covers one talking point, not two.
    for (long long topic_id : domain::parse_id_list(o.covered, "talking point"))
      if (std::find(covered.begin(), covered.end(), topic_id) == covered.end())
        covered.push_back(topic_id);
  }
  if (o.cancelled && (!covered.empty() || !o.my_actions.empty() || !o.their_actions.empty() ||
                      entry.mood || length))
    throw UsageError("a cancelled 1:1 has no talking points covered, actions, mood or length",
                     "log it without --cancelled if it took place");
  for (const auto& action : o.my_actions) check_text(action, "--my-action");
  for (const auto& action : o.their_actions) check_text(action, "--their-action");

  auto db = ctx.open_for_writing(unknown_person(o.handle));
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    const auto person = require_person(store, o.handle);
    if (!o.about.empty()) entry.about = require_concern(store, o.about);
    if (!o.cancelled) entry.minutes = length ? *length : person.length_minutes;
    for (long long topic_id : covered) {
      auto topic = store.find_topic(topic_id);
      if (!topic) throw UsageError("unknown talking point #" + std::to_string(topic_id));
      if (topic->person != person.handle)
        throw UsageError(fmt::format("talking point #{} is for {}, not {}", topic_id, topic->person,
                                     person.handle));
      if (topic->status != "open")
        throw UsageError(fmt::format("talking point #{} is already {}", topic_id, topic->status));
    }
    const long long id = store.add_entry(entry, {person.id});
    for (long long topic_id : covered) store.close_topic(topic_id, "done", entry.date, id);
    for (const auto& text : o.my_actions)
      store.add_action(person.id, "me", text, entry.date, std::nullopt, id);
    for (const auto& text : o.their_actions)
      store.add_action(person.id, "them", text, entry.date, std::nullopt, id);
    std::string line = fmt::format("logged #{} {}1:1 with {} on {}", id,
                                   o.cancelled ? "cancelled " : "", person.handle, entry.date);
    if (entry.minutes) line += " (" + domain::format_minutes(*entry.minutes) + ")";
    if (!covered.empty()) line += fmt::format(", {} talking point(s) covered", covered.size());
    const auto actions = o.my_actions.size() + o.their_actions.size();
    if (actions > 0) line += fmt::format(", {} action(s) recorded", actions);
    return line;
  });
}

void log_feedback(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  if (o.positive == o.constructive)
    throw UsageError(o.positive ? "both --positive and --constructive given"
                                : "neither --positive nor --constructive given",
                     "feedback is exactly one of --positive or --constructive");
  Entry entry = new_entry(ctx, "feedback", common, join_text(common.words, common.note));
  entry.polarity = o.positive ? "positive" : "constructive";
  auto db = ctx.open_for_writing(unknown_person(o.handle));
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    const auto person = require_person(store, o.handle);
    if (!o.about.empty()) entry.about = require_concern(store, o.about);
    const long long id = store.add_entry(entry, {person.id});
    return fmt::format("logged #{} {} feedback for {} on {}", id, *entry.polarity, person.handle,
                       entry.date);
  });
}

void log_concern(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const std::string text = join_text(common.words, common.note);
  require_text(text, "concern", "a description of the concern");
  Entry entry = new_entry(ctx, "concern", common, text);
  auto db = ctx.open_for_writing(unknown_person(o.handles));
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    const auto people = require_people(store, o.handles);
    const long long id = store.add_entry(entry, ids_of(people));
    store.add_concern(id, text, entry.date);
    return fmt::format("logged #{} concern about {} (open concern #{})", id, handles_of(people),
                       id);
  });
}

void log_talk(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const std::string text = join_text(common.words, common.note);
  require_text(text, "talk", "what the conversation was about");
  Entry entry = new_entry(ctx, "talk", common, text);
  auto db = ctx.open_for_writing(unknown_person(o.handles));
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    const auto people = require_people(store, o.handles);
    if (!o.about.empty()) entry.about = require_concern(store, o.about);
    const long long id = store.add_entry(entry, ids_of(people));
    return fmt::format("logged #{} hard conversation with {} on {}", id, handles_of(people),
                       entry.date);
  });
}

void log_delegate(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  std::string outcome;
  for (const auto& word : common.words) outcome += (outcome.empty() ? "" : " ") + word;
  check_text(outcome, "the outcome");
  require_text(outcome, "delegate", "the OUTCOME you hand over");
  // The entry's note carries the outcome too, so history reads on its own.
  Entry entry = new_entry(ctx, "delegate", common, join_text(common.words, common.note));
  domain::Delegation delegation;
  delegation.outcome = outcome;
  check_text(o.why, "--why");
  delegation.why = o.why;
  check_text(o.constraints, "--constraints");
  delegation.constraints = o.constraints;
  if (!o.due.empty()) delegation.due = parse_user_date(ctx, o.due, domain::DateDirection::future);
  delegation.checkin = domain::parse_cadence(o.checkin).text;
  delegation.created = entry.date;
  auto db = ctx.open_for_writing(unknown_person(o.handle));
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    const auto person = require_person(store, o.handle);
    const long long id = store.add_entry(entry, {person.id});
    store.add_delegation(id, person.id, delegation);
    return fmt::format("logged #{} delegated to {}: {} (open delegation #{})", id, person.handle,
                       outcome, id);
  });
}

void log_checkin(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const long long delegation_id = domain::parse_id(o.delegation, "delegation");
  Entry entry = new_entry(ctx, "checkin", common, join_text(common.words, common.note));
  if (!o.status.empty()) {
    bool known = false;
    for (auto status : domain::k_checkin_statuses) known = known || status == o.status;
    if (!known)
      throw UsageError("invalid status '" + o.status + "'", "use on-track, at-risk or blocked");
    entry.status = o.status;
  }
  entry.delegation = delegation_id;
  auto db = ctx.open_for_writing("unknown delegation #" + std::to_string(delegation_id));
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    const auto delegation = store.find_delegation(delegation_id);
    if (!delegation)
      throw UsageError("unknown delegation #" + std::to_string(delegation_id),
                       "see `mgr delegation list --all`");
    if (delegation->status != "open")
      throw UsageError(fmt::format("delegation #{} is {}", delegation_id, delegation->status),
                       "check-ins are for open delegations");
    const auto person = require_person(store, delegation->person);
    const long long id = store.add_entry(entry, {person.id});
    return fmt::format("logged #{} check-in on delegation #{} with {}{}", id, delegation_id,
                       person.handle, entry.status ? " (" + *entry.status + ")" : "");
  });
}

void log_time(Context& ctx, const std::string& kind, const CommonOptions& common,
              const KindOptions& o) {
  const int minutes = domain::parse_duration_minutes(o.duration);
  Entry entry = new_entry(ctx, kind, common, join_text(common.words, common.note));
  entry.minutes = minutes;
  if (kind == "learn") {
    const std::string type = o.type.empty() ? "other" : o.type;
    bool known = false;
    for (auto t : domain::k_learn_types) known = known || t == type;
    if (!known)
      throw UsageError(
          "invalid learning type '" + type + "'",
          "use reading, course, coaching, peer-group, mentoring, feedback-request or other");
    entry.learn_type = type;
  }
  auto db = ctx.open_for_writing();
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    const long long id = store.add_entry(entry, {});
    return fmt::format("logged #{} {} {} on {}", id, kind, domain::format_minutes(minutes),
                       entry.date);
  });
}

void log_note(Context& ctx, const CommonOptions& common) {
  require_text(join_text(common.words, common.note), "note", "some TEXT");
  Entry entry = new_entry(ctx, "note", common, "");
  auto db = ctx.open_for_writing();
  storage::Store store{db};
  log_and_confirm(ctx, db, [&] {
    // `mgr log note [HANDLE] TEXT`: the first word names a person when it is a known handle
    // and something else carries the text.
    std::vector<std::string> words = common.words;
    std::vector<long long> people;
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
    const long long id = store.add_entry(entry, people);
    return fmt::format("logged #{} note{} on {}", id, who, entry.date);
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

  const std::vector<std::pair<std::string, std::string>> timed = {
      {"ic", "Hands-on individual-contributor work you did yourself"},
      {"mgmt", "Management work: planning, hiring, stakeholders, budget"},
      {"learn", "Your own development"}};
  for (const auto& [kind, help] : timed) {
    auto* command = log->add_subcommand(kind, help);
    command->add_option("duration", s->kind.duration, "How long: 45m, 1h30m, 1.5h")->required();
    s->common.add_to(command);
    if (kind == "learn")
      command->add_option("--type", s->kind.type,
                          "reading|course|coaching|peer-group|mentoring|feedback-request|other");
    table.add(command, [&ctx, s, k = kind] { log_time(ctx, k, s->common, s->kind); });
  }

  auto* note = log->add_subcommand("note", "Anything else, optionally about a person");
  s->common.add_to(note, "[HANDLE] TEXT");
  table.add(note, [&ctx, s] { log_note(ctx, s->common); });
}

}  // namespace mgr::cli
