#include "config/exercise_files.hpp"
#include "config/printable.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/suggest.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

/// The names of the regular files in `folder`, sorted.
std::vector<std::string> files_in(const fs::path& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (entry.is_regular_file()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool is_plain_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos;
}

std::string read_file_name(const YamlMapReader& map, const YAML::Node& item) {
  if (!item.IsScalar()) {
    map.fail_at(item, fmt::format("'student_files' must hold file names, got {}", describe(item)));
  }
  const std::string& name = item.Scalar();
  if (!is_plain_name(name)) {
    map.fail_at(item, fmt::format("student file {} must be a plain file name (no '/' or '..')",
                                  quote(name)));
  }
  return name;
}

void check_exists(const YamlMapReader& map, const YAML::Node& item, const fs::path& root,
                  const ExerciseSpec& exercise, const std::string& name) {
  if (fs::is_regular_file(root / exercise.folder() / name)) return;
  std::string message =
      fmt::format("student file {} does not exist", quote((exercise.folder() / name).string()));
  if (std::optional<std::string> match = closest_match(name, files_in(root / exercise.folder()))) {
    message += fmt::format(" (did you mean '{}'?)", *match);
  }
  map.fail_at(item, message);
}

}  // namespace

void check_exercise_folder(const YamlMapReader& exercise_map, const ExerciseSpec& exercise,
                           const fs::path& root) {
  if (fs::is_directory(root / exercise.folder())) return;
  exercise_map.fail("id",
                    fmt::format("exercise folder '{}' does not exist", exercise.folder().string()));
}

fs::path read_statement(const YamlMapReader& exercise_map, const ExerciseSpec& exercise,
                        const fs::path& root) {
  fs::path statement =
      exercise_map.string("statement").value_or((exercise.folder() / "README.md").string());
  if (statement.is_absolute()) {
    exercise_map.fail("statement", fmt::format("statement {} must be relative to the course folder",
                                               quote(statement.string())));
  }
  if (!fs::is_regular_file(root / statement)) {
    exercise_map.fail("statement",
                      fmt::format("statement {} does not exist", quote(statement.string())));
  }
  return statement;
}

std::vector<std::string> read_student_files(const YamlMapReader& exercise_map,
                                            const ExerciseSpec& exercise, const fs::path& root) {
  std::vector<std::string> names;
  const std::optional<YAML::Node> student_files_yaml = exercise_map.list("student_files");
  for (const YAML::Node& item : *student_files_yaml) {
    std::string name = read_file_name(exercise_map, item);
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      exercise_map.fail_at(item, fmt::format("student file {} is listed twice", quote(name)));
    }
    check_exists(exercise_map, item, root, exercise, name);
    names.push_back(name);
  }
  return names;
}

}  // namespace grader
