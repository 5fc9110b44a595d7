// The import reader (cli::read_archive_json): any text is an Archive, every record of it checked,
// or a UsageError; an Archive written again as JSON reads back as the same Archive, and writing
// that gives the same bytes (what makes an export, imported and exported again, byte for byte).
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>

#include "cli/archive_json.hpp"
#include "domain/archive.hpp"
#include "domain/errors.hpp"
#include "fuzz_support.hpp"

namespace {

std::string as_json(const mgr::domain::Archive& archive) {
  std::ostringstream out;
  mgr::cli::JsonArchiveWriter writer{out};
  mgr::domain::send_archive(archive, writer);
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  mgr::domain::Archive archive;
  try {
    archive = mgr::cli::read_archive_json(text);
  } catch (const mgr::UsageError& error) {
    fuzz::require(error.what()[0] != '\0', "an error says what is wrong", text);
    return 0;
  }
  fuzz::require(archive.subject.empty(), "the export of one person is not read", text);
  const std::string written = as_json(archive);
  mgr::domain::Archive again;
  try {
    again = mgr::cli::read_archive_json(written);
  } catch (const mgr::UsageError& error) {
    std::fprintf(stderr, "%s\n%s\n", error.what(), written.c_str());
    fuzz::require(false, "an Archive written as JSON reads back", text);
  }
  fuzz::require(mgr::domain::same_archive(archive, again),
                "an Archive written as JSON reads back the same", text);
  fuzz::require(as_json(again) == written, "the same Archive is written as the same bytes", text);
  return 0;
}
