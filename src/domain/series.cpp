#include "domain/series.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "domain/errors.hpp"
#include "domain/parse.hpp"

namespace mgr::domain {

using date::days;

std::string_view name_of(OccurrenceStatus status) {
  switch (status) {
    case OccurrenceStatus::due:
      return "due";
    case OccurrenceStatus::overdue:
      return "overdue";
    case OccurrenceStatus::cancelled:
      return "cancelled";
    case OccurrenceStatus::moved:
      return "moved";
    case OccurrenceStatus::skipped:
      return "skipped";
    case OccurrenceStatus::held:
      return "held";
    case OccurrenceStatus::dropped:
      return "dropped";
  }
  return "due";
}

OccurrenceStatus Occurrence::status(Date today) const {
  if (held) return OccurrenceStatus::held;
  if (skipped) return OccurrenceStatus::skipped;
  if (dropped) return OccurrenceStatus::dropped;
  if (date < today) return OccurrenceStatus::overdue;
  if (cancelled) return OccurrenceStatus::cancelled;
  if (moved) return OccurrenceStatus::moved;
  return OccurrenceStatus::due;
}

int SeriesState::overdue_days(Date today) const {
  return missed.empty() ? 0 : domain::overdue_days(missed.front().date, today);
}

int overdue_days(Date due, Date today) {
  return std::max(0, static_cast<int>((today - due).count()));
}

namespace {

// The regular occurrences of a series, before moves, skips and time away: each one's date in
// the user's calendar and, for a timed slot, its start.
struct Regular {
  Date date;
  std::optional<Instant> start;
};

// The days up to `today`, oldest first. Storage hands them over in order, and the review builds
// a series for every week it judges, so the list is only sorted when it is not already.
std::vector<Date> passed_in_order(const std::vector<Date>& days_logged, Date today) {
  if (std::is_sorted(days_logged.begin(), days_logged.end()))
    return {days_logged.begin(), std::upper_bound(days_logged.begin(), days_logged.end(), today)};
  std::vector<Date> passed;
  for (const auto day : days_logged)
    if (day <= today) passed.push_back(day);
  std::sort(passed.begin(), passed.end());
  return passed;
}

class SeriesBuilder {
 public:
  SeriesBuilder(const PersonSchedule& schedule, const SeriesContext& context)
      : m_person(schedule.person),
        m_schedule(schedule),
        m_context(context),
        m_person_zone(schedule.person.zone != nullptr ? schedule.person.zone : context.user_zone) {
    m_held = passed_in_order(schedule.history.held, context.today);
    m_cancelled = passed_in_order(schedule.history.cancelled, context.today);
  }

  SeriesState build(Date until) {
    SeriesState state;
    if (!m_held.empty()) state.last_held = m_held.back();
    // One regular occurrence beyond `until` tells whether time away pushes the last one onto
    // the next; moves may reach further, so look a little further still.
    const auto regulars = regular_occurrences(until + days{62}, state.last_held);
    std::vector<Occurrence> occurrences;
    for (std::size_t i = 0; i < regulars.size(); ++i) {
      const Date next_regular = i + 1 < regulars.size() ? regulars[i + 1].date : Date::max();
      occurrences.push_back(place(regulars[i], next_regular));
    }
    std::sort(occurrences.begin(), occurrences.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.date < b.date; });
    // A rolling series starts after the last held 1:1, so nothing in it is satisfied yet.
    if (fixed_slot() && !regulars.empty()) satisfy(occurrences, regulars.front().date);
    mark_cancelled(occurrences);

    const auto today = m_context.today;
    for (const auto& occurrence : occurrences) {
      const bool after_last_held = !state.last_held || occurrence.date > *state.last_held;
      if (occurrence.date < today && after_last_held && occurrence.to_hold())
        state.missed.push_back(occurrence);
      if (occurrence.date >= today && std::min(occurrence.date, occurrence.regular) <= until)
        state.upcoming.push_back(occurrence);
    }
    for (const auto& occurrence : state.upcoming) {
      if (occurrence.to_hold() && !occurrence.cancelled) {
        state.next = occurrence;
        break;
      }
    }
    return state;
  }

