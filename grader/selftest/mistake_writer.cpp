#include "selftest/mistake_writer.hpp"

#include <algorithm>
#include <fstream>

#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

void write_mistake_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!(out << text)) throw GraderError("cannot write " + path.string());
}

}  // namespace

SourceFiles mistake_sources(const Course& course, const MistakeSpec& mistake) {
  const ExerciseSpec* exercise = course.find(mistake.exercise_id);
  const fs::path model = course.root / "solutions" / mistake.exercise_id;
  return apply_edits(read_source_files(model, exercise->student_files), mistake.edits);
}

std::size_t write_mistakes(const Course& course, const std::vector<MistakeSpec>& mistakes,
                           const std::vector<std::string>& exercise_ids, const fs::path& dir) {
  std::size_t written = 0;
  for (const MistakeSpec& mistake : mistakes) {
    const auto& ids = exercise_ids;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), mistake.exercise_id) == ids.end())
      continue;
    const fs::path folder = dir / mistake.exercise_id / mistake.name;
    fs::remove_all(folder);  // a file an older version changed must not linger
    fs::create_directories(folder);
    const SourceFiles sources = mistake_sources(course, mistake);
    for (const std::string& file : mistake.files)
      write_mistake_file(folder / file, sources.at(file));
    ++written;
  }
  return written;
}

}  // namespace grader
