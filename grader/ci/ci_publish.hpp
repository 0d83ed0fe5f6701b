#pragma once
// The result of `grader ci`, published the way CI systems read it: the
// console report (fenced from workflow commands) and GitHub annotations on
// stdout, JUnit and Gradescope files, the job's step summary and outputs.

#include <ostream>
#include <string>

#include "ci/github_environment.hpp"
#include "ci/pull_request.hpp"
#include "model/grade_report.hpp"

namespace grader {

/// The files --junit and --gradescope name (empty: not written).
struct CiFiles {
  std::string junit;
  std::string gradescope;
  std::string gradescope_hidden_tests;  ///< the course's gradescope_hidden_tests
};

/// On `log`: that the pull request was graded without --base, or each file
/// changed outside the student files.
void warn_about_changes(const PullRequest& pr, std::ostream& log);

/// The step summary's section on changes outside the student files ("" when
/// there are none).
std::string changes_markdown(const PullRequest& pr);

/// Writes `report` to `out` (stdout) and to every place `files` and `github`
/// name; hidden tests keep their messages hidden everywhere but Gradescope's
/// file. Throws GraderError when a file cannot be written.
void publish_ci_results(const GradeReport& report, const PullRequest& pr, const CiFiles& files,
                        const GithubEnvironment& github, std::ostream& out);

}  // namespace grader
