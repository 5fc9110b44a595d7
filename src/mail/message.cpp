#include "mail/message.hpp"

#include <sys/random.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "domain/errors.hpp"

namespace mgr::mail {

namespace {

constexpr std::size_t k_line_goal = 78;         // RFC 5322's "SHOULD"; 998 is the hard limit
constexpr std::size_t k_encoded_line_max = 76;  // RFC 2047, for lines with encoded-words
constexpr std::string_view k_crlf = "\r\n";
constexpr std::string_view k_word_start = "=?UTF-8?B?";
constexpr std::string_view k_word_end = "?=";

std::string base64(std::string_view bytes) {
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  const auto at = [&](std::size_t n) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[n]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) out += k_alphabet[(group >> shift) & 0x3f];
  }
  if (const auto rest = bytes.size() - i; rest > 0) {
    const std::uint32_t group = (at(i) << 16) | (rest == 2 ? at(i + 1) << 8 : 0);
    out += k_alphabet[(group >> 18) & 0x3f];
    out += k_alphabet[(group >> 12) & 0x3f];
    out += rest == 2 ? k_alphabet[(group >> 6) & 0x3f] : '=';
    out += '=';
  }
  return out;
}

// The length of the UTF-8 character starting with `lead` (1 for a stray byte, which the
// callers never see: header text is checked to be UTF-8 first).
std::size_t utf8_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  if (byte >= 0xf0) return 4;
  if (byte >= 0xe0) return 3;
  if (byte >= 0xc0) return 2;
  return 1;
}

// Base64 turns each 3 bytes into 4 characters: the most bytes whose encoding fits `chars`.
std::size_t bytes_fitting(std::size_t chars) {
  return chars / 4 * 3;
}

// Plain text can go into an unstructured header as it is: printable ASCII, single spaces
// between words, nothing that reads as an encoded-word, and no word too long to fold.
bool is_plain_header_text(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  if (text.find("  ") != std::string_view::npos || text.find("=?") != std::string_view::npos)
    return false;
  std::size_t word = 0;
  for (char c : text) {
    if (c < ' ' || c > '~') return false;
    word = c == ' ' ? 0 : word + 1;
    if (word > k_line_goal - 12) return false;
  }
  return true;
}

// `name: value`, folded before spaces so that lines stay within 78 characters. Unfolding (the
// reader removes each CRLF) gives back the value exactly.
std::string folded_plain(std::string_view name, std::string_view value) {
  std::string out{name};
  out += ':';
  std::size_t line_length = out.size();
  std::size_t start = 0;
  while (start <= value.size()) {
    auto space = value.find(' ', start);
    if (space == std::string_view::npos) space = value.size();
    const auto word = value.substr(start, space - start);
    if (line_length + 1 + word.size() > k_line_goal && line_length > name.size() + 1) {
      out += k_crlf;
      line_length = 0;
    }
    out += ' ';
    out += word;
    line_length += 1 + word.size();
    start = space + 1;
  }
  return out + std::string{k_crlf};
}

// `name: ` followed by encoded-words, one per line after the first.
std::string folded_encoded(std::string_view name, std::string_view value,
                           std::string_view after = {}) {
  std::string out{name};
  out += ": ";
  const auto words = encoded_words(value, k_encoded_line_max - out.size(), 75);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += std::string{k_crlf} + " ";
    out += words[i];
  }
  if (!after.empty()) {
    out += std::string{k_crlf} + " ";
    out += after;
  }
  return out + std::string{k_crlf};
}

bool is_atext_or_space(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')
    return true;
  return std::string_view{"!#$%&'*+-/=?^_`{|}~"}.find(c) != std::string_view::npos;
}

