#pragma once
// Scale-out: `grader batch --shard i/N` grades a deterministic slice of the
// class, and `grader merge` combines the N shard outputs into one. A student
// belongs to shard 1 + (FNV-1a 64 of the name) mod N: stable across runs,
// machines and orderings of the submissions.

#include <filesystem>
#include <string>
#include <vector>

#include "batch/intake/intake.hpp"

namespace grader {

struct Shard {
  int index = 1;  ///< 1-based
  int count = 1;
};

/// Parses "i/N" (1 <= i <= N). Throws ConfigError naming `--shard`.
Shard parse_shard(const std::string& text);

/// The shard (1-based) of `student` among `count`.
int shard_of(const std::string& student, int count);

/// The sources that belong to `shard`.
std::vector<SubmissionSource> in_shard(const std::vector<SubmissionSource>& sources,
                                       const Shard& shard);

/// <out>/shard.json, written when a shard's batch completes: which shard it
/// is, how it was graded, and its students.
struct ShardMarker {
  Shard shard;
  std::string grading;                 ///< grading_key() of the batch
  std::string sandbox;                 ///< the isolation it had
  std::vector<std::string> exercises;  ///< the -e selection (empty: all)
  std::vector<std::string> students;
};

void write_shard_marker(const std::filesystem::path& out, const ShardMarker& marker);

/// Reads <dir>/shard.json. Throws GraderError naming the folder when it is
/// missing (the shard did not finish) or unreadable.
ShardMarker read_shard_marker(const std::filesystem::path& dir);

}  // namespace grader
