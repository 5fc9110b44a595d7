#pragma once
// Finding a person in text: what `mgr export --person` shows and what `mgr person forget`
// removes follow the same rule, so the export of a person shows exactly what forgetting them
// takes away.
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "domain/archive.hpp"
#include "domain/model.hpp"

namespace mgr::domain {

// The words text names a person by: their handle, their full name, and each word of the name
// of three or more characters that is not also a word of someone else's handle or name (those
// are `shared`: "Alice" alone could be Alice Jones as well as Alice Smith).
struct MentionTerms {
  std::vector<std::string> terms;
  std::vector<std::string> shared;
};
MentionTerms mention_terms(const Person& person, const std::vector<Person>& everyone);

// Whether `text` holds one of the terms as a word of its own: ASCII letters compared without
// case, and the characters around it neither letters, digits, '_' nor part of a non-ASCII
// letter ("alice's" and "@alice" mention alice; "malice" and "alice2" do not).
bool mentions(std::string_view text, const std::vector<std::string>& terms);
// `text` with every such mention replaced by k_scrubbed (or, should a term itself be part of
// that word, by "[...]").
std::string scrub_mentions(std::string_view text, const std::vector<std::string>& terms);
inline constexpr std::string_view k_scrubbed = "[removed]";

// How often `term` occurs in `bytes` at all, ASCII letters compared without case: the search of
// the raw database file, where the bytes around a text are those of the file's own structures.
std::size_t count_occurrences(std::string_view bytes, std::string_view term);

// Passes on to `next` only what is about `subject`: their profile, time away, entries and the
// concern or delegation such an entry opened, their delegations, talking points, actions,
// skips, moves and reminders, and every other record whose text (or a tag) mentions them.
// The header names them as the archive's subject.
class SubjectFilter : public ArchiveSink {
 public:
  SubjectFilter(std::string handle, std::vector<std::string> terms, ArchiveSink& next)
      : m_handle(std::move(handle)), m_terms(std::move(terms)), m_next(next) {}

  void begin(const Archive& header) override;
  void begin_section(Section section) override { m_next.begin_section(section); }
  void add(const PersonRecord& record) override;
  void add(const TimeAwayRecord& record) override;
  void add(const Entry& record) override;
  void add(const ConcernRecord& record) override;
  void add(const DelegationRecord& record) override;
  void add(const TopicRecord& record) override;
  void add(const ActionRecord& record) override;
  void add(const SkipRecord& record) override;
  void add(const MoveRecord& record) override;
  void add(const ReminderSentRecord& record) override;
  void add(const SelfCheckRecord& record) override;
  void end_section(Section section) override { m_next.end_section(section); }
  void end() override { m_next.end(); }

 private:
  bool said(std::string_view text) const { return mentions(text, m_terms); }

  std::string m_handle;
  std::vector<std::string> m_terms;
  ArchiveSink& m_next;
  // The ids passed on so far: what a concern, delegation or reminder refers to.
  std::unordered_set<std::int64_t> m_ids;
};

}  // namespace mgr::domain
