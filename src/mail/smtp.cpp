#include "mail/smtp.hpp"

#include <cstring>
#include <memory>

#include "domain/errors.hpp"
#include "mail/curl_library.hpp"
#include "mail/settings.hpp"
#include "util/text.hpp"

namespace mgr::mail {

namespace {

struct UrlParts {
  std::string scheme;
  std::string host;
};

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_library().url_cleanup(url); }
};
struct CurlDeleter {
  void operator()(CURL* curl) const { curl_library().easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_library().slist_free_all(list); }
};

std::string url_part(CURLU* url, CURLUPart part) {
  const auto& curl = curl_library();
  char* value = nullptr;
  if (curl.url_get(url, part, &value, 0) != CURLUE_OK || value == nullptr) return {};
  std::string text{value};
  curl.free(value);
  return text;
}

UrlParts parse_smtp_url(std::string_view text) {
  const std::string shown = "mail.smtp_url '" + smtp_url_for_display(text) + "'";
  const char* hint = "write smtp://HOST:587 (STARTTLS) or smtps://HOST:465";
  if (text.find_first_of(std::string_view{"\r\n\t \0", 5}) != std::string_view::npos)
    throw UsageError(shown + " contains white space or a line break", hint);
  const auto& curl = curl_library();
  std::unique_ptr<CURLU, CurlUrlDeleter> url{curl.url()};
  if (!url) throw Failure("out of memory");
  if (curl.url_set(url.get(), CURLUPART_URL, std::string{text}.c_str(), 0) != CURLUE_OK)
    throw UsageError(shown + " is not a URL", hint);
  UrlParts parts;
  parts.scheme = url_part(url.get(), CURLUPART_SCHEME);
  parts.host = url_part(url.get(), CURLUPART_HOST);
  if (parts.scheme != "smtp" && parts.scheme != "smtps")
    throw UsageError(shown + " is not an smtp:// or smtps:// URL", hint);
  if (parts.host.empty()) throw UsageError(shown + " names no host", hint);
  // A path is allowed: curl sends it as the EHLO name.
  if (!url_part(url.get(), CURLUPART_QUERY).empty() ||
      !url_part(url.get(), CURLUPART_FRAGMENT).empty())
    throw UsageError(shown + " has a query or fragment", hint);
  return parts;
}

// Everything the transfer reads and remembers.
struct Transfer {
  const std::string* message = nullptr;
  std::size_t sent = 0;
  std::string error_reply;  // the server's last 4xx or 5xx reply line, for the error message
};

size_t read_message(char* buffer, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t room = size * count;
  const std::size_t left = transfer->message->size() - transfer->sent;
  const std::size_t n = left < room ? left : room;
  std::memcpy(buffer, transfer->message->data() + transfer->sent, n);
  transfer->sent += n;
  return n;
}

// Keeps the server's replies only: what mgr sends (AUTH carries the password) is never looked
// at, stored or printed.
int remember_reply(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  auto* transfer = static_cast<Transfer*>(user);
  std::string line{data, size};
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty() && (line.front() == '4' || line.front() == '5')) transfer->error_reply = line;
  return 0;
}

template <typename Value>
void set(CURL* curl, CURLoption option, Value value) {
  const auto& library = curl_library();
  if (const auto code = library.easy_setopt(curl, option, value); code != CURLE_OK)
    throw Failure(std::string{"cannot set up SMTP: "} + library.easy_strerror(code));
}

bool is_network_trouble(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
      return true;
    default:
      return false;
  }
}

}  // namespace

void check_smtp_url(std::string_view url) {
  if (url.empty())
    throw UsageError("mail.smtp_url is not set", "write smtp://HOST:587 or smtps://HOST:465");
  parse_smtp_url(url);
}

