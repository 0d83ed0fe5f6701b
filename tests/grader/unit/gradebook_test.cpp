// gradebook.csv: RFC 4180, and safe to open in a spreadsheet.
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='Gradebook*'

#include "report/gradebook.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "format_fixtures.hpp"
#include "golden.hpp"

namespace grader {
namespace {

using fixtures::expect_golden;

std::string render(const ClassGrades& grades) {
  std::ostringstream out;
  write_gradebook_csv(format_fixtures::course(), grades, out);
  return out.str();
}

TEST(Gradebook, MatchesGolden) {
  expect_golden("gradebook.csv", render(format_fixtures::sample_class()));
}

TEST(Gradebook, EmptyClassHasTheHeaderOnly) {
  EXPECT_EQ(render(format_fixtures::empty_class()),
            "student,pipe_ping_pong,shm_ring_buffer,total,max_total,error\r\n");
}

TEST(Gradebook, QuotesAndNeutralisesFormulas) {
  const std::string csv = render(format_fixtures::sample_class());
  EXPECT_NE(csv.find("\r\n\"'=HYPERLINK(\"\"http://evil\"\")\",7.5,6,13.5,15.5,\r\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\r\n\"Zoë, \"\"the\"\" Ångström\",9.5,6,15.5,15.5,\r\n"), std::string::npos)
      << csv;
}

TEST(Gradebook, UngradedStudentHasEmptyScoresAndTheError) {
  const std::string csv = render(format_fixtures::sample_class());
  EXPECT_NE(csv.find("\r\ndmitri,,,,,submissions/dmitri.zip: not a zip archive (bad header)\r\n"),
            std::string::npos)
      << csv;
}

TEST(Gradebook, IncompleteGradeIsFlagged) {
  const std::string csv = render(format_fixtures::sample_class());
  EXPECT_NE(csv.find("\r\neve,3,0,3,17.5,incomplete: some tests were unresolved\r\n"),
            std::string::npos)
      << csv;
}

}  // namespace
}  // namespace grader
