// mgr log KIND …: the daily log. Every kind validates all of its input before the one write
// transaction, and prints its confirmation only after the commit.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

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
  std::vector<std::string> tags;
  NoteInput text;

  void add_to(CLI::App* command, const char* text_help = "Free text (or --note)") {
    command->add_option("--date", date, "Day it happened (default today; not in the future)")
        ->type_name("DATE");
    command->add_option("--tag", tags, "A tag (repeatable: --tag a --tag b)")->type_name("TAG");
    text.add_to(command, text_help);
  }
};

// The kind-specific options, one struct shared by all kinds for brevity of wiring.
struct KindOptions {
  std::string handle, handles, length, mood, about, why, due, checkin = "weekly", constraints,
                                                              status, type, duration, delegation;
  std::vector<std::string> covered, my_actions, their_actions;
  bool cancelled = false, positive = false, constructive = false;
};

// The entry's date, kind and tags, checked before anything else is read (so an editor never
// opens for a command that is bound to fail).
Entry new_entry(const Context& ctx, domain::EntryKind kind, const CommonOptions& common) {
  Entry entry;
  entry.kind = kind;
  entry.date = parse_happened_date(ctx, common.date);
  entry.logged_at = ctx.clock.now;
  for (const auto& tag : common.tags) entry.tags.push_back(domain::check_tag(tag));
  return entry;
}

// The concern a conversation with `people` is --about: open, and about one of them.
domain::ConcernId concern_to_address(storage::Store& store, const std::string& text,
                                     const std::vector<std::string>& people) {
  const auto concern = require_concern(store, domain::parse_id<domain::ConcernId>(text, "concern"));
  domain::check_can_address(concern, people);
  return concern.id;
}

std::string handles_of(const std::vector<domain::Person>& people) {
  std::string joined;
  for (const auto& person : people) joined += (joined.empty() ? "" : ", ") + person.handle;
  return joined;
}

std::vector<std::string> handle_list(const std::vector<domain::Person>& people) {
  std::vector<std::string> handles;
  for (const auto& person : people) handles.push_back(person.handle);
  return handles;
}

// `--covered 3 --covered 4` or `--covered 3,4`.
std::vector<domain::TopicId> covered_topics(const std::vector<std::string>& values) {
  std::vector<domain::TopicId> covered;
  for (const auto& value : values)
    for (const auto id : domain::parse_id_list<domain::TopicId>(value, "talking point"))
      if (std::find(covered.begin(), covered.end(), id) == covered.end()) covered.push_back(id);
  return covered;
}

// A held 1:1 with the person logged on `day` already, if any.
std::optional<domain::EntryId> held_one_on_one_on(storage::Store& store, domain::PersonId person,
                                                  domain::Date day) {
  storage::EntryFilter filter;
  filter.person = person;
  filter.kind = EntryKind::one_on_one;
  filter.since = day;
  filter.until = day;
  for (const auto& entry : store.list_entries(filter))
    if (!entry.cancelled) return entry.id;
  return std::nullopt;
}

void log_one_on_one(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  Entry entry = new_entry(ctx, EntryKind::one_on_one, common);
  entry.cancelled = o.cancelled;
  if (!o.mood.empty()) entry.mood = domain::parse_mood(o.mood);
  std::optional<domain::Minutes> length;
  if (!o.length.empty()) length = domain::parse_duration(o.length);
  const auto covered = covered_topics(o.covered);
  domain::check_one_on_one({o.cancelled, covered.size(),
                            o.my_actions.size() + o.their_actions.size(), entry.mood.has_value(),
                            length.has_value()});
  std::vector<std::string> my_actions, their_actions;
  for (const auto& action : o.my_actions)
    my_actions.push_back(text_argument(ctx, action, "--my-action"));
  for (const auto& action : o.their_actions)
    their_actions.push_back(text_argument(ctx, action, "--their-action"));
  entry.note = common.text.read(ctx);

  // A second held 1:1 with someone on one day is allowed (a follow-up after lunch) but is more
  // often the same one logged twice: it is logged, with a warning once that committed.
  std::optional<domain::EntryId> held_that_day;
  std::string handle;
  change_and_confirm(ctx, unknown_person(o.handle), [&](storage::Store& store) {
    const auto person = require_person(store, o.handle);
    handle = person.handle;
    if (!o.cancelled) held_that_day = held_one_on_one_on(store, person.id, entry.date);
    if (!o.about.empty()) entry.about = concern_to_address(store, o.about, {person.handle});
    if (!o.cancelled) entry.minutes = length ? *length : person.length;
    for (const auto topic : covered)
      domain::check_coverable(require_topic(store, topic), person.handle);
    const auto id = store.record_one_on_one(entry, person.id, covered, my_actions, their_actions);
    std::string line =
        fmt::format("logged #{} {}1:1 with {} on {}", id.value, o.cancelled ? "cancelled " : "",
                    person.handle, domain::format_date(entry.date));
    if (entry.minutes) line += " (" + domain::format_minutes(*entry.minutes) + ")";
    if (!covered.empty())
      line += ", " + util::count_of(covered.size(), "talking point", "talking points") + " covered";
    const auto actions = my_actions.size() + their_actions.size();
    if (actions > 0) line += ", " + util::count_of(actions, "action", "actions") + " recorded";
    return line;
  });
  if (held_that_day)
    ctx.err << fmt::format(
        "mgr: warning: this is the second 1:1 with {} held on {} (#{} is the other); if it was "
        "logged twice, `mgr undo` removes this one\n",
        handle, domain::format_date(entry.date), held_that_day->value);
}

