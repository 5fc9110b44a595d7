#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mgr::util {

// The editor did not leave text behind: it could not start, failed, or was interrupted.
class EditorFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Lets the user write text in their own editor, the way `git commit` does: `initial` goes into
// a new file only the user can read (mode 0600) in `folder`, `editor_command` runs on it as a
// shell command line (so EDITOR="code --wait" works) with the terminal, and what the file holds
// afterwards is returned. The file is removed on every path: after the editor, when the editor
// fails or is interrupted (SIGINT and SIGQUIT go to the editor, as they do for git), and when
// this process is told to stop (SIGTERM, SIGHUP) while the editor runs. Throws EditorFailed,
// or std::system_error when the file cannot be made.
std::string edit_in_editor(const std::string& editor_command, const std::filesystem::path& folder,
                           std::string_view initial);

}  // namespace mgr::util
