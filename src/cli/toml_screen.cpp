#include "cli/toml_screen.hpp"

#include <vector>

namespace mgr::cli {

namespace {

// Where the lexer stands between strings and comments.
enum class Position { key_start, in_key, after_key, value_start, in_value, after_value };
// What encloses it: an array, an inline table, or a [table] / [[array of tables]] header.
enum class Container { array, inline_table, header, array_header };

bool is_bare_key_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_non_ascii(char c) {
  return static_cast<unsigned char>(c) >= 0x80;
}

class Screen {
 public:
  explicit Screen(std::string_view text) : m_text(text) {}

  std::optional<std::size_t> run() {
    // toml++ skips a UTF-8 byte order mark at the start.
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_at = 3;
    while (m_at < m_text.size()) {
      const char c = m_text[m_at];
      if (is_non_ascii(c)) return m_line;
      if (c == '#') {
        skip_comment();
        continue;
      }
      if ((c == '"' || c == '\'') && starts_string()) {
        if (!skip_string()) return m_line;
        m_position =
            m_position == Position::key_start ? Position::after_key : Position::after_value;
        continue;
      }
      step(c);
      ++m_at;
    }
    return std::nullopt;
  }

 private:
  bool starts_string() const {
    return m_position == Position::key_start || m_position == Position::value_start;
  }

  bool at(std::string_view token) const { return m_text.substr(m_at, token.size()) == token; }

  void newline() {
    ++m_line;
    // Only an array continues over lines; anywhere else a new line starts a key.
    if (!m_containers.empty() && m_containers.back() == Container::array) {
      if (m_position == Position::in_value) m_position = Position::after_value;
      return;
    }
    m_containers.clear();
    m_position = Position::key_start;
  }

  void skip_comment() {
    while (m_at < m_text.size() && m_text[m_at] != '\n') ++m_at;
  }

  // From an opening quote to past the closing one; false at a non-ASCII character toml++ would
  // classify (m_line is then its line).
  bool skip_string() {
    // A key cannot be a multi-line string, but toml++ reads one there before it says so.
    if (at("\"\"\"")) return skip_multi_line_basic();
    if (at("'''")) return skip_multi_line_literal();
    const char quote = m_text[m_at++];
    while (m_at < m_text.size() && m_text[m_at] != quote && m_text[m_at] != '\n') {
      if (quote == '"' && m_text[m_at] == '\\' && m_at + 1 < m_text.size() &&
          m_text[m_at + 1] != '\n')
        ++m_at;
      ++m_at;
    }
    if (m_at < m_text.size() && m_text[m_at] == quote) ++m_at;
    return true;
  }

  bool skip_multi_line_literal() {
    m_at += 3;
    while (m_at < m_text.size() && !at("'''")) {
      if (m_text[m_at] == '\n') ++m_line;
      ++m_at;
    }
    close_multi_line('\'');
    return true;
  }

  bool skip_multi_line_basic() {
    m_at += 3;
    while (m_at < m_text.size() && !at("\"\"\"")) {
      const char c = m_text[m_at];
      if (c == '\n') ++m_line;
      if (c != '\\') {
        ++m_at;
        continue;
      }
      // toml++ asks whether what follows a backslash is whitespace: a line-ending backslash
      // trims all whitespace up to the next text.
      ++m_at;
      std::size_t next = m_at;
      while (next < m_text.size() && (m_text[next] == ' ' || m_text[next] == '\t')) ++next;
      if (next < m_text.size() && is_non_ascii(m_text[next])) return false;
      if (next < m_text.size() && (m_text[next] == '\n' || m_text[next] == '\r')) {
        m_at = next;
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t' ||
                                        m_text[m_at] == '\r' || m_text[m_at] == '\n')) {
          if (m_text[m_at] == '\n') ++m_line;
          ++m_at;
        }
        if (m_at < m_text.size() && is_non_ascii(m_text[m_at])) return false;
      } else if (next == m_at && m_at < m_text.size()) {
        if (m_text[m_at] == '\n') ++m_line;
        ++m_at;  // the escaped character
      } else {
        m_at = next;
      }
    }
    close_multi_line('"');
    return true;
  }

  // Past the closing three quotes and the up to two more that may end the content.
  void close_multi_line(char quote) {
    if (m_at >= m_text.size()) return;
    m_at += 3;
    for (int extra = 0; extra < 2 && m_at < m_text.size() && m_text[m_at] == quote; ++extra) ++m_at;
  }

  Container* innermost() { return m_containers.empty() ? nullptr : &m_containers.back(); }

  // After a value, or at a terminator inside a value: what the enclosing container expects.
  void end_of_element(char c) {
    Container* inside = innermost();
    if (c == ',') {
      if (inside && *inside == Container::array)
        m_position = Position::value_start;
      else if (inside && *inside == Container::inline_table)
        m_position = Position::key_start;
      else
        m_position = Position::after_value;
    } else if (c == ']' && inside && *inside == Container::array) {
      m_containers.pop_back();
      m_position = Position::after_value;
    } else if (c == '}' && inside && *inside == Container::inline_table) {
      m_containers.pop_back();
      m_position = Position::after_value;
    } else {
      m_position = Position::after_value;
    }
  }

  void close_header() {
    const bool twice = m_containers.back() == Container::array_header;
    m_containers.pop_back();
    if (twice && m_at + 1 < m_text.size() && m_text[m_at + 1] == ']') ++m_at;
    m_position = Position::after_value;
  }

  void step(char c) {
    if (c == '\n') return newline();
    const bool space = c == ' ' || c == '\t' || c == '\r';
    Container* inside = innermost();
    const bool in_header =
        inside && (*inside == Container::header || *inside == Container::array_header);
    switch (m_position) {
      case Position::key_start:
        if (space) return;
        if (c == '[' && m_containers.empty()) {
          const bool twice = m_at + 1 < m_text.size() && m_text[m_at + 1] == '[';
          if (twice) ++m_at;
          m_containers.push_back(twice ? Container::array_header : Container::header);
        } else if (c == '}' && inside && *inside == Container::inline_table) {
          end_of_element(c);
        } else {
          m_position = Position::in_key;
        }
        return;
      case Position::in_key:
      case Position::after_key:
        if (space) {
          m_position = Position::after_key;
        } else if (c == '.') {
          m_position = Position::key_start;
        } else if (c == '=' && !in_header) {
          m_position = Position::value_start;
        } else if (c == ']' && in_header) {
          close_header();
        } else if (!(m_position == Position::in_key && is_bare_key_character(c))) {
          m_position = Position::in_key;
        }
        return;
      case Position::value_start:
        if (space) return;
        if (c == '[') {
          m_containers.push_back(Container::array);
        } else if (c == '{') {
          m_containers.push_back(Container::inline_table);
          m_position = Position::key_start;
        } else if (c == ']' || c == '}' || c == ',') {
          end_of_element(c);
        } else {
          m_position = Position::in_value;
        }
        return;
      case Position::in_value:
      case Position::after_value:
        if (space) {
          m_position = Position::after_value;
        } else if (c == ',' || c == ']' || c == '}') {
          end_of_element(c);
        } else {
          m_position = Position::in_value;
        }
        return;
    }
  }

  std::string_view m_text;
  std::size_t m_at = 0;
  std::size_t m_line = 1;
  Position m_position = Position::key_start;
  std::vector<Container> m_containers;
};

}  // namespace

std::optional<std::size_t> line_of_unsafe_non_ascii(std::string_view toml_text) {
  return Screen{toml_text}.run();
}

}  // namespace mgr::cli
