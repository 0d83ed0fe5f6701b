#include "batch/shard_merge.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>

#include "batch/intake/roster.hpp"
#include "batch/outputs/class_outputs.hpp"
#include "batch/store/atomic_file.hpp"
#include "batch/store/result_store.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {

using ipclab::i18n::tr;
namespace fs = std::filesystem;

namespace {

/// Copies one student's stored files from a shard into `out`.
void copy_student(const fs::path& from, const fs::path& to) {
  for (const char* name : {"grade.json", "feedback.md", "record.json"}) {
    if (std::optional<std::string> text = read_file_if_present(from / name)) {
      write_file_atomically(to / name, *text);
    }
  }
}

/// The results of every shard's students, their files copied into `out`;
/// a student in two shards, or without a result, is an error.
std::vector<StoredResult> collect_students(const std::vector<ShardMarker>& markers,
                                           const std::vector<std::string>& dirs,
                                           const ResultStore& out) {
  std::map<std::string, std::string> owner;
  std::vector<StoredResult> results;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    ResultStore shard(dirs[i]);
    for (const std::string& student : markers[i].students) {
      auto [it, inserted] = owner.emplace(student, dirs[i]);
      if (!inserted) {
        throw GraderError(fmt::format(fmt::runtime(tr("student '{}' is in two shards: {} and {}")),
                                      student, it->second, dirs[i]));
      }
      std::optional<StoredResult> result = shard.load(student);
      if (!result) {
        throw GraderError(fmt::format(fmt::runtime(tr("{}: no result for '{}': rerun that shard")),
                                      dirs[i], student));
      }
      copy_student(shard.student_dir(student), out.student_dir(student));
      results.push_back(std::move(*result));
    }
  }
  return results;
}

}  // namespace

void check_shards(const std::vector<ShardMarker>& markers, const std::vector<std::string>& dirs) {
  const ShardMarker& first = markers.at(0);
  std::map<int, std::string> seen;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    const ShardMarker& marker = markers[i];
    if (marker.shard.count != first.shard.count || marker.grading != first.grading) {
      throw GraderError(
          fmt::format(fmt::runtime(tr("{} was graded differently from {} (another N, course, "
                                      "selection or kit): rerun it with the same options")),
                      dirs[i], dirs[0]));
    }
    auto [it, inserted] = seen.emplace(marker.shard.index, dirs[i]);
    if (!inserted) {
      throw GraderError(fmt::format(fmt::runtime(tr("shard {}/{} given twice: {} and {}")),
                                    marker.shard.index, marker.shard.count, it->second, dirs[i]));
    }
  }
  for (int index = 1; index <= first.shard.count; ++index) {
    if (seen.count(index) == 0) {
      throw GraderError(
          fmt::format(fmt::runtime(tr("shard {}/{} is missing: add its output folder")), index,
                      first.shard.count));
    }
  }
}

std::string merged_sandbox(const std::vector<ShardMarker>& markers, std::ostream& log) {
  std::vector<std::string> kinds;
  for (const ShardMarker& marker : markers) {
    if (std::find(kinds.begin(), kinds.end(), marker.sandbox) == kinds.end())
      kinds.push_back(marker.sandbox);
  }
  if (kinds.size() == 1) return kinds[0];
  log << "grader: merge: warning: " << tr("the shards were graded with different isolation:")
      << "\n";
  for (const std::string& kind : kinds)
    log << "  - " << kind << "\n";
  return fmt::format(fmt::runtime(tr("mixed: {}")), fmt::join(kinds, "; "));
}

MergeTally merge_shards(const Course& course, const MergeRequest& request, std::ostream& log) {
  std::vector<ShardMarker> markers;
  for (const std::string& dir : request.shards)
    markers.push_back(read_shard_marker(dir));
  check_shards(markers, request.shards);
  std::vector<StoredResult> results =
      collect_students(markers, request.shards, ResultStore(request.out));
  Course graded = graded_course(course, markers[0].exercises);
  const StudentIdentities identities =
      request.roster.empty() ? StudentIdentities{} : roster_identities(read_roster(request.roster));
  write_class_outputs(graded, class_grades(graded, merged_sandbox(markers, log), results),
                      request.out, *gradebook_layout(request.gradebook), identities);
  return {results.size(), markers.size()};
}

}  // namespace grader
