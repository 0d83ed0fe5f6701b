#include "ci/github_environment.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "../scratch_path.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

TEST(CiGithubEnvironment, ReadsTheThreeVariables) {
  std::map<std::string, std::string> vars = {
      {"GITHUB_ACTIONS", "true"}, {"GITHUB_STEP_SUMMARY", "/s.md"}, {"GITHUB_OUTPUT", ""}};
  GithubEnvironment env = github_environment([&](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
  EXPECT_TRUE(env.actions);
  EXPECT_EQ(env.step_summary, fs::path("/s.md"));
  EXPECT_FALSE(env.output.has_value()) << "an empty variable is unset";
}

TEST(CiGithubEnvironment, OutsideActionsNothingIsSet) {
  GithubEnvironment env = github_environment([](const char*) -> const char* { return nullptr; });
  EXPECT_FALSE(env.actions);
  EXPECT_FALSE(env.step_summary.has_value());
}

TEST(CiGithubEnvironment, AppendsAndNamesAFileItCannotWrite) {
  fs::path file = scratch_path("ci_append.txt");
  fs::remove(file);
  append_to_file(file, "a=1\n");
  append_to_file(file, "b=2\n");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "a=1\nb=2\n");
  EXPECT_THROW(append_to_file("/nonexistent/dir/x", "y"), GraderError);
}

TEST(CiGithubEnvironment, TokensDifferAndStopCommandsUseThem) {
  std::string token = unguessable_token();
  EXPECT_NE(token, unguessable_token());
  EXPECT_EQ(token.size(), 7u + 32u);
  EXPECT_EQ(stop_commands("t"), "::stop-commands::t\n");
  EXPECT_EQ(resume_commands("t"), "::t::\n");
}

TEST(CiGithubEnvironment, EscapesKeepACommandOnOneLine) {
  EXPECT_EQ(escape_command_data("50%\r\n::error::x"), "50%25%0D%0A::error::x");
  EXPECT_EQ(escape_command_property("a:b,c\n"), "a%3Ab%2Cc%0A");
}

}  // namespace
}  // namespace grader
