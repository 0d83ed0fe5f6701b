#pragma once
// Staging a build plan's student files: each is taken in through the intake
// (student_file.hpp, refusal_record.hpp) and copied into the workspace; the
// working copy's are only taken in. A refused file fails its exercise's
// build, with the refusal as the build's diagnostic, and only that build.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/results.hpp"
#include "plan/build_plan.hpp"

namespace grader {

/// The intake's refusals, by exercise id: "<shown>: <reason>" for each file.
using Refusals = std::map<std::string, std::vector<Diagnostic>>;

/// Writes `content` to `path` only when it differs, so that an unchanged file
/// keeps its time and the incremental build stays incremental. A link or
/// anything else that is not a regular file at `path` is replaced, never
/// written through. Creates the parent folders; throws GraderError when it
/// cannot write.
void write_if_changed(const std::filesystem::path& path, const std::string& content);

/// Takes each of `files` in and writes its contents to its `to` (when it has
/// one) if they changed, so unchanged files keep their times. A refused file
/// is staged empty (the workspace's build files name it) and its refusal
/// returned. Throws GraderError when it cannot write.
Refusals stage_through_intake(const std::vector<StagedFile>& files);

/// The failed build of `exercise`, whose student files were refused.
BuildResult refused_build(const ExerciseBuild& exercise, const std::vector<Diagnostic>& refusals);

}  // namespace grader
