#pragma once
// Planning a build: which student files go where, the workspace manifest, and
// the CMake commands -- all as data, so a dry run is free and tests compare
// the exact commands.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/course.hpp"
#include "plan/command.hpp"
#include "plan/compiler_launcher.hpp"
#include "plan/run_plan.hpp"
#include "workspace/submission.hpp"
#include "workspace/workspace.hpp"

namespace grader {

/// A student file taken in through the intake (workspace/student_file.hpp)
/// and copied into the workspace; the working copy's are compiled in place,
/// and only taken in (`to` is empty).
struct StagedFile {
  std::filesystem::path from;  ///< root / relative
  std::filesystem::path to;    ///< "" for the working copy
  bool missing = false;        ///< not in the submission: the course's starter file is used
  std::string exercise_id;
  std::filesystem::path root;  ///< the folder the user named (the course for a starter)
  std::string relative;        ///< "[exercises/]<id>/<file>": no link below `root` is followed
  std::string shown;           ///< how the student names it
};

struct ExerciseBuild {
  std::string exercise_id;
  Command command;               ///< builds <id>_student
  std::filesystem::path driver;  ///< what it produces
  /// Builds <id>_student_asan; only when a selected test has `sanitize: true`.
  std::optional<Command> sanitized_command;
  std::filesystem::path sanitized_driver;  ///< what it produces ("" without it)
  std::vector<std::string> notes;          ///< told to the student (missing files)
  /// Compiled path -> the name the student knows, for diagnostics.
  std::map<std::string, std::string> display_names;
};

struct BuildPlan {
  Workspace workspace;
  std::string manifest;  ///< the text of manifest.cmake
  Command configure;     ///< run when the workspace has no build tree yet
  /// Read by the compiles (the kit's prebuilt provided code); may be empty.
  std::filesystem::path prebuilt;
  /// Written by the compiles (the shared compiler cache); may be empty.
  std::filesystem::path compiler_cache;
  /// Files to copy in before building: every exercise's, since the workspace
  /// configures all of them even when only some are built.
  std::vector<StagedFile> staged;
  std::vector<ExerciseBuild> exercises;  ///< the chosen exercises
};

/// The tools the plan names (absolute paths).
struct Toolchain {
  std::string cmake = "/usr/bin/cmake";
  std::string generator = "Ninja";
  /// The kit's prebuilt provided code (Kit::prebuilt()), linked where it
  /// matches the course; empty: every workspace compiles it.
  std::filesystem::path prebuilt;
  /// Compile through ccache with this cache (batch); none: compile directly.
  std::optional<CompilerLauncher> compiler_cache;
};

/// cmake found on $PATH, and Ninja as generator when ninja is there too
/// ("Unix Makefiles" otherwise). Throws GraderError without cmake.
Toolchain detect_toolchain();

using FileExists = std::function<bool(const std::filesystem::path&)>;

/// Plans the build of the exercises of `selection` (all exercises when it
/// names none) of `submission` in `workspace`, with the sanitizer build of
/// those where a selected test asks for it. `exists` tells which submission
/// files exist.
BuildPlan plan_build(const Course& course, const Submission& submission, const Workspace& workspace,
                     const Selection& selection, const Toolchain& toolchain,
                     const FileExists& exists);

}  // namespace grader
