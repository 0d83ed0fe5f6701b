// The test helper that reads a catalog (the Spanish pages' "no English left" checks use it).

#include "catalog_reader.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>

namespace grader::fixtures {
namespace {

TEST(CatalogReader, ReadsContextsContinuationsPluralsAndEscapes) {
  const auto po = std::filesystem::temp_directory_path() /
                  ("grader_catalog_reader_" + std::to_string(::getpid()) + ".po");
  std::ofstream(po) << R"(msgid ""
msgstr ""
"Language: es\n"

#: a.cpp:1
msgid "hint"
msgstr "pista"

msgctxt "outcome"
msgid "crashed"
msgstr "caída"

msgid ""
"a \"long\" "
"one\n"
msgstr ""
"una \"larga\"\n"

msgid "{} student"
msgid_plural "{} students"
msgstr[0] "{} estudiante"
msgstr[1] "{} estudiantes"
)";
  const std::vector<CatalogEntry> entries = read_catalog(po);
  std::filesystem::remove(po);
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].english, "hint");
  EXPECT_EQ(entries[0].translation, "pista");
  EXPECT_EQ(entries[1].context, "outcome");
  EXPECT_EQ(entries[1].translation, "caída");
  EXPECT_EQ(entries[2].english, "a \"long\" one\n");
  EXPECT_EQ(entries[2].translation, "una \"larga\"\n");
  EXPECT_EQ(entries[3].english, "{} student");
  EXPECT_EQ(entries[3].translation, "{} estudiante");
}

TEST(CatalogReader, ReadsTheProjectsSpanishCatalog) {
  EXPECT_GT(read_catalog(IPCLAB_PO_DIR "/es.po").size(), 100u);
  EXPECT_THROW(read_catalog("/nonexistent/es.po"), std::runtime_error);
}

}  // namespace
}  // namespace grader::fixtures
