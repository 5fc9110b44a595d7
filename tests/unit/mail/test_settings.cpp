#include "mail/settings.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace mgr::mail;
using Keys = std::vector<std::string>;

TEST_CASE("a password inside smtp_url is never shown", "[mail][settings]") {
  CHECK(smtp_url_for_display("smtps://me:s3cret@mail.example:465") ==
        "smtps://me:***@mail.example:465");
  CHECK(smtp_url_for_display("smtp://me%40x:p@ss:word@mail.example/") ==
        "smtp://me%40x:***@mail.example/");
  CHECK(smtp_url_for_display("smtp://me@mail.example:587") == "smtp://me@mail.example:587");
  CHECK(smtp_url_for_display("smtp://mail.example") == "smtp://mail.example");
  CHECK(smtp_url_has_password("smtps://me:s3cret@mail.example:465"));
  CHECK_FALSE(smtp_url_has_password("smtp://me@mail.example:587"));
  CHECK_FALSE(smtp_url_has_password("smtp://mail.example/user:x@y"));
}

TEST_CASE("a reminder can be sent once there is a recipient and a transport", "[mail][settings]") {
  MailSettings settings;
  CHECK_FALSE(settings.is_complete());
  settings.to = "me@example.com";
  CHECK(settings.is_complete());
  settings.transport = "smtp";
  CHECK_FALSE(settings.is_complete());
  settings.smtp_url = "smtps://mail.example:465";
  CHECK(settings.is_complete());
}

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
