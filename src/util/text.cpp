#include "util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace mgr::util {

namespace {

// One code point read from UTF-8; `valid` is false for a byte that starts no well-formed
// sequence (then `length` is 1 and `code` the byte).
struct CodePoint {
  std::uint32_t code = 0;
  std::size_t length = 1;
  bool valid = true;
};

CodePoint decode_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return {lead, 1, true};
  std::size_t extra = 0;
  std::uint32_t code = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    code = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    code = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    code = lead & 0x07u;
  } else {
    return {lead, 1, false};
  }
  if (at + extra >= text.size()) return {lead, 1, false};
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0) != 0x80) return {lead, 1, false};
    code = (code << 6) | (next & 0x3Fu);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  static constexpr std::uint32_t k_smallest[] = {0, 0x80, 0x800, 0x10000};
  if (code < k_smallest[extra] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
    return {lead, 1, false};
  return {code, extra + 1, true};
}

bool is_bidi_control(std::uint32_t code) {
  return (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
}

const char k_hex[] = "0123456789abcdef";

void append_hex(std::string& out, const char* prefix, std::uint32_t value, int digits) {
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += k_hex[(value >> shift) & 0xFu];
}

struct Range {
  std::uint32_t first;
  std::uint32_t last;
};

bool in_ranges(std::uint32_t code, const Range* begin, const Range* end) {
  const auto* found = std::upper_bound(begin, end, code,
                                       [](std::uint32_t c, const Range& r) { return c < r.first; });
  if (found == begin) return false;
  --found;
  return code <= found->last;
}

// Combining marks, joiners, variation selectors and other characters a terminal draws on top
// of the one before (or not at all). Sorted.
constexpr Range k_zero_width[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF},
    {0x05C1, 0x05C2},   {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x0610, 0x061A},
    {0x061C, 0x061C},   {0x064B, 0x065F},   {0x0670, 0x0670},   {0x06D6, 0x06DC},
    {0x06DF, 0x06E4},   {0x06E7, 0x06E8},   {0x06EA, 0x06ED},   {0x0711, 0x0711},
    {0x0730, 0x074A},   {0x07A6, 0x07B0},   {0x07EB, 0x07F3},   {0x0816, 0x0819},
    {0x081B, 0x0823},   {0x0825, 0x0827},   {0x0829, 0x082D},   {0x0859, 0x085B},
    {0x08D3, 0x08E1},   {0x08E3, 0x0902},   {0x093A, 0x093A},   {0x093C, 0x093C},
    {0x0941, 0x0948},   {0x094D, 0x094D},   {0x0951, 0x0957},   {0x0962, 0x0963},
    {0x0981, 0x0981},   {0x09BC, 0x09BC},   {0x09C1, 0x09C4},   {0x09CD, 0x09CD},
    {0x09E2, 0x09E3},   {0x0A01, 0x0A02},   {0x0A3C, 0x0A3C},   {0x0A41, 0x0A51},
    {0x0A70, 0x0A71},   {0x0A75, 0x0A75},   {0x0A81, 0x0A82},   {0x0ABC, 0x0ABC},
    {0x0AC1, 0x0AC8},   {0x0ACD, 0x0ACD},   {0x0AE2, 0x0AE3},   {0x0B01, 0x0B01},
    {0x0B3C, 0x0B3C},   {0x0B3F, 0x0B3F},   {0x0B41, 0x0B44},   {0x0B4D, 0x0B4D},
    {0x0B56, 0x0B56},   {0x0B62, 0x0B63},   {0x0B82, 0x0B82},   {0x0BC0, 0x0BC0},
    {0x0BCD, 0x0BCD},   {0x0C00, 0x0C00},   {0x0C3E, 0x0C40},   {0x0C46, 0x0C56},
    {0x0C62, 0x0C63},   {0x0CBC, 0x0CBC},   {0x0CCC, 0x0CCD},   {0x0CE2, 0x0CE3},
    {0x0D00, 0x0D01},   {0x0D41, 0x0D44},   {0x0D4D, 0x0D4D},   {0x0D62, 0x0D63},
    {0x0DCA, 0x0DCA},   {0x0DD2, 0x0DD6},   {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},
    {0x0E47, 0x0E4E},   {0x0EB1, 0x0EB1},   {0x0EB4, 0x0EBC},   {0x0EC8, 0x0ECD},
    {0x0F18, 0x0F19},   {0x0F35, 0x0F35},   {0x0F37, 0x0F37},   {0x0F39, 0x0F39},
    {0x0F71, 0x0F7E},   {0x0F80, 0x0F84},   {0x0F86, 0x0F87},   {0x0F8D, 0x0FBC},
    {0x0FC6, 0x0FC6},   {0x102D, 0x1030},   {0x1032, 0x1037},   {0x1039, 0x103A},
    {0x103D, 0x103E},   {0x1058, 0x1059},   {0x105E, 0x1060},   {0x1071, 0x1074},
    {0x1082, 0x1082},   {0x1085, 0x1086},   {0x108D, 0x108D},   {0x109D, 0x109D},
    {0x1160, 0x11FF},   {0x135D, 0x135F},   {0x1712, 0x1714},   {0x1732, 0x1734},
    {0x1752, 0x1753},   {0x1772, 0x1773},   {0x17B4, 0x17B5},   {0x17B7, 0x17BD},
    {0x17C6, 0x17C6},   {0x17C9, 0x17D3},   {0x17DD, 0x17DD},   {0x180B, 0x180F},
    {0x18A9, 0x18A9},   {0x1920, 0x1922},   {0x1927, 0x1928},   {0x1932, 0x1932},
    {0x1939, 0x193B},   {0x1A17, 0x1A18},   {0x1A1B, 0x1A1B},   {0x1A56, 0x1A56},
    {0x1A58, 0x1A60},   {0x1A62, 0x1A62},   {0x1A65, 0x1A6C},   {0x1A73, 0x1A7F},
    {0x1AB0, 0x1AFF},   {0x1B00, 0x1B03},   {0x1B34, 0x1B34},   {0x1B36, 0x1B3A},
    {0x1B3C, 0x1B3C},   {0x1B42, 0x1B42},   {0x1B6B, 0x1B73},   {0x1B80, 0x1B81},
    {0x1BA2, 0x1BA5},   {0x1BA8, 0x1BA9},   {0x1BAB, 0x1BAD},   {0x1BE6, 0x1BE6},
    {0x1BE8, 0x1BE9},   {0x1BED, 0x1BED},   {0x1BEF, 0x1BF1},   {0x1C2C, 0x1C33},
    {0x1C36, 0x1C37},   {0x1CD0, 0x1CD2},   {0x1CD4, 0x1CE0},   {0x1CE2, 0x1CE8},
    {0x1CED, 0x1CED},   {0x1CF4, 0x1CF4},   {0x1CF8, 0x1CF9},   {0x1DC0, 0x1DFF},
    {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2064},   {0x2066, 0x206F},
    {0x20D0, 0x20F0},   {0x2CEF, 0x2CF1},   {0x2D7F, 0x2D7F},   {0x2DE0, 0x2DFF},
    {0x302A, 0x302D},   {0x3099, 0x309A},   {0xA66F, 0xA672},   {0xA674, 0xA67D},
    {0xA69E, 0xA69F},   {0xA6F0, 0xA6F1},   {0xA802, 0xA802},   {0xA806, 0xA806},
    {0xA80B, 0xA80B},   {0xA825, 0xA826},   {0xA8C4, 0xA8C5},   {0xA8E0, 0xA8F1},
    {0xA8FF, 0xA8FF},   {0xA926, 0xA92D},   {0xA947, 0xA951},   {0xA980, 0xA982},
    {0xA9B3, 0xA9B3},   {0xA9B6, 0xA9B9},   {0xA9BC, 0xA9BD},   {0xA9E5, 0xA9E5},
    {0xAA29, 0xAA2E},   {0xAA31, 0xAA32},   {0xAA35, 0xAA36},   {0xAA43, 0xAA43},
    {0xAA4C, 0xAA4C},   {0xAA7C, 0xAA7C},   {0xAAB0, 0xAAB0},   {0xAAB2, 0xAAB4},
    {0xAAB7, 0xAAB8},   {0xAABE, 0xAABF},   {0xAAC1, 0xAAC1},   {0xAAEC, 0xAAED},
    {0xAAF6, 0xAAF6},   {0xABE5, 0xABE5},   {0xABE8, 0xABE8},   {0xABED, 0xABED},
    {0xD7B0, 0xD7FF},   {0xFB1E, 0xFB1E},   {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF},   {0x101FD, 0x101FD}, {0x102E0, 0x102E0}, {0x10376, 0x1037A},
    {0x10A01, 0x10A0F}, {0x10A38, 0x10A3F}, {0x11001, 0x11001}, {0x11038, 0x11046},
    {0x1107F, 0x11081}, {0x110B3, 0x110B6}, {0x110B9, 0x110BA}, {0x11100, 0x11102},
    {0x11127, 0x1112B}, {0x1112D, 0x11134}, {0x1D167, 0x1D169}, {0x1D17B, 0x1D182},
    {0x1D185, 0x1D18B}, {0x1D1AA, 0x1D1AD}, {0x1D242, 0x1D244}, {0x1E000, 0x1E02A},
    {0x1E8D0, 0x1E8D6}, {0x1E944, 0x1E94A}, {0x1F3FB, 0x1F3FF}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F}, {0xE0100, 0xE01EF}};

