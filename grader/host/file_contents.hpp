#pragma once
// Reading a whole file into memory: the one reader every part of the grader
// uses (course files, /proc, cgroup files, stored results, release files).

#include <filesystem>
#include <optional>
#include <string>

namespace ipclab::host {

/// The bytes of the file at `path`, unchanged (binary); nullopt when it cannot
/// be opened or read (missing, a folder, no permission). Never throws: each
/// caller says in its own words what the missing file means.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace ipclab::host
