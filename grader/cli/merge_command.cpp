// grader merge: combine the outputs of `grader batch --shard i/N` runs into
// one gradebook, feedback set, summary and report, as one batch would have.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "batch/intake/roster.hpp"
#include "batch/outputs/class_outputs.hpp"
#include "batch/store/atomic_file.hpp"
#include "batch/store/result_store.hpp"
#include "batch/store/shard.hpp"
#include "cli/context.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

namespace fs = std::filesystem;

struct MergeOptions {
  std::string out;
  std::vector<std::string> shards;
  std::string gradebook = "generic";
  std::string roster;  ///< only for the students' LMS identities
};

/// Every shard 1..N exactly once, all graded the same way.
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

/// The isolation the shards had: one description, or every distinct one
/// (with a warning) when the shards ran on differently set-up machines.
std::string merged_sandbox(const std::vector<ShardMarker>& markers) {
  std::vector<std::string> kinds;
  for (const ShardMarker& marker : markers) {
    if (std::find(kinds.begin(), kinds.end(), marker.sandbox) == kinds.end())
      kinds.push_back(marker.sandbox);
  }
  if (kinds.size() == 1) return kinds[0];
  std::cerr << "grader: merge: warning: " << tr("the shards were graded with different isolation:")
            << "\n";
  for (const std::string& kind : kinds)
    std::cerr << "  - " << kind << "\n";
  return fmt::format(fmt::runtime(tr("mixed: {}")), fmt::join(kinds, "; "));
}

/// Copies one student's stored files from a shard into `out`.
void copy_student(const fs::path& from, const fs::path& to) {
  for (const char* name : {"grade.json", "feedback.md", "record.json"}) {
    if (std::optional<std::string> text = read_file_if_present(from / name)) {
      write_file_atomically(to / name, *text);
    }
  }
}

int run_merge(const CommonOptions& common, const MergeOptions& options) {
  Context context = load_context(common, LanguageDefault::course);
  std::vector<ShardMarker> markers;
  for (const std::string& dir : options.shards)
    markers.push_back(read_shard_marker(dir));
  check_shards(markers, options.shards);
  ResultStore out(options.out);
  std::map<std::string, std::string> owner;
  std::vector<StoredResult> results;
  for (std::size_t i = 0; i < markers.size(); ++i) {
    ResultStore shard(options.shards[i]);
    for (const std::string& student : markers[i].students) {
      auto [it, inserted] = owner.emplace(student, options.shards[i]);
      if (!inserted) {
        throw GraderError(fmt::format(fmt::runtime(tr("student '{}' is in two shards: {} and {}")),
                                      student, it->second, options.shards[i]));
      }
      std::optional<StoredResult> result = shard.load(student);
      if (!result) {
        throw GraderError(fmt::format(fmt::runtime(tr("{}: no result for '{}': rerun that shard")),
                                      options.shards[i], student));
      }
      copy_student(shard.student_dir(student), out.student_dir(student));
      results.push_back(std::move(*result));
    }
  }
  Course graded = graded_course(context.course, markers[0].exercises);
  const StudentIdentities identities =
      options.roster.empty() ? StudentIdentities{} : roster_identities(read_roster(options.roster));
  write_class_outputs(graded, class_grades(graded, merged_sandbox(markers), results), options.out,
                      *gradebook_layout(options.gradebook), identities);
  std::cerr << "grader: merge: "
            << fmt::format(fmt::runtime(tr("{} students from {} shards in {}")), results.size(),
                           markers.size(), options.out)
            << "\n";
  return kAllPassed;
}

}  // namespace

Subcommand add_merge(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "merge", tr("Combine the outputs of `grader batch --shard i/N` into one class's outputs"));
  auto options = std::make_shared<MergeOptions>();
  app->add_option("out", options->out, tr("Where the merged outputs go"))->required();
  app->add_option("shards", options->shards, tr("The output folder of every shard"))
      ->required()
      ->expected(1, -1);
  add_gradebook_option(*app, options->gradebook);
  app->add_option("--roster", options->roster,
                  tr("The batch's roster CSV, for the students' identities in --gradebook"));
  return {app, [&common, options] { return run_merge(common, *options); }};
}

}  // namespace grader::cli
