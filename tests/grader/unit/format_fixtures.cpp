#include "format_fixtures.hpp"

#include <utility>

namespace grader::format_fixtures {
namespace {

using std::chrono::milliseconds;

TestGrade test(std::string id, Outcome outcome, double max_score, int duration_ms = 20) {
  TestGrade grade;
  grade.id = std::move(id);
  grade.outcome = outcome;
  grade.max_score = max_score;
  grade.score = outcome == Outcome::passed ? max_score : 0;
  const bool ran = outcome != Outcome::build_failed && outcome != Outcome::not_run;
  grade.trials_total = ran ? 1 : 0;
  grade.trials_passed = outcome == Outcome::passed ? 1 : 0;
  grade.duration = milliseconds(ran ? duration_ms : 0);
  if (ran) grade.rerun = "./lab check pipe_ping_pong --test " + grade.id;
  if (ran)
    grade.host_rerun = "kit/pipe_ping_pong_harness --gtest_filter=pipe_ping_pong." + grade.id;
  return grade;
}

/// Adds up the points of each exercise and of the report.
GradeReport totalled(GradeReport report) {
  report.score = report.max_score = 0;
  for (ExerciseGrade& exercise : report.exercises) {
    exercise.score = exercise.build.score;
    exercise.max_score = exercise.build.max_score;
    for (const TestGrade& t : exercise.tests) {
      exercise.score += t.score;
      exercise.max_score += t.max_score;
    }
    report.score += exercise.score;
    report.max_score += exercise.max_score;
  }
  return report;
}

ExerciseGrade pipes(Outcome split, Outcome game, Outcome cloexec) {
  ExerciseGrade exercise{"pipe_ping_pong", "Ping-pong over pipes", 0, 0, {}, {}};
  exercise.build = {true, 1, 1, {}, "", {}};
  exercise.tests.push_back(test("wire_format", Outcome::passed, 2, 12));
  exercise.tests.push_back(test("recv_split_frames", split, 2, 85));
  exercise.tests.push_back(test("ping_pong_game", game, 3, 6420));
  exercise.tests.back().trials_total = 3;
  exercise.tests.back().trials_passed = game == Outcome::passed ? 3 : 2;
  exercise.tests.push_back(test("close_on_exec", cloexec, 1.5, 1340));
  exercise.tests.back().visibility = Visibility::hidden;
  return exercise;
}

ExerciseGrade ring(bool builds) {
  ExerciseGrade exercise{"shm_ring_buffer", "A ring buffer in shared memory", 0, 0, {}, {}};
  exercise.build = {builds, builds ? 1.0 : 0.0, 1, {}, "", {}};
  const Outcome outcome = builds ? Outcome::passed : Outcome::build_failed;
  exercise.tests = {test("push_then_pop", outcome, 2), test("wraps_around", outcome, 3)};
  return exercise;
}

GradeReport report_of(std::vector<ExerciseGrade> exercises) {
  GradeReport report;
  report.course = "IPC Lab";
  report.submission = "submissions/ana";
  report.sandbox = "namespaces + rlimits";
  report.hidden_included = true;
  report.exercises = std::move(exercises);
  return totalled(report);
}

StudentGrade graded(std::string student, GradeReport report) {
  return {std::move(student), std::move(report), "", "sha256:0"};
}

}  // namespace

Course course() {
  Course course;
  course.name = "IPC Lab";
  ExerciseSpec pipes{"pipe_ping_pong", "Ping-pong over pipes", "", {"connection.cpp"}, 1, {}, {}};
  pipes.tests = {{"wire_format", 2},
                 {"recv_split_frames", 2},
                 {"ping_pong_game", 3},
                 {"close_on_exec", 1.5, Visibility::hidden}};
  ExerciseSpec ring{
      "shm_ring_buffer", "A ring buffer in shared memory", "", {"ring_buffer.cpp"}, 1, {}, {}};
  ring.tests = {{"push_then_pop", 2}, {"wraps_around", 3}};
  course.exercises = {pipes, ring};
  return course;
}

GradeReport mixed_report() {
  ExerciseGrade first = pipes(Outcome::crashed, Outcome::timed_out, Outcome::failed);
  TestGrade& split = first.tests[1];
  split.message =
      "AddressSanitizer: heap-buffer-overflow\n"
      "    #0 in recv_frame pipe_ping_pong/connection.cpp:42:7\n";
  split.hint = "read() may return fewer bytes than asked for.";
  split.notes = {"left running: pong (pid 4243), killed"};
  first.tests[2].message = "trial 3 did not finish within 2 s";
  first.tests[2].hint = "Send each ping only after the previous pong has arrived.";
  first.tests[3].message = "hidden input: secret-frame-0xCAFE";
  first.tests[3].hint = "Open every descriptor with O_CLOEXEC.";

  ExerciseGrade second = ring(false);
  second.build.diagnostics = {
      {"shm_ring_buffer/ring_buffer.cpp", 27, 5, "error", "'sem_wait' was not declared"},
      {"shm_ring_buffer/ring_buffer.cpp", 30, 1, "warning", "unused variable 'slot'"}};
  second.build.notes = {"ring_buffer.hpp was missing: graded the starter file"};
  second.tests.push_back(test("unresolved_one", Outcome::unresolved, 1));
  second.tests.back().message = "the harness exited without writing a result (exit status 70)";
  second.tests.push_back(test("not_run_one", Outcome::not_run, 1));
  second.tests.back().message = "not run: the time for the whole run was up";
  return report_of({first, second});
}

GradeReport perfect_report() {
  return report_of({pipes(Outcome::passed, Outcome::passed, Outcome::passed), ring(true)});
}

GradeReport nasty_report() {
  GradeReport report = mixed_report();
  report.course = "IPC <Lab> & \"friends\" 'n' ::co,urse %0A";
  report.submission = "=cmd|' /C calc'!A0";
  report.sandbox = "none\n::add-mask::x";
  TestGrade& split = report.exercises[0].tests[1];
  split.message = kInjection + "\n</failure>]]><script>alert(1)</script>\n```\n| a | b |\n# h\n" +
                  "bell\x07 esc\x1b[2J bad\xff\xfe utf8 héllo — ✓ 日本";
  split.hint = "use `read` & <loop> | *emphasis* [link](http://x)";
  split.notes = {"note with ::error::inside and %25 and\nnewline"};
  report.exercises[0].title = "Ping <pong> & \"pipes\"";
  report.exercises[1].build.diagnostics[0].message = "expected ';' before '}'\n::error::x";
  report.exercises[1].build.diagnostics[0].file = "shm_ring_buffer/ring,buf:fer.cpp";
  return report;
}

ClassGrades sample_class() {
  ClassGrades grades;
  grades.course = "IPC Lab";
  grades.sandbox = "namespaces + rlimits";
  GradeReport partial =
      report_of({pipes(Outcome::failed, Outcome::passed, Outcome::passed), ring(true)});
  GradeReport broken =
      report_of({pipes(Outcome::failed, Outcome::failed, Outcome::failed), ring(false)});
  GradeReport flaky =
      report_of({pipes(Outcome::passed, Outcome::timed_out, Outcome::passed), ring(true)});
  grades.students = {
      graded("=HYPERLINK(\"http://evil\")", partial),
      graded("ana", perfect_report()),
      graded("bo <script>alert(1)</script>", broken),
      graded("chen", flaky),
      {"dmitri", std::nullopt, "submissions/dmitri.zip: not a zip archive (bad header)", ""},
      graded("eve", mixed_report()),
      graded("Zoë, \"the\" Ångström", perfect_report()),
  };
  grades.unstable = {{"ana", "pipe_ping_pong", "ping_pong_game", "timed_out", "passed"}};
  return grades;
}

ClassGrades empty_class() {
  ClassGrades grades;
  grades.course = "IPC Lab";
  grades.sandbox = "namespaces + rlimits";
  return grades;
}

namespace {

const char* const kLargeExercises[] = {"producer_consumer",         "pipe_ping_pong",
                                       "locked_shared_counter",     "event_barrier",
                                       "manager_results_collector", "serialization"};

std::string large_test_id(int index) {
  return index == 0 ? "the_consumers_each_receive_exactly_one_sentinel_and_stop_cleanly"
                    : "behaviour_number_" + std::to_string(index) + "_holds_under_load";
}

/// Student `s`'s grade in exercise `e` of large_course(): varied, reproducible.
ExerciseGrade large_exercise(const ExerciseSpec& spec, int s, int e) {
  ExerciseGrade exercise{spec.id, spec.title, 0, 0, {true, 1, 1, {}, "", {}}, {}};
  for (std::size_t t = 0; t < spec.tests.size(); ++t) {
    const int pick = (s * 7 + e * 3 + static_cast<int>(t) * 5) % 11;
    const Outcome outcome = pick < 6    ? Outcome::passed
                            : pick < 8  ? Outcome::failed
                            : pick < 10 ? Outcome::timed_out
                                        : Outcome::crashed;
    exercise.tests.push_back(test(spec.tests[t].id, outcome, spec.tests[t].points));
    if (outcome == Outcome::timed_out) exercise.tests.back().message = "did not finish within 5 s";
    if (outcome == Outcome::failed) exercise.tests.back().message = "expected 100 items, got 99";
  }
  return exercise;
}

}  // namespace

Course large_course() {
  Course course;
  course.name = "IPC Lab — Inter-process communication, winter term";
  for (const char* id : kLargeExercises) {
    ExerciseSpec exercise{id, std::string("The exercise ") + id, "", {"a.cpp"}, 1, {}, {}};
    for (int t = 0; t < 16; ++t)
      exercise.tests.push_back(
          {large_test_id(t), 1.5, t == 15 ? Visibility::hidden : Visibility::visible});
    course.exercises.push_back(exercise);
  }
  return course;
}

ClassGrades large_class() {
  const Course course = large_course();
  ClassGrades grades = empty_class();
  for (int s = 0; s < 40; ++s) {
    std::vector<ExerciseGrade> exercises;
    for (std::size_t e = 0; e < course.exercises.size(); ++e)
      exercises.push_back(large_exercise(course.exercises[e], s, static_cast<int>(e)));
    std::string name = "student_" + std::to_string(s);
    if (s % 9 == 0)
      name = "Maximiliana Konstantinopoulou-Vanderbergh, section " + std::to_string(s);
    grades.students.push_back(graded(name, report_of(exercises)));
  }
  grades.students[7].report.reset();
  grades.students[7].error = "student_7.zip: not a zip archive (bad header)";
  return grades;
}

}  // namespace grader::format_fixtures
