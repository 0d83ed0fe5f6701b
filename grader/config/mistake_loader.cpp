#include "config/mistake_loader.hpp"
#include "config/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/config_error.hpp"
#include "config/edit_reader.hpp"
#include "config/suggest.hpp"
#include "config/yaml_file.hpp"
#include "config/yaml_map_reader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const MapShape kMistakeShape{
    "the file", {"description", "fails", "feedback", "edits"}, {"description", "fails"}};

/// `path` relative to the course root when it is inside it, else as given.
std::string display(const fs::path& path, const fs::path& root) {
  fs::path relative = path.lexically_normal().lexically_relative(root.lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return path.string();
  return relative.string();
}

/// The entries of `folder`, sorted by name.
std::vector<fs::directory_entry> entries_of(const fs::path& folder) {
  std::vector<fs::directory_entry> entries{fs::directory_iterator(folder), {}};
  std::sort(entries.begin(), entries.end());
  return entries;
}

const ExerciseSpec& exercise_of(const fs::path& dir, const Course& course) {
  std::string id = dir.parent_path().filename().string();
  if (const ExerciseSpec* exercise = course.find(id)) return *exercise;
  std::vector<std::string> ids;
  for (const ExerciseSpec& exercise : course.exercises)
    ids.push_back(exercise.id);
  throw ConfigError(
      {display(dir.parent_path(), course.root)},
      fmt::format("no exercise {} in the course{}", quote(id), alternatives(id, ids, "exercises")));
}

/// `feedback:` as one phrase or a list of them.
std::vector<std::string> read_feedback(const YamlMapReader& map, const YAML::Node& node) {
  if (!map.has("feedback")) return {};
  if (!node.IsSequence()) return {*map.string("feedback")};
  std::vector<std::string> phrases;
  const std::optional<YAML::Node> list = map.list("feedback");  // kept: the loop reads into it
  for (const YAML::Node& item : *list) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      map.fail_at(item, "'feedback' must hold phrases, got " + describe(item));
    }
    phrases.push_back(item.Scalar());
  }
  return phrases;
}

std::vector<std::string> read_fails(const YamlMapReader& map, const ExerciseSpec& exercise) {
  std::vector<std::string> known;
  for (const TestSpec& test : exercise.tests)
    known.push_back(test.id);
  std::vector<std::string> fails;
  const std::optional<YAML::Node> fails_yaml = map.list("fails");
  for (const YAML::Node& item : *fails_yaml) {
    if (!item.IsScalar()) map.fail_at(item, "'fails' must hold test ids, got " + describe(item));
    const std::string& id = item.Scalar();
    if (std::find(known.begin(), known.end(), id) == known.end()) {
      map.fail_at(item, fmt::format("no test {} in exercise '{}'{}", quote(id), exercise.id,
                                    alternatives(id, known, "tests")));
    }
    if (std::find(fails.begin(), fails.end(), id) != fails.end()) {
      map.fail_at(item, fmt::format("test {} is listed twice", quote(id)));
    }
    fails.push_back(id);
  }
  return fails;
}

/// The student files in `dir`; anything else but mistake.yaml is an error.
std::vector<std::string> read_files(const fs::path& dir, const ExerciseSpec& exercise,
                                    const fs::path& root, bool has_edits) {
  const std::vector<std::string>& allowed = exercise.student_files;
  std::vector<std::string> files;
  for (const fs::directory_entry& entry : entries_of(dir)) {
    std::string name = entry.path().filename().string();
    if (name == "mistake.yaml") continue;
    if (!entry.is_regular_file() ||
        std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      throw ConfigError({display(entry.path(), root)},
                        fmt::format("not a student file of '{}' (student files: {})", exercise.id,
                                    join(allowed)));
    }
    if (has_edits) {
      throw ConfigError({display(entry.path(), root)},
                        "a mistake with 'edits' holds no copy of a student file: remove it, or "
                        "write its change as one more edit");
    }
    files.push_back(name);
  }
  if (files.empty() && !has_edits) {
    throw ConfigError(
        {display(dir, root)},
        fmt::format("no student file (add the wrong version of one of: {})", join(allowed)));
  }
  return files;
}

/// The names of the files `edits` change, sorted, each once.
std::vector<std::string> edited_files(const std::vector<SourceEdit>& edits) {
  std::vector<std::string> files;
  for (const SourceEdit& edit : edits)
    files.push_back(edit.file);
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace

MistakeSpec load_mistake(const fs::path& mistake_dir, const Course& course) {
  fs::path dir = mistake_dir.has_filename() ? mistake_dir : mistake_dir.parent_path();
  const ExerciseSpec& exercise = exercise_of(dir, course);
  std::string file = display(dir / "mistake.yaml", course.root);
  const YAML::Node root = load_yaml_file(dir / "mistake.yaml", file);
  YamlMapReader map(root, kMistakeShape, file);
  MistakeSpec mistake;
  mistake.exercise_id = exercise.id;
  mistake.name = dir.filename().string();
  mistake.dir = dir;
  mistake.description = *map.string("description");
  if (mistake.description.empty()) map.fail("description", "'description' must not be empty");
  mistake.fails = read_fails(map, exercise);
  mistake.feedback = read_feedback(map, root["feedback"]);
  const bool has_edits = map.has("edits");
  mistake.files = read_files(dir, exercise, course.root, has_edits);
  if (has_edits) {
    mistake.edits = read_edits(
        map, "edits",
        read_source_files(course.root / "solutions" / exercise.id, exercise.student_files));
    mistake.files = edited_files(mistake.edits);
  }
  mistake.where = map.where();
  return mistake;
}

std::vector<MistakeSpec> load_mistakes(const Course& course) {
  std::vector<MistakeSpec> mistakes;
  fs::path corpus = course.root / "tests" / "mistakes";
  if (!fs::is_directory(corpus)) return mistakes;
  for (const fs::directory_entry& exercise_dir : entries_of(corpus)) {
    if (!exercise_dir.is_directory()) continue;
    for (const fs::directory_entry& dir : entries_of(exercise_dir.path())) {
      if (dir.is_directory()) mistakes.push_back(load_mistake(dir.path(), course));
    }
  }
  return mistakes;
}

}  // namespace grader
