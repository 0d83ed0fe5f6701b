// The compile of student files in the sandbox: configuring stays outside (it
// runs the course's trusted CMake files), building goes through bwrap with a
// view of exercises/, cmake/ and the workspace only, and its own limits.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "compile/builder.hpp"
#include "fake_process_runner.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

std::string joined(const std::vector<std::string>& words) {
  std::string line;
  for (const std::string& word : words)
    line += word + " ";
  return line;
}

TEST(SandboxBuildTest, OnlyTheCompileRunsInBwrapAndSeesNoSolutionsNorTests) {
  fs::path root = scratch_path("sandbox_build_test");
  fs::remove_all(root);
  Course course;
  course.root = root / "course";
  course.exercises = {ExerciseSpec{.id = "pipe", .student_files = {"c.cpp"}}};
  fs::create_directories(course.root / "exercises" / "pipe");
  std::ofstream(course.root / "exercises" / "pipe" / "c.cpp") << "int x;\n";
  Submission working_copy = grader::working_copy(course);
  BuildPlan plan =
      plan_build(course, working_copy, {root / "ws"}, {}, Toolchain{"/usr/bin/cmake", "Ninja"},
                 [](const fs::path& p) { return fs::exists(p); });
  FakeProcessRunner runner;
  BwrapSettings bwrap;
  bwrap.as_root = true;
  bwrap.system = {{"/usr", {}}};
  Sandbox sandbox({SandboxBackend::bubblewrap, false, "test"}, bwrap, {});
  Builder builder(runner, {"PATH=/usr/bin", "TMPDIR=/home/me/tmp"}, {}, sandbox);
  builder.build(plan, course.root.string());

  ASSERT_EQ(runner.calls.size(), 2u);
  EXPECT_EQ(runner.calls[0].spec.executable, "/usr/bin/cmake") << "configure stays outside";
  const auto& compile = runner.calls[1].spec;
  EXPECT_EQ(compile.executable, "/usr/bin/bwrap");
  const std::string line = joined(compile.args);
  const std::string c = course.root.string();
  const std::string ws = (root / "ws").string();
  EXPECT_NE(line.find("--tmpfs /dev --dev-bind /dev/null /dev/null "), std::string::npos) << line;
  EXPECT_NE(
      line.find("--ro-bind " + c + "/exercises " + c + "/exercises --ro-bind " + c + "/cmake " + c +
                "/cmake --ro-bind " + ws + " " + ws + " --bind " + ws + "/build " + ws + "/build "),
      std::string::npos)
      << line;
  EXPECT_NE(line.find("-- /usr/bin/cmake --build " + ws + "/build --target pipe_student"),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find(c + " " + c), std::string::npos) << "the course root itself is not bound";
  EXPECT_EQ(compile.env, (std::vector<std::string>{"PATH=/usr/bin", "TMPDIR=/tmp"}));
  EXPECT_EQ(compile.limits.cpu_time, std::chrono::seconds(120));
  EXPECT_EQ(compile.limits.address_space_bytes, 4ull << 30);
}

TEST(SandboxBuildTest, TheKitsPrebuiltCodeIsReadOnlyToTheCompile) {
  SandboxView view = build_view("/course", {"/ws"}, "/kit/prebuilt");
  EXPECT_EQ(view.read_only,
            (std::vector<fs::path>{"/course/exercises", "/course/cmake", "/ws", "/kit/prebuilt"}));
  EXPECT_EQ(view.writable, (std::vector<fs::path>{"/ws/build"}))
      << "a submission's build must not change what the next one links";
  EXPECT_EQ(build_view("/course", {"/ws"}).read_only.size(), 3u) << "no kit, nothing more";
}

TEST(SandboxBuildTest, TheCompilerCacheIsWritableToTheCompile) {
  SandboxView view = build_view("/course", {"/ws"}, "/kit/prebuilt", "/g/ccache");
  EXPECT_EQ(view.writable, (std::vector<fs::path>{"/ws/build", "/g/ccache"}));
  EXPECT_EQ(view.read_only.size(), 4u);
}

TEST(SandboxBuildTest, ACompilerCacheIsSharedOnlyWhereTestsCannotWriteIt) {
  Sandbox bubblewrap({SandboxBackend::bubblewrap, false, "test"}, {}, {});
  EXPECT_TRUE(bubblewrap.tests_cannot_write_grader_files()) << "the view shows only the run";
  EXPECT_FALSE(Sandbox::process_only().tests_cannot_write_grader_files())
      << "drivers run as the grader's user";
  Sandbox as_root({SandboxBackend::process, false, "test"}, {}, {},
                  UidSlots({2000000, 4}, scratch_path("uids")));
  EXPECT_TRUE(as_root.tests_cannot_write_grader_files()) << "drivers run under a uid of their own";
}

