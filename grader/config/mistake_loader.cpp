#include "config/mistake_loader.hpp"
#include "config/printable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "config/config_error.hpp"
#include "config/edit_reader.hpp"
#include "config/suggest.hpp"
#include "config/yaml_file.hpp"
#include "config/yaml_map_reader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const MapShape kMistakeShape{
    "the file", {"description", "fails", "feedback", "edits"}, {"description", "fails", "edits"}};

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

/// The value of `key` in `map` (`node`) as one phrase or a list of them.
std::vector<std::string> read_phrases(const YamlMapReader& map, const std::string& key,
                                      const YAML::Node& node) {
  if (!node.IsSequence()) return {*map.string(key)};
  std::vector<std::string> phrases;
  const std::optional<YAML::Node> list = map.list(key);  // kept: the loop reads into it
  for (const YAML::Node& item : *list) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      map.fail_at(item, "'feedback' must hold phrases, got " + describe(item));
    }
    phrases.push_back(item.Scalar());
  }
  return phrases;
}

/// Whether the tests of `exercise_id` mark their messages for translation:
/// po/ipclab.pot, made from the sources, holds a message of
/// tests/exercises/<id>/. Their reports then speak the student's language,
/// and each mistake's feedback needs a phrase in every language.
bool tests_translated(const fs::path& root, const std::string& exercise_id) {
  std::ifstream pot(root / "po" / "ipclab.pot");
  const std::string folder = "tests/exercises/" + exercise_id + "/";
  for (std::string line; std::getline(pot, line);) {
    if (line.rfind("#:", 0) == 0 && line.find(folder) != std::string::npos) return true;
  }
  return false;
}

/// `feedback:` as phrases by language: one phrase or a list (English), or a
/// map of them by language ({en: ..., es: ...}).
std::map<std::string, std::vector<std::string>> read_feedback(const YamlMapReader& map,
                                                              const YAML::Node& node,
                                                              const Course& course) {
  if (!map.has("feedback")) return {};
  if (!map.holds_map("feedback")) return {{"en", read_phrases(map, "feedback", node)}};
  const YamlMapReader texts = *map.map("feedback", {"'feedback'", course.languages, {}});
  std::map<std::string, std::vector<std::string>> phrases;
  for (const std::string& language : course.languages) {
    if (texts.has(language)) phrases[language] = read_phrases(texts, language, node[language]);
  }
  return phrases;
}

/// The phrases of the language the course is read in this run, else English's.
std::vector<std::string> chosen_phrases(
    const std::map<std::string, std::vector<std::string>>& phrases, const Course& course) {
  if (auto it = phrases.find(course.text_language); it != phrases.end()) return it->second;
  if (auto it = phrases.find("en"); it != phrases.end()) return it->second;
  return phrases.empty() ? std::vector<std::string>{} : phrases.begin()->second;
}

/// "FILE:LINE:COL: 'feedback' has no 'es' phrase" for each language of the
/// course that `phrases` lacks, when the exercise's tests are translated.
std::vector<std::string> untranslated_feedback(
    const YamlMapReader& map, const std::map<std::string, std::vector<std::string>>& phrases,
    const Course& course, const std::string& exercise_id) {
  std::vector<std::string> missing;
  if (phrases.empty() || !tests_translated(course.root, exercise_id)) return missing;
  for (const std::string& language : course.languages) {
    if (phrases.count(language) != 0) continue;
    missing.push_back(
        ConfigError(map.where("feedback"),
                    fmt::format("'feedback' has no '{}' phrase: the tests of {} "
                                "speak {}; run `grader --lang {} selftest {}` and "
                                "give it the phrase of its report ({{en: ..., {}: "
                                "...}})",
                                language, exercise_id, language, language, exercise_id, language))
            .what());
  }
  return missing;
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

/// Refuses anything in `dir` but mistake.yaml: a mistake is edits of the
/// model answer, and a copy beside them would drift from it unseen.
void check_only_yaml(const fs::path& dir, const ExerciseSpec& exercise, const fs::path& root) {
  const std::vector<std::string>& students = exercise.student_files;
  for (const fs::directory_entry& entry : entries_of(dir)) {
    std::string name = entry.path().filename().string();
    if (name == "mistake.yaml") continue;
    if (std::find(students.begin(), students.end(), name) != students.end()) {
      throw ConfigError({display(entry.path(), root)},
                        fmt::format("a mistake holds no copy of a student file: write its change "
                                    "as 'edits:' of solutions/{}/{} in mistake.yaml, then remove "
                                    "the copy",
                                    exercise.id, name));
    }
    throw ConfigError({display(entry.path(), root)},
                      "a mistake folder holds only its mistake.yaml (the change goes in its "
                      "'edits:'): remove this");
  }
}

/// Refuses an edit of a student file the model answer lacks, at the edit.
void refuse_edits_of_missing(const YamlMapReader& map, const YAML::Node& edits,
                             const ExerciseSpec& exercise, const fs::path& folder) {
  if (!edits.IsSequence()) return;  // read_edits says what is wrong with it
  const std::vector<std::string>& names = exercise.student_files;
  for (const YAML::Node& edit : edits) {
    const YAML::Node file = edit.IsMap() ? edit["file"] : YAML::Node();
    if (!file || !file.IsScalar() || fs::is_regular_file(folder / file.Scalar())) continue;
    if (std::find(names.begin(), names.end(), file.Scalar()) == names.end()) continue;
    map.fail_at(file, fmt::format("no model answer solutions/{}/{} to edit (write it first)",
                                  exercise.id, file.Scalar()));
  }
}

/// The model answer's student files that exist: a mistake that does not edit
/// a missing one still loads (validate names the missing model answer itself).
SourceFiles model_answer(const YamlMapReader& map, const YAML::Node& edits,
                         const ExerciseSpec& exercise, const fs::path& root) {
  const fs::path folder = root / "solutions" / exercise.id;
  refuse_edits_of_missing(map, edits, exercise, folder);
  std::vector<std::string> present;
  for (const std::string& name : exercise.student_files) {
    if (fs::is_regular_file(folder / name)) present.push_back(name);
  }
  return read_source_files(folder, present);
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
  check_only_yaml(dir, exercise, course.root);
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
  const auto phrases = read_feedback(map, root["feedback"], course);
  mistake.feedback = chosen_phrases(phrases, course);
  mistake.untranslated = untranslated_feedback(map, phrases, course, exercise.id);
  mistake.edits = read_edits(map, "edits", model_answer(map, root["edits"], exercise, course.root));
  mistake.files = edited_files(mistake.edits);
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
