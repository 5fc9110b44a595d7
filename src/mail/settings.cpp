#include "mail/settings.hpp"

namespace mgr::mail {

bool MailSettings::is_complete() const {
  if (to.empty()) return false;
  return transport == "smtp" ? !smtp_url.empty() : !sendmail.empty();
}

}  // namespace mgr::mail
