#include "ci/git.hpp"

#include <unistd.h>

#include <cstdlib>

#include "config/config_error.hpp"
#include "host/environment.hpp"
#include "host/program_search.hpp"
#include "model/grader_error.hpp"
#include "run/tool_run.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// The environment git needs (PATH for its helpers, HOME for its config);
/// nothing else of ours, so no GIT_DIR or GIT_INDEX_FILE can redirect it.
std::vector<std::string> git_environment() {
  std::vector<std::string> env = {"LC_ALL=C", "GIT_TERMINAL_PROMPT=0"};
  for (std::string& variable : ipclab::host::inherited_environment({"PATH", "HOME"}))
    env.push_back(std::move(variable));
  return env;
}

std::string without_line_ending(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

}  // namespace

fs::path find_tool(const std::string& name, const std::string& why) {
  if (std::optional<fs::path> tool = ipclab::host::find_program(name)) return *tool;
  throw GraderError(name + " is not installed (not found on PATH): " + why + " needs it");
}

Git::Git(ipclab::exec::ProcessRunner& runner, fs::path git, fs::path dir)
    : runner_(runner), git_(std::move(git)), dir_(std::move(dir)) {}

std::string Git::run(const std::vector<std::string>& args) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = git_;
  spec.args = args;
  spec.env = git_environment();
  spec.working_dir = dir_;
  return run_tool(runner_, spec, 300s, "`git " + args.at(0) + "` failed in " + dir_.string());
}

fs::path Git::toplevel() {
  try {
    return without_line_ending(run({"rev-parse", "--show-toplevel"}));
  } catch (const GraderError&) {
    throw GraderError(dir_.string() +
                      " is not inside a git repository: `grader ci --base` compares the "
                      "working tree with a commit; run it in a clone, or drop --base");
  }
}

std::string Git::resolve_commit(const std::string& ref) {
  try {
    return without_line_ending(
        run({"rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"}));
  } catch (const GraderError&) {
    throw ConfigError({"--base", 0, 0}, "no commit '" + ref +
                                            "' in this repository (fetch it first, e.g. "
                                            "`git fetch origin main`, or name a branch or commit)");
  }
}

void Git::archive(const std::string& commit, const fs::path& tar_file) {
  run({"archive", "--format=tar", "-o", tar_file.string(), commit});
}

std::vector<std::string> Git::changed_since(const std::string& commit) {
  return split_nul(run({"diff", "--name-only", "--no-renames", "-z", commit, "--"}));
}

std::vector<std::string> Git::untracked() {
  return split_nul(run({"ls-files", "--others", "--exclude-standard", "--full-name", "-z"}));
}

std::vector<std::string> split_nul(const std::string& text) {
  std::vector<std::string> names;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\0', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) names.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

}  // namespace grader
