#pragma once
// The judging behind `mgr doctor`: given what was observed about the database file, its folder,
// the filesystem, the time zone data and the mail settings, what is fine and what is wrong.
// Nothing here touches the system; the command gathers the facts.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mgr::domain {

// ok: nothing to do. info: worth knowing, nothing wrong (a check that does not apply, a
// migration the next command applies). warn: wrong, and the data is at risk or exposed until it
// is fixed. fail: wrong, and mgr cannot work or the data is already damaged.
enum class CheckStatus { ok, info, warn, fail };
std::string status_name(CheckStatus status);

struct CheckResult {
  std::string check;  // "integrity", "file modes", ...
  CheckStatus status = CheckStatus::ok;
  std::string detail;  // one line: what was found and, when wrong, what to do
};

// Whether `mgr doctor` exits 1: any check warns or fails.
bool needs_attention(const std::vector<CheckResult>& results);

// ---- the database itself ----

struct DatabaseFacts {
  std::string path;
  bool exists = false;
  std::string problem;  // why it could not be opened as an mgr database
  std::uintmax_t bytes = 0;
};
CheckResult judge_database(const DatabaseFacts& facts);

// `messages` are the rows of PRAGMA integrity_check: just "ok" for a sound file.
CheckResult judge_integrity(const std::vector<std::string>& messages);
// One line per row of PRAGMA foreign_key_check.
CheckResult judge_foreign_keys(const std::vector<std::string>& violations);
// A check that SQLite could not even finish, e.g. "database disk image is malformed".
CheckResult judge_unfinished(const std::string& check, const std::string& error);
CheckResult judge_schema(int version, int latest);
// `problem`: the first stored value mgr could not read back (a date, zone or kind edited into
// the file by hand), which integrity_check does not notice.
CheckResult judge_stored_values(const std::optional<std::string>& problem);

// ---- the config file ----

struct ConfigFacts {
  std::string path;
  bool exists = false;
  std::string problem;  // why it could not be read
  unsigned permission_bits = 0;
};
CheckResult judge_config(const ConfigFacts& facts);

// ---- who can read it ----

// What is wrong with the permission bits (st_mode & 07777) of a file or folder that holds the
// notes: nothing, or e.g. "group and others can read it". Any access for group or others is a
// problem; so is a file the owner cannot read and write or a folder the owner cannot use,
// since mgr then fails.
std::optional<std::string> private_mode_problem(unsigned permission_bits, bool is_folder);

struct PathMode {
  std::string path;
  unsigned permission_bits = 0;
  bool is_folder = false;
};
CheckResult judge_modes(const std::vector<PathMode>& paths);

// ---- where it lives ----

struct FilesystemKind {
  std::string name;     // "ext2/3/4", "NFS", ...; "type 0x..." when unknown
  bool shared = false;  // a network or FUSE filesystem, where SQLite's WAL locking is unsafe
};
// From statfs(2)'s f_type.
FilesystemKind filesystem_kind(std::uint64_t statfs_type);
CheckResult judge_filesystem(std::uint64_t statfs_type, const std::string& folder);

// The sync service whose folder this is, judged by the folder names on the path: Dropbox,
// OneDrive, iCloud Drive, Nextcloud, ownCloud, Google Drive, or macOS's CloudStorage.
std::optional<std::string> sync_service_in_path(std::string_view path);
// The sync service a file or folder name marks as the root of a synced folder: Dropbox's
// `.dropbox`, Syncthing's `.stfolder`, the Nextcloud and ownCloud client's `.sync_*.db`.
std::optional<std::string> sync_service_of_marker(std::string_view file_name);
// `marked_by`: the service and the folder holding its marker, when an ancestor holds one.
CheckResult judge_sync_folder(const std::string& folder,
                              const std::optional<std::string>& service_in_path,
                              const std::optional<std::pair<std::string, std::string>>& marked_by);

// ---- time zone data ----

struct TimeZoneFacts {
  bool database_found = false;
  std::string database_problem;  // why the tz database could not be read
  std::string database_version;  // e.g. "2024a", when known
  std::string zone;              // the user's zone, when found
  std::string zone_source;       // "config", "TZ" or "system"
  std::string zone_problem;      // why the user's zone could not be found
};
CheckResult judge_time_zone(const TimeZoneFacts& facts);

// ---- mail ----

struct MailFacts {
  bool configured = false;           // any mail.* key in the config file
  std::vector<std::string> missing;  // settings the transport needs that are not set
  std::string transport;             // sendmail | smtp
  std::string program;               // the sendmail program
  bool program_runnable = false;     // it exists and may be executed
  std::string smtp_url;
};
CheckResult judge_mail(const MailFacts& facts);

struct PasswordFacts {
  bool needed = false;  // transport smtp with a user
  std::string file;     // smtp_password_file, home expanded
  bool file_readable = false;
  unsigned file_mode = 0;
  bool command = false;          // smtp_password_command set
  bool environment = false;      // MGR_SMTP_PASSWORD set
  bool password_in_url = false;  // smtp://user:secret@host
  std::string config_file;
  unsigned config_mode = 0;
};
CheckResult judge_mail_password(const PasswordFacts& facts);

}  // namespace mgr::domain