void log_feedback(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const auto polarity = domain::feedback_polarity(o.positive, o.constructive);
  Entry entry = new_entry(ctx, EntryKind::feedback, common);
  entry.polarity = polarity;
  entry.note = common.text.read(ctx);
  change_and_confirm(ctx, unknown_person(o.handle), [&](storage::Store& store) {
    const auto person = require_person(store, o.handle);
    if (!o.about.empty()) entry.about = concern_to_address(store, o.about, {person.handle});
    const auto id = store.record_entry(entry, {person.id});
    return fmt::format("logged #{} {} feedback for {} on {}", id.value, domain::name_of(polarity),
                       person.handle, domain::format_date(entry.date));
  });
}

void log_concern(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  Entry entry = new_entry(ctx, EntryKind::concern, common);
  entry.note = common.text.read(ctx);
  domain::require_text(entry.note, "concern", "a description of the concern");
  change_and_confirm(ctx, unknown_person(o.handles), [&](storage::Store& store) {
    const auto people = require_people(store, o.handles);
    const auto id = store.record_concern(entry, ids_of(people));
    return fmt::format("logged #{} concern about {} (open concern #{})", id.value,
                       handles_of(people), id.value);
  });
}

void log_talk(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  Entry entry = new_entry(ctx, EntryKind::talk, common);
  entry.note = common.text.read(ctx);
  domain::require_text(entry.note, "talk", "what the conversation was about");
  change_and_confirm(ctx, unknown_person(o.handles), [&](storage::Store& store) {
    const auto people = require_people(store, o.handles);
    if (!o.about.empty()) entry.about = concern_to_address(store, o.about, handle_list(people));
    const auto id = store.record_entry(entry, ids_of(people));
    return fmt::format("logged #{} hard conversation with {} on {}", id.value, handles_of(people),
                       domain::format_date(entry.date));
  });
}

void log_delegate(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  Entry entry = new_entry(ctx, EntryKind::delegate, common);
  domain::Delegation delegation;
  if (!o.due.empty()) delegation.due = parse_user_date(ctx, o.due, domain::DateDirection::future);
  delegation.checkin = domain::parse_cadence(o.checkin);
  delegation.why = text_argument(ctx, o.why, "--why");
  delegation.constraints = text_argument(ctx, o.constraints, "--constraints");
  // The outcome is the words (or what `-` or the editor gave); the entry's note carries it and
  // --note, so history reads on its own.
  NoteInput outcome_input = common.text;
  outcome_input.note.clear();
  const std::string outcome = outcome_input.read(ctx);
  domain::require_text(outcome, "delegate", "the OUTCOME you hand over");
  delegation.outcome = outcome;
  const std::string note = text_argument(ctx, common.text.note, "--note");
  entry.note = outcome + (note.empty() ? "" : "\n" + note);
  change_and_confirm(ctx, unknown_person(o.handle), [&](storage::Store& store) {
    const auto person = require_person(store, o.handle);
    const auto id = store.record_delegation(entry, person.id, delegation);
    return fmt::format("logged #{} delegated to {}: {} (open delegation #{})", id.value,
                       person.handle, shown(outcome), id.value);
  });
}

