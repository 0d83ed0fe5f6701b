// The statements of the course in both languages: every exercise of
// assignments.yaml has an English statement (README.md, or its `statement`)
// and a Spanish one beside it (README.es.md), and the two stay in step: the
// same headings, level by level, and the same fenced code blocks, byte for
// byte, in the same order. The prose is free; the code is not.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// The course root: the nearest folder holding assignments.yaml, walking up
/// from the test data folder (<root>/tests/grader/data, which need not
/// exist). Returns an empty path when there is none.
fs::path course_root() {
  fs::path folder = fs::path(IPCLAB_TEST_DATA_DIR).lexically_normal();
  while (!folder.empty()) {
    if (fs::is_regular_file(folder / "assignments.yaml")) return folder;
    if (folder == folder.parent_path()) break;
    folder = folder.parent_path();
  }
  return {};
}

/// One exercise's statements, relative to the course root.
struct StatementPair {
  std::string id;
  fs::path english;
  fs::path spanish;
};

/// The statements of every exercise in assignments.yaml, in its order. The
/// Spanish one sits beside the English one: README.md -> README.es.md.
std::vector<StatementPair> statement_pairs(const fs::path& root) {
  std::vector<StatementPair> pairs;
  const YAML::Node course = YAML::LoadFile((root / "assignments.yaml").string());
  for (const YAML::Node& exercise : course["exercises"]) {
    StatementPair pair;
    pair.id = exercise["id"].as<std::string>();
    pair.english = fs::path("exercises") / pair.id / "README.md";
    if (exercise["statement"]) pair.english = exercise["statement"].as<std::string>();
    pair.spanish = pair.english;
    pair.spanish.replace_extension(".es.md");
    pairs.push_back(pair);
  }
  return pairs;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// What must match between the two languages.
struct Outline {
  std::vector<std::size_t> heading_levels;  ///< 2 for "## ...", in order
  std::vector<std::string> code_blocks;     ///< each with its opening fence line
  bool unclosed_block = false;
};

/// "```" or "~~~" (or longer) when `line` opens or closes a fenced block, else "".
std::string fence_of(const std::string& line) {
  for (char mark : {'`', '~'}) {
    const std::size_t length = line.find_first_not_of(mark);
    const std::size_t count = length == std::string::npos ? line.size() : length;
    if (count >= 3) return std::string(count, mark);
  }
  return "";
}

/// The level of a Markdown heading ("# Title" is 1), or 0 for any other line.
std::size_t heading_level(const std::string& line) {
  const std::size_t hashes = line.find_first_not_of('#');
  if (hashes == 0 || hashes == std::string::npos) return 0;
  return line[hashes] == ' ' ? hashes : 0;
}

/// The headings and fenced code blocks of a Markdown text. A `#` line inside
/// a code block (a shell or Python comment) is code, not a heading.
Outline outline_of(const std::string& text) {
  Outline outline;
  std::istringstream lines(text);
  std::string line;
  std::string open_fence;  // empty outside a code block
  std::string block;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (open_fence.empty()) {
      open_fence = fence_of(line);
      if (!open_fence.empty()) {
        block = line + "\n";
      } else if (std::size_t level = heading_level(line); level > 0) {
        outline.heading_levels.push_back(level);
      }
      continue;
    }
    if (line.find_first_not_of(" \t", open_fence.size()) == std::string::npos &&
        line.compare(0, open_fence.size(), open_fence) == 0) {
      outline.code_blocks.push_back(block);
      open_fence.clear();
      continue;
    }
    block += line + "\n";
  }
  outline.unclosed_block = !open_fence.empty();
  return outline;
}

class Statements : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = course_root();
    ASSERT_FALSE(root_.empty()) << "no assignments.yaml above " << IPCLAB_TEST_DATA_DIR;
    pairs_ = statement_pairs(root_);
    ASSERT_FALSE(pairs_.empty()) << "assignments.yaml declares no exercises";
  }

  fs::path root_;
  std::vector<StatementPair> pairs_;
};

TEST_F(Statements, EveryExerciseHasAnEnglishAndASpanishStatement) {
  for (const StatementPair& pair : pairs_) {
    EXPECT_TRUE(fs::is_regular_file(root_ / pair.english))
        << pair.id << ": " << pair.english.string() << " does not exist";
    EXPECT_TRUE(fs::is_regular_file(root_ / pair.spanish))
        << pair.id << ": " << pair.spanish.string()
        << " does not exist (the Spanish statement, beside the English one)";
  }
}

TEST_F(Statements, BothLanguagesHaveTheSameHeadings) {
  for (const StatementPair& pair : pairs_) {
    SCOPED_TRACE(pair.spanish.string() + " against " + pair.english.string());
    const Outline english = outline_of(read_text(root_ / pair.english));
    const Outline spanish = outline_of(read_text(root_ / pair.spanish));
    EXPECT_EQ(spanish.heading_levels, english.heading_levels)
        << "the headings' levels, in order (2 is '##'): translate every section, add none";
  }
}

TEST_F(Statements, BothLanguagesHaveTheSameCodeBlocks) {
  for (const StatementPair& pair : pairs_) {
    SCOPED_TRACE(pair.spanish.string() + " against " + pair.english.string());
    const Outline english = outline_of(read_text(root_ / pair.english));
    const Outline spanish = outline_of(read_text(root_ / pair.spanish));
    EXPECT_FALSE(english.unclosed_block) << pair.english.string() << " has an unclosed ``` block";
    EXPECT_FALSE(spanish.unclosed_block) << pair.spanish.string() << " has an unclosed ``` block";
    EXPECT_EQ(spanish.code_blocks.size(), english.code_blocks.size())
        << "the number of fenced code blocks";
    if (spanish.code_blocks.size() != english.code_blocks.size()) continue;
    for (std::size_t i = 0; i < english.code_blocks.size(); ++i) {
      EXPECT_EQ(spanish.code_blocks[i], english.code_blocks[i])
          << "code block " << i + 1 << " must be identical in both languages";
    }
  }
}

TEST_F(Statements, EachLanguageLinksToTheOther) {
  for (const StatementPair& pair : pairs_) {
    const std::string english = read_text(root_ / pair.english);
    const std::string spanish = read_text(root_ / pair.spanish);
    const std::string to_spanish = "(" + pair.spanish.filename().string() + ")";
    const std::string to_english = "(" + pair.english.filename().string() + ")";
    EXPECT_NE(english.substr(0, english.find('\n')).find(to_spanish), std::string::npos)
        << pair.english.string() << ": the first line links to " << to_spanish;
    EXPECT_NE(spanish.substr(0, spanish.find('\n')).find(to_english), std::string::npos)
        << pair.spanish.string() << ": the first line links to " << to_english;
  }
}

}  // namespace
