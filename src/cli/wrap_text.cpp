#include "cli/wrap_text.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace mgr::cli {

namespace {

// A tab moves to the next tab stop, at most this far.
constexpr std::size_t k_tab_width = 8;

// The length in bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte, which
// escaped text does not hold).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

// The columns `text` takes, a tab counted as a full tab stop (display_width counts it as none).
std::size_t columns_of(std::string_view text) {
  return util::display_width(text) +
         k_tab_width * static_cast<std::size_t>(std::count(text.begin(), text.end(), '\t'));
}

// Builds wrapped lines: words go on the current line while they fit.
class LineWrapper {
 public:
  LineWrapper(std::size_t width, std::string_view first_indent, std::string_view indent)
      : m_width(width), m_indent(indent), m_indent_width(util::display_width(indent)) {
    start_line(first_indent);
  }

  // The leading spaces and tabs of a line of the text, kept as they are.
  void add_leading(std::string_view blanks) {
    for (const char c : blanks) m_column += c == '\t' ? k_tab_width : 1;
    m_out += blanks;
  }

  void add_word(std::string_view word) {
    const std::size_t word_width = columns_of(word);
    const std::size_t needed = m_line_has_word ? word_width + 1 : word_width;
    // A word too wide for any line is not moved to a fresh line: it is cut where it starts.
    const bool fits_a_fresh_line = m_indent_width + word_width <= m_width;
    if (m_column + needed > m_width && m_line_has_word && fits_a_fresh_line) break_line();
    if (m_line_has_word && m_column + 1 < m_width) {
      m_out += ' ';
      ++m_column;
    }
    std::size_t at = 0;
    while (at < word.size()) {
      const auto length =
          std::min(sequence_length(static_cast<unsigned char>(word[at])), word.size() - at);
      const auto character = word.substr(at, length);
      const std::size_t columns = columns_of(character);
      if (m_column + columns > m_width && m_line_has_word) break_line();
      m_out += character;
      m_column += columns;
      m_line_has_word = true;
      at += length;
    }
  }

  // A line break: the next line starts after the hanging indent.
  void break_line() {
    end_line();
    start_line(m_indent);
  }

  std::string finish() {
    end_line();
    return std::move(m_out);
  }

 private:
  void start_line(std::string_view indent) {
    m_out += indent;
    m_column = util::display_width(indent);
    m_line_has_word = false;
  }
  void end_line() {
    m_out.erase(m_out.find_last_not_of(' ') + 1);
    m_out += '\n';
  }

  std::size_t m_width;
  std::string_view m_indent;
  std::size_t m_indent_width;
  std::string m_out;
  std::size_t m_column = 0;
  bool m_line_has_word = false;
};

}  // namespace

std::string wrapped_lines(std::string_view text, std::size_t width, std::string_view first_indent,
                          std::string_view indent) {
  LineWrapper wrapper{width, first_indent, indent};
  std::size_t line_start = 0;
  for (;;) {
    const auto line_end = std::min(text.find('\n', line_start), text.size());
    const auto line = text.substr(line_start, line_end - line_start);
    const auto first_word = std::min(line.find_first_not_of(" \t"), line.size());
    wrapper.add_leading(line.substr(0, first_word));
    std::size_t at = first_word;
    while (at < line.size()) {
      const auto word_end = std::min(line.find(' ', at), line.size());
      if (word_end > at) wrapper.add_word(line.substr(at, word_end - at));
      at = word_end + 1;
    }
    if (line_end >= text.size()) break;
    wrapper.break_line();
    line_start = line_end + 1;
  }
  return wrapper.finish();
}

}  // namespace mgr::cli
