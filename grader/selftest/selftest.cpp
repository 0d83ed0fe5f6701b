#include "selftest/selftest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <sstream>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "report/report_text.hpp"
#include "selftest/mistake_runner.hpp"
#include "selftest/repeat_check.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::i18n::tr;
using ipclab::i18n::tr_later;

std::string points(double value) {
  return fmt::format("{:g}", value);
}

/// The tests of `exercise` that did not pass, one line each.
std::string non_passing(const ExerciseGrade& exercise) {
  std::string text;
  if (!exercise.build.ok) text += "  " + std::string(tr("build failed")) + "\n";
  for (const TestGrade& test : exercise.tests) {
    if (test.outcome == Outcome::passed) continue;
    text +=
        fmt::format("  {} {}: {}\n", test.id, to_string(test.outcome), first_line(test.message));
  }
  return text;
}

std::vector<std::string> chosen(const Course& course, const std::vector<std::string>& ids) {
  if (!ids.empty()) return ids;
  std::vector<std::string> all;
  for (const ExerciseSpec& e : course.exercises)
    all.push_back(e.id);
  return all;
}

/// Where the groups are graded, how many tests (or mistakes) at once, and
/// who is told.
struct SelftestSettings {
  fs::path work_dir;
  int jobs = 1;
  ProgressSink progress;
};

/// The model answers of `ids`, hidden tests included.
GradeReport grade_solutions(GradingSession& session, const Course& course,
                            const std::vector<std::string>& ids, const SelftestSettings& settings) {
  Submission solutions = submission_folder(course.root / "solutions");
  solutions.label = tr("model answers (solutions/)");
  return session.grade({solutions,
                        {ids, {}, true},
                        Workspace{settings.work_dir / "selftest-solutions"},
                        settings.jobs},
                       settings.progress);
}

void check_solutions(GradingSession& session, const Course& course,
                     const std::vector<std::string>& ids, const SelftestSettings& settings,
                     SelftestReport& report) {
  GradeReport grade = grade_solutions(session, course, ids, settings);
  for (const ExerciseGrade& exercise : grade.exercises) {
    bool full = exercise.score == exercise.max_score && exercise.build.ok;
    report.checks.push_back(
        {tr_later("model answers"), exercise.id, full,
         fmt::format("{}/{}\n{}", points(exercise.score), points(exercise.max_score),
                     full ? "" : non_passing(exercise))});
  }
}

void check_stubs(GradingSession& session, const Course& course, const std::vector<std::string>& ids,
                 const SelftestSettings& settings, SelftestReport& report) {
  Submission stubs = working_copy(course);
  stubs.label = tr("starter files (exercises/)");
  GradeReport grade = session.grade(
      {stubs, {ids, {}, true}, Workspace{settings.work_dir / "selftest-starter"}, settings.jobs},
      settings.progress);
  for (const ExerciseGrade& exercise : grade.exercises) {
    std::string passed;
    for (const TestGrade& test : exercise.tests) {
      if (test.outcome == Outcome::passed)
        passed += "  " + test.id + " " + outcome_words(test.outcome) + "\n";
    }
    bool ok = exercise.build.ok && passed.empty() && exercise.score == exercise.build.max_score;
    const std::string build =
        exercise.build.ok ? "" : "  " + std::string(tr("build failed")) + "\n";
    report.checks.push_back({tr_later("starter files"), exercise.id, ok,
                             fmt::format(fmt::runtime(tr("{}/{} (build points only expected)")),
                                         points(exercise.score), points(exercise.max_score)) +
                                 "\n" + build + passed});
  }
}

}  // namespace

std::string missing_feedback(const MistakeSpec& mistake, const TestGrade& test) {
  if (mistake.feedback.empty()) {
    return "  states no cause its feedback must name: add `feedback:` to its mistake.yaml\n";
  }
  const std::string feedback = test.message + "\n" + test.hint;
  std::string missing;
  for (const std::string& phrase : mistake.feedback) {
    if (feedback.find(phrase) != std::string::npos) continue;
    missing +=
        fmt::format("  feedback does not mention '{}': {}\n", phrase, first_line(test.message));
  }
  return missing;
}

