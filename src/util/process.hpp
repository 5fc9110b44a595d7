#pragma once
#include <optional>
#include <string>
#include <vector>

namespace mgr::util {

// A program to run directly (never through a shell), with the process's environment.
struct ProcessRun {
  std::vector<std::string> argv;  // argv[0] is a path, or a name looked up in PATH
  // Written to the program's standard input, which is then closed; without it the program
  // inherits mgr's standard input.
  std::optional<std::string> input;
  // Collect the program's standard output; otherwise it goes to mgr's standard error, so that
  // nothing a helper prints can mix into what mgr prints.
  bool capture_output = false;
};

struct ProcessResult {
  int exit_status = 0;  // when it exited
  int signal = 0;       // when a signal ended it (then exit_status is -1)
  std::string output;   // with capture_output
};

// Runs the program to its end. The input is written before the output is read, so a program
// given both must not fill its output pipe before reading all of its input. Throws
// std::system_error when the program cannot be started (naming it).
ProcessResult run_process(const ProcessRun& run);

}  // namespace mgr::util
