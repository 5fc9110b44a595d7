#include "mail/transport.hpp"

#include <stdlib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "domain/errors.hpp"
#include "mail/smtp.hpp"
#include "what_contains.hpp"

namespace fs = std::filesystem;
using namespace mgr::mail;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mgr-mail-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

void write_file(const fs::path& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A sendmail stand-in that records its arguments and input, then exits with `status`.
fs::path fake_sendmail(const TempDir& dir, int status) {
  const auto script = dir.path() / "sendmail";
  write_file(script,
             "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\ncat > \"$(dirname "
             "\"$0\")/input\"\nexit " +
                 std::to_string(status) + "\n",
             0700);
  return script;
}

const Envelope k_envelope{"me@example.com", {"you@example.com", "-odd@example.com"}};

}  // namespace

TEST_CASE("sendmail runs the program with -oi, the recipients after --, the message on stdin",
          "[mail][transport]") {
  const TempDir dir;
  const auto program = fake_sendmail(dir, 0);
  send_with_sendmail(program.string(), k_envelope, "Subject: x\r\n\r\n.\r\n..x\r\n");
  CHECK(read_file(dir.path() / "args") == "-oi\n--\nyou@example.com\n-odd@example.com\n");
  CHECK(read_file(dir.path() / "input") == "Subject: x\r\n\r\n.\r\n..x\r\n");
}

TEST_CASE("sendmail's exit status: EX_TEMPFAIL is temporary, others permanent",
          "[mail][transport]") {
  const TempDir dir;
  CHECK_THROWS_MATCHES(send_with_sendmail(fake_sendmail(dir, 75).string(), k_envelope, "x"),
                       mgr::TemporaryFailure, WhatContains("exit status 75"));
  const TempDir other;
  try {
    send_with_sendmail(fake_sendmail(other, 69).string(), k_envelope, "x");
    FAIL("no error");
  } catch (const mgr::Error& error) {
    CHECK(error.code() == mgr::ExitCode::failure);
  }
  CHECK_THROWS_MATCHES(send_with_sendmail((dir.path() / "missing").string(), k_envelope, "x"),
                       mgr::Failure, WhatContains("cannot run"));
}

TEST_CASE("a program that stops reading early does not end mgr", "[mail][transport]") {
  const TempDir dir;
  const auto program = dir.path() / "quits";
  write_file(program, "#!/bin/sh\nexit 75\n", 0700);
  CHECK_THROWS_AS(send_with_sendmail(program.string(), k_envelope, std::string(1 << 20, 'x')),
                  mgr::TemporaryFailure);
}

TEST_CASE("the SMTP password from a private file, a command or the environment",
          "[mail][transport]") {
  const TempDir dir;
  const auto file = dir.path() / "password";
  write_file(file, "s3cret\nsecond line\n", 0600);
  CHECK(read_smtp_password({file, "", std::nullopt}) == "s3cret");

  ::chmod(file.c_str(), 0640);
  CHECK_THROWS_MATCHES(read_smtp_password({file, "", std::nullopt}), mgr::UsageError,
                       WhatContains(file.string()) && WhatContains("0640"));
  CHECK_THROWS_MATCHES(read_smtp_password({dir.path() / "none", "", std::nullopt}), mgr::UsageError,
                       WhatContains("none"));

  CHECK(read_smtp_password({"", "printf 'from-command\\nrest'", std::nullopt}) == "from-command");
  CHECK_THROWS_MATCHES(read_smtp_password({"", "echo leaked; exit 3", std::nullopt}), mgr::Failure,
                       WhatContains("exit status 3") && !WhatContains("leaked"));
  CHECK(read_smtp_password({"", "", std::string{"from-env"}}) == "from-env");
  CHECK_THROWS_MATCHES(read_smtp_password({"", "", std::nullopt}), mgr::UsageError,
                       WhatContains("no password"));
}

TEST_CASE("loopback hosts", "[mail][transport]") {
  for (const char* host : {"localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
    CHECK(is_loopback_host(host));
  for (const char* host : {"mail.example", "127.0.0.1.example", "10.0.0.1", "127.0.0", "128.0.0.1",
                           "127.0.0.256", "localhost.evil"})
    CHECK_FALSE(is_loopback_host(host));
}

TEST_CASE("transport settings that cannot work are refused before anything is sent",
          "[mail][transport]") {
  MailSettings settings;
  settings.transport = "smtp";
  settings.smtp_url = "smtps://mail.example:465";
  CHECK_NOTHROW(check_transport_settings(settings));
  settings.smtp_url = "http://mail.example";
  CHECK_THROWS_MATCHES(check_transport_settings(settings), mgr::UsageError,
                       WhatContains("smtp://"));
  settings.smtp_url = "smtp://user:hunter2@mail.example\r\nX: y";
  CHECK_THROWS_MATCHES(check_transport_settings(settings), mgr::UsageError,
                       !WhatContains("hunter2"));
  settings.smtp_url = "";
  CHECK_THROWS_AS(check_transport_settings(settings), mgr::UsageError);
  settings.smtp_url = "smtp://mail.example:587";
  settings.smtp_tls = "sometimes";
  CHECK_THROWS_AS(check_transport_settings(settings), mgr::UsageError);
  settings.transport = "pigeon";
  CHECK_THROWS_AS(check_transport_settings(settings), mgr::UsageError);
  settings.transport = "sendmail";
  settings.sendmail = "";
  CHECK_THROWS_AS(check_transport_settings(settings), mgr::UsageError);
}

TEST_CASE("no SMTP server at all is a temporary failure", "[mail][transport]") {
  SmtpOptions options;
  options.url = "smtp://127.0.0.1:1";  // nothing listens on port 1 here
  options.timeout = std::chrono::seconds{2};
  CHECK_THROWS_AS(send_with_smtp(options, k_envelope, "Subject: x\r\n\r\nx\r\n"),
                  mgr::TemporaryFailure);
}