  std::vector<Occurrence> between(Date from, Date to) {
    std::vector<Occurrence> found;
    const auto counts = [&](const Occurrence& occurrence) {
      return occurrence.date >= from && occurrence.date <= to && !occurrence.skipped &&
             !occurrence.dropped && (occurrence.held || occurrence.date < m_context.today);
    };
    if (fixed_slot()) {
      // Slots from a little before the window, so that a 1:1 held just before it finds the
      // nearest slot, and a little after it for the same reason.
      const auto regulars = fixed_regulars(from - days{2 * cadence_days()}, to + days{62});
      std::vector<Occurrence> occurrences;
      for (std::size_t i = 0; i < regulars.size(); ++i) {
        const Date next_regular = i + 1 < regulars.size() ? regulars[i + 1].date : Date::max();
        occurrences.push_back(place(regulars[i], next_regular));
      }
      std::sort(occurrences.begin(), occurrences.end(),
                [](const Occurrence& a, const Occurrence& b) { return a.date < b.date; });
      if (!regulars.empty()) satisfy(occurrences, regulars.front().date);
      for (auto& occurrence : occurrences)
        if (counts(occurrence)) found.push_back(std::move(occurrence));
      return found;
    }
    for (auto& occurrence : rolling_replay(from, to))
      if (counts(occurrence)) found.push_back(std::move(occurrence));
    return found;
  }

 private:
  bool fixed_slot() const { return m_person.slot_day.has_value(); }

  // The regular slots dated from `from` (or the first slot) to `until`.
  std::vector<Regular> fixed_regulars(Date from, Date until) const {
    std::vector<Regular> regulars;
    const auto first = first_slot_date();
    long k = std::max(0L, static_cast<long>((from - first).count()) / cadence_days() - 1);
    for (;; ++k) {
      const auto regular = regular_at(nth_slot_date(first, k));
      if (regular.date > until) break;
      if (regular.date >= from) regulars.push_back(regular);
    }
    return regulars;
  }

  // A rolling series replayed over its history up to `to`, starting from the last 1:1 held a
  // cadence or more before `from`.
  std::vector<Occurrence> rolling_replay(Date from, Date to) const {
    const auto start_before = from - days{cadence_days()};
    Date anchor = m_person.since;
    auto held = m_held.begin();
    for (auto it = m_held.begin(); it != m_held.end() && *it < start_before; ++it) {
      anchor = std::max(anchor, *it);
      held = it + 1;
    }
    std::optional<Date> last_satisfied;
    std::vector<Occurrence> occurrences;
    Date raw = add_cadence(anchor, m_person.cadence);
    while (true) {
      const auto person_date = workday_on_or_after(raw, m_context.workdays);
      const Date next_raw = add_cadence(raw, m_person.cadence);
      auto occurrence =
          place(regular_at(person_date), workday_on_or_after(next_raw, m_context.workdays));
      if (occurrence.date > to && (held == m_held.end() || *held > to)) break;
      if (held != m_held.end() && *held < next_raw) {
        const Date day = *held++;
        const bool extra = last_satisfied && (day - *last_satisfied) < (occurrence.date - day);
        if (!extra) {
          occurrence.held = day;
          last_satisfied = occurrence.date;
          occurrences.push_back(occurrence);
        }
        raw = add_cadence(day, m_person.cadence);
        continue;
      }
      if (occurrence.date > to) break;
      occurrences.push_back(occurrence);
      raw = next_raw;
    }
    return occurrences;
  }
  // A cadence in days, a month counted long: skipping ahead by it never skips too far.
  long cadence_days() const {
    const auto& cadence = m_person.cadence;
    return cadence.unit == Cadence::Unit::days ? cadence.count : 31L * cadence.count;
  }

  Regular regular_at(Date person_date) const {
    if (!m_person.slot_time) return {person_date, std::nullopt};
    const auto start =
        wall_time_to_instant(date::local_seconds{person_date} + *m_person.slot_time, m_person_zone);
    return {date::floor<days>(m_context.user_zone->to_local(start)), start};
  }

  // The person's date of the first slot that starts at or after the start of --since in the
  // user's zone.
  Date first_slot_date() const {
    const auto day = *m_person.slot_day;
    if (!m_person.slot_time) return m_person.since + (day - date::weekday{m_person.since});
    const auto not_before =
        wall_time_to_instant(date::local_seconds{m_person.since}, m_context.user_zone);
    auto candidate = date::floor<days>(m_person_zone->to_local(not_before));
    for (int step = 0; step <= 8; ++step, candidate += days{1}) {
      if (date::weekday{candidate} != day) continue;
      if (regular_at(candidate).start >= not_before) return candidate;
    }
    throw std::logic_error("first_slot_date: no slot within eight days");
  }

