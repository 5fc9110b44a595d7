#pragma once
// What every e-mail mgr sends needs from the config and the command line: sender, recipient,
// subject prefix, transport and password sources, checked before a database is opened or
// anything connects; and a message addressed with them.
#include <string>

#include "cli/context.hpp"
#include "mail/address.hpp"
#include "mail/message.hpp"
#include "mail/settings.hpp"
#include "mail/transport.hpp"

namespace mgr::cli {

struct Outgoing {
  mail::Mailbox from;
  mail::Mailbox to;
  std::string subject_prefix;
  mail::MailSettings transport;  // with ~/ expanded in its paths
  mail::PasswordSources passwords;
};

// The [mail] settings with `to_option` (a --to value, may be empty) as the recipient when
// given. Throws UsageError for a missing recipient or a setting that cannot work.
Outgoing prepare_mail(const Context& ctx, const std::string& to_option);

// A message from and to the prepared addresses, dated now, with a new Message-ID at the
// sender's domain and `subject` after the configured prefix; the caller adds the parts.
mail::Message new_message(const Context& ctx, const Outgoing& outgoing, const std::string& subject);

// Hands the composed message to the transport.
void send(const Outgoing& outgoing, const std::string& wire);

}  // namespace mgr::cli
