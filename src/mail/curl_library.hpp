#pragma once
#include <curl/curl.h>

namespace mgr::mail {

// The libcurl functions smtp.cpp calls, found in libcurl.so.4 when mail is first sent or
// checked. libcurl is not linked: its TLS, Kerberos, LDAP and SSH libraries would be loaded and
// relocated by every run of mgr, which costs most commands more than their work does.
struct CurlLibrary {
  decltype(&::curl_global_init) global_init = nullptr;
  decltype(&::curl_global_cleanup) global_cleanup = nullptr;
  decltype(&::curl_url) url = nullptr;
  decltype(&::curl_url_set) url_set = nullptr;
  decltype(&::curl_url_get) url_get = nullptr;
  decltype(&::curl_url_cleanup) url_cleanup = nullptr;
  decltype(&::curl_free) free = nullptr;
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_perform) easy_perform = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
};

// The file name the library is loaded by (its soname, as the libcurl4 package installs it).
inline constexpr const char* k_curl_library_name = "libcurl.so.4";

// libcurl, loaded and initialised once for the rest of the run. Throws Failure naming the
// library when it cannot be loaded or lacks a function.
const CurlLibrary& curl_library();

// The same from the library file `file_name`, not initialised and not kept: for tests.
CurlLibrary load_curl_library(const char* file_name);

}  // namespace mgr::mail
