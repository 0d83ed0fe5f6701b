// The command line in the chosen language: CLI11's option help and the usage
// errors come after the language is chosen (--lang, else the locale, else
// the course's), so they speak it too, and a usage error is one line, exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "e2e_support.hpp"

namespace {

using e2e::grader_choosing_language;
using e2e::GraderRun;
using testing::HasSubstr;
using testing::Not;

TEST(Messages, TheOptionHelpSpeaksTheLanguageLangNames) {
  GraderRun spanish = grader_choosing_language({"--lang", "es", "check", "--help"}, {});
  EXPECT_EQ(spanish.exit_code, 0) << spanish.err;
  EXPECT_THAT(spanish.out, HasSubstr("Uso:"));
  EXPECT_THAT(spanish.out, HasSubstr("Opciones:"));
  EXPECT_THAT(spanish.out, HasSubstr("Muestra esta ayuda y termina"));
  EXPECT_THAT(spanish.out, HasSubstr("Califica esta carpeta"));
  EXPECT_THAT(spanish.out, Not(HasSubstr("Grade this folder")));

  GraderRun english = grader_choosing_language({"--lang", "en", "check", "--help"}, {});
  EXPECT_EQ(english.exit_code, 0) << english.err;
  EXPECT_THAT(english.out, HasSubstr("Usage:"));
  EXPECT_THAT(english.out, HasSubstr("Options:"));
  EXPECT_THAT(english.out, HasSubstr("Grade this folder"));
  EXPECT_THAT(english.out, Not(HasSubstr("Califica")));
}

TEST(Messages, AnUnknownOptionIsOneLineInTheChosenLanguage) {
  GraderRun spanish = grader_choosing_language({"--lang", "es", "check", "--no-such"}, {});
  EXPECT_EQ(spanish.exit_code, 2);
  EXPECT_EQ(spanish.err,
            "grader: error: opción desconocida --no-such; consulta `grader check --help`\n");

  GraderRun english = grader_choosing_language({"--lang", "en", "check", "--no-such"}, {});
  EXPECT_EQ(english.exit_code, 2);
  EXPECT_EQ(english.err, "grader: error: unknown option --no-such; see `grader check --help`\n");
}

TEST(Messages, UsageErrorsFollowLangAfterTheCommandAndTheLocale) {
  GraderRun after = grader_choosing_language({"check", "--lang=es", "--jobs", "0"}, {});
  EXPECT_EQ(after.exit_code, 2);
  EXPECT_EQ(after.err,
            "grader: error: valor no válido '0' para --jobs; consulta `grader check --help`\n");

  GraderRun locale = grader_choosing_language({"chek"}, {"LANG=en_US.UTF-8"});
  EXPECT_EQ(locale.exit_code, 2);
  EXPECT_EQ(locale.err,
            "grader: error: unknown command 'chek' (did you mean check?); see `grader --help`\n");

  // Neither --lang nor a locale: the course's own language (Spanish here).
  GraderRun course = grader_choosing_language({"chek"}, {});
  EXPECT_EQ(course.exit_code, 2);
  EXPECT_THAT(course.err, HasSubstr("orden desconocida 'chek'"));
}

TEST(Messages, DoctorSpeaksTheChosenLanguageButItsJsonStaysEnglish) {
  GraderRun text = grader_choosing_language({"--lang", "es", "doctor"}, {});
  EXPECT_THAT(text.out, HasSubstr("check, batch y ci usarán: ")) << text.err;
  GraderRun spanish = grader_choosing_language({"--lang", "es", "doctor", "--json"}, {});
  GraderRun english = grader_choosing_language({"--lang", "en", "doctor", "--json"}, {});
  EXPECT_THAT(english.out, HasSubstr("\"schema\": \"ipclab.doctor/1\""));
  EXPECT_EQ(spanish.out, english.out) << "programs read the JSON: its texts never change";
}

}  // namespace
