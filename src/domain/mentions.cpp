#include "domain/mentions.hpp"

#include <algorithm>

namespace mgr::domain {

namespace {

char fold(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// A byte of a word: an ASCII letter or digit, '_', or a byte of a non-ASCII character (most of
// which are letters in names).
bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         byte >= 0x80;
}

bool same_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

bool matches_at(std::string_view text, std::size_t at, std::string_view term) {
  return at + term.size() <= text.size() && same_folded(text.substr(at, term.size()), term);
}

// The length of the longest term that stands as a word of its own at `at`, or 0.
std::size_t mention_at(std::string_view text, std::size_t at,
                       const std::vector<std::string>& terms) {
  if (at > 0 && is_word_byte(text[at - 1])) return 0;
  std::size_t longest = 0;
  for (const auto& term : terms) {
    if (term.empty() || term.size() <= longest || !matches_at(text, at, term)) continue;
    const auto end = at + term.size();
    if (end < text.size() && is_word_byte(text[end])) continue;
    longest = term.size();
  }
  return longest;
}

std::size_t code_points(std::string_view word) {
  return static_cast<std::size_t>(std::count_if(word.begin(), word.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

bool contains_folded(const std::vector<std::string>& list, std::string_view text) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& item) { return same_folded(item, text); });
}

}  // namespace

MentionTerms mention_terms(const Person& person, const std::vector<Person>& everyone) {
  MentionTerms result;
  result.terms.push_back(person.handle);
  if (!person.name.empty() && !same_folded(person.name, person.handle))
    result.terms.push_back(person.name);
  std::vector<std::string> others;
  for (const auto& other : everyone) {
    if (other.id == person.id && other.handle == person.handle) continue;
    others.push_back(other.handle);
    for (const auto& word : words_of(other.name)) others.push_back(word);
  }
  for (const auto& word : words_of(person.name)) {
    if (code_points(word) < 3 || contains_folded(result.terms, word)) continue;
    if (contains_folded(others, word)) {
      if (!contains_folded(result.shared, word)) result.shared.push_back(word);
    } else {
      result.terms.push_back(word);
    }
  }
  return result;
}

bool mentions(std::string_view text, const std::vector<std::string>& terms) {
  for (std::size_t at = 0; at < text.size(); ++at)
    if (mention_at(text, at, terms) > 0) return true;
  return false;
}

std::string scrub_mentions(std::string_view text, const std::vector<std::string>& terms) {
  const bool replacement_safe = std::none_of(terms.begin(), terms.end(), [](const auto& term) {
    return !term.empty() && count_occurrences(k_scrubbed, term) > 0;
  });
  const std::string_view replacement = replacement_safe ? k_scrubbed : "[...]";
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    if (const auto length = mention_at(text, at, terms); length > 0) {
      out += replacement;
      at += length;
    } else {
      out += text[at++];
    }
  }
  return out;
}

std::size_t count_occurrences(std::string_view bytes, std::string_view term) {
  if (term.empty() || term.size() > bytes.size()) return 0;
  const char first_lower = fold(term.front());
  const char first_upper = (first_lower >= 'a' && first_lower <= 'z')
                               ? static_cast<char>(first_lower - 'a' + 'A')
                               : first_lower;
  std::size_t count = 0;
  const std::size_t last = bytes.size() - term.size();
  for (std::size_t at = 0; at <= last;) {
    const char c = bytes[at];
    if ((c == first_lower || c == first_upper) && matches_at(bytes, at, term)) {
      ++count;
      at += term.size();
    } else {
      ++at;
    }
  }
  return count;
}

void SubjectFilter::begin(const Archive& header) {
  Archive subject_header;
  subject_header.version = header.version;
  subject_header.last_id = header.last_id;
  subject_header.subject = m_handle;
  m_next.begin(subject_header);
}

void SubjectFilter::add(const PersonRecord& record) {
  if (record.person.handle == m_handle) m_next.add(record);
}

void SubjectFilter::add(const TimeAwayRecord& record) {
  if (record.person == m_handle || said(record.reason)) m_next.add(record);
}

void SubjectFilter::add(const Entry& record) {
  const bool theirs =
      std::find(record.people.begin(), record.people.end(), m_handle) != record.people.end();
  const bool tagged = std::any_of(record.tags.begin(), record.tags.end(),
                                  [&](const std::string& tag) { return said(tag); });
  if (!theirs && !tagged && !said(record.note)) return;
  m_ids.insert(record.id.value);
  m_next.add(record);
}

void SubjectFilter::add(const ConcernRecord& record) {
  if (m_ids.count(record.id.value) != 0 || said(record.text) || said(record.close_note))
    m_next.add(record);
}

void SubjectFilter::add(const DelegationRecord& record) {
  if (record.person != m_handle && m_ids.count(record.id.value) == 0 && !said(record.outcome) &&
      !said(record.why) && !said(record.constraints) && !said(record.close_note))
    return;
  m_ids.insert(record.id.value);
  m_next.add(record);
}

void SubjectFilter::add(const TopicRecord& record) {
  if (record.person != m_handle && !said(record.text)) return;
  m_ids.insert(record.id.value);
  m_next.add(record);
}

void SubjectFilter::add(const ActionRecord& record) {
  if (record.person != m_handle && !said(record.text)) return;
  m_ids.insert(record.id.value);
  m_next.add(record);
}

void SubjectFilter::add(const SkipRecord& record) {
  if (record.person == m_handle || said(record.reason)) m_next.add(record);
}

void SubjectFilter::add(const MoveRecord& record) {
  if (record.person == m_handle) m_next.add(record);
}

void SubjectFilter::add(const ReminderSentRecord& record) {
  if (record.person == m_handle || m_ids.count(reminder_item_id(record.item)) != 0)
    m_next.add(record);
}

void SubjectFilter::add(const SelfCheckRecord& record) {
  if (said(record.note)) m_next.add(record);
}

}  // namespace mgr::domain