// East Asian wide and fullwidth characters and the emoji shown as pictures, which terminals
// draw two columns wide. Sorted.
constexpr Range k_double_width[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},
    {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},   {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x3247},   {0x3250, 0x4DBF},   {0x4E00, 0xA4CF},   {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x16FF0, 0x16FF1},
    {0x17000, 0x18CFF}, {0x1AFF0, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F202}, {0x1F210, 0x1F23B},
    {0x1F240, 0x1F248}, {0x1F250, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320},
    {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA},
    {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E},
    {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4},
    {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945},
    {0x1F947, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD}};

std::size_t code_point_width(const CodePoint& point) {
  if (!point.valid) return 1;
  const auto code = point.code;
  if (code < 0x20 || (code >= 0x7F && code < 0xA0)) return 0;
  if (code < 0x300) return 1;
  if (in_ranges(code, std::begin(k_zero_width), std::end(k_zero_width))) return 0;
  if (in_ranges(code, std::begin(k_double_width), std::end(k_double_width))) return 2;
  return 1;
}

}  // namespace

std::string escape_controls(std::string_view text, Newlines newlines) {
  std::string shown;
  shown.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const CodePoint point = decode_at(text, at);
    const auto code = point.code;
    if (!point.valid) {
      append_hex(shown, "\\x", code, 2);
    } else if ((code == '\n' || code == '\t') && newlines == Newlines::keep) {
      shown += static_cast<char>(code);
    } else if (code == '\n') {
      shown += "\\n";
    } else if (code == '\t') {
      shown += "\\t";
    } else if (code < 0x20 || code == 0x7F) {
      append_hex(shown, "\\x", code, 2);
    } else if ((code >= 0x80 && code <= 0x9F) || is_bidi_control(code)) {
      append_hex(shown, "\\u", code, 4);
    } else {
      shown.append(text, at, point.length);
    }
    at += point.length;
  }
  return shown;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint point = decode_at(text, at);
    width += code_point_width(point);
    at += point.length;
  }
  return width;
}

