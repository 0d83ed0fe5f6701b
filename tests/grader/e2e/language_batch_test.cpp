// grader batch in the course's language (Spanish), whatever the locale of the
// instructor who runs it: the class outputs, and the reports of the `grader
// check` children it runs, which get the batch's language (--lang) instead of
// the locale they inherit. One student, one test: cheap.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e_support.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const fs::path kSource = IPCLAB_SOURCE_DIR;
const fs::path kRoot = fs::path(e2e::work_dir()) / "batch-es";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(BatchLanguage, TheClassAndEveryStudentsReportAreInTheCoursesLanguage) {
  fs::remove_all(kRoot);
  fs::create_directories(kRoot / "class/ana/pipe_ping_pong");
  for (const char* file : {"connection.cpp", "ping_pong.cpp"}) {
    fs::copy_file(kSource / "solutions/pipe_ping_pong" / file,
                  kRoot / "class/ana/pipe_ping_pong" / file);
  }
  std::ofstream(kRoot / "class/bo.zip") << "not a zip at all";
  // An English locale: batch uses the course's language (es) all the same.
  const e2e::GraderRun run = e2e::grader_choosing_language(
      {"--allow-advisory", "batch", (kRoot / "class").string(), "--out", (kRoot / "out").string(),
       "-e", "pipe_ping_pong", "-t", "wire_format"},
      {"LANG=en_US.UTF-8"});
  ASSERT_EQ(run.exit_code, 1) << "bo could not be graded\n" << run.err;
  EXPECT_THAT(run.err, HasSubstr("2 entregas — calificadas: 1,"));
  const std::string page = slurp(kRoot / "out/report.html");
  EXPECT_THAT(page, HasSubstr("<html lang=\"es\">"));
  EXPECT_THAT(page, HasSubstr("informe de la clase"));
  // ana's feedback comes from her `grader check`: its course texts and its
  // sandbox description are Spanish too.
  const std::string ana = slurp(kRoot / "out/students/ana/feedback.md");
  EXPECT_THAT(ana, HasSubstr("Nota:"));
  EXPECT_THAT(ana, HasSubstr("Ping-pong por una tubería"));
  EXPECT_THAT(ana, HasSubstr("espacios de nombres"));
  EXPECT_THAT(ana, Not(HasSubstr("namespace")));
  EXPECT_THAT(slurp(kRoot / "out/students/bo/feedback.md"),
              HasSubstr("No se pudo calificar tu entrega:"));
  // Field names never change.
  EXPECT_EQ(slurp(kRoot / "out/gradebook.csv").substr(0, 8), "student,");
}

TEST(BatchLanguage, TheChildrenGradeInTheBatchsLanguageNotTheirLocales) {
  fs::remove_all(kRoot / "out-en");
  fs::create_directories(kRoot / "class-en/ana/pipe_ping_pong");
  for (const char* file : {"connection.cpp", "ping_pong.cpp"}) {
    fs::copy_file(kSource / "solutions/pipe_ping_pong" / file,
                  kRoot / "class-en/ana/pipe_ping_pong" / file,
                  fs::copy_options::overwrite_existing);
  }
  // A Spanish locale, --lang en: each `grader check` the batch runs would
  // read the locale it inherits, unless the batch tells it its language.
  const e2e::GraderRun run = e2e::grader_choosing_language(
      {"--allow-advisory", "--lang", "en", "batch", (kRoot / "class-en").string(), "--out",
       (kRoot / "out-en").string(), "-e", "pipe_ping_pong", "-t", "wire_format"},
      {"LANG=es_ES.UTF-8"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string ana = slurp(kRoot / "out-en/students/ana/feedback.md");
  EXPECT_THAT(ana, HasSubstr("Score:"));
  EXPECT_THAT(ana, HasSubstr("Pipe ping-pong (Python's Pipe and Connection)"));
  EXPECT_THAT(ana, Not(HasSubstr("espacios de nombres")));
}

}  // namespace
