// `grader release` end to end: the release of this course has no model
// answers, hidden tests or mistakes, and it configures, builds and grades on
// its own (pipe_ping_pong only, to keep it short) with its visible tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

const fs::path kSource = IPCLAB_SOURCE_DIR;
const fs::path kWork = fs::path(IPCLAB_E2E_WORK_DIR) / "release";

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

Result run(const fs::path& program, const std::vector<std::string>& args) {
  static ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessSpec spec;
  spec.executable = program;
  spec.args = args;
  for (const char* name : {"PATH", "HOME"}) {
    if (const char* value = std::getenv(name)) spec.env.push_back(std::string(name) + "=" + value);
  }
  ipclab::exec::RunOptions options;
  options.wall_time = 1500s;
  options.output_cap_bytes = 16 << 20;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  return {result.status.exit_code, result.out, result.err};
}

/// The visible test ids of pipe_ping_pong in the instructor's assignments.yaml.
int visible_tests_in_source() {
  Result list = run(IPCLAB_GRADER, {"--course", kSource.string(), "list"});
  std::string text = list.out.substr(list.out.find("pipe_ping_pong —"));
  text = text.substr(0, text.find("\n\n"));
  int visible = 0;
  for (std::size_t at = text.find(" visible "); at != std::string::npos;
       at = text.find(" visible ", at + 1)) {
    ++visible;
  }
  return visible;
}

TEST(GraderRelease, ShipsNoAnswersOrHiddenTestsAndGradesOnItsOwn) {
  fs::path release = kWork / "course";
  fs::remove_all(release);
  Result made = run(IPCLAB_GRADER, {"--course", kSource.string(), "release", release.string()});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  for (const char* gone : {"solutions", "tests/mistakes", "tests/grader/unit", "templates",
                           "tests/exercises/pipe_ping_pong/hidden_test.cpp", "build"}) {
    EXPECT_FALSE(fs::exists(release / gone)) << gone;
  }
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(release)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("hidden_")) << entry.path();
  }
  EXPECT_TRUE(fs::exists(release / ".github/workflows/grade.yml"));
  EXPECT_TRUE(fs::exists(release / "reference/pipe_ping_pong/connection.cpp"));

  // No optimisation (an empty build type): this builds the whole grader again,
  // and -O0 compiles it about twice as fast as Release on CI's two cores.
  fs::path build = kWork / "build";
  Result configure =
      run("/usr/bin/env", {"cmake", "-S", release.string(), "-B", build.string(), "-G", "Ninja",
                           "-DCMAKE_BUILD_TYPE=", "-DIPCLAB_BUILD_TESTS=OFF",
                           "-DIPCLAB_ONLY_EXERCISES=pipe_ping_pong"});
  ASSERT_EQ(configure.exit_code, 0) << configure.err;
  Result built = run("/usr/bin/env", {"cmake", "--build", build.string()});
  ASSERT_EQ(built.exit_code, 0) << built.out.substr(built.out.size() - 3000) << built.err;

  fs::path json = kWork / "report.json";
  Result check = run(build / "bin/grader",
                     {"--course", release.string(), "--work-dir", (kWork / "work").string(),
                      "check", "pipe_ping_pong", "--hidden", "--submission",
                      (kSource / "solutions").string(), "--json", json.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  nlohmann::json report = nlohmann::json::parse(std::ifstream(json));
  const nlohmann::json& tests = report.at("exercises").at(0).at("tests");
  EXPECT_EQ(static_cast<int>(tests.size()), visible_tests_in_source());
  for (const nlohmann::json& test : tests) {
    EXPECT_EQ(test.at("visibility"), "visible") << test.at("id");
    EXPECT_EQ(test.at("outcome"), "passed") << test.at("id") << ": " << test.at("message");
  }
}

}  // namespace
