#include "batch/intake/submission_tree.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>

#include "i18n/messages.hpp"
#include "workspace/refusal_record.hpp"
#include "workspace/student_file.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

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

/// The files of `tree` that may hold student files (clutter left out).
std::set<std::string> listed(const SubmissionTree& tree) {
  std::set<std::string> files;
  for (const std::string& path : tree.files) {
    if (!is_clutter(path)) files.insert(path);
  }
  return files;
}

/// Every entry below `dir` but its folders, relative, without following a
/// link (a linked folder is an entry, not a folder).
SubmissionTree list_folder(const fs::path& dir, const IntakeLimits& limits) {
  SubmissionTree tree;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec)
    throw IntakeError(
        fmt::format(fmt::runtime(tr("{}: cannot list: {}")), dir.string(), ec.message()));
  for (; it != end; it.increment(ec)) {
    if (ec)
      throw IntakeError(
          fmt::format(fmt::runtime(tr("{}: cannot list: {}")), dir.string(), ec.message()));
    const bool is_folder = fs::is_directory(it->symlink_status(ec));
    if (it->path().filename().string().front() == '.') {
      if (is_folder) it.disable_recursion_pending();
      continue;  // .git, .grader, editor files: never student files
    }
    if (is_folder) continue;
    if (tree.files.size() >= limits.max_files) {
      throw IntakeError(
          fmt::format(fmt::runtime(tr("{}: more than {} files: remove build folders")),
                      dir.string(), limits.max_files));
    }
    tree.files.push_back(fs::relative(it->path(), dir).generic_string());
  }
  return tree;
}

/// Takes student file `key` at `root` of `tree` into `picked`: its contents,
/// or for a refused file an empty file and the record of its refusal.
void pick(const SubmissionTree& tree, const std::string& root, const std::string& key,
          StudentFiles& picked) {
  if (auto refused = tree.refused.find(root + key); refused != tree.refused.end()) {
    picked[key] = "";
    picked[refusal_record_key(key)] = refused->second;
    return;
  }
  if (auto found = tree.contents.find(root + key); found != tree.contents.end()) {
    picked[key] = found->second;
  }
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
  SubmissionTree tree = list_folder(dir, limits);
  std::optional<std::string> root = find_root(course, listed(tree));
  if (!root) return tree;
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const std::string& file : exercise.student_files) {
      // Each through the one intake: no link followed, nothing but a file, bounded.
      std::string relative = *root + exercise.id + "/" + file;
      StudentFileRead read = read_student_file(dir, relative, relative);
      if (read.status == StudentFileRead::Status::read) tree.contents[relative] = read.contents;
      if (read.status == StudentFileRead::Status::refused) tree.refused[relative] = read.reason;
    }
  }
  return tree;
}

StudentFiles pick_student_files(const Course& course, const SubmissionTree& tree,
                                const std::string& name) {
  std::optional<std::string> root = find_root(course, listed(tree));
  StudentFiles picked;
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const std::string& file : exercise.student_files) {
      std::string key = exercise.id + "/" + file;
      if (root) pick(tree, *root, key, picked);
    }
  }
  if (picked.empty()) {
    const ExerciseSpec& first = course.exercises.at(0);
    std::string example = first.id + "/" + first.student_files.at(0);
    throw IntakeError(fmt::format(
        fmt::runtime(tr("{}: no student files found (expected e.g. {} or exercises/{})")), name,
        example, example));
  }
  return picked;
}

}  // namespace grader
