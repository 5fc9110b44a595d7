#pragma once
// Shared by the storage tests: temp folders, the sqlite3 shell, typed literals and Catch2
// printers for the typed model, so that a failing CHECK shows "2026-11-20" or "#12", not "{?}".
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/model.hpp"
#include "domain/parse.hpp"
#include "storage/database.hpp"
#include "storage/store.hpp"

namespace storage_test {

namespace fs = std::filesystem;

// A fresh private directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "mgr-unit-XXXXXX").string();
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

inline fs::path sibling(const fs::path& path, const char* suffix) {
  return fs::path{path.string() + suffix};
}

inline std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline std::set<std::string> listing(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& item : fs::directory_iterator(folder)) names.insert(item.path().filename());
  return names;
}

// One argument for /bin/sh, single-quoted (a single quote inside becomes '\'').
inline std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'')
      quoted += "'\\''";
    else
      quoted += c;
  }
  return quoted + "'";
}

// Runs the sqlite3 command-line shell on `path` and returns its output without the trailing
// newline, or "sqlite3 failed: <output>" when it exits non-zero.
inline std::string sqlite_cli(const fs::path& path, const std::string& sql) {
  const fs::path out = sibling(path, ".cli-output");
  const std::string command = "sqlite3 -batch -noheader " + shell_quote(path.string()) + " " +
                              shell_quote(sql) + " > " + shell_quote(out.string()) + " 2>&1";
  const int status = std::system(command.c_str());
  std::string text = read_bytes(out);
  fs::remove(out);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (status != 0) return "sqlite3 failed: " + text;
  return text;
}

// ---- typed literals ----

inline mgr::domain::Date day(const char* iso) {
  const auto parsed = mgr::domain::parse_iso_date(iso);
  if (!parsed) throw std::logic_error(std::string("test uses an invalid date: ") + iso);
  return *parsed;
}

inline mgr::domain::Instant instant(const char* rfc3339) {
  const auto parsed = mgr::domain::parse_instant(rfc3339);
  if (!parsed) throw std::logic_error(std::string("test uses an invalid instant: ") + rfc3339);
  return *parsed;
}

inline mgr::domain::Person make_person(const std::string& handle, const char* cadence = "weekly") {
  mgr::domain::Person person;
  person.handle = handle;
  person.cadence = mgr::domain::parse_cadence(cadence);
  person.since = day("2026-11-01");
  return person;
}

inline mgr::domain::Entry make_entry(mgr::domain::EntryKind kind, const char* on,
                                     const std::string& note = {}) {
  mgr::domain::Entry entry;
  entry.kind = kind;
  entry.date = day(on);
  entry.logged_at = instant("2026-11-26T10:00:00Z");
  entry.note = note;
  return entry;
}

// The ids of a list of entries, topics, actions, concerns or delegations, in order.
template <typename T>
auto ids_of(const std::vector<T>& items) {
  std::vector<decltype(T::id)> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return ids;
}

inline std::vector<std::string> handles_of(const std::vector<mgr::domain::Person>& people) {
  std::vector<std::string> handles;
  for (const auto& person : people) handles.push_back(person.handle);
  return handles;
}

// An open database in a temp folder with a Store over it, and shortcuts that run inside
// Database::read / write as the commands do.
struct StoreFixture {
  TempDir dir;
  fs::path path = dir.path() / "mgr.db";
  mgr::storage::Database db = mgr::storage::Database::open_for_writing(path);
  mgr::storage::Store store{db};

  mgr::domain::PersonId person(const std::string& handle, const char* cadence = "weekly") {
    return db.write([&] {
      return store.add_person(make_person(handle, cadence), instant("2026-11-01T09:00:00Z"));
    });
  }
  mgr::domain::EntryId entry(const mgr::domain::Entry& value,
                             const std::vector<mgr::domain::PersonId>& people = {}) {
    return db.write([&] { return store.record_entry(value, people); });
  }
  template <typename Work>
  auto read(Work&& work) {
    return db.read(std::forward<Work>(work));
  }
};

}  // namespace storage_test

// ---- how Catch2 prints the typed model ----

namespace Catch {

template <typename Tag>
struct StringMaker<mgr::domain::Id<Tag>> {
  static std::string convert(mgr::domain::Id<Tag> id) { return "#" + std::to_string(id.value); }
};
template <>
struct StringMaker<mgr::domain::Date> {
  static std::string convert(mgr::domain::Date value) { return mgr::domain::format_date(value); }
};
template <>
struct StringMaker<mgr::domain::Instant> {
  static std::string convert(mgr::domain::Instant value) {
    return mgr::domain::format_instant(value);
  }
};
template <>
struct StringMaker<mgr::domain::Cadence> {
  static std::string convert(const mgr::domain::Cadence& value) {
    return mgr::domain::cadence_name(value);
  }
};
template <>
struct StringMaker<date::weekday> {
  static std::string convert(date::weekday value) { return mgr::domain::weekday_name(value); }
};
template <>
struct StringMaker<mgr::storage::Numbered> {
  static std::string convert(mgr::storage::Numbered value) {
    switch (value) {
      case mgr::storage::Numbered::entry:
        return "entry";
      case mgr::storage::Numbered::topic:
        return "topic";
      case mgr::storage::Numbered::action:
        return "action";
    }
    return "?";
  }
};
#define MGR_TEST_PRINT_ENUM(Enum)                         \
  template <>                                             \
  struct StringMaker<mgr::domain::Enum> {                 \
    static std::string convert(mgr::domain::Enum value) { \
      return std::string{mgr::domain::name_of(value)};    \
    }                                                     \
  };
MGR_TEST_PRINT_ENUM(Relation)
MGR_TEST_PRINT_ENUM(EntryKind)
MGR_TEST_PRINT_ENUM(Polarity)
MGR_TEST_PRINT_ENUM(CheckinStatus)
MGR_TEST_PRINT_ENUM(LearnType)
MGR_TEST_PRINT_ENUM(ConcernStatus)
MGR_TEST_PRINT_ENUM(DelegationStatus)
MGR_TEST_PRINT_ENUM(TopicStatus)
MGR_TEST_PRINT_ENUM(ActionStatus)
MGR_TEST_PRINT_ENUM(Owner)
#undef MGR_TEST_PRINT_ENUM
#ifndef CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
template <typename T>
struct StringMaker<std::optional<T>> {
  static std::string convert(const std::optional<T>& value) {
    return value ? ::Catch::Detail::stringify(*value) : std::string{"nothing"};
  }
};
#endif

}  // namespace Catch
