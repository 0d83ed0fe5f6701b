#include "plan/build_plan.hpp"

#include <gtest/gtest.h>

namespace grader {
namespace {

Course two_exercise_course() {
  Course course;
  course.root = "/course";
  course.name = "IPC Lab";
  course.exercises = {
      ExerciseSpec{.id = "pipe_ping_pong",
                   .title = "Pipe",
                   .student_files = {"connection.cpp", "ping_pong.cpp"}},
      ExerciseSpec{.id = "counter", .title = "Counter", .student_files = {"counter.cpp"}}};
  return course;
}

bool all_exist(const std::filesystem::path&) {
  return true;
}

TEST(PlanBuild, WorkingCopyIsCompiledInPlace) {
  Course course = two_exercise_course();
  BuildPlan plan =
      plan_build(course, working_copy(course), {"/work/wc"}, Selection{{"pipe_ping_pong"}},
                 Toolchain{"/usr/bin/cmake", "Ninja"}, all_exist);
  // Every student file is taken in through the intake, but not copied.
  ASSERT_EQ(plan.staged.size(), 3u);
  for (const StagedFile& file : plan.staged)
    EXPECT_EQ(file.to, "") << file.relative;
  EXPECT_EQ(plan.staged[0].root, "/course");
  EXPECT_EQ(plan.staged[0].relative, "exercises/pipe_ping_pong/connection.cpp");
  EXPECT_EQ(plan.staged[0].shown, "exercises/pipe_ping_pong/connection.cpp");
  EXPECT_EQ(plan.configure.to_shell(),
            "/usr/bin/cmake -S /course/cmake/workspace -B /work/wc/build -G Ninja "
            "-DIPCLAB_COURSE_DIR=/course -DIPCLAB_MANIFEST=/work/wc/manifest.cmake");
  ASSERT_EQ(plan.exercises.size(), 1u);
  EXPECT_EQ(plan.exercises[0].command.to_shell(),
            "/usr/bin/cmake --build /work/wc/build --target pipe_ping_pong_student");
  EXPECT_EQ(plan.exercises[0].driver, "/work/wc/build/pipe_ping_pong_student");
  EXPECT_FALSE(plan.exercises[0].sanitized_command) << "no test asks for a sanitizer build";
  EXPECT_EQ(plan.exercises[0].display_names.at("/course/exercises/pipe_ping_pong/connection.cpp"),
            "exercises/pipe_ping_pong/connection.cpp");
  EXPECT_EQ(plan.manifest,
            "# Written by the grader from assignments.yaml; do not edit.\n"
            "set(IPCLAB_EXERCISES pipe_ping_pong counter)\n"
            "set(IPCLAB_pipe_ping_pong_DIR \"/course/exercises/pipe_ping_pong\")\n"
            "set(IPCLAB_pipe_ping_pong_FILES \"connection.cpp\" \"ping_pong.cpp\")\n"
            "set(IPCLAB_counter_DIR \"/course/exercises/counter\")\n"
            "set(IPCLAB_counter_FILES \"counter.cpp\")\n");
}

TEST(PlanBuild, FolderSubmissionStagesOnlyStudentFilesAndFallsBackToStarters) {
  Course course = two_exercise_course();
  Submission submission{Submission::Kind::folder, "/subs/alice", "alice"};
  auto exists = [](const std::filesystem::path& p) {
    return p != "/subs/alice/pipe_ping_pong/ping_pong.cpp";
  };
  BuildPlan plan = plan_build(course, submission, {"/work/alice"}, {}, Toolchain{}, exists);
  ASSERT_EQ(plan.staged.size(), 3u);
  EXPECT_EQ(plan.staged[0].from, "/subs/alice/pipe_ping_pong/connection.cpp");
  EXPECT_EQ(plan.staged[0].to, "/work/alice/src/pipe_ping_pong/connection.cpp");
  EXPECT_TRUE(plan.staged[1].missing);
  EXPECT_EQ(plan.staged[1].from, "/course/exercises/pipe_ping_pong/ping_pong.cpp");
  EXPECT_EQ(plan.staged[0].root, "/subs/alice");
  EXPECT_EQ(plan.staged[0].shown, "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(plan.staged[1].root, "/course") << "the starter file, from the course";
  EXPECT_EQ(plan.staged[1].relative, "exercises/pipe_ping_pong/ping_pong.cpp");
  ASSERT_EQ(plan.exercises.size(), 2u);
  EXPECT_EQ(plan.exercises[0].notes,
            std::vector<std::string>{"pipe_ping_pong/ping_pong.cpp is not in the submission: "
                                     "graded the starter file"});
  EXPECT_EQ(plan.exercises[0].display_names.at("/work/alice/src/pipe_ping_pong/connection.cpp"),
            "pipe_ping_pong/connection.cpp");
}

TEST(PlanBuild, UnknownExerciseIsAnError) {
  Course course = two_exercise_course();
  EXPECT_THROW(
      plan_build(course, working_copy(course), {"/w"}, Selection{{"nope"}}, Toolchain{}, all_exist),
      std::runtime_error);
}

TEST(PlanBuild, TheSanitizerBuildOnlyWhenASelectedTestAsksForIt) {
  Course course = two_exercise_course();
  course.exercises[0].tests = {
      TestSpec{.id = "wire", .points = 1},
      TestSpec{.id = "fuzz", .points = 1, .visibility = Visibility::hidden, .sanitize = true}};
  auto plan_for = [&](const Selection& selection) {
    return plan_build(course, working_copy(course), {"/w"}, selection,
                      Toolchain{"/usr/bin/cmake", "Ninja"}, all_exist);
  };
  BuildPlan visible_only = plan_for(Selection{});
  EXPECT_FALSE(visible_only.exercises[0].sanitized_command) << "the hidden test is not selected";
  BuildPlan other_test = plan_for(Selection{{}, {"wire"}, true});
  EXPECT_FALSE(other_test.exercises[0].sanitized_command);
  BuildPlan with_hidden = plan_for(Selection{{}, {}, true});
  ASSERT_TRUE(with_hidden.exercises[0].sanitized_command);
  EXPECT_EQ(with_hidden.exercises[0].sanitized_command->to_shell(),
            "/usr/bin/cmake --build /w/build --target pipe_ping_pong_student_asan");
  EXPECT_EQ(with_hidden.exercises[0].sanitized_driver, "/w/build/pipe_ping_pong_student_asan");
  EXPECT_FALSE(with_hidden.exercises[1].sanitized_command) << "only the exercise that asks";
}

TEST(PlanBuild, TheKitsPrebuiltCodeIsOfferedToTheWorkspace) {
  Course course = two_exercise_course();
  Toolchain toolchain{"/usr/bin/cmake", "Ninja", "/opt/kit/prebuilt"};
  BuildPlan plan = plan_build(course, working_copy(course), {"/w"}, {}, toolchain, all_exist);
  EXPECT_EQ(plan.configure.argv.back(), "-DIPCLAB_PREBUILT_DIR=/opt/kit/prebuilt");
  EXPECT_EQ(plan.prebuilt, "/opt/kit/prebuilt") << "the sandboxed compiles must see it";
  BuildPlan without = plan_build(course, working_copy(course), {"/w"}, {}, Toolchain{}, all_exist);
  EXPECT_EQ(without.configure.argv.back(), "-DIPCLAB_MANIFEST=/w/manifest.cmake");
  EXPECT_TRUE(without.prebuilt.empty());
}

TEST(PlanBuild, TheCompilerCacheIsNamedToTheWorkspaceAndItsCompiles) {
  Course course = two_exercise_course();
  Toolchain toolchain{
      "/usr/bin/cmake", "Ninja", {}, CompilerLauncher{"/usr/bin/ccache", "/g/ccache"}};
  Submission folder{Submission::Kind::folder, "/subs/ann", "ann"};
  BuildPlan plan = plan_build(course, folder, {"/g/ann"}, {}, toolchain, all_exist);
  EXPECT_EQ(plan.configure.argv.back(),
            "-DIPCLAB_COMPILER_LAUNCHER=/usr/bin/env;CCACHE_DIR=/g/ccache;"
            "CCACHE_CONFIGPATH=/dev/null;CCACHE_MAXSIZE=4G;CCACHE_BASEDIR=/g/ann;/usr/bin/ccache");
  EXPECT_EQ(plan.compiler_cache, "/g/ccache") << "the sandboxed compiles write it";
  // ccache hands the compiler paths relative to the build folder; the linker
  // names the place as the workspace's -ffile-prefix-map made it.
  EXPECT_EQ(plan.exercises[0].display_names.at("../src/pipe_ping_pong/connection.cpp"),
            "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(plan.exercises[0].display_names.at("/submission/src/pipe_ping_pong/connection.cpp"),
            "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(plan.exercises[0].display_names.at("/g/ann/src/pipe_ping_pong/connection.cpp"),
            "pipe_ping_pong/connection.cpp");
  BuildPlan without = plan_build(course, folder, {"/g/ann"}, {}, Toolchain{}, all_exist);
  EXPECT_EQ(without.configure.argv.back(), "-DIPCLAB_MANIFEST=/g/ann/manifest.cmake");
  EXPECT_TRUE(without.compiler_cache.empty());
}

TEST(Command, QuotesWordsThatNeedIt) {
  Command command{{"env", "A=b c", "it's", "plain-word_1.txt"}, "/tmp/x y"};
  EXPECT_EQ(command.to_shell(), "cd '/tmp/x y' && env 'A=b c' 'it'\\''s' plain-word_1.txt");
}

}  // namespace
}  // namespace grader
