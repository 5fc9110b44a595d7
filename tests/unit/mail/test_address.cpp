#include "mail/address.hpp"

#include <catch2/catch.hpp>

#include "domain/errors.hpp"
#include "what_contains.hpp"

using mgr::UsageError;
using mgr::mail::check_header_text;
using mgr::mail::is_plain_address;
using mgr::mail::parse_mailbox;

TEST_CASE("plain addresses are local@domain", "[mail][address]") {
  for (const char* good :
       {"me@example.com", "first.last+tag@sub.example.org", "a@x", "o'neil@x.io", "me@localhost"})
    CHECK(is_plain_address(good));
  for (const char* bad : {"",
                          "me",
                          "@example.com",
                          "me@",
                          "me@@example.com",
                          ".me@x",
                          "me.@x",
                          "a..b@x",
                          "me@x..y",
                          "me@-x.com",
                          "me@x-.com",
                          "me@x_y.com",
                          "-oQ/tmp/x",
                          "-oQ/tmp/x@x",
                          "a b@x",
                          "a@x>",
                          "<a@x>",
                          "\"quoted\"@x",
                          "zoë@example.com",
                          "me@exämple.com",
                          "me@[127.0.0.1]",
                          "a@x>\r\nRCPT TO:<evil@x>"})
    CHECK_FALSE(is_plain_address(bad));
  CHECK_FALSE(is_plain_address(std::string(65, 'a') + "@x"));
}

TEST_CASE("a mailbox with or without a display name", "[mail][address]") {
  auto plain = parse_mailbox("  me@example.com ", "mail.to");
  CHECK(plain.address == "me@example.com");
  CHECK(plain.display_name.empty());

  auto named = parse_mailbox("Zoë Ångström 李雷 <zoe@example.com>", "mail.from");
  CHECK(named.address == "zoe@example.com");
  CHECK(named.display_name == "Zoë Ångström 李雷");

  auto quoted = parse_mailbox(R"("Doe, \"JD\" John" <jd@example.com>)", "mail.from");
  CHECK(quoted.display_name == R"(Doe, "JD" John)");
  CHECK(quoted.address == "jd@example.com");
}

TEST_CASE("line breaks, NUL and odd addresses are refused, naming the setting", "[mail][address]") {
  CHECK_THROWS_MATCHES(parse_mailbox("a@x>\r\nRCPT TO:<evil@x>", "--to"), UsageError,
                       WhatContains("--to") && WhatContains("line break"));
  CHECK_THROWS_MATCHES(parse_mailbox("-oQ/tmp/x", "--to"), UsageError,
                       WhatContains("not a plain mail address"));
  CHECK_THROWS_MATCHES(parse_mailbox(std::string("a@x\0b", 5), "mail.to"), UsageError,
                       WhatContains("NUL"));
  CHECK_THROWS_AS(parse_mailbox("Evil\nBcc: x@y <a@x>", "mail.from"), UsageError);
  CHECK_THROWS_AS(parse_mailbox("Name <a@x> <b@y>", "mail.to"), UsageError);
  CHECK_THROWS_AS(parse_mailbox("Name <a@x", "mail.to"), UsageError);
  CHECK_THROWS_AS(parse_mailbox("Bell\x07 <a@x>", "mail.from"), UsageError);
}

TEST_CASE("header text is one line of UTF-8 without control characters", "[mail][address]") {
  CHECK_NOTHROW(check_header_text("Erinnerung für Zoë — 李雷", "mail.subject"));
  CHECK_THROWS_MATCHES(check_header_text("Hi\nBcc: evil@x", "mail.subject"), UsageError,
                       WhatContains("mail.subject") && WhatContains("line break"));
  CHECK_THROWS_AS(check_header_text("Hi\rthere", "mail.subject"), UsageError);
  CHECK_THROWS_AS(check_header_text(std::string("a\0b", 3), "mail.subject"), UsageError);
  CHECK_THROWS_AS(check_header_text("tab\there", "mail.subject"), UsageError);
  CHECK_THROWS_MATCHES(check_header_text("\xff\xfe", "mail.subject"), UsageError,
                       WhatContains("UTF-8"));
  CHECK_THROWS_AS(check_header_text("bidi \u202e override", "mail.subject"), UsageError);
}
