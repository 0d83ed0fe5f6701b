#include "config/contract_loader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "config/config_error.hpp"
#include "config/suggest.hpp"
#include "config/yaml_file.hpp"
#include "config/yaml_map_reader.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

const MapShape kContractShape{"the file", {"header", "clauses"}, {"header", "clauses"}};
const MapShape kClauseShape{"clause", {"id", "text", "tests"}, {"id", "text", "tests"}};

const ExerciseSpec& exercise_of(const fs::path& file, const std::string& display,
                                const Course& course) {
  std::string id = file.stem().string();
  if (const ExerciseSpec* exercise = course.find(id)) return *exercise;
  std::vector<std::string> ids;
  for (const ExerciseSpec& exercise : course.exercises)
    ids.push_back(exercise.id);
  throw ConfigError({display}, fmt::format("no exercise '{}' in the course{} (a contract table is "
                                           "named after its exercise)",
                                           id, alternatives(id, ids, "exercises")));
}

std::string read_header(const YamlMapReader& map, const ExerciseSpec& exercise,
                        const Course& course) {
  std::string header = *map.string("header");
  if (header.empty() || header.find('/') != std::string::npos ||
      !fs::is_regular_file(course.root / "exercises" / exercise.id / header)) {
    map.fail("header", fmt::format("'{}' is not a file in exercises/{}/ (name the provided header "
                                   "this table lists, e.g. '{}.hpp')",
                                   header, exercise.id, exercise.id));
  }
  return header;
}

std::vector<ContractTest> read_tests(const YamlMapReader& map) {
  std::vector<ContractTest> tests;
  // A local: a range-for over *temporary would outlive the optional it reads.
  const std::optional<YAML::Node> items = map.sequence("tests");
  for (const YAML::Node& item : *items) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      map.fail_at(item, "'tests' must hold test ids, got " + describe(item));
    }
    tests.push_back({item.Scalar(), location_of(item, map.file())});
  }
  return tests;
}

ContractClause read_clause(const YamlMapReader& map) {
  ContractClause clause;
  clause.id = *map.string("id");
  if (!is_identifier(clause.id)) {
    map.fail("id", fmt::format("clause id '{}' must be a lowercase letter followed by lowercase "
                               "letters, digits or '_'",
                               clause.id));
  }
  clause.text = *map.string("text");
  if (clause.text.empty()) map.fail("text", "'text' must not be empty");
  clause.tests = read_tests(map);
  clause.where = map.where("id");
  return clause;
}

std::vector<ContractClause> read_clauses(const YamlMapReader& map) {
  std::vector<ContractClause> clauses;
  UniqueIds ids;
  const std::optional<YAML::Node> nodes = map.list("clauses");  // outlives the loop
  for (const YAML::Node& node : *nodes) {
    YamlMapReader clause_map(node, kClauseShape, map.file());
    ContractClause clause = read_clause(clause_map);
    ids.add(clause_map, clause.id, "clause id");
    clauses.push_back(std::move(clause));
  }
  return clauses;
}

}  // namespace

ContractSpec load_contract(const fs::path& file, const Course& course) {
  std::string display = "tests/contracts/" + file.filename().string();
  const ExerciseSpec& exercise = exercise_of(file, display, course);
  YamlMapReader map(load_yaml_file(file, display), kContractShape, display);
  ContractSpec contract;
  contract.exercise_id = exercise.id;
  contract.header = read_header(map, exercise, course);
  contract.clauses = read_clauses(map);
  contract.where = {display};
  return contract;
}

std::vector<ContractSpec> load_contracts(const Course& course) {
  std::vector<ContractSpec> contracts;
  fs::path folder = course.root / "tests" / "contracts";
  if (!fs::is_directory(folder)) return contracts;
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files)
    contracts.push_back(load_contract(file, course));
  return contracts;
}

}  // namespace grader
