#pragma once
// Writing a file so that readers see the old contents or the new, never a
// part: a temporary file in the same folder, flushed, then renamed over.

#include <filesystem>
#include <optional>
#include <string>

namespace grader {

/// Writes `contents` to `path` atomically, creating its folder. Throws
/// GraderError naming the path when it cannot.
void write_file_atomically(const std::filesystem::path& path, const std::string& contents);

/// The contents of `path`; nullopt when it does not exist or cannot be read.
std::optional<std::string> read_file_if_present(const std::filesystem::path& path);

}  // namespace grader