  // The person's date of the k-th regular occurrence after the first.
  Date nth_slot_date(Date first, long k) const {
    const auto& cadence = m_person.cadence;
    if (cadence.unit == Cadence::Unit::days) return first + days{k * cadence.count};
    // Monthly: the same ordinal weekday ("2nd Tuesday"), or the last one when the first
    // occurrence was a 5th.
    const date::year_month_day ymd{first};
    const date::weekday weekday{first};
    const unsigned ordinal = (static_cast<unsigned>(ymd.day()) - 1) / 7 + 1;
    const auto month = ymd.year() / ymd.month() + date::months{k * cadence.count};
    if (ordinal >= 5) return Date{month.year() / month.month() / weekday[date::last]};
    return Date{month.year() / month.month() / weekday[ordinal]};
  }

  // Regular occurrences up to `until`, starting a little before the last held 1:1: earlier
  // ones can neither be missed nor satisfied by a later 1:1.
  std::vector<Regular> regular_occurrences(Date until, std::optional<Date> last_held) const {
    std::vector<Regular> regulars;
    if (!fixed_slot()) {
      // Rolling: a cadence after the last held 1:1 (or --since), each on a workday.
      Date raw = add_cadence(last_held ? *last_held : m_person.since, m_person.cadence);
      for (; raw <= until; raw = add_cadence(raw, m_person.cadence)) {
        const auto person_date = workday_on_or_after(raw, m_context.workdays);
        regulars.push_back(regular_at(person_date));
      }
      return regulars;
    }
    const auto first = first_slot_date();
    long k = 0;
    if (last_held) {
      // Skip ahead to two cadences before the last held 1:1.
      const auto span = static_cast<long>((*last_held - first).count());
      k = std::max(0L, span / cadence_days() - 2);
    }
    for (;; ++k) {
      const auto regular = regular_at(nth_slot_date(first, k));
      if (regular.date > until) break;
      regulars.push_back(regular);
    }
    return regulars;
  }

  // Moves, time away and skips applied to one regular occurrence.
  // `next_regular`: the next occurrence's regular date (Date::max() for the last one built).
  Occurrence place(const Regular& regular, Date next_regular) const {
    Occurrence occurrence;
    occurrence.person = m_person.handle;
    occurrence.regular = regular.date;
    occurrence.date = regular.date;
    occurrence.start = regular.start;
    occurrence.person_zone = m_person_zone;
    occurrence.other_zone = m_person_zone->name() != m_context.user_zone->name();
    occurrence.length = m_person.length;

    const Move* move = nullptr;
    for (const auto& candidate : m_schedule.moves)
      if (candidate.regular == regular.date) move = &candidate;
    if (move != nullptr) {
      move_to(occurrence, move->to, move->time);
      occurrence.sequence += move->times;
    }
    move_out_of_time_away(occurrence, next_regular);
    for (const auto& skip : m_schedule.skips) {
      if (skip.regular == regular.date && !occurrence.skipped) {
        occurrence.skipped = true;
        occurrence.skip_reason = skip.reason;
        occurrence.sequence += 1;
      }
    }
    if (occurrence.start) {
      occurrence.start_in_person_zone =
          date::floor<std::chrono::seconds>(m_person_zone->to_local(*occurrence.start));
      occurrence.start_in_user_zone =
          date::floor<std::chrono::seconds>(m_context.user_zone->to_local(*occurrence.start));
    }
    return occurrence;
  }

  // To another day of the user's calendar, at `time` there, else at the same time of day.
  void move_to(Occurrence& occurrence, Date to, std::optional<Minutes> time) const {
    occurrence.moved = true;
    std::optional<std::chrono::seconds> time_of_day;
    if (time) {
      time_of_day = *time;
    } else if (occurrence.start) {
      const auto local = m_context.user_zone->to_local(*occurrence.start);
      time_of_day = date::floor<std::chrono::seconds>(local - date::floor<days>(local));
    }
    occurrence.date = to;
    if (time_of_day)
      occurrence.start =
          wall_time_to_instant(date::local_seconds{to} + *time_of_day, m_context.user_zone);
  }

  // An occurrence inside time away moves to the first workday after it, or is dropped when
  // that reaches the next regular occurrence: a long holiday leaves one 1:1 to catch up.
  void move_out_of_time_away(Occurrence& occurrence, Date next_regular) const {
    bool moved = false;
    for (bool inside = true; inside;) {
      inside = false;
      for (const auto& away : m_person.away) {
        if (away.from <= occurrence.date && occurrence.date <= away.to) {
          const auto after = first_workday_after(away.to, m_context.workdays);
          if (after >= next_regular) {
            occurrence.dropped = true;
            occurrence.sequence += 1;
            return;
          }
          move_to(occurrence, after, std::nullopt);
          moved = inside = true;
        }
      }
    }
    if (moved) occurrence.sequence += 1;
  }

