// gradebook.csv: RFC 4180, safe to open in a spreadsheet, and in the layouts
// Canvas and Moodle import (their documented columns).
//   IPCLAB_UPDATE_GOLDEN=1 build/dev/bin/grader_unit_tests --gtest_filter='Gradebook*'

#include "batch/outputs/gradebook.hpp"

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

std::string render(const ClassGrades& grades, GradebookLayout layout,
                   const StudentIdentities& identities = {}) {
  std::ostringstream out;
  write_gradebook_csv(format_fixtures::course(), grades, out, layout, identities);
  return out.str();
}

/// ana and eve from the sample class, plus a login that starts with '-'.
ClassGrades three_students() {
  ClassGrades all = format_fixtures::sample_class();
  ClassGrades grades = format_fixtures::empty_class();
  grades.students = {all.students[1], all.students[5], all.students[1]};
  grades.students[2].student = "-anna";
  return grades;
}

TEST(Gradebook, AnIdentifierKeepsItsLeadingMinusFreeTextDoesNot) {
  ClassGrades grades = three_students();
  grades.students[0].report.reset();
  grades.students[0].error = "-1 is not a valid archive";
  const std::string csv = render(grades);
  EXPECT_NE(csv.find("\r\n-anna,9.5,6,15.5,15.5,\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\nana,,,,,'-1 is not a valid archive\r\n"), std::string::npos) << csv;
}

TEST(Gradebook, CanvasLayoutHasItsImportColumnsAndMatchesBySisId) {
  const StudentIdentities roster = {
      {"ana", {"Ana Lima", "S1001", "alima", "Section A", "ana@uni.example"}},
      {"eve", {"Doe, Eve", "S1002", "", "=Section B", ""}}};
  // Canvas's import: Student, ID, SIS User ID, SIS Login ID, Section, then one
  // column per assignment, and a Points Possible row. eve's ring buffer had
  // an unresolved test: left empty (no change), not imported as 0.
  EXPECT_EQ(render(three_students(), GradebookLayout::canvas, roster),
            "Student,ID,SIS User ID,SIS Login ID,Section,pipe_ping_pong,shm_ring_buffer\r\n"
            "Points Possible,,,,,9.5,6\r\n"
            "Ana Lima,,S1001,alima,Section A,9.5,6\r\n"
            "\"Doe, Eve\",,S1002,,'=Section B,3,\r\n"
            "'-anna,,,-anna,,9.5,6\r\n")
      << "the name column is free text (guarded), the login an identifier (unchanged)";
}

TEST(Gradebook, MoodleLayoutHasIdentifierColumnsAndOneColumnPerGradeItem) {
  const StudentIdentities roster = {{"ana", {"", "S1001", "alima", "", "ana@uni.example"}}};
  EXPECT_EQ(render(three_students(), GradebookLayout::moodle, roster),
            "username,idnumber,email,pipe_ping_pong,shm_ring_buffer\r\n"
            "alima,S1001,ana@uni.example,9.5,6\r\n"
            "eve,,,3,\r\n"
            "-anna,,,9.5,6\r\n");
}

TEST(Gradebook, LayoutNames) {
  EXPECT_EQ(gradebook_layout("canvas"), GradebookLayout::canvas);
  EXPECT_EQ(gradebook_layout("moodle"), GradebookLayout::moodle);
  EXPECT_EQ(gradebook_layout("generic"), GradebookLayout::generic);
  EXPECT_EQ(gradebook_layout("blackboard"), std::nullopt);
}

}  // namespace
}  // namespace grader
