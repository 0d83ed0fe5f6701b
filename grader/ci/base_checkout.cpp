#include "ci/base_checkout.hpp"

#include <fstream>
#include <sstream>

#include "model/grader_error.hpp"
#include "run/tool_run.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// Written last: a folder holding it is a complete extraction of that commit.
constexpr const char* kMarker = ".ipclab-base-commit";

std::string read_marker(const fs::path& dest) {
  std::ifstream in(dest / kMarker);
  std::string commit;
  std::getline(in, commit);
  return commit;
}

void untar(ipclab::exec::ProcessRunner& runner, const fs::path& tar_file, const fs::path& dest) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = find_tool("tar", "`grader ci --base`");
  spec.args = {"-xf", tar_file.string(), "-C", dest.string()};
  spec.env = {"LC_ALL=C"};
  run_tool(runner, spec, 300s, "cannot extract the base commit into " + dest.string());
}

}  // namespace

BaseCheckout checkout_base(Git& git, ipclab::exec::ProcessRunner& runner, const std::string& commit,
                           const fs::path& dest) {
  if (read_marker(dest) == commit) return {commit, dest};
  std::error_code ec;
  fs::remove_all(dest, ec);
  fs::create_directories(dest, ec);
  if (ec) throw GraderError("cannot create " + dest.string() + ": " + ec.message());
  fs::path tar_file = dest.string() + ".tar";
  git.archive(commit, tar_file);
  untar(runner, tar_file, dest);
  fs::remove(tar_file, ec);
  std::ofstream(dest / kMarker) << commit << "\n";
  return {commit, dest};
}

}  // namespace grader