/// A course with one exercise `pipe`, and the plan of its working copy's build.
BuildPlan plan_for(const fs::path& root) {
  fs::remove_all(root);
  Course course;
  course.root = root / "course";
  course.exercises = {ExerciseSpec{.id = "pipe", .student_files = {"c.cpp"}}};
  fs::create_directories(course.root / "exercises" / "pipe");
  fs::create_directories(course.root / "cmake");
  std::ofstream(course.root / "exercises" / "pipe" / "c.cpp") << "int x;\n";
  Submission working_copy = grader::working_copy(course);
  return plan_build(course, working_copy, {root / "ws"}, {}, Toolchain{"/usr/bin/cmake", "Ninja"},
                    [](const fs::path& p) { return fs::exists(p); });
}

/// The grader's own user as the build user: handing the build folder over
/// to it needs no root.
const ipclab::exec::Credentials kMe{::getuid(), ::getgid()};

TEST(SandboxBuildTest, AsRootTheCompileRunsAsTheBuildUserAndConfiguringDoesNot) {
  const fs::path root = scratch_path("sandbox_build_user");
  BuildPlan plan = plan_for(root);
  FakeProcessRunner runner;
  Sandbox sandbox({SandboxBackend::process, false, "test"}, {}, {}, std::nullopt, kMe);
  Builder builder(runner, {"PATH=/usr/bin", "HOME=/root"}, {}, sandbox);
  builder.build(plan, (root / "course").string());
  ASSERT_EQ(runner.calls.size(), 2u);
  EXPECT_FALSE(runner.calls[0].spec.run_as) << "configure runs the course's trusted CMake files";
  EXPECT_EQ(runner.calls[1].spec.env,
            (std::vector<std::string>{"PATH=/usr/bin", "TMPDIR=/tmp",
                                      "HOME=" + (root / "ws" / "build").string()}))
      << "root's home is not the build user's; ccache needs one";
  ASSERT_TRUE(runner.calls[1].spec.run_as);
  EXPECT_EQ(runner.calls[1].spec.run_as->uid, kMe.uid);
  EXPECT_EQ(runner.calls[1].spec.executable, "/usr/bin/cmake");
}

TEST(SandboxBuildTest, InBwrapAsRootTheCompileDropsToTheBuildUserInside) {
  const fs::path root = scratch_path("sandbox_build_user_bwrap");
  BuildPlan plan = plan_for(root);
  FakeProcessRunner runner;
  BwrapSettings bwrap;
  bwrap.as_root = true;
  bwrap.system = {{"/usr", {}}, {"/etc", {}}};
  Sandbox sandbox({SandboxBackend::bubblewrap, false, "test"}, bwrap, {}, std::nullopt, kMe);
  Builder builder(runner, {"PATH=/usr/bin"}, {}, sandbox);
  builder.build(plan, (root / "course").string());
  ASSERT_EQ(runner.calls.size(), 2u);
  const auto& compile = runner.calls[1].spec;
  EXPECT_EQ(compile.executable, "/usr/bin/bwrap");
  EXPECT_FALSE(compile.run_as) << "bwrap itself needs root";
  const std::string line = joined(compile.args);
  const std::string me = std::to_string(kMe.uid);
  EXPECT_NE(line.find("-- /usr/bin/setpriv --reuid=" + me + " --regid=" + std::to_string(kMe.gid) +
                      " --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs -- "
                      "/usr/bin/cmake --build "),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find("--ro-bind /etc /etc"), std::string::npos) << line;
}

TEST(SandboxBuildTest, ACourseTheBuildUserCannotReadIsTheGradersErrorNotTheStudents) {
  const fs::path root = scratch_path("sandbox_build_closed_course");
  BuildPlan plan = plan_for(root);
  ::chmod((root / "course" / "exercises").c_str(), 0700);
  FakeProcessRunner runner;
  const ipclab::exec::Credentials stranger{0x7ffd0800, 0x7ffd0800};
  Sandbox sandbox({SandboxBackend::process, false, "test"}, {}, {}, std::nullopt, stranger);
  Builder builder(runner, {"PATH=/usr/bin"}, {}, sandbox);
  try {
    builder.build(plan, (root / "course").string());
    FAIL() << "no error";
  } catch (const GraderError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot read " + (root / "course" / "exercises").string() +
                                         ": run `chmod -R o+rX "),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(runner.calls.size(), 1u) << "configured, but nothing compiled";
}

TEST(SandboxBuildTest, OnlyRootHasABuildUser) {
  HostFacts facts;
  facts.root = true;
  EXPECT_EQ(Sandbox::from_facts(facts, SandboxRequest::process).build_user()->uid,
            build_user_of(configured_uid_range()).uid);
  facts.root = false;
  EXPECT_FALSE(Sandbox::from_facts(facts, SandboxRequest::process).build_user());
}

TEST(SandboxBuildTest, TheCompileSeesOfEtcOnlyTheCompilersLinks) {
  SandboxView view = build_view("/course", {"/ws"});
  ASSERT_TRUE(view.etc_entries);
  EXPECT_EQ(*view.etc_entries, (std::vector<fs::path>{"/etc/alternatives", "/etc/ld.so.cache"}));
}

}  // namespace
}  // namespace grader
