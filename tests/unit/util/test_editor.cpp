#include "util/editor.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace fs = std::filesystem;
using mgr::util::edit_in_editor;
using mgr::util::EditorFailed;

namespace {

class WhatContains : public Catch::MatcherBase<std::exception> {
 public:
  explicit WhatContains(std::string part) : m_part(std::move(part)) {}
  bool match(const std::exception& error) const override {
    return std::string{error.what()}.find(m_part) != std::string::npos;
  }
  std::string describe() const override { return "what() contains \"" + m_part + "\""; }

 private:
  std::string m_part;
};

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mgr-editor-XXXXXX").string();
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

// A shell script standing in for the user's editor; `body` sees the note file as "$1".
std::string editor_script(const TempDir& dir, const std::string& body) {
  const fs::path script = dir.path() / "editor.sh";
  std::ofstream{script} << "#!/bin/sh\n" << body << "\n";
  fs::permissions(script, fs::perms::owner_all);
  return script.string();
}

std::string contents(const fs::path& file) {
  std::ifstream in{file};
  return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

// The note files left in the folder (the editor script and its side files aside).
int note_files_in(const fs::path& folder) {
  int count = 0;
  for (const auto& item : fs::directory_iterator{folder})
    if (item.path().filename().string().rfind("mgr-note-", 0) == 0) ++count;
  return count;
}

}  // namespace

TEST_CASE("edit_in_editor returns what the editor wrote and removes the file", "[editor]") {
  TempDir dir;
  const auto notes = dir.path() / "notes";
  fs::create_directory(notes);
  const auto editor =
      editor_script(dir, "echo \"$1\" > " + (dir.path() / "seen-path").string() +
                             "\nstat -c %a \"$1\" > " + (dir.path() / "seen-mode").string() +
                             "\ncat \"$1\" > " + (dir.path() / "seen-initial").string() +
                             "\nprintf 'Growth plan\\nnext steps\\n' > \"$1\"");
  const std::string text = edit_in_editor(editor, notes, "draft from the command line");
  CHECK(text == "Growth plan\nnext steps\n");
  CHECK(contents(dir.path() / "seen-mode") == "600\n");
  CHECK(contents(dir.path() / "seen-initial") == "draft from the command line");
  const std::string seen_path = contents(dir.path() / "seen-path");
  CHECK(fs::path{seen_path.substr(0, seen_path.size() - 1)}.parent_path() == notes);
  CHECK(note_files_in(notes) == 0);
}

TEST_CASE("edit_in_editor runs EDITOR as a command line with arguments", "[editor]") {
  TempDir dir;
  const auto script = editor_script(dir, "printf '%s' \"$1\" > \"$2\"");
  CHECK(edit_in_editor("sh " + script + " 'two words'", dir.path(), "") == "two words");
  CHECK(note_files_in(dir.path()) == 0);
}

TEST_CASE("edit_in_editor removes the file when the editor fails or is interrupted", "[editor]") {
  TempDir dir;
  SECTION("a non-zero exit") {
    const auto editor = editor_script(dir, "echo secret > \"$1\"; exit 3");
    CHECK_THROWS_MATCHES(edit_in_editor(editor, dir.path(), ""), EditorFailed,
                         WhatContains("status 3"));
  }
  SECTION("killed by SIGINT, as Ctrl-C in the terminal does") {
    const auto editor = editor_script(dir, "echo secret > \"$1\"; kill -INT $$; sleep 5");
    CHECK_THROWS_MATCHES(edit_in_editor(editor, dir.path(), ""), EditorFailed,
                         WhatContains("interrupted"));
  }
  SECTION("an editor that does not exist") {
    CHECK_THROWS_MATCHES(edit_in_editor("/nonexistent/editor", dir.path(), ""), EditorFailed,
                         WhatContains("/nonexistent/editor"));
  }
  CHECK(note_files_in(dir.path()) == 0);
}

TEST_CASE("edit_in_editor restores the SIGINT handler afterwards", "[editor]") {
  TempDir dir;
  struct sigaction before {};
  ::sigaction(SIGINT, nullptr, &before);
  const auto editor = editor_script(dir, "true");
  edit_in_editor(editor, dir.path(), "");
  struct sigaction after {};
  ::sigaction(SIGINT, nullptr, &after);
  CHECK(after.sa_handler == before.sa_handler);
}

TEST_CASE("edit_in_editor refuses a folder that does not exist", "[editor]") {
  TempDir dir;
  CHECK_THROWS_AS(edit_in_editor("true", dir.path() / "missing", ""), std::system_error);
}
