#pragma once
// Carrying out a BuildPlan: stage the student files (through the intake: a
// refused file fails its exercise's build, uncompiled), write the manifest,
// configure the workspace once (again only when the configure command
// changes), then build each exercise on its own under limits, keeping the
// compiler's diagnostics.

#include <chrono>
#include <vector>

#include "exec/process_runner.hpp"
#include "model/results.hpp"
#include "plan/build_plan.hpp"
#include "sandbox/sandbox.hpp"
#include "workspace/staging.hpp"

namespace grader {

/// Limits for the compiler: a submission can attack the build too (include
/// bombs, #include "/dev/zero").
struct BuildLimits {
  std::chrono::milliseconds configure_timeout{300'000};
  std::chrono::milliseconds build_timeout{300'000};
  std::uint64_t memory_bytes = 4ull << 30;
  std::size_t output_bytes = 4u << 20;
  std::uint64_t file_size_bytes = 1ull << 30;
  std::chrono::seconds cpu_time{120};  ///< per process: one compiler run
  std::uint64_t processes = 256;       ///< the whole build (cgroup)
};

class Builder {
 public:
  /// The compile of the student's files runs inside `sandbox` and, where it
  /// has namespaces, sees only the system, the course's exercises/ and cmake/ folders and the
  /// workspace (not solutions/, reference/, tests/); configuring stays
  /// outside (it runs the course's trusted CMake files). With the sandbox's
  /// build user (the grader is root), the compile runs as that user, which
  /// is given the build folder after configuring.
  Builder(ipclab::exec::ProcessRunner& runner, std::vector<std::string> environment,
          BuildLimits limits, const Sandbox& sandbox);

  /// One BuildResult per planned exercise. Throws GraderError when the
  /// workspace cannot be prepared or configured (not the student's fault).
  std::vector<BuildResult> build(const BuildPlan& plan, const std::string& course_root);

 private:
  void prepare(const BuildPlan& plan);
  void configure(const BuildPlan& plan);
  /// Checks that `user` can read what the compile reads (GraderError naming
  /// the folder and the chmod otherwise) and gives it the build folder.
  void hand_over_to_build_user(const BuildPlan& plan, const std::string& course_root,
                               ipclab::exec::Credentials user) const;
  BuildResult build_exercise(const ExerciseBuild& exercise, const std::string& course_root);
  void build_sanitized(const ExerciseBuild& exercise, const std::string& course_root,
                       BuildResult& build);
  ipclab::exec::ProcessResult run(const Command& command, std::chrono::milliseconds timeout);
  /// Builds a target; a failure of the compiler cache is the grader's
  /// (GraderError), never the student's.
  ipclab::exec::ProcessResult compile(const Command& command, const std::string& course_root);
  ipclab::exec::ProcessResult compile_in_sandbox(const Command& command,
                                                 const std::string& course_root);

  ipclab::exec::ProcessRunner& runner_;
  std::vector<std::string> environment_;
  BuildLimits limits_;
  const Sandbox& sandbox_;
  std::filesystem::path workspace_dir_;
  std::filesystem::path prebuilt_;
  std::filesystem::path compiler_cache_;
  Refusals refusals_;  ///< by the intake, of the plan being built
};

/// What a sandboxed compile sees: the course's exercises/ and cmake/ folders,
/// the workspace and the kit's `prebuilt` code (when not empty) read-only,
/// its build folder and the `compiler_cache` (when not empty) writable, only
/// /dev/null, and of /etc only the alternatives links (/usr/bin/c++) and
/// the loader's cache.
SandboxView build_view(const std::string& course_root, const Workspace& workspace,
                       const std::filesystem::path& prebuilt = {},
                       const std::filesystem::path& compiler_cache = {});

/// The variables of the grader's environment a build needs (PATH, HOME, CC, ...).
std::vector<std::string> build_environment();

}  // namespace grader
