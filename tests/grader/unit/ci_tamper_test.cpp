#include "ci/tamper.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "in_language.hpp"

namespace grader {
namespace {

using ::testing::ElementsAre;

Course two_exercises() {
  Course course;
  course.exercises = {ExerciseSpec{.id = "pipe", .student_files = {"c.cpp", "p.cpp"}},
                      ExerciseSpec{.id = "counter", .student_files = {"k.cpp"}}};
  return course;
}

TEST(CiTamper, StudentPathsAreTheDeclaredFilesUnderTheCourseFolder) {
  EXPECT_THAT(student_paths(two_exercises(), "course/"),
              ElementsAre("course/exercises/pipe/c.cpp", "course/exercises/pipe/p.cpp",
                          "course/exercises/counter/k.cpp"));
}

TEST(CiTamper, EverythingButTheStudentFilesIsTampered) {
  std::vector<std::string> changed = {"exercises/pipe/c.cpp",
                                      "tests/exercises/pipe/visible_test.cpp",
                                      "exercises/pipe/driver.cpp",
                                      "assignments.yaml",
                                      "exercises/counter/k.cpp",
                                      "exercises/pipe/c.cpp.orig",
                                      "tests/exercises/pipe/visible_test.cpp"};
  EXPECT_THAT(tampered_files(two_exercises(), "", changed),
              ElementsAre("assignments.yaml", "exercises/pipe/c.cpp.orig",
                          "exercises/pipe/driver.cpp", "tests/exercises/pipe/visible_test.cpp"));
}

TEST(CiTamper, AStudentFileOfAnotherCourseFolderIsTampered) {
  EXPECT_THAT(tampered_files(two_exercises(), "course/", {"exercises/pipe/c.cpp"}),
              ElementsAre("exercises/pipe/c.cpp"));
}

TEST(CiTamper, TheWorkFolderIsIgnored) {
  EXPECT_THAT(tampered_files(two_exercises(), "", {".grader/ci-base/x", ".graderx"}, {".grader/"}),
              ElementsAre(".graderx"));
}

TEST(CiTamper, PrefixWithinNamesTheSubfolder) {
  EXPECT_EQ(prefix_within("/repo/course", "/repo"), "course/");
  EXPECT_EQ(prefix_within("/repo", "/repo"), "");
  EXPECT_EQ(prefix_within("/elsewhere/x", "/repo"), std::nullopt);
}

TEST(CiTamper, FileNamesCannotBreakTheLine) {
  EXPECT_EQ(printable_path("a\n::error::x\tb\x7f"), "a\\n::error::x\\x09b\\x7f");
  EXPECT_EQ(tamper_warning("tests/t\n.cpp", "origin/main"),
            "grader: warning: tests/t\\n.cpp differs from origin/main, but a pull request may "
            "change only the student files: graded with the version of origin/main (revert the "
            "change, or ask your instructor)");
}

TEST(CiTamper, TheWarningIsInTheCoursesLanguageButItsPrefixIsNot) {
  // "grader: warning:" stays, as "grader: error:" does: logs are searched for it.
  EXPECT_EQ(fixtures::in_spanish([] { return tamper_warning("tests/t.cpp", "origin/main"); }),
            "grader: warning: tests/t.cpp difiere de origin/main, pero un pull request solo puede "
            "cambiar los ficheros del estudiante: se calificó con la versión de origin/main "
            "(deshaz el cambio, o pregunta a tu profesor)");
}

}  // namespace
}  // namespace grader
