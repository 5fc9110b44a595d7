#pragma once
// Handing a composed message to the configured transport. Failures are typed: a temporary one
// (a 4xx reply, an unreachable server, EX_TEMPFAIL from sendmail) is TemporaryFailure (exit 75),
// a permanent one (a 5xx reply, a failing program) Failure (exit 1).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mail/settings.hpp"

namespace mgr::mail {

struct Envelope {
  std::string sender;                   // plain address, for MAIL FROM
  std::vector<std::string> recipients;  // plain addresses
};

// Where an SMTP password may come from, in this order. Nothing is read until a message is
// about to be sent, and nothing read is ever printed.
struct PasswordSources {
  std::filesystem::path file;              // must not be readable by group or others
  std::string command;                     // run by /bin/sh; its first line of output
  std::optional<std::string> environment;  // MGR_SMTP_PASSWORD
};

// Refuses (UsageError) settings that cannot work before anything is composed or sent: an
// unknown transport, an smtp_url that is not smtp:// or smtps:// with a host, a missing
// program, an unknown smtp_tls mode.
void check_transport_settings(const MailSettings& settings);

// Whether `host` (as written in a URL) is a loopback address: localhost, 127.0.0.0/8, ::1.
bool is_loopback_host(std::string_view host);

// Sends through the configured transport; returns once the transport accepted the message.
void send_message(const MailSettings& settings, const PasswordSources& passwords,
                  const Envelope& envelope, const std::string& message);

// The pieces, for their tests.
void send_with_sendmail(const std::string& program, const Envelope& envelope,
                        const std::string& message);
std::string read_smtp_password(const PasswordSources& sources);

}  // namespace mgr::mail
