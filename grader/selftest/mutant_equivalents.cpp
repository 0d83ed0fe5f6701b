#include "selftest/mutant_equivalents.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/config_error.hpp"
#include "config/edit_reader.hpp"
#include "config/yaml_file.hpp"
#include "config/yaml_map_reader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const MapShape kFileShape{"the file", {"equivalent"}, {"equivalent"}};
const MapShape kEntryShape{"the equivalent mutant", {"reason", "edits"}, {"reason", "edits"}};

EquivalentMutant read_entry(const YamlMapReader& entry, const SourceFiles& base) {
  std::string reason = *entry.string("reason");
  if (reason.empty()) entry.fail("reason", "'reason' must say why no test can kill this mutant");
  std::vector<SourceEdit> edits = read_edits(entry, "edits", base);
  if (edits.size() != 1) entry.fail("edits", "a mutant is exactly one edit");
  return {edits.front(), reason, entry.where()};
}

}  // namespace

std::vector<EquivalentMutant> load_equivalent_mutants(const Course& course,
                                                      const ExerciseSpec& exercise) {
  const fs::path relative = fs::path("tests") / "mutants" / exercise.id / "equivalent.yaml";
  if (!fs::exists(course.root / relative)) return {};
  const YAML::Node root = load_yaml_file(course.root / relative, relative.string());
  YamlMapReader file(root, kFileShape, relative.string());
  const SourceFiles base =
      read_source_files(course.root / "solutions" / exercise.id, exercise.student_files);
  std::vector<EquivalentMutant> equivalents;
  const std::optional<YAML::Node> list = file.sequence("equivalent");  // kept: read below
  for (const YAML::Node& node : *list)
    equivalents.push_back(read_entry(YamlMapReader(node, kEntryShape, file.file()), base));
  return equivalents;
}

bool same_change(const Mutant& mutant, const EquivalentMutant& equivalent,
                 const std::map<std::string, std::string>& base) {
  if (mutant.edit.file != equivalent.edit.file) return false;
  const std::string& text = base.at(mutant.edit.file);
  return apply_edit(text, mutant.edit) == apply_edit(text, equivalent.edit);
}

std::vector<std::string> stale_equivalents(const std::vector<EquivalentMutant>& equivalents,
                                           const std::vector<Mutant>& mutants,
                                           const std::map<std::string, std::string>& base) {
  std::vector<std::string> problems;
  for (const EquivalentMutant& equivalent : equivalents) {
    bool made = std::any_of(mutants.begin(), mutants.end(), [&](const Mutant& mutant) {
      return same_change(mutant, equivalent, base);
    });
    if (made) continue;
    problems.push_back(ConfigError(equivalent.where,
                                   "the mutant generator no longer makes this mutant: remove the "
                                   "entry, or update its edit to the mutant it now makes")
                           .what());
  }
  return problems;
}

std::vector<std::string> equivalent_problems(
    const Course& course, const std::vector<std::string>& exercise_ids,
    const std::function<std::vector<Mutant>(const ExerciseSpec&)>& generate) {
  std::vector<std::string> problems;
  for (const std::string& id : exercise_ids) {
    const ExerciseSpec* exercise = course.find(id);
    if (exercise == nullptr) continue;
    try {
      std::vector<EquivalentMutant> equivalents = load_equivalent_mutants(course, *exercise);
      if (equivalents.empty() || !generate) continue;
      const SourceFiles base =
          read_source_files(course.root / "solutions" / id, exercise->student_files);
      for (std::string& problem : stale_equivalents(equivalents, generate(*exercise), base))
        problems.push_back(std::move(problem));
    } catch (const ConfigError& error) {
      problems.push_back(error.what());
    }
  }
  return problems;
}

}  // namespace grader
