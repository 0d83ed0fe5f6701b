#include "release/release.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <regex>
#include <sstream>
#include <string_view>

#include "config/config_error.hpp"
#include "host/file_contents.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "release/release_kit.hpp"
#include "release/visible_assignments.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::i18n::tr;

// An allowlist, not a blocklist: a folder the instructor adds later (answers,
// exams) stays private until it is named here. Neither reference/<id>/ nor
// tests/exercises/ is on it: they hold working pieces of the student files,
// and reach the release as prebuilt programs (release_kit.hpp).
constexpr std::array<std::string_view, 14> kReleased = {".clang-format",
                                                        ".clang-tidy",
                                                        ".gitignore",
                                                        "CMakeLists.txt",
                                                        "CMakePresets.json",
                                                        "README.md",
                                                        "lab",
                                                        "cmake/",
                                                        "docs/",
                                                        "exercises/",
                                                        "grader/",
                                                        "po/",
                                                        "reference/CMakeLists.txt",
                                                        "scripts/"};

std::string read_or_throw(const fs::path& file) {
  std::optional<std::string> text = ipclab::host::read_file(file);
  if (!text) throw GraderError(fmt::format(fmt::runtime(tr("cannot read {}")), file.string()));
  return *text;
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
  out.flush();
  if (!out) throw GraderError(fmt::format(fmt::runtime(tr("cannot write {}")), file.string()));
}

/// True when `folder` ("a/b/") is released or holds a released entry.
bool may_hold_released(const std::string& folder);

}  // namespace

void check_release_destination(const Course& course, const fs::path& dest) {
  fs::path relative =
      fs::weakly_canonical(dest).lexically_relative(fs::weakly_canonical(course.root));
  bool inside = !relative.empty() && *relative.begin() != "..";
  // Inside a folder the release copies, it would copy itself.
  if (inside && (relative == "." || may_hold_released(relative.generic_string() + "/"))) {
    throw ConfigError({dest.string(), 0, 0},
                      tr("the release folder is inside a folder the release copies: choose a "
                         "DIR outside the course (or under build/)"));
  }
  std::error_code ec;
  if (fs::exists(dest, ec) && !fs::is_empty(dest, ec)) {
    throw ConfigError({dest.string(), 0, 0},
                      tr("the release folder is not empty: remove it or choose another DIR"));
  }
}

namespace {

/// True when `folder` ("a/b/") is released or holds a released entry.
bool may_hold_released(const std::string& folder) {
  return std::any_of(kReleased.begin(), kReleased.end(), [&](std::string_view entry) {
    return entry.starts_with(folder) || folder.starts_with(entry);
  });
}

/// Copies every released regular file; symbolic links and other special files are skipped.
void copy_released(const fs::path& root, const fs::path& dest, ReleaseSummary& summary) {
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    std::string relative = it->path().lexically_relative(root).generic_string();
    if (it->is_directory() && !it->is_symlink()) {
      // Prune folders no released path can be under (build trees, .git).
      if (!may_hold_released(relative + "/")) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->is_symlink() || !released(relative)) continue;
    if (relative == "assignments.yaml") continue;  // written filtered
    fs::create_directories((dest / relative).parent_path());
    fs::copy_file(it->path(), dest / relative, fs::copy_options::overwrite_existing);
    // Same times as the course: a rebuild of a fresh release is incremental.
    fs::last_write_time(dest / relative, fs::last_write_time(it->path()));
    summary.files.push_back(relative);
  }
}

/// The folders CMakeLists.txt adds that the release leaves out (the grader's
/// own tests, benchmarks) get an empty CMakeLists.txt, so that the release
/// configures with the same top-level file.
void stub_left_out_subdirectories(const fs::path& root, const fs::path& dest,
                                  ReleaseSummary& summary) {
  static const std::regex add_subdirectory(R"(add_subdirectory\(\s*([A-Za-z0-9_./-]+))");
  std::string text = read_or_throw(root / "CMakeLists.txt");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), add_subdirectory);
       it != std::sregex_iterator(); ++it) {
    std::string folder = (*it)[1].str();
    std::string file = folder + "/CMakeLists.txt";
    if (folder.find("..") != std::string::npos || released(file)) continue;
    write_text(dest / file, "# Not part of the student release (see docs/ci.md).\n");
    summary.files.push_back(file);
  }
}

}  // namespace

bool released(const std::string& relative_path) {
  if (relative_path == "assignments.yaml") return true;
  std::string name = relative_path.substr(relative_path.rfind('/') + 1);
  if (relative_path.starts_with("tests/") && name.starts_with("hidden_")) return false;
  return std::any_of(kReleased.begin(), kReleased.end(), [&](std::string_view entry) {
    return entry.ends_with('/') ? relative_path.starts_with(entry) : relative_path == entry;
  });
}

ReleaseSummary write_release(const Course& course, const fs::path& dest,
                             const std::vector<fs::path>& workflows, const fs::path& kit_dir) {
  check_release_destination(course, dest);
  ReleaseSummary summary;
  fs::create_directories(dest);
  copy_released(course.root, dest, summary);
  for (std::string& file : write_release_kit(course, kit_dir, dest)) {
    summary.files.push_back(std::move(file));
  }
  write_text(dest / "assignments.yaml",
             visible_assignments(read_or_throw(course.root / "assignments.yaml"), course, dest));
  summary.files.push_back("assignments.yaml");
  for (const fs::path& workflow : workflows) {
    std::string file = ".github/workflows/" + workflow.filename().string();
    write_text(dest / file, read_or_throw(workflow));
    summary.files.push_back(file);
  }
  stub_left_out_subdirectories(course.root, dest, summary);
  for (const ExerciseSpec& exercise : course.exercises) {
    summary.hidden_tests_removed += static_cast<int>(
        std::count_if(exercise.tests.begin(), exercise.tests.end(),
                      [](const TestSpec& t) { return t.visibility == Visibility::hidden; }));
  }
  std::sort(summary.files.begin(), summary.files.end());
  return summary;
}

}  // namespace grader
