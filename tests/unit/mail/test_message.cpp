#include "mail/message.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "domain/clock.hpp"
#include "domain/errors.hpp"
#include "domain/parse.hpp"

using namespace mgr::mail;
using mgr::domain::parse_instant;

namespace {

std::string decode_base64(const std::string& text) {
  static const std::string k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    buffer = (buffer << 6) | static_cast<unsigned>(k_alphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

// The text of one encoded-word; fails the test when it is not one.
std::string decode_word(const std::string& word) {
  REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
  REQUIRE(word.substr(word.size() - 2) == "?=");
  return decode_base64(word.substr(10, word.size() - 12));
}

bool is_whole_utf8(const std::string& text) {
  return mgr::domain::is_valid_utf8(text);
}

std::vector<std::string> lines_of(const std::string& wire) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < wire.size()) {
    const auto end = wire.find("\r\n", start);
    REQUIRE(end != std::string::npos);  // every line ends in CRLF
    lines.push_back(wire.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

Message sample() {
  Message message;
  message.from = {"Zoë Ångström 李雷", "zoe@example.com"};
  message.to = {{"", "me@example.com"}};
  message.subject = "mgr Thu 2026-11-26: 2 1:1s, 1 action";
  message.date = *parse_instant("2026-11-26T08:30:00Z");
  message.zone = mgr::domain::find_zone("Europe/Berlin");
  message.message_id = "20261126T083000Z.1.abc@example.com";
  message.parts = {{"text/plain", "Hello\n.\n..x\nFrom here\n"}};
  return message;
}

std::string header(const std::string& wire, const std::string& name) {
  const auto lines = lines_of(wire);
  std::string value;
  bool in = false;
  for (const auto& line : lines) {
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      if (in) value += line;
      continue;
    }
    in = line.rfind(name + ":", 0) == 0;
    if (in) value = line.substr(name.size() + 1);
  }
  return value;
}

}  // namespace

TEST_CASE("encoded-words are at most 75 characters and never split a character",
          "[mail][message]") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Zoë Ångström 李雷 🙂 ";
  const auto words = encoded_words(text, 60);
  REQUIRE(words.size() > 5);
  std::string joined;
  for (std::size_t i = 0; i < words.size(); ++i) {
    CHECK(words[i].size() <= (i == 0 ? 60u : 75u));
    const auto piece = decode_word(words[i]);
    CHECK(is_whole_utf8(piece));
    joined += piece;
  }
  CHECK(joined == text);
  CHECK(encoded_words("").size() == 1);
  CHECK(decode_word(encoded_words("").front()).empty());
}

TEST_CASE("the Date header has English names and a numeric offset", "[mail][message]") {
  const auto instant = *parse_instant("2026-11-26T08:30:05Z");
  CHECK(date_header(instant, mgr::domain::find_zone("Europe/Berlin")) ==
        "Thu, 26 Nov 2026 09:30:05 +0100");
  CHECK(date_header(instant, mgr::domain::find_zone("America/St_Johns")) ==
        "Thu, 26 Nov 2026 05:00:05 -0330");
  CHECK(date_header(*parse_instant("2026-07-01T23:00:00Z"),
                    mgr::domain::find_zone("Asia/Kolkata")) == "Thu, 02 Jul 2026 04:30:00 +0530");
  CHECK(date_header(instant, mgr::domain::find_zone("UTC")) == "Thu, 26 Nov 2026 08:30:05 +0000");
}

TEST_CASE("message ids are unique and carry the domain", "[mail][message]") {
  const auto instant = *parse_instant("2026-11-26T08:30:05Z");
  const auto first = new_message_id(instant, "example.com");
  const auto second = new_message_id(instant, "example.com");
  CHECK(first != second);
  CHECK(first.rfind("20261126T083005Z.", 0) == 0);
  CHECK(first.substr(first.size() - 12) == "@example.com");
  CHECK(first.find_first_of("<> ") == std::string::npos);
}

TEST_CASE("quoted-printable keeps lines short and every byte recoverable", "[mail][message]") {
  CHECK(quoted_printable("plain\n") == "plain\r\n");
  CHECK(quoted_printable(".\n..x\n") == ".\r\n..x\r\n");
  CHECK(quoted_printable("a=b\n") == "a=3Db\r\n");
  CHECK(quoted_printable("trailing \n") == "trailing=20\r\n");
  CHECK(quoted_printable("From me\n") == "=46rom me\r\n");
  CHECK(quoted_printable("Zoë\n") == "Zo=C3=AB\r\n");
  CHECK(quoted_printable("no newline") == "no newline\r\n");
  const auto long_line = quoted_printable(std::string(200, 'x') + "ë\n");
  for (const auto& line : lines_of(long_line)) CHECK(line.size() <= 76);
  std::string joined;
  for (const auto& line : lines_of(long_line))
    joined += line.back() == '=' ? line.substr(0, line.size() - 1) : line;
  CHECK(joined == std::string(200, 'x') + "=C3=AB");
}

TEST_CASE("a composed message has the RFC 5322 headers and a quoted-printable body",
          "[mail][message]") {
  const auto wire = compose(sample());
  const auto lines = lines_of(wire);
  for (const auto& line : lines) CHECK(line.size() <= 78);
  CHECK(wire.find('\n') == wire.find("\r\n") + 1);  // no bare LF anywhere
  for (std::size_t at = wire.find('\n'); at != std::string::npos; at = wire.find('\n', at + 1))
    CHECK(wire[at - 1] == '\r');
  CHECK(header(wire, "To") == " <me@example.com>");
  CHECK(header(wire, "Subject") == " mgr Thu 2026-11-26: 2 1:1s, 1 action");
  CHECK(header(wire, "Date") == " Thu, 26 Nov 2026 09:30:00 +0100");
  CHECK(header(wire, "Message-ID") == " <20261126T083000Z.1.abc@example.com>");
  CHECK(header(wire, "MIME-Version") == " 1.0");
  CHECK(header(wire, "Content-Type") == " text/plain; charset=UTF-8");
  CHECK(header(wire, "Content-Transfer-Encoding") == " quoted-printable");

  // The display name is encoded-words, then the address.
  const auto from = header(wire, "From");
  const auto angle = from.rfind(" <zoe@example.com>");
  REQUIRE(angle != std::string::npos);
  std::istringstream words(from.substr(0, angle));
  std::string word;
  std::string name;
  while (words >> word) name += decode_word(word);
  CHECK(name == "Zoë Ångström 李雷");

  // The body follows the first empty line, dots as they are (the transport escapes them).
  const auto body = wire.substr(wire.find("\r\n\r\n") + 4);
  CHECK(body == "Hello\r\n.\r\n..x\r\n=46rom here\r\n");
}

TEST_CASE("a long subject folds and unfolds to the exact original", "[mail][message]") {
  auto message = sample();
  std::string ascii;
  while (ascii.size() < 200) ascii += "weekly reminder ";
  ascii.resize(200);
  ascii.back() = 'x';
  message.subject = ascii;
  auto wire = compose(message);
  CHECK(header(wire, "Subject") == " " + ascii);  // unfolding removes the CRLFs only
  for (const auto& line : lines_of(wire)) CHECK(line.size() <= 78);

  std::string unicode = "Erinnerung für Zoë Ångström 李雷 — ";
  while (unicode.size() < 200) unicode += "ü李";
  message.subject = unicode;
  wire = compose(message);
  std::istringstream words(header(wire, "Subject"));
  std::string word;
  std::string decoded;
  while (words >> word) {
    CHECK(word.size() <= 75);
    decoded += decode_word(word);
  }
  CHECK(decoded == unicode);
  for (const auto& line : lines_of(wire)) CHECK(line.size() <= 76);
}

TEST_CASE("ASCII names with specials are quoted, odd spacing is encoded", "[mail][message]") {
  auto message = sample();
  message.from.display_name = R"(Doe, "JD" John)";
  CHECK(header(compose(message), "From") == R"( "Doe, \"JD\" John" <zoe@example.com>)");
  message.from.display_name = "mgr";
  CHECK(header(compose(message), "From") == " mgr <zoe@example.com>");
  message.from.display_name = std::string(1200, 'n') + ", Jr.";
  for (const auto& line : lines_of(compose(message))) CHECK(line.size() <= 78);
  message.subject = "looks like =?UTF-8?B?eA==?= a word";
  CHECK(header(compose(message), "Subject").find("=?UTF-8?B?bG9va3") != std::string::npos);
}

TEST_CASE("compose refuses what could inject a header or a recipient", "[mail][message]") {
  auto message = sample();
  message.subject = "Hello\r\nBcc: evil@example.com";
  CHECK_THROWS_AS(compose(message), mgr::UsageError);
  message = sample();
  message.to = {{"", "a@x>\r\nRCPT TO:<evil@x>"}};
  CHECK_THROWS_AS(compose(message), mgr::UsageError);
  message = sample();
  message.from.display_name = "Eve\nBcc: x@y";
  CHECK_THROWS_AS(compose(message), mgr::UsageError);
}

TEST_CASE("an HTML alternative makes a multipart/alternative message, text first",
          "[mail][message]") {
  auto message = sample();
  message.parts.push_back({"text/html", "<p>Hello</p>\n"});
  const auto wire = compose(message);
  const auto type = header(wire, "Content-Type");
  REQUIRE(type.rfind(" multipart/alternative; boundary=\"", 0) == 0);
  const auto boundary = type.substr(type.find('"') + 1, type.rfind('"') - type.find('"') - 1);
  CHECK(boundary.size() <= 70);
  const auto text_at = wire.find("--" + boundary + "\r\nContent-Type: text/plain");
  const auto html_at = wire.find("--" + boundary + "\r\nContent-Type: text/html");
  REQUIRE(text_at != std::string::npos);
  REQUIRE(html_at != std::string::npos);
  CHECK(text_at < html_at);
  CHECK(wire.find("--" + boundary + "--\r\n") != std::string::npos);
  // Each part keeps its final newline: one line break for the text, one for the boundary.
  CHECK(wire.find("<p>Hello</p>\r\n\r\n--" + boundary + "--") != std::string::npos);
}
