// grader ci: the result published on stdout, in files and to the workflow.
#include "ci/ci_publish.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "batch_fixtures.hpp"
#include "format_fixtures.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

PullRequest tampered_pr() {
  PullRequest pr;
  pr.base_ref = "origin/main";
  pr.tampered = {"tests/exercises/pipe.cpp"};
  return pr;
}

TEST(CiPublish, FencesTheReportAndAnnotatesEveryTamperedFileInActions) {
  std::ostringstream out;
  publish_ci_results(format_fixtures::mixed_report(), tampered_pr(), {}, {true, {}, {}}, out);
  const std::string text = out.str();
  const std::size_t stop = text.find("::stop-commands::");
  const std::size_t resume = text.find("::");
  ASSERT_NE(stop, std::string::npos) << text;
  EXPECT_EQ(resume, stop) << "nothing before the fence reads as a command";
  EXPECT_NE(text.find("::warning file=tests/exercises/pipe.cpp,title=changed outside the "
                      "student files::"),
            std::string::npos)
      << text;
}

TEST(CiPublish, OutsideActionsPrintsOnlyTheConsoleReport) {
  std::ostringstream out;
  publish_ci_results(format_fixtures::mixed_report(), tampered_pr(), {}, {}, out);
  EXPECT_EQ(out.str().find("::"), std::string::npos) << out.str();
  EXPECT_FALSE(out.str().empty());
}

TEST(CiPublish, WritesTheFilesTheSummaryAndTheOutputs) {
  testing::ScratchDir scratch;
  const auto dir = scratch.path();
  GithubEnvironment github{false, dir / "summary.md", dir / "outputs"};
  CiFiles files{(dir / "junit.xml").string(), (dir / "results.json").string(), ""};
  std::ostringstream out;
  publish_ci_results(format_fixtures::mixed_report(), tampered_pr(), files, github, out);
  EXPECT_NE(read(dir / "junit.xml").find("<testsuites"), std::string::npos);
  EXPECT_NE(read(dir / "results.json").find("\"tests\""), std::string::npos);
  const std::string summary = read(dir / "summary.md");
  EXPECT_NE(summary.find("### Changes outside the student files"), std::string::npos) << summary;
  EXPECT_NE(summary.find("- `tests/exercises/pipe.cpp`"), std::string::npos) << summary;
  EXPECT_NE(read(dir / "outputs").find("tampered=1\n"), std::string::npos);
}

TEST(CiPublish, AFileThatCannotBeWrittenIsAGraderError) {
  std::ostringstream out;
  CiFiles files{"/nonexistent-folder/junit.xml", "", ""};
  EXPECT_THROW(publish_ci_results(format_fixtures::mixed_report(), tampered_pr(), files, {}, out),
               GraderError);
}

TEST(CiPublish, SaysWhenNoBaseWasGivenOrWhichFilesChanged) {
  std::ostringstream log;
  warn_about_changes(PullRequest{}, log);
  EXPECT_EQ(log.str(),
            "grader: note: no --base: graded the working tree as it is, tests included, without "
            "checking for changes outside the student files\n");
  EXPECT_EQ(changes_markdown(PullRequest{}),
            "\n> **Note:** graded without `--base`: no check for changes outside the student "
            "files.\n");
  PullRequest clean;
  clean.base_ref = "origin/main";
  EXPECT_EQ(changes_markdown(clean), "");
  std::ostringstream changed;
  warn_about_changes(tampered_pr(), changed);
  EXPECT_NE(changed.str().find("tests/exercises/pipe.cpp"), std::string::npos) << changed.str();
}

}  // namespace
}  // namespace grader
