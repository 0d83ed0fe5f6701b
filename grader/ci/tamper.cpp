#include "ci/tamper.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "i18n/messages.hpp"

namespace grader {

using ipclab::i18n::tr;

namespace fs = std::filesystem;

std::vector<std::string> student_paths(const Course& base, const std::string& course_prefix) {
  std::vector<std::string> paths;
  for (const ExerciseSpec& exercise : base.exercises) {
    for (const std::string& file : exercise.student_files) {
      paths.push_back(course_prefix + (exercise.folder() / file).string());
    }
  }
  return paths;
}

std::vector<std::string> tampered_files(const Course& base, const std::string& course_prefix,
                                        const std::vector<std::string>& changed,
                                        const std::vector<std::string>& ignored_prefixes) {
  std::vector<std::string> allowed = student_paths(base, course_prefix);
  std::vector<std::string> tampered;
  for (const std::string& path : changed) {
    if (std::find(allowed.begin(), allowed.end(), path) != allowed.end()) continue;
    bool ignored = std::any_of(ignored_prefixes.begin(), ignored_prefixes.end(),
                               [&](const std::string& prefix) { return path.starts_with(prefix); });
    if (!ignored) tampered.push_back(path);
  }
  std::sort(tampered.begin(), tampered.end());
  tampered.erase(std::unique(tampered.begin(), tampered.end()), tampered.end());
  return tampered;
}

std::optional<std::string> prefix_within(const fs::path& path, const fs::path& top) {
  fs::path relative = fs::weakly_canonical(path).lexically_relative(fs::weakly_canonical(top));
  if (relative.empty() || *relative.begin() == "..") return std::nullopt;
  if (relative == ".") return "";
  return relative.generic_string() + "/";
}

std::string printable_path(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string tamper_warning(const std::string& file, const std::string& base_ref) {
  return "grader: warning: " +
         fmt::format(fmt::runtime(tr("{} differs from {}, but a pull request may change only the "
                                     "student files: graded with the version of {} (revert the "
                                     "change, or ask your instructor)")),
                     printable_path(file), base_ref, base_ref);
}

}  // namespace grader
