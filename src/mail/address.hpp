#pragma once
// Mail addresses and header values, checked before anything is sent: a value that could end a
// header line or a protocol command (CR, LF, NUL) or an address that is not a plain
// local@domain is refused with a UsageError naming the setting, before any connection is made
// or any program is started.
#include <string>
#include <string_view>

namespace mgr::mail {

struct Mailbox {
  std::string display_name;  // may be empty; any UTF-8 without control characters
  std::string address;       // a plain local@domain
};

// "local@domain" or "Display Name <local@domain>" (the name may be a "quoted string").
// `what` names the value in errors ("mail.to", "--to").
Mailbox parse_mailbox(std::string_view text, std::string_view what);

// A plain addr-spec: a dot-atom local part (no leading '-', so that no program can read it as
// an option) and a domain of letters, digits and hyphens, in ASCII.
bool is_plain_address(std::string_view address);

// Text for a header (a subject, a display name): valid UTF-8 with no control characters at all,
// so nothing in it can start a new header or line. Throws UsageError naming `what`.
void check_header_text(std::string_view text, std::string_view what);

}  // namespace mgr::mail
