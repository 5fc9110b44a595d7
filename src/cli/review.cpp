// mgr review: the weekly review of spec/review.md.
#include <fmt/format.h>

#include <system_error>

#include "cli/common.hpp"
#include "cli/review_render.hpp"
#include "domain/errors.hpp"
#include "domain/review.hpp"
#include "util/atomic_file.hpp"

namespace mgr::cli {

namespace {

struct ReviewOptions {
  std::string week, date, format = "text", output;
  bool last = false;
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

void show_review(Context& ctx, const ReviewOptions& options) {
  const auto week = chosen_week(ctx, options);
  auto db = ctx.open_for_reading(true);
  const auto review = review_of(ctx, db ? &*db : nullptr, week);

  std::string rendered;
  if (options.format == "json")
    rendered =
        review_json(review).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  else if (options.format == "markdown")
    rendered = review_markdown(review);
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
  const domain::ReviewContext context{ctx.clock.zone, ctx.config.workdays, ctx.today()};
  return domain::make_review(input, ctx.config.review, week, context);
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
  add_format_option(review, options->format, {"text", "markdown", "json"});
  review
      ->add_option("--output", options->output,
                   "Write to FILE (mode 0600, replaced atomically) instead of printing")
      ->type_name("FILE");
  table.add(review, [&ctx, options] { show_review(ctx, *options); });
}

}  // namespace mgr::cli
