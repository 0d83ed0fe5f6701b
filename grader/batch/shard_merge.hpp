#pragma once
// `grader merge`: the stores of the `grader batch --shard i/N` runs combined
// into one class's outputs, as one batch would have written them.

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "batch/store/shard.hpp"
#include "model/course.hpp"

namespace grader {

struct MergeRequest {
  std::string out;                  ///< where the merged outputs go
  std::vector<std::string> shards;  ///< the output folder of every shard
  std::string gradebook = "generic";
  std::string roster;  ///< only for the students' LMS identities; empty: none
};

struct MergeTally {
  std::size_t students = 0;
  std::size_t shards = 0;
};

/// Every shard 1..N exactly once, all graded the same way. Throws GraderError
/// naming the folders otherwise.
void check_shards(const std::vector<ShardMarker>& markers, const std::vector<std::string>& dirs);

/// The isolation the shards had: one description, or every distinct one
/// ("mixed: a; b", with a warning on `log`) when the shards ran on
/// differently set-up machines.
std::string merged_sandbox(const std::vector<ShardMarker>& markers, std::ostream& log);

/// Copies every shard's students into `request.out` and writes the class
/// outputs from them. Throws GraderError when a shard is missing, doubled,
/// graded otherwise, lacks a student's result, or shares a student.
MergeTally merge_shards(const Course& course, const MergeRequest& request, std::ostream& log);

}  // namespace grader