// "Name <local@domain>", with the name as atoms, a quoted string or encoded-words.
std::string mailbox_header(std::string_view name, const Mailbox& mailbox) {
  const std::string angle = "<" + mailbox.address + ">";
  const auto& display = mailbox.display_name;
  if (display.empty()) return std::string{name} + ": " + angle + std::string{k_crlf};
  const bool ascii =
      std::all_of(display.begin(), display.end(), [](char c) { return c >= ' ' && c <= '~'; });
  if (!ascii || display.find("=?") != std::string::npos || display.front() == ' ' ||
      display.back() == ' ' || display.find("  ") != std::string::npos)
    return folded_encoded(name, display, angle);
  std::string phrase;
  if (std::all_of(display.begin(), display.end(), is_atext_or_space)) {
    phrase = display;
  } else {
    phrase = "\"";
    for (char c : display) {
      if (c == '"' || c == '\\') phrase += '\\';
      phrase += c;
    }
    phrase += '"';
  }
  // A phrase cannot be folded inside its quotes: a name too long for one line is encoded.
  if (name.size() + 2 + phrase.size() > k_line_goal) return folded_encoded(name, display, angle);
  std::string line = std::string{name} + ": " + phrase;
  if (line.size() + 1 + angle.size() > k_line_goal)
    return line + std::string{k_crlf} + " " + angle + std::string{k_crlf};
  return line + " " + angle + std::string{k_crlf};
}

std::string unstructured_header(std::string_view name, std::string_view value) {
  if (is_plain_header_text(value)) return folded_plain(name, value);
  return folded_encoded(name, value);
}

void check_message(const Message& message) {
  if (!is_plain_address(message.from.address))
    throw UsageError("sender '" + message.from.address + "' is not a plain mail address");
  check_header_text(message.from.display_name, "sender display name");
  if (message.to.empty()) throw UsageError("a reminder needs a recipient");
  for (const auto& to : message.to) {
    if (!is_plain_address(to.address))
      throw UsageError("recipient '" + to.address + "' is not a plain mail address");
    check_header_text(to.display_name, "recipient display name");
  }
  check_header_text(message.subject, "subject");
  for (const auto& part : message.parts)
    if (part.media_type != "text/plain" && part.media_type != "text/html")
      throw std::logic_error("unsupported media type " + part.media_type);
  if (message.parts.empty()) throw std::logic_error("a message needs a body");
  if (message.message_id.find_first_of("<> \r\n") != std::string::npos ||
      message.message_id.find('@') == std::string::npos)
    throw std::logic_error("malformed message id " + message.message_id);
}

std::string part_headers(const BodyPart& part) {
  return "Content-Type: " + part.media_type + "; charset=UTF-8" + std::string{k_crlf} +
         "Content-Transfer-Encoding: quoted-printable" + std::string{k_crlf};
}

std::string hex_of(const unsigned char* bytes, std::size_t count) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    out += k_digits[bytes[i] >> 4];
    out += k_digits[bytes[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::vector<std::string> encoded_words(std::string_view text, std::size_t first_limit,
                                       std::size_t limit) {
  const std::size_t overhead = k_word_start.size() + k_word_end.size();
  std::vector<std::string> words;
  std::size_t at = 0;
  // An empty text still needs one (empty) word to stand for it.
  do {
    const std::size_t room = (words.empty() ? std::min(first_limit, limit) : limit);
    const std::size_t max_bytes = room > overhead + 4 ? bytes_fitting(room - overhead) : 3;
    std::size_t end = at;
    while (end < text.size()) {
      const std::size_t next = end + utf8_length(text[end]);
      if (next - at > max_bytes) break;
      end = next;
    }
    if (end == at && at < text.size()) end = at + utf8_length(text[at]);  // never stall
    words.push_back(std::string{k_word_start} + base64(text.substr(at, end - at)) +
                    std::string{k_word_end});
    at = end;
  } while (at < text.size());
  return words;
}

std::string date_header(domain::Instant instant, const domain::Zone* zone) {
  static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto info = zone->get_info(instant);
  const auto local = date::local_seconds{instant.time_since_epoch() + info.offset};
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> time{local - day};
  const auto offset_minutes = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  const auto magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d",
                k_days[date::weekday{day}.c_encoding()], static_cast<unsigned>(ymd.day()),
                k_months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()), offset_minutes < 0 ? '-' : '+',
                static_cast<int>(magnitude / 60), static_cast<int>(magnitude % 60));
  return buffer;
}

