#pragma once
// The files an exercise names in assignments.yaml -- its folder, statement
// and student files -- read from its map and checked on disk.

#include <filesystem>
#include <string>
#include <vector>

#include "config/yaml_map_reader.hpp"
#include "model/course.hpp"

namespace grader {

/// Throws ConfigError at the exercise's id when `<root>/exercises/<id>` is not a folder.
void check_exercise_folder(const YamlMapReader& exercise_map, const ExerciseSpec& exercise,
                           const std::filesystem::path& root);

/// `statement`, or exercises/<id>/README.md when absent, relative to `root`.
/// Throws ConfigError when it is absolute or does not exist.
std::filesystem::path read_statement(const YamlMapReader& exercise_map,
                                     const ExerciseSpec& exercise,
                                     const std::filesystem::path& root);

/// `student_files`: plain names, each once, each a file in the exercise's
/// folder. Throws ConfigError at the offending item, with "did you mean".
std::vector<std::string> read_student_files(const YamlMapReader& exercise_map,
                                            const ExerciseSpec& exercise,
                                            const std::filesystem::path& root);

}  // namespace grader
