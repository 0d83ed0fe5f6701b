#include "release/visible_assignments.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

std::vector<std::string> lines_without_endings(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

std::size_t indentation(const std::string& line) {
  std::size_t spaces = line.find_first_not_of(' ');
  return spaces == std::string::npos ? line.size() : spaces;
}

bool is_content(const std::string& line) {
  std::size_t first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] != '#';
}

/// Marks the lines of the entry whose first key is at `where` (1-based).
void cut_entry(const std::vector<std::string>& lines, const SourceLocation& where,
               std::vector<bool>& cut) {
  std::size_t first = static_cast<std::size_t>(where.line - 1);
  std::size_t key_column = static_cast<std::size_t>(where.column - 1);
  std::size_t end = first + 1;  // one past the entry's last content line
  for (std::size_t i = first + 1; i < lines.size(); ++i) {
    if (!is_content(lines[i])) continue;
    if (indentation(lines[i]) < key_column) break;
    end = i + 1;
  }
  for (std::size_t i = first; i < end; ++i)
    cut[i] = true;
}

/// "exercise/test" of every test, in order; hidden ones only when asked.
std::vector<std::string> test_names(const Course& course, bool with_hidden) {
  std::vector<std::string> names;
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const TestSpec& test : exercise.tests) {
      if (with_hidden || test.visibility == Visibility::visible)
        names.push_back(exercise.id + "/" + test.id);
    }
  }
  return names;
}

void check_result(const std::string& text, const Course& course,
                  const std::filesystem::path& course_root) {
  const std::string failure =
      "cannot cut the hidden tests out of assignments.yaml: write each test as a block entry "
      "(\"- id: ...\" on its own lines), not in flow style";
  try {
    Course released = parse_course(text, "assignments.yaml (release)", course_root);
    if (test_names(released, true) != test_names(course, false)) throw GraderError(failure);
  } catch (const ConfigError& e) {
    throw GraderError(failure + " (" + e.what() + ")");
  }
}

}  // namespace

std::string visible_assignments(const std::string& yaml_text, const Course& course,
                                const std::filesystem::path& course_root) {
  std::vector<std::string> lines = lines_without_endings(yaml_text);
  std::vector<bool> cut(lines.size(), false);
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const TestSpec& test : exercise.tests) {
      if (test.visibility != Visibility::hidden) continue;
      if (test.where.line <= 0 || static_cast<std::size_t>(test.where.line) > lines.size())
        throw GraderError("assignments.yaml: no line known for hidden test " + test.id);
      cut_entry(lines, test.where, cut);
    }
  }
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!cut[i]) text += lines[i] + "\n";
  }
  check_result(text, course, course_root);
  return text;
}

}  // namespace grader
