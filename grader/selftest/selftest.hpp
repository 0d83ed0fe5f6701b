#pragma once
// grader selftest: proof that the course grades what it claims. The model
// answers get full marks; the untouched starter files get nothing beyond the
// build points; every realistic mistake in tests/mistakes/ fails the tests it
// declares, with the feedback it declares.

#include <string>
#include <vector>

#include "config/mistake_loader.hpp"
#include "session/grading_session.hpp"

namespace grader {

struct SelftestCheck {
  std::string group;  ///< "model answers", "starter files", "mistakes"
  std::string name;   ///< "pipe_ping_pong", "pipe_ping_pong/no_framing"
  bool ok = false;
  std::string detail;  ///< what was seen, one or more lines
};

struct SelftestReport {
  std::vector<SelftestCheck> checks;
  bool ok() const;
};

/// Runs the three groups for `exercise_ids` (all when empty), one group
/// after the other. Builds go in `work_dir`/selftest-*. The model answers and
/// the starter files are each graded with `jobs` tests at once; the mistakes
/// `jobs` at a time (selftest/mistake_runner.hpp), in `jobs` workspaces each
/// reused from mistake to mistake, so a mistake costs an incremental build.
/// Exclusive tests run alone whatever `jobs`; the report is the same.
SelftestReport run_selftest(GradingSession& session, const Course& course,
                            const std::vector<MistakeSpec>& mistakes,
                            const std::vector<std::string>& exercise_ids,
                            const std::filesystem::path& work_dir, const ProgressSink& progress,
                            int jobs = 1);

/// --repeat: the model answers of `exercise_ids` (all when empty) graded
/// `runs` times in one workspace; one check per exercise that fails when a
/// test's outcome is not the same in every run (see repeat_check.hpp).
SelftestReport run_repeated_selftest(GradingSession& session, const Course& course,
                                     const std::vector<std::string>& exercise_ids,
                                     const std::filesystem::path& work_dir, int runs,
                                     const ProgressSink& progress);

/// "" when the feedback of `test` (its message and hint) names every phrase
/// `mistake` states; else one line per phrase it misses, or one saying the
/// mistake states none.
std::string missing_feedback(const MistakeSpec& mistake, const TestGrade& test);

/// One mistake's check: every test in `fails` did not pass (nor was
/// unresolved), and the first one's feedback names the stated cause.
SelftestCheck judge_mistake(const MistakeSpec& mistake, const GradeReport& grade);

/// The checks as text, one line per check plus indented details.
void write_selftest_report(const SelftestReport& report, std::ostream& out);

}  // namespace grader
