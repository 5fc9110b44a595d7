// Wiring only: the real clock, the real streams, the process environment.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "cli/context.hpp"

int main(int argc, char** argv) {
  // Everything mgr creates (database, -wal/-shm, backups, exports) is private to the user.
  ::umask(077);

  mgr::cli::Environment environment;
  environment.system_now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  environment.stdout_is_terminal = ::isatty(STDOUT_FILENO) != 0;
  environment.stdin_is_terminal = ::isatty(STDIN_FILENO) != 0;
  for (const char* name :
       {"MGR_DB", "MGR_CONFIG", "MGR_NOW", "MGR_SMTP_PASSWORD", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
        "XDG_RUNTIME_DIR", "HOME", "TZ", "NO_COLOR", "VISUAL", "EDITOR", "PATH"}) {
    if (const char* value = std::getenv(name)) environment.variables[name] = value;
  }
  return mgr::cli::run(argc, argv, std::move(environment), std::cin, std::cout, std::cerr);
}
