// mgr remind: what needs attention on a day, printed or e-mailed (for cron).
#include <fmt/format.h>

#include <chrono>
#include <map>
#include <set>

#include "cli/common.hpp"
#include "cli/html.hpp"
#include "cli/outgoing_mail.hpp"
#include "cli/review_html.hpp"
#include "cli/review_render.hpp"
#include "domain/reminders.hpp"
#include "util/file_lock.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

struct RemindOptions {
  std::string date;
  std::string format = "text";
  bool email = false;
  std::string to;
  bool dry_run = false;
  bool force = false;
};

std::string plural(std::size_t count, const char* one, const char* many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

// "overdue 3 days (due Mon 2026-11-23)", "due today", "due in 2 days (Sat 2026-11-28)".
std::string when_text(const domain::ReminderItem& item, domain::Date day) {
  if (!item.due) return {};
  if (item.overdue_days > 0)
    return fmt::format("overdue {} (due {})",
                       plural(static_cast<std::size_t>(item.overdue_days), "day", "days"),
                       domain::format_day(*item.due));
  const auto ahead = (*item.due - day).count();
  if (ahead <= 0) return "due today";
  return fmt::format("due in {} ({})", plural(static_cast<std::size_t>(ahead), "day", "days"),
                     domain::format_day(*item.due));
}

std::string slot_time_today(const domain::ReminderItem& item) {
  const auto& occurrence = item.occurrence;
  if (!occurrence || !occurrence->start_in_user_zone || item.overdue_days > 0) return {};
  return " at " + date::format("%H:%M", *occurrence->start_in_user_zone) +
         (occurrence->cancelled ? " (cancelled, still to hold)" : "");
}

// One item as a line of text. Stored text is shown safely (control characters escaped) and
// keeps its own line breaks.
std::string item_line(const domain::ReminderItem& item, domain::Date day) {
  using domain::ReminderKind;
  auto text = util::escape_controls(item.text);
  const auto id = item.id.value_or(0);
  switch (item.kind) {
    case ReminderKind::one_on_one:
      return fmt::format("1:1 with {}{}, {}{}", text,
                         item.text == item.person ? "" : " (" + item.person + ")",
                         when_text(item, day), slot_time_today(item));
    case ReminderKind::checkin:
      return fmt::format("check-in #{} with {}, {}: {}", id, item.person, when_text(item, day),
                         text);
    case ReminderKind::delegation:
      return fmt::format("delegation #{} to {}, {}: {}", id, item.person, when_text(item, day),
                         text);
    case ReminderKind::action:
      return fmt::format("your action #{} (with {}), {}: {}", id, item.person, when_text(item, day),
                         text);
    case ReminderKind::concern:
      return fmt::format(
          "concern #{} about {}, no conversation in {} (opened {}): {}", id, item.person,
          plural(static_cast<std::size_t>((day - *item.opened).count()), "day", "days"),
          domain::format_day(*item.opened), text);
    case ReminderKind::review:
    case ReminderKind::nudge:
      return text;
  }
  return text;
}

// The items as a list. On a terminal each item is wrapped to 80 columns under its own text;
// the e-mail keeps each item on its line (a mail reader wraps plain text itself).
std::string reminder_text(const std::vector<domain::ReminderItem>& items, domain::Date day,
                          bool for_terminal = false) {
  constexpr std::size_t terminal_width = 80;
  std::string text = "What needs attention on " + domain::format_day(day) + ":\n\n";
  for (const auto& item : items)
    text += for_terminal ? util::wrap_to_width(item_line(item, day), terminal_width, "- ", "  ")
                         : "- " + item_line(item, day) + "\n";
  return text;
}

// The same items as the lead of the review-day page.
std::string reminder_html(const std::vector<domain::ReminderItem>& items, domain::Date day) {
  std::string out = "<section id=\"reminders\">\n<h2>What needs attention on " +
                    html::escape(domain::format_day(day)) + "</h2>\n<ul>\n";
  for (const auto& item : items) out += "<li>" + html::escape(item_line(item, day)) + "</li>\n";
  return out + "</ul>\n</section>\n";
}

// "mgr Thu 2026-11-26: 2 1:1s, 1 action, review day"
std::string subject_of(const std::string& prefix, const std::vector<domain::ReminderItem>& items,
                       domain::Date day) {
  using domain::ReminderKind;
  std::map<ReminderKind, std::size_t> counts;
  for (const auto& item : items) ++counts[item.kind];
  std::vector<std::string> parts;
  for (const auto& [kind, count] : counts) {
    switch (kind) {
      case ReminderKind::one_on_one:
        parts.push_back(plural(count, "1:1", "1:1s"));
        break;
      case ReminderKind::checkin:
        parts.push_back(plural(count, "check-in", "check-ins"));
        break;
      case ReminderKind::delegation:
        parts.push_back(plural(count, "delegation", "delegations"));
        break;
      case ReminderKind::action:
        parts.push_back(plural(count, "action", "actions"));
        break;
      case ReminderKind::concern:
        parts.push_back(plural(count, "concern", "concerns"));
        break;
      case ReminderKind::review:
        parts.emplace_back("review day");
        break;
      case ReminderKind::nudge:
        parts.emplace_back("nothing logged lately");
        break;
    }
  }
  std::string subject = prefix.empty() ? std::string{} : prefix + " ";
  subject += domain::format_day(day) + ": ";
  for (std::size_t i = 0; i < parts.size(); ++i) subject += (i ? ", " : "") + parts[i];
  return subject;
}

nlohmann::json item_json(const domain::ReminderItem& item, domain::Date day) {
  return {{"date", domain::format_date(day)},
          {"kind", domain::name_of(item.kind)},
          {"person", text_or_null(item.person)},
          {"id", optional_json(item.id)},
          {"due", date_json(item.due)},
          {"overdue_days", item.overdue_days},
          {"text", item.text},
          {"line", item_line(item, day)}};
}

// What needs attention on `day`, as `mgr today` would show it that day; on the review day with
// the week's flags.
// The first review day of a month (its first seven days hold each weekday once) reminds of the
// self-check, unless this month's is done.
bool self_check_reminder_due(storage::Database& db, domain::Date day) {
  if (static_cast<unsigned>(date::year_month_day{day}.day()) > 7) return false;
  storage::Store store{db};
  return !db.read([&] { return store.self_check_of_month(domain::month_of(day)).has_value(); });
}

std::vector<domain::ReminderItem> reminders_of(Context& ctx, storage::Database& db,
                                               const domain::AgendaInput& input, domain::Date day) {
  auto context = ctx.series_context();
  context.today = day;
  auto items = domain::reminders_for(input, context, ctx.agenda_policy());
  for (auto& item : items) {
    if (item.kind != domain::ReminderKind::review) continue;
    const auto review = review_of(ctx, &db, domain::week_containing(day, day));
    if (review.flags.empty()) {
      item.text += " Nothing is flagged this week.";
    } else {
      item.text += " Flagged this week:";
      for (const auto& flag : review.flags)
        item.text += fmt::format(" {} ({}{}),", flag.title, flag.id,
                                 flag.severity == domain::Severity::alert ? ", alert" : "");
      item.text.back() = '.';
    }
    if (self_check_reminder_due(db, day))
      item.text += " And the monthly self-check: `mgr reflect` (none yet this month).";
  }
  return items;
}

// The items not yet e-mailed for the day (all of them with --force).
std::vector<domain::ReminderItem> pending_items(
    const std::vector<domain::ReminderItem>& items,
    const std::vector<std::pair<std::string, std::string>>& sent, bool force) {
  if (force) return items;
  const std::set<std::pair<std::string, std::string>> already(sent.begin(), sent.end());
  std::vector<domain::ReminderItem> pending;
  for (const auto& item : items) {
    const std::string person =
        item.kind == domain::ReminderKind::one_on_one ? item.person : std::string{};
    if (already.count({item.key, person}) == 0) pending.push_back(item);
  }
  return pending;
}

struct Composed {
  std::string message_id;
  std::string wire;
};

// On the review day (`review` is then the week's review) the message carries the review after
// the day's items, as text and as an HTML alternative.
Composed compose_reminder(const Context& ctx, const Outgoing& outgoing,
                          const std::vector<domain::ReminderItem>& items, domain::Date day,
                          const std::optional<domain::Review>& review) {
  auto message = new_message(ctx, outgoing, subject_of({}, items, day));
  auto text = reminder_text(items, day);
  if (review) text += "\n" + review_text(*review, false);
  message.parts.push_back(
      {"text/plain",
       text + "\n-- \nSent by `mgr remind --email`; each item is sent once a day.\n"});
  if (review)
    message.parts.push_back({"text/html", review_html(*review, reminder_html(items, day))});
  return {message.message_id, mail::compose(message)};
}

// The review the review-day items point to, when one of `items` is that prompt.
std::optional<domain::Review> review_for(Context& ctx, storage::Database& db,
                                         const std::vector<domain::ReminderItem>& items,
                                         domain::Date day) {
  for (const auto& item : items)
    if (item.kind == domain::ReminderKind::review)
      return review_of(ctx, &db, domain::week_containing(day, day));
  return std::nullopt;
}

struct Loaded {
  domain::AgendaInput input;
  std::vector<std::pair<std::string, std::string>> sent;
};

Loaded load(storage::Database& db, domain::Date day, bool with_sent) {
  storage::Store store{db};
  return db.read([&] {
    return Loaded{
        store.reminder_input(day),
        with_sent ? store.reminded_items(day) : std::vector<std::pair<std::string, std::string>>{}};
  });
}

// Long enough for another run's whole delivery, which may wait on the server's time-outs.
std::chrono::milliseconds lock_patience(const mail::MailSettings& settings) {
  return std::chrono::seconds{3 * settings.smtp_timeout_seconds + 30};
}

void send_reminder(Context& ctx, const RemindOptions& options, const Outgoing& outgoing,
                   domain::Date day) {
  if (!std::filesystem::exists(ctx.db_path)) {
    ctx.open_for_reading(true);  // says on stderr that there is no database yet
    return;
  }
  // One lock across reading what was sent, sending and recording it: two runs started at the
  // same moment send one message. No SQLite transaction is held while the network is in use.
  const std::filesystem::path lock_path = ctx.db_path.string() + ".remind.lock";
  std::optional<util::FileLock> lock;
  try {
    lock = util::FileLock::acquire(lock_path, lock_patience(ctx.config.mail));
  } catch (const std::system_error& error) {
    throw Failure(error.what());
  }
  if (!lock)
    throw TemporaryFailure(
        "another `mgr remind --email` held " + lock_path.string() + " for too long",
        "nothing was sent; the next run tries again");
  auto db = ctx.open_for_writing();
  const auto loaded = load(db, day, true);
  const auto items = reminders_of(ctx, db, loaded.input, day);
  const auto pending = pending_items(items, loaded.sent, options.force);
  if (pending.empty()) return;
  const auto composed =
      compose_reminder(ctx, outgoing, pending, day, review_for(ctx, db, pending, day));
  send(outgoing, composed.wire);
  storage::Store store{db};
  try {
    db.write([&] { store.record_reminded(day, pending, ctx.clock.now, composed.message_id); });
  } catch (const Error& error) {
    throw Error(error.code(),
                "the reminder was sent, but recording it failed: " + std::string{error.what()},
                "the next run may send these items again");
  }
}

void remind(Context& ctx, const RemindOptions& options) {
  const auto day = options.date.empty()
                       ? ctx.today()
                       : parse_user_date(ctx, options.date, domain::DateDirection::future);
  const bool mailing = options.email || options.dry_run;
  if (mailing && options.format == "json")
    throw UsageError("--format json prints the items; it does not go with --email or --dry-run");
  if (!options.to.empty() && !mailing) throw UsageError("--to is for --email or --dry-run");
  if (options.force && !mailing) throw UsageError("--force is for --email or --dry-run");

  if (options.email && !options.dry_run) {
    const auto outgoing = prepare_mail(ctx, options.to);
    return send_reminder(ctx, options, outgoing, day);
  }
  std::optional<Outgoing> outgoing;
  if (options.dry_run) outgoing = prepare_mail(ctx, options.to);

  auto db = ctx.open_for_reading(true);
  if (!db) {
    if (options.format == "json") print_json(ctx.out, nlohmann::json::array());
    return;
  }
  const auto loaded = load(*db, day, options.dry_run);
  const auto items = reminders_of(ctx, *db, loaded.input, day);
  if (options.dry_run) {
    const auto pending = pending_items(items, loaded.sent, options.force);
    if (!pending.empty())
      ctx.out << compose_reminder(ctx, *outgoing, pending, day, review_for(ctx, *db, pending, day))
                     .wire;
    return;
  }
  if (options.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items) list.push_back(item_json(item, day));
    return print_json(ctx.out, list);
  }
  // Nothing to say: no output at all, so that cron sends no mail.
  if (!items.empty()) ctx.out << reminder_text(items, day, true);
}

}  // namespace

void register_remind_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto options = std::make_shared<RemindOptions>();
  auto* remind_command =
      app.add_subcommand("remind",
                         "What needs attention on a day, printed or e-mailed (prints nothing when "
                         "nothing does)");
  remind_command->add_option("--date", options->date, "The day (default today)");
  add_format_option(remind_command, options->format, {"text", "json"});
  remind_command->add_flag("--email", options->email,
                           "Send the items not yet e-mailed today as one message ([mail] config)");
  remind_command->add_option("--to", options->to, "Recipient instead of mail.to");
  remind_command->add_flag("--dry-run", options->dry_run,
                           "Print the exact message --email would send; send nothing");
  remind_command->add_flag("--force", options->force,
                           "Send every item again, even those already e-mailed that day");
  table.add(remind_command, [&ctx, options] { remind(ctx, *options); });
}

}  // namespace mgr::cli
