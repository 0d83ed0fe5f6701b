// The workflow shipped to course repositories (templates/github/workflows/
// grade.yml): valid YAML, and it does what docs/ci.md promises. That its
// grader flags exist is checked against the real binary in e2e/ci_test.cpp.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using ::testing::HasSubstr;

const std::filesystem::path kWorkflow =
    std::filesystem::path(IPCLAB_GOLDEN_DIR) / "../../../templates/github/workflows/grade.yml";

/// Every `run:` script of the grade job, joined.
std::string scripts(const YAML::Node& steps) {
  std::string all;
  for (const YAML::Node& step : steps) {
    if (step["run"]) all += step["run"].as<std::string>() + "\n";
  }
  return all;
}

std::vector<std::string> actions(const YAML::Node& steps) {
  std::vector<std::string> uses;
  for (const YAML::Node& step : steps) {
    if (step["uses"]) uses.push_back(step["uses"].as<std::string>());
  }
  return uses;
}

TEST(CiWorkflow, IsValidYamlRunOnPullRequests) {
  YAML::Node workflow = YAML::LoadFile(kWorkflow.string());
  EXPECT_TRUE(workflow["on"]["pull_request"].IsDefined());
  EXPECT_EQ(workflow["permissions"]["contents"].as<std::string>(), "read");
  EXPECT_EQ(workflow["env"]["BASE_REF"].as<std::string>(), "${{ github.base_ref }}");
  EXPECT_TRUE(workflow["jobs"]["grade"]["steps"].IsSequence());
}

TEST(CiWorkflow, InstallsEnablesTheSandboxCachesBuildsGradesAndUploads) {
  YAML::Node steps = YAML::LoadFile(kWorkflow.string())["jobs"]["grade"]["steps"];
  std::string run = scripts(steps);
  EXPECT_THAT(run, HasSubstr("source \"$RUNNER_TEMP/base/scripts/deps.sh\""));
  EXPECT_THAT(run, HasSubstr("apt-get install -y -qq --no-install-recommends $(ipclab_packages)"));
  EXPECT_THAT(run, HasSubstr("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"));
  EXPECT_THAT(run, HasSubstr("git archive \"origin/$BASE_REF\""));
  EXPECT_THAT(run, HasSubstr("ci --base \"origin/$BASE_REF\" --junit"));
  EXPECT_THAT(run, HasSubstr("--min-score \"$MIN_SCORE\""));
  EXPECT_THAT(run, ::testing::Not(HasSubstr("${{")))
      << "expressions go through env, never into a script";
  EXPECT_THAT(actions(steps), ::testing::IsSupersetOf({"actions/checkout@v4", "actions/cache@v4",
                                                       "actions/upload-artifact@v4"}));
}

TEST(CiWorkflow, TheDependencyFunctionItCallsExists) {
  std::ifstream deps(std::filesystem::path(IPCLAB_GOLDEN_DIR) / "../../../scripts/deps.sh");
  std::stringstream text;
  text << deps.rdbuf();
  EXPECT_THAT(text.str(), HasSubstr("ipclab_packages() {"));
}

}  // namespace
