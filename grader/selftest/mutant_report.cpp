#include "selftest/mutant_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "config/edit_reader.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

nlohmann::json mutant_json(const MutantResult& result, const std::string& model_text) {
  nlohmann::json json{{"file", result.mutant.edit.file},
                      {"line", result.mutant.line},
                      {"operator", result.mutant.op},
                      {"diff", edit_diff(model_text, result.mutant.edit)}};
  if (!result.outcome.detail.empty()) json["detail"] = result.outcome.detail;
  return json;
}

}  // namespace

std::string indented(const std::string& text, const std::string& indent) {
  std::istringstream lines(text);
  std::string out;
  for (std::string line; std::getline(lines, line);)
    out += indent + line + "\n";
  return out;
}

std::size_t ExerciseMutation::count(MutantVerdict verdict) const {
  return static_cast<std::size_t>(std::count_if(
      results.begin(), results.end(),
      [verdict](const MutantResult& result) { return result.outcome.verdict == verdict; }));
}

double ExerciseMutation::kill_rate() const {
  const std::size_t killed = count(MutantVerdict::killed);
  const std::size_t judged = killed + count(MutantVerdict::survived);
  return judged == 0 ? 1.0 : static_cast<double>(killed) / static_cast<double>(judged);
}

bool ExerciseMutation::meets_goal(bool sampled) const {
  return kill_rate() >= kKillGoal && count(MutantVerdict::error) == 0 &&
         (sampled || generated >= kMinimumMutants);
}

nlohmann::json mutation_json(const std::vector<ExerciseMutation>& exercises,
                             const MutationRecord& record) {
  nlohmann::json mutants = nlohmann::json::object();
  for (const ExerciseMutation& exercise : exercises) {
    nlohmann::json lists{{"survivors", nlohmann::json::array()},
                         {"stillborn_mutants", nlohmann::json::array()},
                         {"error_mutants", nlohmann::json::array()}};
    for (const MutantResult& result : exercise.results) {
      const char* list = result.outcome.verdict == MutantVerdict::survived    ? "survivors"
                         : result.outcome.verdict == MutantVerdict::stillborn ? "stillborn_mutants"
                         : result.outcome.verdict == MutantVerdict::error     ? "error_mutants"
                                                                              : nullptr;
      if (list)
        lists[list].push_back(
            mutant_json(result, exercise.model_files.at(result.mutant.edit.file)));
    }
    mutants[exercise.exercise_id] = {{"generated", exercise.generated},
                                     {"killed", exercise.count(MutantVerdict::killed)},
                                     {"equivalent", exercise.equivalent},
                                     {"survived", exercise.count(MutantVerdict::survived)},
                                     {"stillborn", exercise.count(MutantVerdict::stillborn)},
                                     {"errors", exercise.count(MutantVerdict::error)},
                                     {"kill_rate", std::round(exercise.kill_rate() * 1000) / 1000},
                                     {"survivors", lists["survivors"]},
                                     {"stillborn_mutants", lists["stillborn_mutants"]},
                                     {"error_mutants", lists["error_mutants"]}};
  }
  nlohmann::json json{{"mutants", mutants},
                      {"commit", record.commit},
                      {"machine", record.machine},
                      {"load", record.load},
                      {"date", record.date},
                      {"goal", {{"kill_rate", kKillGoal}, {"minimum_mutants", kMinimumMutants}}}};
  if (record.sample > 0) json["sample"] = {{"per_exercise", record.sample}, {"seed", record.seed}};
  return json;
}

void write_mutation_report(const std::vector<ExerciseMutation>& exercises, bool sampled,
                           std::ostream& out) {
  for (const ExerciseMutation& exercise : exercises) {
    out << fmt::format(
        "{}  {} mutants: {} killed, {} survived, {} equivalent, {} stillborn, {} errors -- {:.0f}% "
        "killed: {}\n",
        exercise.exercise_id, exercise.generated, exercise.count(MutantVerdict::killed),
        exercise.count(MutantVerdict::survived), exercise.equivalent,
        exercise.count(MutantVerdict::stillborn), exercise.count(MutantVerdict::error),
        exercise.kill_rate() * 100, exercise.meets_goal(sampled) ? "ok" : "BELOW THE GOAL");
    for (const MutantResult& result : exercise.results) {
      if (result.outcome.verdict == MutantVerdict::killed) continue;
      out << fmt::format("  {} {}{}\n", to_string(result.outcome.verdict), result.mutant.name(),
                         result.outcome.detail.empty() ? "" : " (" + result.outcome.detail + ")");
      out << indented(
          edit_diff(exercise.model_files.at(result.mutant.edit.file), result.mutant.edit),
          "      ");
    }
  }
  out << fmt::format("goal: >= {:.0f}% of the non-equivalent mutants that compile killed{}\n",
                     kKillGoal * 100,
                     sampled ? " (a sample)" : fmt::format(", >= {} mutants", kMinimumMutants));
}

std::string survivor_key(const Mutant& mutant, const std::string& model_text) {
  return fmt::format("{} {}:{} {}\n{}", mutant.exercise_id, mutant.edit.file, mutant.line,
                     mutant.op, edit_diff(model_text, mutant.edit));
}

std::set<std::string> survivor_keys(const nlohmann::json& earlier) {
  std::set<std::string> keys;
  for (const auto& [exercise, figures] : earlier.at("mutants").items()) {
    for (const nlohmann::json& survivor : figures.at("survivors")) {
      keys.insert(fmt::format("{} {}:{} {}\n{}", exercise, survivor.at("file").get<std::string>(),
                              survivor.at("line").get<int>(),
                              survivor.at("operator").get<std::string>(),
                              survivor.at("diff").get<std::string>()));
    }
  }
  return keys;
}

std::set<std::string> survivors_in_file(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw GraderError("cannot read " + path + " (--survivors-of: an earlier run's --json file)");
  try {
    return survivor_keys(nlohmann::json::parse(in));
  } catch (const nlohmann::json::exception& e) {  // the grader's error, naming the file
    throw GraderError(path + " is not the JSON of grader selftest --mutants: " + e.what());
  }
}

}  // namespace grader