std::string pad_to_width(std::string_view text, std::size_t width) {
  std::string padded{text};
  const std::size_t used = display_width(text);
  if (used < width) padded.append(width - used, ' ');
  return padded;
}

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
  return display_width(text) +
         k_tab_width * static_cast<std::size_t>(std::count(text.begin(), text.end(), '\t'));
}

// Builds wrapped lines: words go on the current line while they fit.
class LineWrapper {
 public:
  LineWrapper(std::size_t width, std::string_view first_indent, std::string_view indent)
      : m_width(width), m_indent(indent), m_indent_width(display_width(indent)) {
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
    m_column = display_width(indent);
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

std::string wrap_to_width(std::string_view text, std::size_t width, std::string_view first_indent,
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

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string{text};
  if (width == 0) return {};
  // Room for the ellipsis, which takes one column.
  std::string cut;
  std::size_t used = 0;
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint point = decode_at(text, at);
    const std::size_t columns = code_point_width(point);
    if (used + columns > width - 1) break;
    cut.append(text, at, point.length);
    used += columns;
    at += point.length;
  }
  return cut + "…";
}

std::string quoted(std::string_view text, std::size_t max_chars) {
  std::size_t at = 0;
  std::size_t characters = 0;
  while (at < text.size() && characters < max_chars) {
    at += decode_at(text, at).length;
    ++characters;
  }
  if (at >= text.size()) return "'" + std::string{text} + "'";
  return "'" + std::string{text.substr(0, at)} + "…' (" + std::to_string(text.size()) + " bytes)";
}

}  // namespace mgr::util
