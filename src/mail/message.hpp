#pragma once
// The reminder as an RFC 5322 message: headers folded and, where they are not plain ASCII,
// written as RFC 2047 encoded-words; the body as UTF-8 quoted-printable; CRLF line ends; no
// line longer than 998 octets (in practice none over 78).
#include <date/tz.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"
#include "mail/address.hpp"

namespace mgr::mail {

// One rendering of the content. A message with several is multipart/alternative, plainest
// first (text/plain, then text/html), as mail readers expect.
struct BodyPart {
  std::string media_type = "text/plain";  // charset=UTF-8 is added
  std::string text;                       // UTF-8, lines ending in "\n"
};

struct Message {
  Mailbox from;
  std::vector<Mailbox> to;
  std::string subject;
  domain::Instant date;
  const domain::Zone* zone = nullptr;  // the Date header's offset is this zone's
  std::string message_id;              // without the angle brackets
  std::vector<BodyPart> parts;
};

// The message on the wire. Checks every header value and address again (UsageError) so that
// nothing unchecked can reach a transport.
std::string compose(const Message& message);

// RFC 2047 "B" encoded-words of UTF-8 `text`, each at most `limit` characters (75 at most)
// and the first at most `first_limit`; a UTF-8 character is never split between two words.
std::vector<std::string> encoded_words(std::string_view text, std::size_t first_limit = 75,
                                       std::size_t limit = 75);

// "Thu, 26 Nov 2026 10:00:00 +0100": English names and a numeric offset, whatever the locale.
std::string date_header(domain::Instant instant, const domain::Zone* zone);

// A new unique id: the time, the process and 128 random bits, at `domain`.
std::string new_message_id(domain::Instant instant, std::string_view domain);

// UTF-8 text (lines ending in "\n") as quoted-printable with CRLF line ends and lines of at
// most 76 characters.
std::string quoted_printable(std::string_view text);

}  // namespace mgr::mail
