// mgr reflect: the monthly self-check of spec/reflect.md, asked on a terminal or given with
// --answers, saved one per calendar month and held against what the log of the same 30 days
// shows; --history lists every one with the trend.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "cli/common.hpp"
#include "domain/errors.hpp"
#include "domain/reflect.hpp"
#include "domain/validate.hpp"
#include "util/text.hpp"

namespace mgr::cli {

namespace {

constexpr std::size_t k_width = 80;

struct ReflectOptions {
  std::string answers, date, format = "text";
  NoteInput note;
  bool yes = false;
  bool history = false;
};

// What the log of the 30 days ending on `day` shows, read through the review's window loader.
domain::ReflectEvidence evidence_on(const Context& ctx, storage::Store& store, domain::Date day) {
  const auto from = domain::week_containing(domain::reflect_window_start(day), day).from;
  const auto input = store.log_window(from, from, day, day);
  return domain::reflect_evidence(input, ctx.config.review, day, ctx.review_context());
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// One line typed at the terminal; nothing at the end of input.
std::optional<std::string> ask(Context& ctx, const std::string& question) {
  ctx.out << question << std::flush;
  std::string line;
  if (!std::getline(ctx.in, line)) {
    ctx.out << "\n";
    return std::nullopt;
  }
  return trimmed(line);
}

// The seven answers, one question at a time; nothing when the user skips the check.
std::optional<domain::Answers> ask_answers(Context& ctx, domain::Date day) {
  ctx.out << util::wrap_to_width(
      fmt::format("The self-check: how the last 30 days went, {} to {}. Answer 1 (strongly "
                  "disagree) to 5 (strongly agree); Enter on an empty line skips the check.",
                  domain::format_date(domain::reflect_window_start(day)), domain::format_date(day)),
      k_width, "", "");
  ctx.out << "\n";
  domain::Answers answers{};
  const auto& statements = domain::statements();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    // The statement on lines of its own, the answer typed below it.
    const auto number = fmt::format("{}/{} ", i + 1, statements.size());
    const auto question =
        util::wrap_to_width(statements[i].text, k_width, number, std::string(number.size(), ' ')) +
        std::string(number.size(), ' ') + "[1-5]: ";
    while (true) {
      const auto line = ask(ctx, question);
      if (!line || line->empty()) return std::nullopt;
      if (const auto answer = domain::parse_answer(*line)) {
        answers[i] = *answer;
        break;
      }
      ctx.out << "    Please answer 1 to 5, or Enter on an empty line to skip the check.\n";
    }
  }
  return answers;
}

bool confirmed(Context& ctx, const std::string& question) {
  const auto line = ask(ctx, question + " [y/N]: ");
  return line && (*line == "y" || *line == "Y" || *line == "yes");
}

std::string answers_line(const domain::Answers& answers) {
  std::string line;
  for (std::size_t i = 0; i < answers.size(); ++i)
    line += fmt::format("{}{} {}", i == 0 ? "" : ", ", domain::statements()[i].id, answers[i]);
  return line;
}

void print_evidence(Context& ctx, const domain::Answers& answers,
                    const domain::ReflectEvidence& evidence) {
  ctx.out << fmt::format("What the log says about {} to {}:\n", domain::format_date(evidence.from),
                         domain::format_date(evidence.to));
  for (const char* id : {"hard-talks", "letting-go", "coaching"}) {
    const auto head = fmt::format("  {:<11} you: {}  ", id, domain::answer_to(answers, id));
    ctx.out << util::wrap_to_width(domain::evidence_line(id, evidence, ctx.config.review), k_width,
                                   head, std::string(head.size(), ' '));
  }
  const auto found = domain::disagreements(answers, evidence, ctx.config.review);
  if (found.empty()) {
    ctx.out << "Nothing in the log contradicts your answers.\n";
    return;
  }
  ctx.out << "The log disagrees:\n";
  for (const auto& d : found)
    ctx.out << util::wrap_to_width(
        fmt::format("{}: you answered {}, yet {}.", d.id, d.answer, d.evidence), k_width, "  ",
        "    ");
}

void take_self_check(Context& ctx, const ReflectOptions& options) {
  const auto day = options.date.empty() ? ctx.today() : parse_happened_date(ctx, options.date);
  const auto month = domain::month_of(day);
  std::optional<domain::Answers> answers;
  if (!options.answers.empty()) {
    answers = domain::parse_answers(options.answers);
  } else if (!ctx.env.stdin_is_terminal) {
    throw UsageError("mgr reflect asks its questions on a terminal, and standard input is not one",
                     "give the seven answers with --answers, e.g. --answers 4,2,5,3,4,2,3");
  } else if (options.note.note == "-") {
    throw UsageError("--note - reads standard input, which the questions need",
                     "give the answers with --answers, or write the note with --edit");
  }

  // One self-check a month: a second one replaces the first only when the user says so.
  std::optional<domain::SelfCheck> existing;
  std::error_code no_file;
  if (!std::filesystem::exists(ctx.db_path, no_file)) {
    // The first self-check creates the database; nothing to replace.
  } else if (auto db = ctx.open_for_reading(true)) {
    storage::Store store{*db};
    existing = db->read([&] { return store.self_check_of_month(month); });
  }
  if (existing && !options.yes) {
    const auto what = fmt::format("a self-check for {} already exists ({}, fit {})", month,
                                  domain::format_date(existing->date), existing->fit());
    if (!ctx.env.stdin_is_terminal) throw UsageError(what, "add --yes to replace it");
    if (!confirmed(ctx, "There is " + what + ". Replace it?")) {
      ctx.out << "Kept the self-check of " << domain::format_date(existing->date)
              << "; nothing written.\n";
      return;
    }
  }
  if (!answers) answers = ask_answers(ctx, day);
  if (!answers) {
    ctx.out << "Skipped the self-check; nothing written.\n";
    return;
  }

  domain::SelfCheck check;
  check.date = day;
  check.answers = *answers;
  check.logged_at = ctx.clock.now;
  if (!options.note.note.empty() || options.note.edit) {
    check.note = options.note.read(ctx);
  } else if (options.answers.empty()) {
    const auto line = ask(ctx, "A note for yourself, one line (Enter for none): ");
    check.note = line.value_or("");
    domain::check_text(check.note, "the note");
  }

  domain::ReflectEvidence evidence;
  std::optional<domain::SelfCheck> previous;
  change_and_confirm(ctx, "", [&](storage::Store& store) {
    store.save_self_check(check);
    evidence = evidence_on(ctx, store, day);
    previous = store.self_check_before_month(month);
    return fmt::format(
        "Saved the self-check of {} ({}): fit {}{}.", month, domain::format_date(day), check.fit(),
        existing ? ", replacing the one of " + domain::format_date(existing->date) : "");
  });
  if (previous)
    ctx.out << fmt::format("The last one, on {}: fit {} ({:+d}).\n",
                           domain::format_date(previous->date), previous->fit(),
                           check.fit() - previous->fit());
  ctx.out << util::wrap_to_width("Answers: " + answers_line(check.answers), k_width, "", "  ");
  ctx.out << "\n";
  print_evidence(ctx, check.answers, evidence);
}

// ---- --history ----

struct CheckWithEvidence {
  domain::SelfCheck check;
  domain::ReflectEvidence evidence;
  std::vector<domain::Disagreement> disagreements;
};

int months_spanned(domain::Date first, domain::Date last) {
  const date::year_month_day a{first};
  const date::year_month_day b{last};
  return static_cast<int>(((b.year() / b.month()) - (a.year() / a.month())).count()) + 1;
}

nlohmann::json history_json(const Context& ctx, const std::vector<CheckWithEvidence>& checks) {
  nlohmann::json list = nlohmann::json::array();
  std::optional<int> previous;
  for (const auto& item : checks) {
    nlohmann::json answers = nlohmann::json::object();
    for (std::size_t i = 0; i < domain::k_statement_count; ++i)
      answers[std::string{domain::statements()[i].id}] = item.check.answers[i];
    nlohmann::json evidence = nlohmann::json::object();
    for (const char* id : {"hard-talks", "letting-go", "coaching"})
      evidence[id] = domain::evidence_line(id, item.evidence, ctx.config.review);
    nlohmann::json disagreements = nlohmann::json::array();
    for (const auto& d : item.disagreements)
      disagreements.push_back({{"id", d.id}, {"answer", d.answer}, {"evidence", d.evidence}});
    const int fit = item.check.fit();
    list.push_back({{"date", domain::format_date(item.check.date)},
                    {"month", domain::month_of(item.check.date)},
                    {"answers", answers},
                    {"fit", fit},
                    {"change", previous ? nlohmann::json(fit - *previous) : nlohmann::json()},
                    {"note", text_or_null(item.check.note)},
                    {"evidence", evidence},
                    {"disagreements", disagreements}});
    previous = fit;
  }
  nlohmann::json trend = {{"first_fit", nullptr}, {"last_fit", nullptr}, {"months", 0}};
  if (!checks.empty())
    trend = {{"first_fit", checks.front().check.fit()},
             {"last_fit", checks.back().check.fit()},
             {"months", months_spanned(checks.front().check.date, checks.back().check.date)}};
  return {{"checks", list}, {"trend", trend}};
}

void print_history_text(Context& ctx, const std::vector<CheckWithEvidence>& checks) {
  if (checks.empty()) {
    ctx.out << "No self-check yet: run `mgr reflect` once a month.\n";
    return;
  }
  std::string ids;
  for (const auto& statement : domain::statements())
    ids += (ids.empty() ? "" : ", ") + std::string{statement.id};
  ctx.out << util::wrap_to_width("Self-checks, oldest first. Answers in the order " + ids +
                                     "; 1 = strongly disagree, 5 = strongly agree.",
                                 k_width, "", "");
  ctx.out << "\ndate         fit  change  answers\n";
  std::optional<int> previous;
  for (const auto& item : checks) {
    std::string answers;
    for (const int answer : item.check.answers) answers += std::to_string(answer) + " ";
    answers.pop_back();
    const int fit = item.check.fit();
    const auto change = previous ? fmt::format("{:+d}", fit - *previous) : std::string{};
    ctx.out << fmt::format("{}  {:>4}  {:>6}  {}\n", domain::format_date(item.check.date), fit,
                           change, answers);
    for (const auto& d : item.disagreements)
      ctx.out << util::wrap_to_width(
          fmt::format("the log disagrees on {} (you answered {}): {}", d.id, d.answer, d.evidence),
          k_width, "  ", "    ");
    if (!item.check.note.empty())
      ctx.out << util::wrap_to_width("note: " + shown(item.check.note), k_width, "  ", "    ");
    previous = fit;
  }
  const auto& first = checks.front().check;
  const auto& last = checks.back().check;
  ctx.out << "\n";
  if (checks.size() == 1)
    ctx.out << fmt::format("One self-check so far: fit {}.\n", first.fit());
  else
    ctx.out << fmt::format("Fit went from {} to {} over {} months ({} self-checks).\n", first.fit(),
                           last.fit(), months_spanned(first.date, last.date), checks.size());
}

void show_history(Context& ctx, const ReflectOptions& options) {
  std::vector<CheckWithEvidence> checks;
  if (auto db = ctx.open_for_reading(options.format == "json")) {
    storage::Store store{*db};
    db->read([&] {
      for (auto& check : store.all_self_checks()) {
        auto evidence = evidence_on(ctx, store, check.date);
        auto found = domain::disagreements(check.answers, evidence, ctx.config.review);
        checks.push_back({std::move(check), std::move(evidence), std::move(found)});
      }
    });
  }
  if (options.format == "json") return print_json(ctx.out, history_json(ctx, checks));
  print_history_text(ctx, checks);
}

}  // namespace

void register_reflect_commands(CLI::App& app, CommandTable& table, Context& ctx) {
  auto options = std::make_shared<ReflectOptions>();
  auto* reflect = app.add_subcommand(
      "reflect", "The monthly self-check: is this job right for me? Held against your log");
  auto* answers = reflect
                      ->add_option("--answers", options->answers,
                                   "The seven answers 1-5 in order, e.g. 4,2,5,3,4,2,3")
                      ->type_name("A,B,C,D,E,F,G");
  reflect->add_option("--note", options->note.note, "A note for yourself (- reads standard input)")
      ->type_name("TEXT");
  reflect->add_flag("-e,--edit", options->note.edit,
                    "Write the note in your editor ($VISUAL, $EDITOR or vi)");
  reflect->add_option("--date", options->date, "The day of the self-check (default today)")
      ->type_name("DATE");
  reflect->add_flag("--yes", options->yes, "Replace this month's self-check without asking");
  auto* history = reflect->add_flag("--history", options->history,
                                    "Every self-check, the trend and what the log says");
  add_format_option(reflect, options->format, {"text", "json"});
  history->excludes(answers);
  table.add(reflect, [&ctx, options] {
    if (options->history) return show_history(ctx, *options);
    if (options->format != "text")
      throw UsageError("--format " + options->format + " goes with --history",
                       "mgr reflect --history --format json");
    take_self_check(ctx, *options);
  });
}

}  // namespace mgr::cli