void log_checkin(Context& ctx, const CommonOptions& common, const KindOptions& o) {
  const auto delegation_id = domain::parse_id<domain::DelegationId>(o.delegation, "delegation");
  Entry entry = new_entry(ctx, EntryKind::checkin, common);
  if (!o.status.empty())
    entry.status = domain::parse_choice<domain::CheckinStatus>(o.status, "status");
  entry.delegation = delegation_id;
  entry.note = common.text.read(ctx);
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
  if (!common.text.words.empty())
    domain::check_duration_not_split(o.duration, common.text.words.front());
  Entry entry = new_entry(ctx, kind, common);
  entry.minutes = minutes;
  if (kind == EntryKind::learn)
    entry.learn_type = o.type.empty()
                           ? domain::LearnType::other
                           : domain::parse_choice<domain::LearnType>(o.type, "learning type");
  entry.note = common.text.read(ctx);
  change_and_confirm(ctx, "", [&](storage::Store& store) {
    const auto id = store.record_entry(entry, {});
    return fmt::format("logged #{} {} {} on {}", id.value, domain::name_of(kind),
                       domain::format_minutes(minutes), domain::format_date(entry.date));
  });
}

// Whether `handle` names someone already, looked up before an editor opens (so the editor can
// open on the note without it) and without waiting for the write.
bool is_known_handle(const Context& ctx, const std::string& handle) {
  auto db = storage::Database::open_read_only(ctx.db_path);
  if (!db) return false;
  storage::Store store{*db};
  return db->read([&] { return store.find_person(domain::to_lower(handle)).has_value(); });
}

