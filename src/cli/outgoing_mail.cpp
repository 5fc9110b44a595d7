#include "cli/outgoing_mail.hpp"

#include "domain/errors.hpp"

namespace mgr::cli {

namespace {

std::string expand_home(const std::string& path, const Environment& env) {
  if (path == "~" || path.rfind("~/", 0) == 0) {
    if (auto home = env.get("HOME"); home && !home->empty()) return *home + path.substr(1);
  }
  return path;
}

}  // namespace

Outgoing prepare_mail(const Context& ctx, const std::string& to_option) {
  const auto& settings = ctx.config.mail;
  Outgoing outgoing;
  if (!to_option.empty())
    outgoing.to = mail::parse_mailbox(to_option, "--to");
  else if (!settings.to.empty())
    outgoing.to = mail::parse_mailbox(settings.to, "mail.to");
  else
    throw UsageError("no recipient for the e-mail",
                     "set `to` under [mail] in " + ctx.config.path.string() + ", or pass --to");
  outgoing.from = settings.from.empty() ? mail::Mailbox{"mgr", outgoing.to.address}
                                        : mail::parse_mailbox(settings.from, "mail.from");
  mail::check_header_text(settings.subject, "mail.subject");
  outgoing.subject_prefix = settings.subject;
  mail::check_transport_settings(settings);
  outgoing.transport = settings;
  outgoing.transport.smtp_ca_file = expand_home(settings.smtp_ca_file, ctx.env);
  outgoing.transport.sendmail = expand_home(settings.sendmail, ctx.env);
  outgoing.passwords.file = expand_home(settings.smtp_password_file, ctx.env);
  outgoing.passwords.command = settings.smtp_password_command;
  outgoing.passwords.environment = ctx.env.get("MGR_SMTP_PASSWORD");
  return outgoing;
}

mail::Message new_message(const Context& ctx, const Outgoing& outgoing,
                          const std::string& subject) {
  mail::Message message;
  message.from = outgoing.from;
  message.to = {outgoing.to};
  message.subject =
      outgoing.subject_prefix.empty() ? subject : outgoing.subject_prefix + " " + subject;
  message.date = ctx.clock.now;
  message.zone = ctx.clock.zone;
  const auto& address = outgoing.from.address;
  message.message_id = mail::new_message_id(ctx.clock.now, address.substr(address.rfind('@') + 1));
  return message;
}

void send(const Outgoing& outgoing, const std::string& wire) {
  mail::send_message(outgoing.transport, outgoing.passwords,
                     {outgoing.from.address, {outgoing.to.address}}, wire);
}

}  // namespace mgr::cli
