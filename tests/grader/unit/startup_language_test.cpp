// The language chosen before the command line is parsed: --lang read from the
// raw arguments, else the locale, else the language the course declares.
#include <gtest/gtest.h>

#include "config/startup_language.hpp"
#include "course_folder.hpp"

namespace grader {
namespace {

using Args = std::vector<std::string>;

TEST(StartupLanguage, FindsAnOptionInEitherForm) {
  EXPECT_EQ(option_value({"--lang", "es", "check"}, "--lang"), "es");
  EXPECT_EQ(option_value({"check", "--lang=es"}, "--lang"), "es");
  EXPECT_EQ(option_value({"--course", "c", "--lang", "en", "--lang", "es"}, "--lang"), "en");
  EXPECT_EQ(option_value({"--course=/a/b", "check"}, "--course"), "/a/b");
}

TEST(StartupLanguage, AnOptionAbsentWithoutValueOrAfterTheEndOfOptionsIsNone) {
  EXPECT_EQ(option_value({"check", "pipe_ping_pong"}, "--lang"), std::nullopt);
  EXPECT_EQ(option_value({"check", "--lang"}, "--lang"), std::nullopt);
  EXPECT_EQ(option_value({"check", "--lang", "--", "es"}, "--lang"), std::nullopt);
  EXPECT_EQ(option_value({"check", "--", "--lang", "es"}, "--lang"), std::nullopt);
  EXPECT_EQ(option_value({"--language", "es"}, "--lang"), std::nullopt);
  EXPECT_EQ(option_value({}, "--lang"), std::nullopt);
}

TEST(StartupLanguage, LangMustNameALanguage) {
  EXPECT_EQ(lang_argument({"--lang", "es", "check"}), "es");
  EXPECT_EQ(lang_argument({"check", "--lang=en"}), "en");
  EXPECT_EQ(lang_argument({"check"}), std::nullopt);
  EXPECT_EQ(lang_argument({"--lang", "C"}), std::nullopt);
  EXPECT_EQ(lang_argument({"--lang", "es_ES.UTF-8"}), std::nullopt);
  EXPECT_EQ(lang_argument({"--lang", "ES"}), std::nullopt);
  EXPECT_EQ(lang_argument({"--lang="}), std::nullopt);
}

TEST(StartupLanguage, TheOptionWinsThenTheLocaleThenTheCourseAndEnglishLast) {
  int asked = 0;
  auto course = [&asked]() -> std::optional<std::string> {
    ++asked;
    return "es";
  };
  EXPECT_EQ(startup_languages({"--lang", "en"}, {"es"}, course), (Args{"en", "en"}));
  EXPECT_EQ(startup_languages({"check"}, {"fr", "es"}, course), (Args{"fr", "es", "en"}));
  EXPECT_EQ(asked, 0) << "the course is read only when nothing else chose";
  EXPECT_EQ(startup_languages({"--lang", "x y"}, {}, course), (Args{"es", "en"}));
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(startup_languages({}, {}, [] { return std::optional<std::string>(); }), Args{"en"});
}

TEST(StartupLanguage, ReadsTheLanguageTheCourseDeclaresFromAnyFolderInIt) {
  testing::CourseFolder course("startup_language");
  course.write("assignments.yaml", "course: C\nlanguage: es\nlanguages: [en, es]\n");
  course.write("exercises/a/README.md");
  EXPECT_EQ(declared_course_language(course.root()), "es");
  EXPECT_EQ(declared_course_language(course.root() / "exercises" / "a"), "es");
  course.write("assignments.yaml", "course: C\nlanguages: [en, es]\n");
  EXPECT_EQ(declared_course_language(course.root()), "en");
}

TEST(StartupLanguage, ABrokenOrMissingCourseDeclaresNoLanguage) {
  testing::CourseFolder course("startup_language");
  course.write("nothing_here");
  EXPECT_EQ(declared_course_language(course.root()), std::nullopt);
  course.write("assignments.yaml", "course: [unclosed\n");
  EXPECT_EQ(declared_course_language(course.root()), std::nullopt);
  course.write("assignments.yaml", "course: C\n");
  EXPECT_EQ(declared_course_language(course.root()), std::nullopt);
  course.write("assignments.yaml", "course: C\nlanguage: Spanish\n");
  EXPECT_EQ(declared_course_language(course.root()), std::nullopt);
}

}  // namespace
}  // namespace grader
