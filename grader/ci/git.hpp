#pragma once
// The few git questions `grader ci` asks, run through the process runner (never
// a shell): where the repository is, which commit a ref names, the tree of that
// commit as a tar file, and which files differ from it.

#include <filesystem>
#include <string>
#include <vector>

#include "exec/process_runner.hpp"

namespace grader {

/// `name` (git, tar) on PATH. Throws GraderError saying `why` it is needed
/// when it is not installed.
std::filesystem::path find_tool(const std::string& name, const std::string& why);

class Git {
 public:
  /// Runs `git` in `dir` (any folder inside the repository).
  Git(ipclab::exec::ProcessRunner& runner, std::filesystem::path git, std::filesystem::path dir);

  /// The repository's top folder. Throws GraderError when `dir` is not in one.
  std::filesystem::path toplevel();
  /// The full commit id `ref` names. Throws ConfigError (it is the user's
  /// --base) when there is no such commit.
  std::string resolve_commit(const std::string& ref);
  /// Writes the tree of `commit` to `tar_file`. Throws GraderError.
  void archive(const std::string& commit, const std::filesystem::path& tar_file);
  /// Files (relative to the top folder) that differ between `commit` and the
  /// working tree: committed and uncommitted changes, renames as delete + add.
  std::vector<std::string> changed_since(const std::string& commit);
  /// Untracked files that .gitignore does not exclude, relative to the top folder.
  std::vector<std::string> untracked();

 private:
  /// stdout of `git ARGS`; throws GraderError naming the command on failure.
  std::string run(const std::vector<std::string>& args);

  ipclab::exec::ProcessRunner& runner_;
  std::filesystem::path git_;
  std::filesystem::path dir_;
};

/// The NUL-separated names of `git ... -z`, in order, without empty ones.
std::vector<std::string> split_nul(const std::string& text);

}  // namespace grader
