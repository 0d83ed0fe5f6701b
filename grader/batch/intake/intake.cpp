#include "batch/intake/intake.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "batch/intake/archive_reader.hpp"
#include "batch/intake/roster.hpp"
#include "batch/intake/student_name.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

namespace fs = std::filesystem;

/// The student an entry names: its name without the archive extension.
std::string student_of(const fs::path& entry, bool is_folder) {
  std::string name = entry.filename().string();
  if (is_folder) return name;
  for (const char* extension : {".tar.gz", ".tgz", ".zip"}) {
    std::string ext = extension;
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0) {
      return name.substr(0, name.size() - ext.size());
    }
  }
  std::size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string not_a_submission(const std::string& filename) {
  return fmt::format(
      fmt::runtime(tr("{}: not a folder, .zip, .tar.gz or .tgz: repack it as one of those")),
      filename);
}

SubmissionSource source_for(const fs::directory_entry& entry) {
  std::error_code ec;
  bool is_folder = entry.is_directory(ec);
  SubmissionSource source{student_of(entry.path(), is_folder), entry.path(), ""};
  std::string filename = entry.path().filename().string();
  if (entry.is_symlink(ec)) {
    source.problem = fmt::format(
        fmt::runtime(tr("{}: a symbolic link, not a submission (copy the files instead)")),
        filename);
  } else if (!is_folder && !(entry.is_regular_file(ec) && is_archive_name(filename))) {
    source.problem = not_a_submission(filename);
  } else if (std::string why = student_name_problem(source.student); !why.empty()) {
    source.problem = fmt::format(fmt::runtime(tr("{}: {}: rename it")), filename, why);
  }
  return source;
}

/// Two entries for one student (alice/ and alice.zip) cannot both be graded.
void flag_duplicates(std::vector<SubmissionSource>& sources) {
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
    return a.student != b.student ? a.student < b.student : a.path < b.path;
  });
  std::vector<SubmissionSource> unique;
  for (SubmissionSource& source : sources) {
    if (!unique.empty() && unique.back().student == source.student) {
      unique.back().problem = fmt::format(
          fmt::runtime(tr("two submissions for '{}': {} and {}: keep one")), source.student,
          unique.back().path.filename().string(), source.path.filename().string());
      continue;
    }
    unique.push_back(std::move(source));
  }
  sources = std::move(unique);
}

}  // namespace

std::vector<SubmissionSource> discover_submissions(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw GraderError(
        fmt::format(fmt::runtime(tr("{}: not a folder of submissions")), dir.string()));
  }
  std::vector<SubmissionSource> sources;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().front() == '.') continue;
    sources.push_back(source_for(entry));
  }
  if (ec)
    throw GraderError(
        fmt::format(fmt::runtime(tr("{}: cannot list: {}")), dir.string(), ec.message()));
  flag_duplicates(sources);
  return sources;
}

std::vector<SubmissionSource> roster_submissions(const fs::path& csv) {
  std::vector<SubmissionSource> sources;
  for (RosterEntry& entry : read_roster(csv)) {
    sources.push_back({entry.student, std::move(entry.path), ""});
  }
  std::sort(sources.begin(), sources.end(),
            [](const auto& a, const auto& b) { return a.student < b.student; });
  return sources;
}

StudentFiles read_student_files(const SubmissionSource& source, const Course& course,
                                const IntakeLimits& limits) {
  if (!source.problem.empty()) throw IntakeError(source.problem);
  std::error_code ec;
  const std::string shown = source.path.filename().string();
  if (fs::is_directory(source.path, ec)) {
    return pick_student_files(course, read_folder_tree(source.path, course, limits), shown);
  }
  if (!fs::exists(source.path, ec)) {
    throw IntakeError(fmt::format(fmt::runtime(tr("{}: does not exist")), source.path.string()));
  }
  if (!is_archive_name(shown)) {
    throw IntakeError(not_a_submission(shown));
  }
  return pick_student_files(course, read_archive(source.path, course, limits), shown);
}

}  // namespace grader