SelftestCheck judge_mistake(const MistakeSpec& mistake, const GradeReport& grade) {
  SelftestCheck check{tr_later("mistakes"), mistake.exercise_id + "/" + mistake.name, true, ""};
  if (grade.exercises.empty())
    return {check.group, check.name, false, "  " + std::string(tr("not graded")) + "\n"};
  const ExerciseGrade& exercise = grade.exercises.front();
  if (!exercise.build.ok) {
    return {check.group, check.name, false,
            "  " + std::string(tr("the mistake does not compile")) + "\n"};
  }
  for (const std::string& id : mistake.fails) {
    auto it = std::find_if(exercise.tests.begin(), exercise.tests.end(),
                           [&](const TestGrade& t) { return t.id == id; });
    if (it == exercise.tests.end()) continue;
    bool caught = it->outcome != Outcome::passed && it->outcome != Outcome::unresolved;
    check.ok = check.ok && caught;
    check.detail +=
        fmt::format("  {} {}{}\n", id, to_string(it->outcome),
                    caught ? "" : std::string(" -- ") + tr("expected this test to fail"));
    if (id != mistake.fails.front()) continue;
    const std::string missing = missing_feedback(mistake, *it);
    check.ok = check.ok && missing.empty();
    check.detail += missing;
  }
  return check;
}

namespace {

void check_mistakes(GradingSession& session, const Course& course,
                    const std::vector<MistakeSpec>& mistakes, const std::vector<std::string>& ids,
                    const SelftestSettings& settings, SelftestReport& report) {
  std::vector<MistakeSpec> chosen_mistakes;
  for (const MistakeSpec& mistake : mistakes) {
    if (std::find(ids.begin(), ids.end(), mistake.exercise_id) != ids.end())
      chosen_mistakes.push_back(mistake);
  }
  MistakeSlots slots(settings.work_dir / "selftest-mistakes", settings.jobs);
  auto grade = [&](const MistakeSpec& mistake, const GradingPhase& phase, const fs::path& slot) {
    Submission submission = submission_folder(MistakeSlots::submission_of(slot));
    submission.label =
        fmt::format(fmt::runtime(tr("mistake {}/{}")), mistake.exercise_id, mistake.name);
    return session.grade({submission, phase.selection, Workspace{slot}}, {});
  };
  auto started = [&](const MistakeSpec& mistake, bool exclusive) {
    if (settings.progress && !exclusive)
      settings.progress("mistake " + mistake.exercise_id + "/" + mistake.name);
  };
  const std::vector<GradeReport> grades =
      grade_mistakes(course, chosen_mistakes, settings.jobs, slots, grade, started);
  for (std::size_t i = 0; i < chosen_mistakes.size(); ++i)
    report.checks.push_back(judge_mistake(chosen_mistakes[i], grades[i]));
}

}  // namespace

bool SelftestReport::ok() const {
  return std::all_of(checks.begin(), checks.end(), [](const SelftestCheck& c) { return c.ok; });
}

SelftestReport run_selftest(GradingSession& session, const Course& course,
                            const std::vector<MistakeSpec>& mistakes,
                            const std::vector<std::string>& exercise_ids, const fs::path& work_dir,
                            const ProgressSink& progress, int jobs) {
  std::vector<std::string> ids = chosen(course, exercise_ids);
  const SelftestSettings settings{work_dir, std::max(jobs, 1), progress};
  SelftestReport report;
  check_solutions(session, course, ids, settings, report);
  check_stubs(session, course, ids, settings, report);
  check_mistakes(session, course, mistakes, ids, settings, report);
  return report;
}

SelftestReport run_repeated_selftest(GradingSession& session, const Course& course,
                                     const std::vector<std::string>& exercise_ids,
                                     const fs::path& work_dir, int runs,
                                     const ProgressSink& progress) {
  const std::vector<std::string> ids = chosen(course, exercise_ids);
  return check_repeated(runs, [&](int run) {
    if (progress)
      progress(fmt::format(fmt::runtime(tr("run {}/{} of the model answers")), run, runs));
    return grade_solutions(session, course, ids, {work_dir, 1, progress});
  });
}

void write_selftest_report(const SelftestReport& report, std::ostream& out) {
  std::string group;
  int passed = 0;
  for (const SelftestCheck& check : report.checks) {
    // The group is kept in English (a key); shown in the chosen language.
    if (check.group != group)
      out << (group.empty() ? "" : "\n") << tr((group = check.group).c_str()) << ":\n";
    out << fmt::format("  {:<6}", check.ok ? tr("ok") : tr("FAIL")) << check.name << "\n";
    std::istringstream details(check.detail);
    for (std::string line; std::getline(details, line);) {
      if (!line.empty()) out << "        " << line.substr(line.find_first_not_of(' ')) << "\n";
    }
    passed += check.ok ? 1 : 0;
  }
  out << "\nselftest: "
      << fmt::format(fmt::runtime(tr("{}/{} checks passed")), passed, report.checks.size()) << "\n";
}

}  // namespace grader
