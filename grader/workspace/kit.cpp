#include "workspace/kit.hpp"

#include <fmt/format.h>
#include <cstdlib>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {

using ipclab::i18n::tr;

Kit locate_kit(const std::filesystem::path& grader_binary) {
  if (const char* kit = std::getenv("IPCLAB_KIT"); kit != nullptr && *kit != '\0') return {kit};
  std::filesystem::path prefix = grader_binary.parent_path().parent_path();
  std::error_code ec;
  for (const auto& candidate : {prefix / "kit", prefix / "libexec" / "ipclab"}) {
    if (std::filesystem::is_directory(candidate, ec)) return {candidate};
  }
  throw GraderError(
      fmt::format(fmt::runtime(tr("cannot find the grading kit (harnesses and reference drivers): "
                                  "looked in {} and {}; rebuild the project or set IPCLAB_KIT")),
                  (prefix / "kit").string(), (prefix / "libexec/ipclab").string()));
}

std::filesystem::path find_course_root(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  for (; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "assignments.yaml", ec)) return dir;
    if (dir == dir.root_path()) break;
  }
  throw GraderError(fmt::format(
      fmt::runtime(tr("no assignments.yaml in {} or any folder above it: run grader inside a "
                      "course, or pass --course DIR")),
      start.string()));
}

}  // namespace grader
