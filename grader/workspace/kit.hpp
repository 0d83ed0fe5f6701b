#pragma once
// The kit: the programs the grader runs that are not student code -- each
// exercise's harness and reference driver. Built with the grader; found next
// to its binary: <prefix>/bin/grader finds <prefix>/kit (build tree) or
// <prefix>/libexec/ipclab (installed).

#include <filesystem>
#include <string>

namespace grader {

struct Kit {
  std::filesystem::path dir;

  std::filesystem::path harness(const std::string& exercise_id) const {
    return dir / (exercise_id + "_harness");
  }
  std::filesystem::path reference(const std::string& exercise_id) const {
    return dir / (exercise_id + "_reference");
  }
  /// The provided code of every exercise, compiled once for all workspaces
  /// (cmake/IpcLabPrebuilt.cmake).
  std::filesystem::path prebuilt() const { return dir / "prebuilt"; }
};

/// $IPCLAB_KIT if set, else the kit next to `grader_binary`. Throws GraderError
/// naming the places it looked.
Kit locate_kit(const std::filesystem::path& grader_binary);

/// The folder holding assignments.yaml: `start` or the nearest parent that has
/// one. Throws GraderError when there is none.
std::filesystem::path find_course_root(const std::filesystem::path& start);

}  // namespace grader
