#include "mail/settings.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using mgr::mail::MailSettings;
using Keys = std::vector<std::string>;

TEST_CASE("mail settings name what a transport still needs", "[mail]") {
  MailSettings settings;
  CHECK(settings.missing() == Keys{"mail.to"});
  CHECK_FALSE(settings.is_complete());

  settings.to = "me@example.com";
  CHECK(settings.missing().empty());
  CHECK(settings.is_complete());

  settings.sendmail.clear();
  CHECK(settings.missing() == Keys{"mail.sendmail"});

  settings.transport = "smtp";
  CHECK(settings.missing() == Keys{"mail.smtp_url"});
  settings.smtp_url = "smtps://smtp.example.com:465";
  CHECK(settings.is_complete());

  settings.to.clear();
  CHECK(settings.missing() == Keys{"mail.to"});
}
