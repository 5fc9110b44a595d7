#include "mail/settings.hpp"

namespace mgr::mail {

std::vector<std::string> MailSettings::missing() const {
  std::vector<std::string> keys;
  if (to.empty()) keys.emplace_back("mail.to");
  if (transport == "smtp" && smtp_url.empty()) keys.emplace_back("mail.smtp_url");
  if (transport != "smtp" && sendmail.empty()) keys.emplace_back("mail.sendmail");
  return keys;
}

namespace {

// Where the user information of a URL sits: between "://" and the last '@' before the path.
// Nothing when there is none.
bool find_userinfo(std::string_view url, std::size_t& begin, std::size_t& end) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return false;
  begin = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?#", begin);
  const auto authority =
      url.substr(begin, authority_end == std::string_view::npos ? url.npos : authority_end - begin);
  const auto at = authority.rfind('@');
  if (at == std::string_view::npos) return false;
  end = begin + at;
  return true;
}

}  // namespace

bool smtp_url_has_password(std::string_view url) {
  std::size_t begin = 0;
  std::size_t end = 0;
  if (!find_userinfo(url, begin, end)) return false;
  return url.substr(begin, end - begin).find(':') != std::string_view::npos;
}

std::string smtp_url_for_display(std::string_view url) {
  std::size_t begin = 0;
  std::size_t end = 0;
  if (!smtp_url_has_password(url) || !find_userinfo(url, begin, end)) return std::string{url};
  const auto colon = url.find(':', begin);
  return std::string{url.substr(0, colon + 1)} + "***" + std::string{url.substr(end)};
}

}  // namespace mgr::mail
