#pragma once
#include <filesystem>
#include <string_view>

namespace mgr::util {

// Replaces `target` with `content` so that a reader sees the old file or the new one, never
// half of one, and a failure leaves no trace: the content goes to a temporary file (mode 0600)
// in the target's folder, which is flushed to disk and renamed over the target, and the folder
// is flushed too. The temporary file is removed on every failure, and on SIGINT or SIGTERM
// while writing. Throws std::system_error naming the target.
void write_private_file(const std::filesystem::path& target, std::string_view content);

}  // namespace mgr::util
