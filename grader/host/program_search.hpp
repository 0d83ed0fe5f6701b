#pragma once
// Finding an installed program the way a shell does: in the folders of $PATH.
// The one walk of $PATH the grader has (the toolchain, git, the sandbox probe).

#include <filesystem>
#include <optional>
#include <string>

namespace ipclab::host {

/// The folders of $PATH, or "/usr/bin:/bin" when $PATH is unset.
std::string search_path();

/// `name` in the first of `folders` (a $PATH-style list, ':'-separated) where
/// it is executable, as an absolute path; nullopt when it is in none. Empty
/// entries are skipped: the current folder is never searched. Never throws.
std::optional<std::filesystem::path> find_program(const std::string& name,
                                                  const std::string& folders = search_path());

}  // namespace ipclab::host