// `mgr log note [HANDLE] TEXT`: the first word names a person when it is a known handle and
// more text follows (words, --note, `-` or the editor). A known handle alone is a note whose
// text was forgotten.
void log_note(Context& ctx, const CommonOptions& common) {
  Entry entry = new_entry(ctx, EntryKind::note, common);
  const NoteInput text = common.text.with_standard_input(ctx);
  const auto& words = text.words;
  if (words.empty() && text.note.empty() && !text.edit)
    domain::require_text("", "note", "some TEXT");
  const bool candidate = !words.empty() && domain::is_valid_handle(domain::to_lower(words.front()));
  const bool more_text = words.size() >= 2 || !text.note.empty() || text.edit;
  NoteInput rest = text;
  if (candidate) rest.words.erase(rest.words.begin());
  // With the editor the question is settled first, so that it opens on the note alone.
  std::optional<bool> about_first_word;
  std::string with_first_word, without_first_word;
  if (text.edit) {
    about_first_word = candidate && is_known_handle(ctx, words.front());
    (*about_first_word ? without_first_word : with_first_word) =
        (*about_first_word ? rest : text).read(ctx);
  } else {
    with_first_word = text.read(ctx);
    if (candidate && more_text) without_first_word = rest.read(ctx);
  }
  change_and_confirm(ctx, "", [&](storage::Store& store) {
    std::optional<domain::Person> person;
    if (candidate) person = store.find_person(domain::to_lower(words.front()));
    if (person && !more_text)
      throw UsageError("the note is only the handle " + util::quoted(words.front()),
                       "to log a note about " + person->handle + ": mgr log note " +
                           person->handle + " TEXT (or - to read it from standard input)");
    const bool about = about_first_word ? *about_first_word && person : person && more_text;
    std::vector<domain::PersonId> people;
    if (about) people.push_back(person->id);
    entry.note = about ? without_first_word : with_first_word;
    const auto id = store.record_entry(entry, people);
    return fmt::format("logged #{} note{} on {}", id.value, about ? " about " + person->handle : "",
                       domain::format_date(entry.date));
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

  // `mgr log ic 30m` builds the one command it names (about a tenth of what a log costs):
  // add_command gives nullptr for the others.
  static const std::vector<std::string_view> k_names{
      "1on1", "feedback", "concern", "talk", "delegate", "checkin", "ic", "mgmt", "learn", "note"};
  const auto add_command = [&](std::string_view name, const std::string& help) -> CLI::App* {
    return table.builds(name, k_names) ? log->add_subcommand(std::string{name}, help) : nullptr;
  };

  if (auto* one = add_command("1on1", "A one-on-one held (or --cancelled)")) {
    one->add_option("HANDLE", s->kind.handle, "Who")->required();
    s->common.add_to(one, "Notes of the 1:1");
    one->add_option("--length", s->kind.length, "How long (default: their usual length)")
        ->type_name("DURATION");
    one->add_option("--mood", s->kind.mood, "Their mood, 1 (low) to 5 (great)")->type_name("N");
    one->add_option("--covered", s->kind.covered,
                    "A talking point covered (repeatable: --covered 3 --covered 4, or 3,4)")
        ->type_name("ID");
    one->add_option("--my-action", s->kind.my_actions, "An action you took on (repeatable)")
        ->type_name("TEXT");
    one->add_option("--their-action", s->kind.their_actions, "An action they took on (repeatable)")
        ->type_name("TEXT");
    one->add_option("--about", s->kind.about, "An open concern about them this 1:1 addressed")
        ->type_name("ID");
    one->add_flag("--cancelled", s->kind.cancelled, "The 1:1 was called off");
    table.add(one, [&ctx, s] { log_one_on_one(ctx, s->common, s->kind); });
  }

  if (auto* feedback = add_command("feedback", "A feedback conversation")) {
    feedback->add_option("HANDLE", s->kind.handle, "Who")->required();
    s->common.add_to(feedback);
    feedback->add_flag("--positive", s->kind.positive, "Reinforcing feedback");
    feedback->add_flag("--constructive", s->kind.constructive, "Redirecting feedback");
    feedback->add_option("--about", s->kind.about, "An open concern about them it addressed")
        ->type_name("ID");
    table.add(feedback, [&ctx, s] { log_feedback(ctx, s->common, s->kind); });
  }

  if (auto* concern = add_command("concern", "A problem that needs a conversation")) {
    concern->add_option("HANDLES", s->kind.handles, "Who, e.g. bob or bob,carol")->required();
    s->common.add_to(concern, "What you noticed");
    table.add(concern, [&ctx, s] { log_concern(ctx, s->common, s->kind); });
  }

  if (auto* talk = add_command("talk", "Another hard conversation")) {
    talk->add_option("HANDLES", s->kind.handles, "Who, e.g. bob or bob,carol")->required();
    s->common.add_to(talk, "What it was about");
    talk->add_option("--about", s->kind.about, "An open concern about one of them it addressed")
        ->type_name("ID");
    table.add(talk, [&ctx, s] { log_talk(ctx, s->common, s->kind); });
  }

  if (auto* delegate = add_command("delegate", "Hand an outcome to someone")) {
    delegate->add_option("HANDLE", s->kind.handle, "Who")->required();
    s->common.add_to(delegate, "The OUTCOME you hand over");
    delegate->add_option("--why", s->kind.why, "Why it matters")->type_name("TEXT");
    delegate->add_option("--due", s->kind.due, "When it is due (may be ahead)")->type_name("DATE");
    delegate->add_option("--checkin", s->kind.checkin, "Check-in plan: weekly|biweekly|Nd|none")
        ->type_name("CADENCE");
    delegate->add_option("--constraints", s->kind.constraints, "Limits and decisions kept")
        ->type_name("TEXT");
    table.add(delegate, [&ctx, s] { log_delegate(ctx, s->common, s->kind); });
  }

  if (auto* checkin = add_command("checkin", "A check-in on a delegation")) {
    checkin->add_option("ID", s->kind.delegation, "The delegation's id")->required();
    s->common.add_to(checkin);
    checkin->add_option("--status", s->kind.status, "on-track|at-risk|blocked")
        ->type_name("STATUS");
    table.add(checkin, [&ctx, s] { log_checkin(ctx, s->common, s->kind); });
  }

  const std::vector<std::pair<EntryKind, std::string>> timed = {
      {EntryKind::ic, "Hands-on individual-contributor work you did yourself"},
      {EntryKind::mgmt, "Management work: planning, hiring, stakeholders, budget"},
      {EntryKind::learn, "Your own development"}};
  for (const auto& [kind, help] : timed) {
    auto* command = add_command(domain::name_of(kind), help);
    if (command == nullptr) continue;
    command
        ->add_option("DURATION", s->kind.duration,
                     "How long: 45m, 90min, 1h, 1h30m, \"1h 30m\", 1:30, 1.5h")
        ->required();
    s->common.add_to(command);
    if (kind == EntryKind::learn)
      command
          ->add_option("--type", s->kind.type,
                       "reading|course|coaching|peer-group|mentoring|feedback-request|other")
          ->type_name("TYPE");
    table.add(command, [&ctx, s, k = kind] { log_time(ctx, k, s->common, s->kind); });
  }

  if (auto* note = add_command("note", "Anything else, optionally about a person")) {
    s->common.add_to(note, "[HANDLE] TEXT");
    table.add(note, [&ctx, s] { log_note(ctx, s->common); });
  }
}

}  // namespace mgr::cli