  // Each held 1:1 satisfies the occurrence nearest to it; a tie goes to the earlier one. The
  // occurrences start a little before the last held 1:1 (`first`); a 1:1 more than a cadence
  // before that belongs to an occurrence not built. `occurrences` are sorted by date.
  void satisfy(std::vector<Occurrence>& occurrences, Date first) const {
    const auto earliest = first - days{cadence_days()};
    std::vector<Occurrence*> candidates;
    for (auto& occurrence : occurrences)
      if (!occurrence.dropped) candidates.push_back(&occurrence);
    if (candidates.empty()) return;
    for (const auto held : m_held) {
      if (held < earliest) continue;
      // The first occurrence on or after the 1:1, and the one before it.
      const auto after =
          std::lower_bound(candidates.begin(), candidates.end(), held,
                           [](const Occurrence* o, Date day) { return o->date < day; });
      Occurrence* nearest = nullptr;
      if (after == candidates.end()) {
        nearest = candidates.back();
      } else if (after == candidates.begin()) {
        nearest = *after;
      } else {
        const auto* before = *(after - 1);
        nearest = (held - before->date) <= ((*after)->date - held) ? *(after - 1) : *after;
      }
      if (!nearest->held) nearest->held = held;
    }
  }

  // A 1:1 logged --cancelled is for the latest occurrence on or before its day.
  void mark_cancelled(std::vector<Occurrence>& occurrences) const {
    std::vector<Occurrence*> candidates;
    for (auto& occurrence : occurrences)
      if (!occurrence.dropped) candidates.push_back(&occurrence);
    for (const auto cancelled : m_cancelled) {
      const auto after =
          std::upper_bound(candidates.begin(), candidates.end(), cancelled,
                           [](Date day, const Occurrence* o) { return day < o->date; });
      if (after == candidates.begin()) continue;
      auto* latest = *(after - 1);
      if (!latest->held && !latest->cancelled) {
        latest->cancelled = true;
        latest->sequence += 1;
      }
    }
  }

  const Person& m_person;
  const PersonSchedule& m_schedule;
  const SeriesContext& m_context;
  const Zone* m_person_zone;
  std::vector<Date> m_held;
  std::vector<Date> m_cancelled;
};

bool has_series(const Person& person) {
  return !person.archived && !person.cadence.is_none();
}

}  // namespace

SeriesState series_state(const PersonSchedule& schedule, const SeriesContext& context, Date until) {
  if (!has_series(schedule.person)) return {};
  return SeriesBuilder{schedule, context}.build(until);
}

std::vector<Occurrence> occurrences_between(const PersonSchedule& schedule,
                                            const SeriesContext& context, Date from, Date to) {
  if (!has_series(schedule.person) || to < from) return {};
  return SeriesBuilder{schedule, context}.between(from, to);
}

Occurrence occurrence_to_change(const PersonSchedule& schedule, const SeriesContext& context,
                                std::optional<Date> on, std::string_view verb) {
  const auto& person = schedule.person;
  if (person.archived)
    throw UsageError(person.handle + " is archived and has no 1:1s",
                     "`mgr person restore " + person.handle + "` brings them back");
  if (person.cadence.is_none())
    throw UsageError(person.handle + " has no regular 1:1 (cadence none), so there is none to " +
                         std::string{verb},
                     "give them one with `mgr person edit " + person.handle + " --cadence weekly`");
  const auto until = (on && *on > context.today ? *on : context.today) + days{400};
  const auto state = series_state(schedule, context, until);
  if (on) {
    for (const auto* list : {&state.missed, &state.upcoming})
      for (const auto& occurrence : *list)
        if (occurrence.to_hold() && (occurrence.date == *on || occurrence.regular == *on))
          return occurrence;
    std::string hint = "see `mgr schedule`";
    if (state.next) hint = "the next one is on " + format_day(state.next->date) + "; " + hint;
    throw UsageError(
        person.handle + " has no 1:1 to " + std::string{verb} + " on " + format_day(*on), hint);
  }
  if (const auto* overdue = state.overdue()) return *overdue;
  for (const auto& occurrence : state.upcoming)
    if (occurrence.to_hold()) return occurrence;
  throw UsageError(person.handle + " has no 1:1 to " + std::string{verb});
}

std::optional<Date> next_checkin_due(const Delegation& delegation) {
  if (delegation.status != DelegationStatus::open || delegation.checkin.is_none())
    return std::nullopt;
  auto anchor = delegation.created;
  if (delegation.last_checkin) anchor = std::max(anchor, delegation.last_checkin->date);
  return add_cadence(anchor, delegation.checkin);
}

}  // namespace mgr::domain
