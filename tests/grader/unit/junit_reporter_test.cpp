// JUnit XML, pinned down by a golden file; tests/grader/formats validates the
// same documents against tests/grader/schemas/junit.xsd and the Jenkins xUnit
// plugin's junit-10.xsd with xmllint.
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='Junit*'

#include "report/junit_reporter.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "format_fixtures.hpp"
#include "golden.hpp"
#include "in_language.hpp"

namespace grader {
namespace {

using fixtures::expect_golden;

std::string render(const GradeReport& report) {
  std::ostringstream out;
  write_junit_report(report, out);
  return out.str();
}

TEST(JunitReporter, MatchesGolden) {
  expect_golden("junit_mixed.xml", render(format_fixtures::mixed_report()));
}

TEST(JunitReporter, SpanishMatchesGolden) {
  // Messages and labels in Spanish; elements, attributes, failure types and
  // the outcome values stay (tests/grader/formats validates this document).
  expect_golden("junit_mixed.es.xml",
                fixtures::in_spanish([] { return render(format_fixtures::mixed_report()); }));
}

TEST(JunitReporter, RerunsAreTheStudentsCommandNeverTheHosts) {
  const std::string xml = render(format_fixtures::mixed_report());
  EXPECT_NE(xml.find("rerun: ./lab check pipe_ping_pong --test recv_split_frames"),
            std::string::npos);
  EXPECT_EQ(xml.find("_harness"), std::string::npos) << xml;
}

TEST(JunitReporter, HostileTextMatchesGolden) {
  expect_golden("junit_nasty.xml", render(format_fixtures::nasty_report()));
}

TEST(JunitReporter, CountsEveryKindOfOutcome) {
  const std::string xml = render(format_fixtures::mixed_report());
  // 2 builds + 8 tests; failures: a build and 3 tests; unresolved is an error;
  // not built and not run are skipped (counted on the suite: the Jenkins
  // xUnit schema allows no `skipped` on <testsuites>).
  EXPECT_NE(xml.find(R"(<testsuites name="IPC Lab" tests="10" failures="4" errors="1" time=)"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find(R"(<testsuite name="shm_ring_buffer" tests="5" failures="1" errors="1" )"
                     R"(skipped="3")"),
            std::string::npos)
      << xml;
}

TEST(JunitReporter, TestPointsSitInSystemOutNotInTestcaseProperties) {
  const std::string xml = render(format_fixtures::mixed_report());
  // Jenkins' xUnit plugin rejects <properties> inside a <testcase>.
  EXPECT_EQ(xml.find("      <properties>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<system-out>score: 0/3\noutcome: timed_out\nvisibility: visible\n"
                     "trials: 2/3\nrerun: ./lab check pipe_ping_pong --test ping_pong_game\n"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<system-out>score: 0/1.5\noutcome: failed\nvisibility: hidden\n"
                     "trials: 0/1\n</system-out>"),
            std::string::npos)
      << xml;
}

TEST(JunitReporter, EscapesMarkupAndDropsBytesXmlForbids) {
  const std::string xml = render(format_fixtures::nasty_report());
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_EQ(xml.find("]]>"), std::string::npos);
  EXPECT_EQ(xml.find('\x07'), std::string::npos);
  EXPECT_EQ(xml.find('\xff'), std::string::npos);
  EXPECT_NE(xml.find("&lt;/failure&gt;"), std::string::npos);
  EXPECT_NE(xml.find(R"(name="IPC &lt;Lab&gt; &amp; &quot;friends&quot; &#39;n&#39;)"),
            std::string::npos);
}

TEST(JunitReporter, HiddenTestDoesNotRevealItsMessage) {
  EXPECT_EQ(render(format_fixtures::mixed_report()).find("secret-frame"), std::string::npos);
}

}  // namespace
}  // namespace grader
