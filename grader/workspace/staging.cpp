#include "workspace/staging.hpp"

#include <fstream>
#include <sstream>

#include "host/file_contents.hpp"
#include "model/grader_error.hpp"
#include "workspace/refusal_record.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using Status = StudentFileRead::Status;

StudentFileRead take_in(const StagedFile& file) {
  StudentFileRead read = take_in_student_file(file.root, file.relative, file.shown);
  // Gone between planning and staging, or deleted from the working copy.
  if (read.status == Status::missing) {
    return {Status::refused, "", file.shown, "not found: restore it (the starter file will do)"};
  }
  return read;
}

}  // namespace

void write_if_changed(const std::filesystem::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(path, ec)) &&
      ipclab::host::read_file(path) == content) {
    return;
  }
  fs::create_directories(path.parent_path(), ec);
  fs::remove(path, ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw GraderError("cannot write " + path.string());
}

Refusals stage_through_intake(const std::vector<StagedFile>& files) {
  Refusals refusals;
  for (const StagedFile& file : files) {
    StudentFileRead read = take_in(file);
    if (read.status == Status::refused) {
      refusals[file.exercise_id].push_back({read.shown, 0, 0, "error", read.reason});
    }
    if (!file.to.empty()) write_if_changed(file.to, read.contents);
  }
  return refusals;
}

BuildResult refused_build(const ExerciseBuild& exercise, const std::vector<Diagnostic>& refusals) {
  BuildResult build;
  build.exercise_id = exercise.exercise_id;
  build.notes = exercise.notes;
  build.diagnostics = refusals;
  for (const Diagnostic& refusal : refusals)
    build.log += refusal.file + ": " + refusal.message + "\n";
  return build;
}

}  // namespace grader
