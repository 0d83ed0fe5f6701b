#include "batch/submission_tree.hpp"

#include <fmt/format.h>

#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace grader {
namespace {

namespace fs = std::filesystem;

/// Clutter that archivers add and that never holds student files.
bool is_clutter(const std::string& path) {
  return path.rfind("__MACOSX/", 0) == 0 || path.find("/.") != std::string::npos ||
         path.front() == '.';
}

bool has_student_file(const Course& course, const std::set<std::string>& files,
                      const std::string& prefix) {
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const std::string& file : exercise.student_files) {
      if (files.count(prefix + exercise.id + "/" + file) != 0) return true;
    }
  }
  return false;
}

/// The top folder that holds every file below `prefix`, if there is exactly one.
std::optional<std::string> single_top_folder(const std::set<std::string>& files,
                                             const std::string& prefix) {
  std::optional<std::string> top;
  for (const std::string& path : files) {
    if (path.rfind(prefix, 0) != 0) continue;
    std::size_t slash = path.find('/', prefix.size());
    if (slash == std::string::npos) return std::nullopt;  // a file beside the folder
    std::string folder = path.substr(prefix.size(), slash - prefix.size());
    if (top && *top != folder) return std::nullopt;
    top = folder;
  }
  return top;
}

/// Where the student files are: "", "exercises/", or either below a chain of
/// single top folders ("alice/ipclab/exercises/").
std::optional<std::string> find_root(const Course& course, const std::set<std::string>& files) {
  std::string prefix;
  for (;;) {
    for (const std::string& candidate : {prefix, prefix + "exercises/"}) {
      if (has_student_file(course, files, candidate)) return candidate;
    }
    std::optional<std::string> top = single_top_folder(files, prefix);
    if (!top) return std::nullopt;
    prefix += *top + "/";
  }
}

std::string read_small_file(const fs::path& path, const IntakeLimits& limits,
                            const std::string& shown) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(path, ec);
  if (ec) throw IntakeError(fmt::format("{}: cannot read: {}", shown, ec.message()));
  if (size > limits.max_file_bytes) {
    throw IntakeError(fmt::format("{}: {} bytes, over the limit of {} bytes for one file", shown,
                                  size, limits.max_file_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw IntakeError(fmt::format("{}: cannot read", shown));
  return text.str();
}

}  // namespace

bool may_be_student_file(const Course& course, const std::string& path) {
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const std::string& file : exercise.student_files) {
      std::string tail = exercise.id + "/" + file;
      if (path == tail) return true;
      if (path.size() > tail.size() &&
          path.compare(path.size() - tail.size(), tail.size(), tail) == 0 &&
          path[path.size() - tail.size() - 1] == '/') {
        return true;
      }
    }
  }
  return false;
}

SubmissionTree read_folder_tree(const fs::path& dir, const Course& course,
                                const IntakeLimits& limits) {
  SubmissionTree tree;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) throw IntakeError(fmt::format("{}: cannot list: {}", dir.string(), ec.message()));
  for (; it != end; it.increment(ec)) {
    if (ec) throw IntakeError(fmt::format("{}: cannot list: {}", dir.string(), ec.message()));
    const fs::path& path = it->path();
    if (path.filename().string().front() == '.') {
      if (it->is_directory(ec) && !it->is_symlink(ec)) it.disable_recursion_pending();
      continue;  // .git, .grader, editor files: never student files
    }
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    if (tree.files.size() >= limits.max_files) {
      throw IntakeError(fmt::format("{}: more than {} files: remove build folders", dir.string(),
                                    limits.max_files));
    }
    std::string relative = fs::relative(path, dir).generic_string();
    tree.files.push_back(relative);
    if (may_be_student_file(course, relative)) {
      tree.contents[relative] = read_small_file(path, limits, path.string());
    }
  }
  return tree;
}

StudentFiles pick_student_files(const Course& course, const SubmissionTree& tree,
                                const std::string& name) {
  std::set<std::string> files;
  for (const std::string& path : tree.files) {
    if (!is_clutter(path)) files.insert(path);
  }
  std::optional<std::string> root = find_root(course, files);
  StudentFiles picked;
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const std::string& file : exercise.student_files) {
      std::string key = exercise.id + "/" + file;
      auto found = root ? tree.contents.find(*root + key) : tree.contents.end();
      if (found != tree.contents.end()) picked[key] = found->second;
    }
  }
  if (picked.empty()) {
    const ExerciseSpec& first = course.exercises.at(0);
    std::string example = first.id + "/" + first.student_files.at(0);
    throw IntakeError(fmt::format("{}: no student files found (expected e.g. {} or exercises/{})",
                                  name, example, example));
  }
  return picked;
}

}  // namespace grader
