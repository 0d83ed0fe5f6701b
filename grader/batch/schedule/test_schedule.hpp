#pragma once
// Which tests of a batch run alone. Timing-sensitive tests are graded with
// nothing else running: next to other students' builds and tests, a race
// hides or shows at random and a measured time means nothing.
//
// A test is exclusive when assignments.yaml says `exclusive: true`, when it
// has trials > 1 (it is repeated because it looks for races), or when its id
// contains "speed", "throughput" or "latency".
//
// Each student is graded in up to two phases: the shared phase builds every
// selected exercise and runs the other tests, in parallel with other
// students; the exclusive phase runs the exclusive tests, alone.

#include <vector>

#include "model/course.hpp"
#include "model/grade_report.hpp"
#include "model/selection.hpp"

namespace grader {

// is_exclusive(), the rule above, lives in plan/run_plan.hpp: `grader check`
// keeps those tests apart from its other tests by the same rule.

struct GradingPhase {
  Selection selection;
  bool exclusive = false;
};

/// The phases that grade `selection`, shared first; a phase with no test is
/// left out (but there is always one, which builds).
std::vector<GradingPhase> plan_phases(const Course& course, const Selection& selection);

/// The report of `selection` from the reports of its phases (in order): each
/// test taken from the phase that ran it, builds from the first, tests in
/// course order, scores summed.
GradeReport merge_phase_reports(const Course& course, const std::vector<GradeReport>& parts);

}  // namespace grader
