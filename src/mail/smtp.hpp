#pragma once
// SMTP delivery through libcurl (the only code that uses it).
#include <chrono>
#include <string>
#include <string_view>

#include "mail/transport.hpp"

namespace mgr::mail {

struct SmtpOptions {
  std::string url;  // smtp://host[:port] (STARTTLS) or smtps://host[:port] (TLS from the start)
  std::string user;
  std::string password;
  std::string ca_file;  // empty: the system's certificate authorities
  // smtp:// to a loopback host uses STARTTLS only when offered, unless this is set.
  bool require_tls_on_loopback = false;
  std::chrono::seconds timeout{60};
};

// Refuses (UsageError) a URL that is not smtp:// or smtps:// with a host and nothing else but a
// port and user information.
void check_smtp_url(std::string_view url);

// Delivers; a 4xx reply, a server that cannot be reached or a required STARTTLS the server
// does not offer throw TemporaryFailure; a 5xx reply or a certificate that does not verify
// throws Failure. With TLS required, nothing (in particular no AUTH) is sent before it is on.
void send_with_smtp(const SmtpOptions& options, const Envelope& envelope,
                    const std::string& message);

}  // namespace mgr::mail
