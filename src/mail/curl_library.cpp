#include "mail/curl_library.hpp"

#include <dlfcn.h>

#include <string>

#include "domain/errors.hpp"

namespace mgr::mail {

namespace {

std::string last_load_error() {
  const char* why = ::dlerror();
  return why != nullptr ? why : "unknown reason";
}

template <typename Function>
void find(void* library, const char* file_name, const char* symbol, Function& function) {
  void* address = ::dlsym(library, symbol);
  if (address == nullptr)
    throw Failure(std::string{"cannot send mail: "} + file_name + " has no " + symbol,
                  "install the libcurl4 package");
  // POSIX guarantees that a function's address survives the round trip through void*.
  function = reinterpret_cast<Function>(address);  // NOLINT(*-reinterpret-cast)
}

class LoadedCurl {
 public:
  LoadedCurl() : functions_{load_curl_library(k_curl_library_name)} {
    functions_.global_init(CURL_GLOBAL_DEFAULT);
  }
  ~LoadedCurl() { functions_.global_cleanup(); }
  LoadedCurl(const LoadedCurl&) = delete;
  LoadedCurl& operator=(const LoadedCurl&) = delete;
  LoadedCurl(LoadedCurl&&) = delete;
  LoadedCurl& operator=(LoadedCurl&&) = delete;

  const CurlLibrary& functions() const { return functions_; }

 private:
  CurlLibrary functions_;
};

}  // namespace

CurlLibrary load_curl_library(const char* file_name) {
  // The library stays loaded for the rest of the process: curl keeps global state.
  void* library = ::dlopen(file_name, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr)
    throw Failure(
        std::string{"cannot send mail: cannot load "} + file_name + ": " + last_load_error(),
        "install the libcurl4 package");
  CurlLibrary curl;
  find(library, file_name, "curl_global_init", curl.global_init);
  find(library, file_name, "curl_global_cleanup", curl.global_cleanup);
  find(library, file_name, "curl_url", curl.url);
  find(library, file_name, "curl_url_set", curl.url_set);
  find(library, file_name, "curl_url_get", curl.url_get);
  find(library, file_name, "curl_url_cleanup", curl.url_cleanup);
  find(library, file_name, "curl_free", curl.free);
  find(library, file_name, "curl_easy_init", curl.easy_init);
  find(library, file_name, "curl_easy_setopt", curl.easy_setopt);
  find(library, file_name, "curl_easy_perform", curl.easy_perform);
  find(library, file_name, "curl_easy_getinfo", curl.easy_getinfo);
  find(library, file_name, "curl_easy_strerror", curl.easy_strerror);
  find(library, file_name, "curl_easy_cleanup", curl.easy_cleanup);
  find(library, file_name, "curl_slist_append", curl.slist_append);
  find(library, file_name, "curl_slist_free_all", curl.slist_free_all);
  return curl;
}

const CurlLibrary& curl_library() {
  static const LoadedCurl loaded;
  return loaded.functions();
}

}  // namespace mgr::mail