std::string new_message_id(domain::Instant instant, std::string_view domain) {
  std::array<unsigned char, 16> random{};
  std::size_t filled = 0;
  while (filled < random.size()) {
    const auto got = ::getrandom(random.data() + filled, random.size() - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw Failure("cannot read random bytes for a Message-ID");
    }
    filled += static_cast<std::size_t>(got);
  }
  const auto stamp = date::format("%Y%m%dT%H%M%SZ", instant);
  return stamp + "." + std::to_string(::getpid()) + "." + hex_of(random.data(), random.size()) +
         "@" + std::string{domain};
}

std::string quoted_printable(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t line_start = 0;
  while (line_start <= text.size()) {
    auto line_end = text.find('\n', line_start);
    const bool last = line_end == std::string_view::npos;
    if (last) line_end = text.size();
    auto line = text.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (last && line.empty()) break;  // the text ended with its newline
    std::string encoded_line;
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto byte = static_cast<unsigned char>(line[i]);
      const bool at_end = i + 1 == line.size();
      // "From " at a line start is changed by some mailbox formats; '=' is the escape itself.
      const bool literal =
          (byte >= 33 && byte <= 126 && byte != '=' && !(i == 0 && line.substr(0, 5) == "From ")) ||
          ((byte == ' ' || byte == '\t') && !at_end);
      std::string piece;
      if (literal) {
        piece = static_cast<char>(byte);
      } else {
        piece = {'=', k_hex[byte >> 4], k_hex[byte & 0x0f]};
      }
      // Keep room for the soft line break "=" unless this is the line's last piece.
      const std::size_t limit = at_end ? 76 : 75;
      if (width + piece.size() > limit) {
        encoded_line += "=\r\n";
        width = 0;
      }
      encoded_line += piece;
      width += piece.size();
    }
    out += encoded_line;
    out += k_crlf;
    if (last) break;
    line_start = line_end + 1;
  }
  return out;
}

std::string compose(const Message& message) {
  check_message(message);
  std::string out;
  out += mailbox_header("From", message.from);
  for (const auto& to : message.to) out += mailbox_header("To", to);
  out += unstructured_header("Subject", message.subject);
  out += "Date: " + date_header(message.date, message.zone) + std::string{k_crlf};
  out += "Message-ID: <" + message.message_id + ">" + std::string{k_crlf};
  // Tells vacation responders and the like not to answer (RFC 3834).
  out += "Auto-Submitted: auto-generated" + std::string{k_crlf};
  out += "MIME-Version: 1.0" + std::string{k_crlf};
  if (message.parts.size() == 1) {
    out += part_headers(message.parts.front());
    out += k_crlf;
    out += quoted_printable(message.parts.front().text);
    return out;
  }
  // "=_" cannot occur in quoted-printable text ('=' is always followed by hex digits or a line
  // end there), so this boundary never collides with a part.
  const std::string boundary =
      "=_mgr_" + message.message_id.substr(0, message.message_id.find('@'));
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"" + std::string{k_crlf};
  out += k_crlf;
  for (const auto& part : message.parts) {
    out += "--" + boundary + std::string{k_crlf};
    out += part_headers(part);
    out += k_crlf;
    out += quoted_printable(part.text);
    // The line break before a boundary belongs to the boundary (RFC 2046), so a part whose
    // text ends with a newline needs one more to keep it.
    if (!part.text.empty() && part.text.back() == '\n') out += k_crlf;
  }
  out += "--" + boundary + "--" + std::string{k_crlf};
  return out;
}

}  // namespace mgr::mail
