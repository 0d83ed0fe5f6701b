#pragma once
// The figures of a mutation run, per exercise, as text and as the JSON the
// issue fixes: {"mutants": {"<exercise>": {"generated", "killed",
// "equivalent", "survived", "survivors": [{"file", "line", "operator",
// "diff"}]}}}, plus "stillborn", "errors", "kill_rate" and the run's record.

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "selftest/mutant_runner.hpp"

namespace grader {

/// The goal: this share of the mutants that compile and are not equivalent
/// killed, out of at least kMinimumMutants generated.
inline constexpr double kKillGoal = 0.9;
inline constexpr std::size_t kMinimumMutants = 40;

struct ExerciseMutation {
  std::string exercise_id;
  std::size_t generated = 0;   ///< made by the generator (the sample's size with --sample)
  std::size_t equivalent = 0;  ///< listed in equivalent.yaml, not graded
  std::vector<MutantResult> results;
  std::map<std::string, std::string> model_files;  ///< the model answer: file -> content

  std::size_t count(MutantVerdict verdict) const;
  /// killed / (killed + survived); 1 when nothing was judged.
  double kill_rate() const;
  /// The kill rate reaches kKillGoal, nothing is an error, and (unless
  /// `sampled`) at least kMinimumMutants were generated.
  bool meets_goal(bool sampled) const;
};

/// Where and when the figures were made, for the committed record.
struct MutationRecord {
  std::string commit;
  std::string machine;
  std::string load;        ///< the load average when the run started
  std::string date;        ///< UTC, ISO 8601
  std::size_t sample = 0;  ///< mutants per exercise with --sample; 0: all
  std::uint32_t seed = 0;
};

/// The JSON of the run.
nlohmann::json mutation_json(const std::vector<ExerciseMutation>& exercises,
                             const MutationRecord& record);

/// The survivors of an earlier run's JSON, one key per survivor: what
/// survivor_key() gives for the same mutant.
std::set<std::string> survivor_keys(const nlohmann::json& earlier);

/// `text`'s lines, each after `indent` and ending in a newline.
std::string indented(const std::string& text, const std::string& indent);

/// survivor_keys() of the --json FILE an earlier run wrote (--survivors-of).
/// Throws GraderError when it cannot be read or is not that JSON.
std::set<std::string> survivors_in_file(const std::string& path);

/// "<exercise> <file>:<line> <operator>\n<diff>": `mutant` (of the model
/// file `model_text`) as survivor_keys() names it.
std::string survivor_key(const Mutant& mutant, const std::string& model_text);

/// One line per exercise, then each survivor, stillborn mutant and error with its diff.
void write_mutation_report(const std::vector<ExerciseMutation>& exercises, bool sampled,
                           std::ostream& out);

}  // namespace grader
