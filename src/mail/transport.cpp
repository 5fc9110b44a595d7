#include "mail/transport.hpp"

#include <sys/stat.h>
#include <sysexits.h>

#include <fstream>
#include <system_error>

#include "domain/errors.hpp"
#include "mail/address.hpp"
#include "mail/smtp.hpp"
#include "util/process.hpp"
#include "util/text.hpp"

namespace mgr::mail {

namespace {

// sysexits.h's "try again later"; every other status is a failure a retry will not fix.
bool is_temporary_sendmail_status(int status) {
  return status == EX_TEMPFAIL;
}

std::string first_line(const std::string& text) {
  auto line = text.substr(0, text.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string password_from_file(const std::filesystem::path& file) {
  const std::string name = "mail.smtp_password_file '" + file.string() + "'";
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0)
    throw UsageError("cannot read " + name + ": " + std::generic_category().message(errno));
  if (!S_ISREG(info.st_mode)) throw UsageError(name + " is not a regular file");
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    throw UsageError(name + " is readable by others (mode " + mode + ")",
                     "a password file must be mode 0600: chmod 600 " + file.string());
  }
  std::ifstream in(file, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw Failure("cannot read " + name);
  return first_line(content);
}

std::string password_from_command(const std::string& command) {
  util::ProcessResult result;
  try {
    // The user's own command line from their own config, so a shell is what they expect
    // (pipes, quoting), as with msmtp's passwordeval.
    result = util::run_process({{"/bin/sh", "-c", command}, std::nullopt, true});
  } catch (const std::system_error& error) {
    throw Failure(std::string{"cannot run mail.smtp_password_command: "} + error.what());
  }
  if (result.exit_status != 0)
    throw Failure("mail.smtp_password_command failed (" +
                  (result.signal != 0 ? "signal " + std::to_string(result.signal)
                                      : "exit status " + std::to_string(result.exit_status)) +
                  ")");
  return first_line(result.output);
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  if (host.substr(0, 4) != "127.") return false;
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    auto dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    const auto part = host.substr(start, dot - start);
    if (part.empty() || part.size() > 3 ||
        part.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string{part}) > 255)
      return false;
    ++parts;
    start = dot + 1;
  }
  return parts == 4;
}

void check_transport_settings(const MailSettings& settings) {
  if (settings.transport == "sendmail") {
    if (settings.sendmail.empty())
      throw UsageError("mail.sendmail is empty", "name a sendmail-compatible program");
    check_header_text(settings.sendmail, "mail.sendmail");
    return;
  }
  if (settings.transport != "smtp")
    throw UsageError("unknown mail.transport '" + settings.transport + "'",
                     "use \"sendmail\" or \"smtp\"");
  if (settings.smtp_tls != "auto" && settings.smtp_tls != "required")
    throw UsageError("unknown mail.smtp_tls '" + settings.smtp_tls + "'",
                     "use \"auto\" or \"required\"");
  check_smtp_url(settings.smtp_url);
  check_header_text(settings.smtp_user, "mail.smtp_user");
}

std::string read_smtp_password(const PasswordSources& sources) {
  std::string password;
  if (!sources.file.empty())
    password = password_from_file(sources.file);
  else if (!sources.command.empty())
    password = password_from_command(sources.command);
  else if (sources.environment)
    password = *sources.environment;
  else
    throw UsageError("mail.smtp_user is set but no password is configured",
                     "set mail.smtp_password_file (mode 0600) or mail.smtp_password_command, or "
                     "the environment variable MGR_SMTP_PASSWORD");
  if (password.empty()) throw UsageError("the SMTP password is empty");
  return password;
}

void send_with_sendmail(const std::string& program, const Envelope& envelope,
                        const std::string& message) {
  // -oi: a line holding a single dot is text, not the end of the message. The recipients follow
  // "--" so that none of them can be read as an option.
  std::vector<std::string> argv = {program, "-oi", "--"};
  argv.insert(argv.end(), envelope.recipients.begin(), envelope.recipients.end());
  util::ProcessResult result;
  try {
    result = util::run_process({argv, message, false});
  } catch (const std::system_error& error) {
    throw Failure("cannot run mail.sendmail '" +
                      util::escape_controls(program, util::Newlines::escape) +
                      "': " + error.code().message(),
                  "set mail.sendmail to a sendmail-compatible program, e.g. /usr/sbin/sendmail "
                  "or /usr/bin/msmtp");
  }
  if (result.exit_status == 0) return;
  const std::string what = result.signal != 0
                               ? "was ended by signal " + std::to_string(result.signal)
                               : "failed with exit status " + std::to_string(result.exit_status);
  const std::string message_text = "mail.sendmail '" + program + "' " + what;
  if (result.signal == 0 && is_temporary_sendmail_status(result.exit_status))
    throw TemporaryFailure(message_text, "nothing was recorded as sent; the next run tries again");
  throw Failure(message_text, "nothing was recorded as sent");
}

void send_message(const MailSettings& settings, const PasswordSources& passwords,
                  const Envelope& envelope, const std::string& message) {
  check_transport_settings(settings);
  if (envelope.recipients.empty()) throw UsageError("a reminder needs a recipient");
  for (const auto& address : envelope.recipients)
    if (!is_plain_address(address))
      throw UsageError("recipient '" + address + "' is not a plain mail address");
  if (!is_plain_address(envelope.sender))
    throw UsageError("sender '" + envelope.sender + "' is not a plain mail address");
  if (settings.transport == "sendmail")
    return send_with_sendmail(settings.sendmail, envelope, message);
  SmtpOptions options;
  options.url = settings.smtp_url;
  options.user = settings.smtp_user;
  if (!settings.smtp_user.empty()) options.password = read_smtp_password(passwords);
  options.ca_file = settings.smtp_ca_file;
  options.require_tls_on_loopback = settings.smtp_tls == "required";
  options.timeout = std::chrono::seconds{settings.smtp_timeout_seconds};
  send_with_smtp(options, envelope, message);
}

}  // namespace mgr::mail
