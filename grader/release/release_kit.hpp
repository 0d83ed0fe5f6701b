#pragma once
// The prebuilt kit of a student release: the programs that take the place of
// the reference implementations and the harness sources (which hold working
// pieces of the student files: message framing, pickle bytes, shared layouts).
// The course builds them (CMake target ipclab_release_kit, with the
// workspace's flags, stripped); the release ships them in reference/bin/ with
// their SHA-256 digests, which the release's CMake checks
// (cmake/IpcLabPrebuiltKit.cmake).

#include <filesystem>
#include <string>
#include <vector>

#include "exec/process_runner.hpp"
#include "model/course.hpp"

namespace grader {

/// Where a release keeps its prebuilt kit, relative to the release folder.
inline constexpr const char* kReleaseKitFolder = "reference/bin";

/// The program names the kit of `exercise_id` ships: its reference driver and
/// its visible-only harness.
std::vector<std::string> release_kit_programs(const std::string& exercise_id);

/// Configures the course in `build_dir` (no build type: the flags of a grader
/// workspace; no tests) and builds target ipclab_release_kit with `runner`,
/// passing on `environment`. Returns `build_dir`/release-kit. Throws
/// GraderError with the end of the build's output when a step fails.
std::filesystem::path build_release_kit(const Course& course,
                                        const std::filesystem::path& build_dir,
                                        ipclab::exec::ProcessRunner& runner,
                                        const std::vector<std::string>& environment);

/// Copies the kit programs of every exercise from `kit_dir` into
/// `dest`/reference/bin/ (mode 0755) and writes SHA256SUMS (`sha256sum`
/// format) and kit.cmake (the platform from `kit_dir`/PLATFORM, the exercises,
/// their student files). Returns the files written, relative to `dest`.
/// Throws GraderError when a program or PLATFORM is missing.
std::vector<std::string> write_release_kit(const Course& course,
                                           const std::filesystem::path& kit_dir,
                                           const std::filesystem::path& dest);

}  // namespace grader
