// mgr entry edit ID: correct any attribute of a logged entry.
#include "cli/entry_edit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/common.hpp"
#include "domain/errors.hpp"
#include "domain/validate.hpp"

namespace mgr::cli {

namespace {

struct EntryEditOptions {
  std::string id, date, length, mood, people, status, type, note;
  std::vector<std::string> tags;
  bool edit = false, positive = false, constructive = false;
  CLI::Option* date_option = nullptr;
  CLI::Option* note_option = nullptr;
  CLI::Option* length_option = nullptr;
  CLI::Option* mood_option = nullptr;
  CLI::Option* people_option = nullptr;
  CLI::Option* tag_option = nullptr;
  CLI::Option* status_option = nullptr;
  CLI::Option* type_option = nullptr;
};

bool given(const CLI::Option* option) {
  return option->count() > 0;
}

bool is_none(const std::string& text) {
  return domain::to_lower(text) == "none";
}

// Everything but the note, parsed and checked before the database is opened.
domain::EntryEdit parse_edit(const Context& ctx, const EntryEditOptions& o) {
  domain::EntryEdit edit;
  if (given(o.date_option)) edit.date = parse_happened_date(ctx, o.date);
  if (given(o.length_option)) edit.minutes = domain::parse_duration(o.length);
  if (given(o.mood_option))
    edit.mood = is_none(o.mood) ? std::optional<int>{} : domain::parse_mood(o.mood);
  if (given(o.people_option)) {
    edit.people = is_none(o.people) ? std::vector<std::string>{} : domain::split_list(o.people);
    if (!is_none(o.people) && edit.people->empty())
      throw UsageError("no person named in " + util::quoted(o.people),
                       "use --people none for none");
  }
  if (given(o.tag_option)) {
    std::vector<std::string> tags;
    const bool clear = o.tags.size() == 1 && is_none(o.tags.front());
    if (!clear)
      for (const auto& tag : o.tags) tags.push_back(domain::check_tag(tag));
    edit.tags = tags;
  }
  if (o.positive || o.constructive)
    edit.polarity = domain::feedback_polarity(o.positive, o.constructive);
  if (given(o.status_option))
    edit.status = is_none(o.status)
                      ? std::optional<domain::CheckinStatus>{}
                      : domain::parse_choice<domain::CheckinStatus>(o.status, "status");
  if (given(o.type_option))
    edit.learn_type = domain::parse_choice<domain::LearnType>(o.type, "learning type");
  return edit;
}

// The note as it is, for the editor to open on (read before, never while, the write).
std::string current_note(Context& ctx, domain::EntryId id) {
  auto db = ctx.open_for_reading(true);
  if (!db) throw UsageError(unknown_item("entry", id.value));
  storage::Store store{*db};
  return db->read([&] { return require_entry(store, id).note; });
}

void edit_entry(Context& ctx, const EntryEditOptions& o) {
  const auto id = domain::parse_id<domain::EntryId>(o.id, "entry");
  domain::EntryEdit edit = parse_edit(ctx, o);
  if (edit.empty() && !given(o.note_option) && !o.edit)
    throw UsageError("nothing to change for entry #" + std::to_string(id.value),
                     "pass what changes: --date, --note, --edit, --length, --mood, --people, "
                     "--tag, --positive/--constructive, --status or --type");
  if (given(o.note_option) || o.edit) {
    NoteInput input;
    input.note = o.note;
    input.edit = o.edit;
    edit.note = input.read(ctx, o.edit && !given(o.note_option) ? current_note(ctx, id) : "");
  }

  change_and_confirm(ctx, unknown_item("entry", id.value), [&](storage::Store& store) {
    const auto entry = require_entry(store, id);
    std::vector<domain::Person> people;
    for (const auto& handle : edit.people ? *edit.people : entry.people) {
      auto person = require_person(store, handle);
      if (std::none_of(people.begin(), people.end(),
                       [&](const domain::Person& other) { return other.id == person.id; }))
        people.push_back(std::move(person));
    }
    if (edit.people) {
      std::vector<std::string> handles;
      for (const auto& person : people) handles.push_back(person.handle);
      edit.people = handles;
    }
    const auto edited = domain::apply_entry_edit(entry, edit);
    if (edited.people != entry.people) {
      if (entry.kind == domain::EntryKind::one_on_one && store.count_covered_topics(id) > 0)
        throw UsageError(fmt::format("1:1 #{} covered talking points of {}", id.value,
                                     entry.people.empty() ? "" : entry.people.front()),
                         "delete it (`mgr entry delete`) and log it again with the right person");
      if (edited.about) {
        const auto concern = require_concern(store, *edited.about);
        const bool still_involved = std::any_of(
            concern.people.begin(), concern.people.end(), [&](const std::string& handle) {
              return std::find(edited.people.begin(), edited.people.end(), handle) !=
                     edited.people.end();
            });
        if (!still_involved)
          throw UsageError(
              fmt::format("entry #{} addresses concern #{}, which is about none of "
                          "the people given",
                          id.value, concern.id.value));
      }
    }
    store.replace_entry(edited, ids_of(people));
    return "updated " + entry_summary(edited);
  });
}

}  // namespace

void register_entry_edit_command(CLI::App& entry, CommandTable& table, Context& ctx) {
  auto o = std::make_shared<EntryEditOptions>();
  auto* edit = entry.add_subcommand("edit", "Correct any attribute of an entry");
  edit->add_option("ID", o->id, "The entry's id")->required();
  o->date_option = edit->add_option("--date", o->date, "The day it happened (not in the future)")
                       ->type_name("DATE");
  o->note_option =
      edit->add_option("--note", o->note, "New note, replacing the old (- reads standard input)")
          ->type_name("TEXT");
  edit->add_flag("-e,--edit", o->edit, "Change the note in your editor ($VISUAL, $EDITOR or vi)");
  o->length_option =
      edit->add_option("--length", o->length, "How long (a held 1:1, ic, mgmt, learn)")
          ->type_name("DURATION");
  o->mood_option =
      edit->add_option("--mood", o->mood, "Their mood 1-5, or none (a held 1:1)")->type_name("N");
  o->people_option = edit->add_option("--people", o->people,
                                      "Who it was with or about: H,... (or none for a note)")
                         ->type_name("HANDLES");
  o->tag_option = edit->add_option("--tag", o->tags,
                                   "The tags, replacing the old (repeatable; --tag none for none)")
                      ->type_name("TAG");
  edit->add_flag("--positive", o->positive, "Feedback: reinforcing");
  edit->add_flag("--constructive", o->constructive, "Feedback: redirecting");
  o->status_option =
      edit->add_option("--status", o->status, "A check-in's status: on-track|at-risk|blocked|none")
          ->type_name("STATUS");
  o->type_option =
      edit->add_option("--type", o->type,
                       "A learn entry's type: reading|course|coaching|peer-group|mentoring|"
                       "feedback-request|other")
          ->type_name("TYPE");
  table.add(edit, [&ctx, o] { edit_entry(ctx, *o); });
}

}  // namespace mgr::cli
