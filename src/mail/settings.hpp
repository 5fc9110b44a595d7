#pragma once
// How reminders are delivered: the [mail] table of the config file.
#include <string>
#include <vector>

namespace mgr::mail {

struct MailSettings {
  std::string to;
  std::string from;
  std::string transport = "sendmail";  // sendmail | smtp
  std::string sendmail = "/usr/sbin/sendmail";
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password_file;
  std::string smtp_password_command;

  // Whether a reminder can be sent at all: a recipient, and the transport's own setting.
  bool is_complete() const { return missing().empty(); }
  // The keys of those settings that are empty ("mail.to", "mail.smtp_url", ...).
  std::vector<std::string> missing() const;
};

}  // namespace mgr::mail
