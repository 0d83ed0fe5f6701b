#include "config/edited_submission.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "config/config_error.hpp"
#include "config/printable.hpp"
#include "config/suggest.hpp"
#include "config/yaml_file.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const MapShape kSubmissionShape{
    "the file", {"description", "exercises"}, {"description", "exercises"}};
const MapShape kEditedExerciseShape{
    "the exercise", {"id", "from", "files", "edits"}, {"id", "from", "files"}};

const ExerciseSpec& exercise_named(const YamlMapReader& map, const Course& course) {
  const std::string id = *map.string("id");
  if (const ExerciseSpec* exercise = course.find(id)) return *exercise;
  std::vector<std::string> ids;
  for (const ExerciseSpec& exercise : course.exercises)
    ids.push_back(exercise.id);
  map.fail("id", fmt::format("no exercise {} in the course{}", quote(id),
                             alternatives(id, ids, "exercises")));
}

std::vector<std::string> read_files(const YamlMapReader& map, const ExerciseSpec& exercise) {
  std::vector<std::string> files;
  const std::optional<YAML::Node> list = map.list("files");  // kept: the loop reads into it
  for (const YAML::Node& item : *list) {
    const std::string name = item.IsScalar() ? item.Scalar() : "";
    const auto& known = exercise.student_files;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      map.fail_at(item, fmt::format("{} is not a student file of '{}'{}", quote(name), exercise.id,
                                    alternatives(name, known, "student files")));
    }
    files.push_back(name);
  }
  return files;
}

/// Every edit changes a file the submission holds.
void check_edited_files_held(const YamlMapReader& map, const EditedExercise& part) {
  for (const SourceEdit& edit : part.edits) {
    if (std::find(part.files.begin(), part.files.end(), edit.file) != part.files.end()) continue;
    map.fail("files", fmt::format("an edit changes {}: add it to 'files'", quote(edit.file)));
  }
}

EditedExercise read_exercise(const YamlMapReader& map, const Course& course) {
  const ExerciseSpec& exercise = exercise_named(map, course);
  EditedExercise part{exercise.id, *map.string("from"), read_files(map, exercise), {}};
  if (part.from != "solutions" && part.from != "exercises") {
    map.fail("from", fmt::format("'from' is {}: write solutions (the model answer) or exercises "
                                 "(the starter files)",
                                 quote(part.from)));
  }
  if (!map.has("edits")) return part;
  const fs::path folder = course.root / part.from / part.exercise_id;
  part.edits = read_edits(map, "edits", read_source_files(folder, exercise.student_files));
  check_edited_files_held(map, part);
  return part;
}

void write_assembled_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!(out << text)) throw ConfigError({path.string()}, "cannot write the assembled file");
}

}  // namespace

EditedSubmission load_edited_submission(const fs::path& path, const std::string& display_name,
                                        const Course& course) {
  const YAML::Node root = load_yaml_file(path, display_name);
  YamlMapReader map(root, kSubmissionShape, display_name);
  EditedSubmission submission{*map.string("description"), {}};
  const std::optional<YAML::Node> list = map.list("exercises");  // kept: the loop reads into it
  for (const YAML::Node& node : *list)
    submission.exercises.push_back(
        read_exercise(YamlMapReader(node, kEditedExerciseShape, display_name), course));
  return submission;
}

void write_edited_submission(const EditedSubmission& submission, const Course& course,
                             const fs::path& dir) {
  fs::remove_all(dir);
  for (const EditedExercise& part : submission.exercises) {
    fs::create_directories(dir / part.exercise_id);
    const SourceFiles base =
        read_source_files(course.root / part.from / part.exercise_id, part.files);
    for (const auto& [file, text] : apply_edits(base, part.edits))
      write_assembled_file(dir / part.exercise_id / file, text);
  }
}

}  // namespace grader
