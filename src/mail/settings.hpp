#pragma once
// How reminders are delivered: the [mail] table of the config file.
#include <string>
#include <string_view>
#include <vector>

namespace mgr::mail {

struct MailSettings {
  std::string to;
  std::string from;  // empty: the recipient sends to themself
  // The subject starts with this; the counts of what is due follow.
  std::string subject = "mgr";
  std::string transport = "sendmail";  // sendmail | smtp
  std::string sendmail = "/usr/sbin/sendmail";
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password_file;
  std::string smtp_password_command;
  // A PEM file of certificate authorities to trust instead of the system's (a private CA).
  std::string smtp_ca_file;
  // auto: STARTTLS required unless the host is loopback, where it is used when offered;
  // required: STARTTLS required everywhere. smtps:// is always TLS from the start.
  std::string smtp_tls = "auto";
  int smtp_timeout_seconds = 60;  // connecting, each server reply, and the whole delivery

  // Whether a reminder can be sent at all: a recipient, and the transport's own setting.
  bool is_complete() const { return missing().empty(); }
  // The keys of those settings that are empty ("mail.to", "mail.smtp_url", ...).
  std::vector<std::string> missing() const;
};

// smtp_url as it may be shown: a password inside it replaced by `***`.
std::string smtp_url_for_display(std::string_view url);
// Whether smtp_url carries a password (smtp://user:secret@host).
bool smtp_url_has_password(std::string_view url);

}  // namespace mgr::mail
