// mgr review: the weekly review of spec/review.md.
#include <fmt/format.h>

#include <system_error>

#include "cli/common.hpp"
#include "cli/outgoing_mail.hpp"
#include "cli/review_html.hpp"
#include "cli/review_render.hpp"
#include "domain/errors.hpp"
#include "domain/review.hpp"
#include "util/atomic_file.hpp"

namespace mgr::cli {

namespace {

struct ReviewOptions {
  std::string week, date, format = "text", output;
  bool last = false;
  bool email = false;
  std::string to;
  bool dry_run = false;
  const CLI::Option* format_option = nullptr;
};

domain::ReviewWeek chosen_week(const Context& ctx, const ReviewOptions& options) {
  const auto today = ctx.today();
  if (!options.week.empty()) return domain::parse_review_week(options.week, today);
  if (options.last) return domain::week_containing(today - date::days{7}, today);
  if (!options.date.empty()) {
    const auto day = parse_user_date(ctx, options.date);
    if (day > today)
      throw UsageError("--date " + options.date + " is in the future",
                       "the review looks back; leave --date out for this week");
    return domain::week_containing(day, today);
  }
  return domain::week_containing(today, today);
}

// "review 2026-W48: 1 alert, 2 warnings"
std::string review_subject(const domain::Review& review) {
  int alerts = 0;
  for (const auto& flag : review.flags) alerts += flag.severity == domain::Severity::alert;
  const auto warnings = static_cast<int>(review.flags.size()) - alerts;
  if (review.flags.empty()) return "review " + review.week.label + ": nothing flagged";
  return fmt::format("review {}: {} alert{}, {} warning{}", review.week.label, alerts,
                     alerts == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

// The review as one message: the text for plain readers, the HTML page as its alternative.
void mail_review(Context& ctx, const ReviewOptions& options, const Outgoing& outgoing,
                 const domain::Review& review) {
  auto message = new_message(ctx, outgoing, review_subject(review));
  message.parts.push_back({"text/plain", review_text(review, false)});
  message.parts.push_back({"text/html", review_html(review)});
  const auto wire = mail::compose(message);
  if (options.dry_run) {
    ctx.out << wire;
    return;
  }
  send(outgoing, wire);
  ctx.out << fmt::format("sent the review of {} to {}\n", review.week.label, outgoing.to.address);
}

void show_review(Context& ctx, const ReviewOptions& options) {
  const bool mailing = options.email || options.dry_run;
  if (!options.to.empty() && !mailing) throw UsageError("--to is for --email or --dry-run");
  if (mailing && options.format_option != nullptr && options.format_option->count() > 0)
    throw UsageError("--format " + options.format +
                     " does not go with --email or --dry-run: the e-mail carries text and HTML");
  if (mailing && !options.output.empty())
    throw UsageError("--output does not go with --email or --dry-run",
                     "write the page with --format html --output FILE");
  std::optional<Outgoing> outgoing;
  if (mailing) outgoing = prepare_mail(ctx, options.to);
  const auto week = chosen_week(ctx, options);
  auto db = ctx.open_for_reading(true);
  const auto review = review_of(ctx, db ? &*db : nullptr, week);
  if (outgoing) return mail_review(ctx, options, *outgoing, review);

  std::string rendered;
  if (options.format == "json")
    rendered =
        review_json(review).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  else if (options.format == "markdown")
    rendered = review_markdown(review);
  else if (options.format == "html")
    rendered = review_html(review);
  else
    rendered = review_text(review, options.output.empty() && ctx.color());
  if (options.output.empty() || options.output == "-") {
    ctx.out << rendered;
    return;
  }
  try {
    util::write_private_file(options.output, rendered);
  } catch (const std::system_error& error) {
    throw Failure(error.what());
  }
  ctx.out << fmt::format("wrote the review of {} to {}\n", week.label, options.output);
}

}  // namespace

domain::Review review_of(Context& ctx, storage::Database* db, const domain::ReviewWeek& week) {
  domain::ReviewInput input;
  if (db != nullptr) {
    storage::Store store{*db};
    input = db->read(
        [&] { return store.review_input(week, domain::review_lookback_days(ctx.config.review)); });
  }
  return domain::make_review(input, ctx.config.review, week, ctx.review_context());
}

void register_review_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto options = std::make_shared<ReviewOptions>();
  auto* review = app.add_subcommand(
      "review", "The weekly review: the new-manager mistakes with evidence and a fix, and habits");
  auto* week =
      review->add_option("--week", options->week, "An ISO week, e.g. 2026-W48")->type_name("WEEK");
  auto* last = review->add_flag("--last", options->last, "Last week");
  auto* day =
      review->add_option("--date", options->date, "The week of this date")->type_name("DATE");
  week->excludes(last)->excludes(day);
  last->excludes(day);
  options->format_option =
      add_format_option(review, options->format, {"text", "markdown", "json", "html"});
  review
      ->add_option("--output", options->output,
                   "Write to FILE (mode 0600, replaced atomically) instead of printing")
      ->type_name("FILE");
  review->add_flag("--email", options->email,
                   "Send the review as one e-mail, text and HTML ([mail] config)");
  review->add_option("--to", options->to, "Recipient instead of mail.to")->type_name("ADDR");
  review->add_flag("--dry-run", options->dry_run,
                   "Print the exact message --email would send; send nothing");
  table.add(review, [&ctx, options] { show_review(ctx, *options); });
}

}  // namespace mgr::cli