void send_with_smtp(const SmtpOptions& options, const Envelope& envelope,
                    const std::string& message) {
  const auto& library = curl_library();
  const auto parts = parse_smtp_url(options.url);
  const std::string where = smtp_url_for_display(options.url);
  const bool implicit_tls = parts.scheme == "smtps";
  const bool require_tls =
      !implicit_tls && (options.require_tls_on_loopback || !is_loopback_host(parts.host));

  std::unique_ptr<CURL, CurlDeleter> handle{library.easy_init()};
  if (!handle) throw Failure("cannot set up SMTP: out of memory");
  CURL* curl = handle.get();
  Transfer transfer;
  transfer.message = &message;
  char error_buffer[CURL_ERROR_SIZE] = {};

  set(curl, CURLOPT_URL, options.url.c_str());
  set(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  set(curl, CURLOPT_NOSIGNAL, 1L);
  set(curl, CURLOPT_ERRORBUFFER, error_buffer);
  // STARTTLS: required (curl gives up before anything else, AUTH included, when the server
  // does not offer it), or used when offered on loopback. smtps:// is TLS from the start.
  set(curl, CURLOPT_USE_SSL,
      require_tls || implicit_tls ? static_cast<long>(CURLUSESSL_ALL)
                                  : static_cast<long>(CURLUSESSL_TRY));
  set(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  set(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options.ca_file.empty()) set(curl, CURLOPT_CAINFO, options.ca_file.c_str());
  if (!options.user.empty()) {
    set(curl, CURLOPT_USERNAME, options.user.c_str());
    set(curl, CURLOPT_PASSWORD, options.password.c_str());
  }
  const long seconds = static_cast<long>(options.timeout.count());
  set(curl, CURLOPT_CONNECTTIMEOUT, seconds);
  set(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, seconds);
  set(curl, CURLOPT_TIMEOUT, seconds * 3);
  set(curl, CURLOPT_MAIL_FROM, ("<" + envelope.sender + ">").c_str());
  std::unique_ptr<curl_slist, SlistDeleter> recipients;
  for (const auto& address : envelope.recipients) {
    // curl_slist_append returns the list's head, or nothing (leaving the list as it was).
    curl_slist* head = library.slist_append(recipients.get(), ("<" + address + ">").c_str());
    if (head == nullptr) throw Failure("cannot set up SMTP: out of memory");
    if (head != recipients.get()) recipients.reset(head);
  }
  set(curl, CURLOPT_MAIL_RCPT, recipients.get());
  set(curl, CURLOPT_UPLOAD, 1L);
  set(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  set(curl, CURLOPT_READFUNCTION, read_message);
  set(curl, CURLOPT_READDATA, &transfer);
  set(curl, CURLOPT_DEBUGFUNCTION, remember_reply);
  set(curl, CURLOPT_DEBUGDATA, &transfer);
  set(curl, CURLOPT_VERBOSE, 1L);  // feeds remember_reply; curl prints nothing itself with it set

  const CURLcode code = library.easy_perform(curl);
  if (code == CURLE_OK) return;
  long reply = 0;
  library.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  std::string detail = error_buffer[0] != '\0' ? error_buffer : library.easy_strerror(code);
  if (!transfer.error_reply.empty())
    detail = "the server answered \"" +
             util::escape_controls(transfer.error_reply, util::Newlines::escape) + "\"";
  const std::string what = "mail server " + where + ": " + detail;
  const char* pending = "nothing was recorded as sent; the next run tries again";
  if (code == CURLE_USE_SSL_FAILED)
    throw TemporaryFailure("mail server " + where + " does not offer STARTTLS, which is required",
                           "nothing was sent (not even the login); use smtps:// or a server "
                           "with STARTTLS");
  if (reply >= 400 && reply < 500) throw TemporaryFailure(what, pending);
  if (reply >= 500) throw Failure(what, "nothing was recorded as sent");
  if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE)
    throw Failure(what,
                  "the server's certificate does not verify; for a private certificate "
                  "authority set mail.smtp_ca_file");
  if (code == CURLE_LOGIN_DENIED) throw Failure(what, "check mail.smtp_user and the password");
  if (is_network_trouble(code)) throw TemporaryFailure(what, pending);
  throw Failure(what, "nothing was recorded as sent");
}

}  // namespace mgr::mail
