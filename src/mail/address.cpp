#include "mail/address.hpp"

#include <algorithm>

#include "domain/errors.hpp"
#include "domain/parse.hpp"
#include "util/text.hpp"

namespace mgr::mail {

namespace {

bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view{"!#$%&'*+-/=?^_`{|}~"}.find(c) != std::string_view::npos;
}

bool is_dot_atom(std::string_view text, bool (*allowed)(char)) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  if (text.find("..") != std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) { return c == '.' || allowed(c); });
}

bool is_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
    return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string shown(std::string_view text) {
  return "'" + util::escape_controls(text, util::Newlines::escape) + "'";
}

// A line break, a NUL or any other control character: the things that let a value step out of
// its header or its SMTP command.
void refuse_control_characters(std::string_view text, std::string_view what) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\r' || c == '\n')
      throw UsageError(std::string{what} + " " + shown(text) + " contains a line break",
                       "a mail header or address is one line");
    if (c == '\0') throw UsageError(std::string{what} + " contains a NUL character");
    if (byte < 0x20 || byte == 0x7f)
      throw UsageError(std::string{what} + " " + shown(text) + " contains a control character");
  }
}

}  // namespace

bool is_plain_address(std::string_view address) {
  if (address.size() > 254) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  const auto local = address.substr(0, at);
  const auto domain = address.substr(at + 1);
  if (local.size() > 64 || local.front() == '-' || !is_dot_atom(local, is_atext)) return false;
  if (domain.empty() || domain.front() == '.' || domain.back() == '.') return false;
  std::size_t start = 0;
  while (true) {
    const auto dot = domain.find('.', start);
    if (!is_domain_label(
            domain.substr(start, dot == std::string_view::npos ? domain.npos : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

void check_header_text(std::string_view text, std::string_view what) {
  refuse_control_characters(text, what);
  if (!domain::is_valid_utf8(text))
    throw UsageError(std::string{what} + " " + shown(text) + " is not valid UTF-8");
  if (util::escape_controls(text) != text)
    throw UsageError(std::string{what} + " " + shown(text) + " contains a control character");
}

Mailbox parse_mailbox(std::string_view text, std::string_view what) {
  refuse_control_characters(text, what);
  Mailbox mailbox;
  const auto trimmed = trim(text);
  std::string_view address = trimmed;
  const auto open = trimmed.rfind('<');
  if (open != std::string_view::npos && !trimmed.empty() && trimmed.back() == '>') {
    address = trimmed.substr(open + 1, trimmed.size() - open - 2);
    auto name = trim(trimmed.substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      name = name.substr(1, name.size() - 2);
      for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '\\' && i + 1 < name.size()) ++i;
        mailbox.display_name += name[i];
      }
    } else {
      // Unquoted, a name holding angle brackets or quotes reads as more than one mailbox.
      if (name.find_first_of("<>\"") != std::string_view::npos)
        throw UsageError(std::string{what} + " " + shown(text) + " is not one mail address",
                         "write \"Name <local@domain>\", quoting a name with <, > or \"");
      mailbox.display_name = std::string{name};
    }
    check_header_text(mailbox.display_name, std::string{what} + " display name");
  }
  if (!is_plain_address(address))
    throw UsageError(
        std::string{what} + " " + shown(text) + " is not a plain mail address",
        "write local@domain, optionally as \"Name <local@domain>\"; an address may not start "
        "with '-'");
  mailbox.address = std::string{address};
  return mailbox;
}

}  // namespace mgr::mail
