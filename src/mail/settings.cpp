#include "mail/settings.hpp"

namespace mgr::mail {

std::vector<std::string> MailSettings::missing() const {
  std::vector<std::string> keys;
  if (to.empty()) keys.emplace_back("mail.to");
  if (transport == "smtp" && smtp_url.empty()) keys.emplace_back("mail.smtp_url");
  if (transport != "smtp" && sendmail.empty()) keys.emplace_back("mail.sendmail");
  return keys;
}

}  // namespace mgr::mail
