// The course's texts and the grader's messages in the student's language:
// the choice (--lang, the locale, the course), the two-language texts of
// assignments.yaml, and the Spanish catalog behind the console report.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "config/language_choice.hpp"
#include "i18n/messages.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

TEST(LanguageChoiceTest, ReadsTheLanguageOfALocaleName) {
  EXPECT_EQ(language_of_locale("es_ES.UTF-8"), "es");
  EXPECT_EQ(language_of_locale("es"), "es");
  EXPECT_EQ(language_of_locale("en_GB@euro"), "en");
  EXPECT_EQ(language_of_locale("C.UTF-8"), std::nullopt);
  EXPECT_EQ(language_of_locale("POSIX"), std::nullopt);
  EXPECT_EQ(language_of_locale(""), std::nullopt);
}

TEST(LanguageChoiceTest, TheOptionWinsThenTheFirstLocaleVariableSet) {
  std::map<std::string, std::string> env{{"LANG", "es_MX.UTF-8"}};
  auto getenv = [&](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  EXPECT_EQ(preferred_languages("en", getenv), std::vector<std::string>{"en"});
  EXPECT_EQ(preferred_languages("", getenv), std::vector<std::string>{"es"});
  env["LC_MESSAGES"] = "en_US.UTF-8";
  EXPECT_EQ(preferred_languages("", getenv), std::vector<std::string>{"en"});
  env["LC_ALL"] = "C";  // POSIX: the first set decides, and "C" names no language
  EXPECT_EQ(preferred_languages("", getenv), std::vector<std::string>{});
  env["LC_ALL"] = "";  // empty counts as unset
  EXPECT_EQ(preferred_languages("", getenv), std::vector<std::string>{"en"});
  env["LANGUAGE"] = "es:en";  // GNU's priority list comes first
  EXPECT_EQ(preferred_languages("", getenv), (std::vector<std::string>{"es", "en"}));
}

const char* const kCourse = R"(course: C
language: es
languages: [en, es]
exercises:
  - id: counter
    title:
      en: Counter
      es: Contador
    student_files: [counter.cpp]
    tests:
      - id: counts
        points: 1
        description: {en: counts to ten, es: cuenta hasta diez}
        hint: {en: use the lock}
        hints:
          - message: deadlock
            hint: {en: unlock it, es: libéralo}
)";

class CourseTextsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("grader_course_texts_" + std::to_string(::getpid()));
    fs::create_directories(root_ / "exercises" / "counter");
    for (const char* file : {"README.md", "counter.cpp"})
      std::ofstream(root_ / "exercises" / "counter" / file) << "";
  }
  void TearDown() override { fs::remove_all(root_); }
  Course parse(const std::string& yaml, const std::vector<std::string>& preferred = {}) {
    return parse_course(yaml, "assignments.yaml", root_, preferred);
  }
  fs::path root_;
};

TEST_F(CourseTextsTest, ReadsTheCoursesLanguageUnlessAnotherIsPreferred) {
  Course es = parse(kCourse);
  EXPECT_EQ(es.language, "es");
  EXPECT_EQ(es.text_language, "es");
  EXPECT_EQ(es.exercises[0].title, "Contador");
  EXPECT_EQ(es.exercises[0].tests[0].description, "cuenta hasta diez");
  EXPECT_EQ(es.exercises[0].tests[0].hints[0].hint, "libéralo");
  EXPECT_EQ(es.exercises[0].tests[0].hint, "use the lock");  // the language it has
  Course en = parse(kCourse, {"en"});
  EXPECT_EQ(en.text_language, "en");
  EXPECT_EQ(en.exercises[0].title, "Counter");
  EXPECT_EQ(parse(kCourse, {"fr"}).text_language, "es");  // not a language of the course
}

TEST_F(CourseTextsTest, NotesEveryTextThatLacksALanguage) {
  Course course = parse(kCourse);
  EXPECT_EQ(course.untranslated,
            std::vector<std::string>{"assignments.yaml:14:15: 'hint' has no 'es' text"});
  std::string plain = kCourse;
  plain.replace(plain.find("{en: counts to ten, es: cuenta hasta diez}"), 41, "counts to ten");
  EXPECT_EQ(parse(plain).untranslated,
            (std::vector<std::string>{"assignments.yaml:14:15: 'hint' has no 'es' text",
                                      "assignments.yaml:13:22: 'description' has no 'es' text"}));
}

TEST_F(CourseTextsTest, RejectsALanguageTheCourseDoesNotList) {
  std::string yaml = kCourse;
  yaml.replace(yaml.find("es: Contador"), 12, "fr: Compteur");
  try {
    parse(yaml);
    FAIL() << "a French title was accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown key 'fr'"), std::string::npos) << e.what();
  }
  yaml = kCourse;
  yaml.replace(yaml.find("language: es"), 12, "language: de");
  EXPECT_THROW(parse(yaml), ConfigError);
}

TEST_F(CourseTextsTest, AOneLanguageCourseNeedsNoMaps) {
  std::string yaml = R"(course: C
exercises:
  - id: counter
    title: Counter
    student_files: [counter.cpp]
    tests:
      - {id: counts, points: 1, hint: use the lock}
)";
  Course course = parse(yaml);
  EXPECT_EQ(course.languages, std::vector<std::string>{"en"});
  EXPECT_TRUE(course.untranslated.empty());
  EXPECT_EQ(course.exercises[0].tests[0].hint, "use the lock");
}

/// Leaves messages in English whatever a test did.
class MessagesTest : public ::testing::Test {
 protected:
  void TearDown() override { ipclab::i18n::use_language("en", ""); }
};

TEST_F(MessagesTest, TranslatesThroughTheBuiltCatalog) {
  const fs::path catalogs = IPCLAB_LOCALE_DIR;
  ASSERT_TRUE(ipclab::i18n::use_language("es", catalogs)) << "no catalog under " << catalogs;
  EXPECT_STREQ(ipclab::i18n::tr("hint"), "pista");
  EXPECT_STREQ(ipclab::i18n::trn("The grader could not finish its job for {} test: the score "
                                 "is incomplete.",
                                 "The grader could not finish its job for {} tests: the score "
                                 "is incomplete.",
                                 2),
               "El corrector no pudo terminar su trabajo en {} pruebas: la nota está incompleta.");
  EXPECT_STREQ(ipclab::i18n::tr("a message no catalog has"), "a message no catalog has");
  EXPECT_FALSE(ipclab::i18n::use_language("xx", catalogs));
  EXPECT_EQ(ipclab::i18n::language(), "es");
  ASSERT_TRUE(ipclab::i18n::use_language("en", catalogs));
  EXPECT_STREQ(ipclab::i18n::tr("hint"), "hint");
}

TEST_F(MessagesTest, AWordInAContextHasATranslationOfItsOwn) {
  ASSERT_TRUE(ipclab::i18n::use_language("es", IPCLAB_LOCALE_DIR));
  // A test's outcome alone is one test ("caída"); in a count, several ("caídos").
  EXPECT_STREQ(ipclab::i18n::trc("outcome", "crashed"), "caída");
  EXPECT_STREQ(ipclab::i18n::tr("crashed"), "caídos");
  EXPECT_STREQ(ipclab::i18n::trc("outcome", "no catalog has this"), "no catalog has this");
  ASSERT_TRUE(ipclab::i18n::use_language("en", ""));
  EXPECT_STREQ(ipclab::i18n::trc("outcome", "crashed"), "crashed");
}

}  // namespace
}  // namespace grader
