// feedback.md and the CI step summary, pinned down by golden files.
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='Markdown*'

#include "report/markdown_reporter.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "format_fixtures.hpp"
#include "golden.hpp"
#include "i18n/messages.hpp"

namespace grader {
namespace {

using fixtures::expect_golden;

std::string render(const GradeReport& report, MarkdownOptions options = {}) {
  std::ostringstream out;
  write_markdown_report(report, out, options);
  return out.str();
}

TEST(MarkdownReporter, MatchesGolden) {
  expect_golden("feedback_mixed.md", render(format_fixtures::mixed_report()));
}

TEST(MarkdownReporter, SpanishMatchesGolden) {
  ASSERT_TRUE(ipclab::i18n::use_language("es", IPCLAB_LOCALE_DIR));
  const std::string text = render(format_fixtures::mixed_report());
  ipclab::i18n::use_language("en", "");
  expect_golden("feedback_mixed.es.md", text);
}

TEST(MarkdownReporter, RerunsAreTheStudentsCommandNeverTheHosts) {
  const std::string text = render(format_fixtures::mixed_report());
  EXPECT_NE(text.find("./lab check pipe_ping_pong --test recv_split_frames"), std::string::npos);
  EXPECT_EQ(text.find("_harness"), std::string::npos) << text;
}

TEST(MarkdownReporter, HostileTextMatchesGolden) {
  expect_golden("feedback_nasty.md", render(format_fixtures::nasty_report()));
}

TEST(MarkdownReporter, HiddenTestShowsOutcomeAndHintButNotItsMessage) {
  const std::string text = render(format_fixtures::mixed_report());
  EXPECT_EQ(text.find("secret-frame"), std::string::npos);
  EXPECT_NE(text.find("Open every descriptor with O_CLOEXEC."), std::string::npos);
  EXPECT_NE(render(format_fixtures::mixed_report(), {.reveal_hidden = true}).find("secret-frame"),
            std::string::npos);
}

TEST(MarkdownReporter, StudentTextCannotEmbedHtmlOrCloseItsCodeBlock) {
  const std::string text = render(format_fixtures::nasty_report());
  // The message is fenced with a fence longer than any backtick run in it.
  EXPECT_NE(text.find("````text\n"), std::string::npos);
  // Outside code blocks, markup is escaped.
  EXPECT_NE(text.find("IPC \\<Lab\\> \\& \"friends\""), std::string::npos);
  EXPECT_NE(text.find("use \\`read\\` \\& \\<loop\\> \\| \\*emphasis\\*"), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\xff'), std::string::npos);
}

TEST(MarkdownReporter, SaysWhenTheScoreIsIncomplete) {
  EXPECT_NE(render(format_fixtures::mixed_report()).find("the score is incomplete"),
            std::string::npos);
  EXPECT_EQ(render(format_fixtures::perfect_report()).find("incomplete"), std::string::npos);
}

}  // namespace
}  // namespace grader
