#include "util/safe_text.hpp"

#include <cstdint>
#include <cstdio>

namespace mgr::util {

namespace {

std::string hex_escape(const char* format, unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// The length of the UTF-8 sequence starting at `at` and its code point, or 0 when the bytes
// there are not well-formed UTF-8.
std::size_t decode_utf8(std::string_view text, std::size_t at, std::uint32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned lead = byte(at);
  std::size_t length = 0;
  std::uint32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xe0) == 0xc0) {
    length = 2;
    code_point = lead & 0x1f;
    minimum = 0x80;
  } else if ((lead & 0xf0) == 0xe0) {
    length = 3;
    code_point = lead & 0x0f;
    minimum = 0x800;
  } else if ((lead & 0xf8) == 0xf0) {
    length = 4;
    code_point = lead & 0x07;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(at + i) & 0x3f);
  }
  if (code_point < minimum || code_point > 0x10ffff ||
      (code_point >= 0xd800 && code_point <= 0xdfff))
    return 0;
  return length;
}

bool must_escape(std::uint32_t code_point) {
  if (code_point < 0x20 || code_point == 0x7f) return true;
  if (code_point >= 0x80 && code_point <= 0x9f) return true;
  if (code_point >= 0x202a && code_point <= 0x202e) return true;
  return code_point >= 0x2066 && code_point <= 0x2069;
}

}  // namespace

std::string escape_controls(std::string_view text, bool keep_newlines) {
  std::string shown;
  shown.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::uint32_t code_point = 0;
    const std::size_t length = decode_utf8(text, at, code_point);
    if (length == 0) {
      shown += hex_escape("\\x%02x", static_cast<unsigned char>(text[at]));
      ++at;
      continue;
    }
    if (code_point == '\t' || (code_point == '\n' && keep_newlines)) {
      shown += static_cast<char>(code_point);
    } else if (code_point == '\n') {
      shown += "\\n";
    } else if (must_escape(code_point)) {
      shown +=
          code_point < 0x80 ? hex_escape("\\x%02x", code_point) : hex_escape("\\u%04x", code_point);
    } else {
      shown.append(text.substr(at, length));
    }
    at += length;
  }
  return shown;
}

}  // namespace mgr::util
