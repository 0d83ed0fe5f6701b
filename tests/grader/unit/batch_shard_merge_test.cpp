// grader merge: shards checked, joined into one class's store and outputs.
#include "batch/shard_merge.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "batch/store/result_store.hpp"
#include "batch_fixtures.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

ShardMarker marker(int index, int count, std::vector<std::string> students,
                   std::string sandbox = "bubblewrap") {
  return {{index, count}, "course=x", std::move(sandbox), {}, std::move(students)};
}

std::string error_of(const std::vector<ShardMarker>& markers) {
  try {
    check_shards(markers, {"a", "b"});
  } catch (const GraderError& e) {
    return e.what();
  }
  return "(none)";
}

TEST(BatchShardMerge, AcceptsEveryShardOnceGradedTheSameWay) {
  EXPECT_NO_THROW(check_shards({marker(2, 2, {}), marker(1, 2, {})}, {"a", "b"}));
}

TEST(BatchShardMerge, RefusesAShardGradedOtherwiseDoubledOrMissing) {
  ShardMarker other = marker(2, 2, {});
  other.grading = "course=y";
  EXPECT_EQ(error_of({marker(1, 2, {}), other}),
            "b was graded differently from a (another N, course, selection or kit): rerun it "
            "with the same options");
  EXPECT_EQ(error_of({marker(1, 2, {}), marker(1, 2, {})}), "shard 1/2 given twice: a and b");
  EXPECT_EQ(error_of({marker(1, 3, {}), marker(2, 3, {})}),
            "shard 3/3 is missing: add its output folder");
}

TEST(BatchShardMerge, NamesTheIsolationOnceOrWarnsWhenItDiffers) {
  std::ostringstream log;
  EXPECT_EQ(merged_sandbox({marker(1, 2, {}), marker(2, 2, {})}, log), "bubblewrap");
  EXPECT_EQ(log.str(), "");
  EXPECT_EQ(merged_sandbox({marker(1, 2, {}), marker(2, 2, {}, "process")}, log),
            "mixed: bubblewrap; process");
  EXPECT_EQ(log.str(),
            "grader: merge: warning: the shards were graded with different isolation:\n"
            "  - bubblewrap\n  - process\n");
}

StoredResult errored(const std::string& student) {
  StoredResult result;
  result.grade.student = student;
  result.grade.error = "broken archive";
  result.grading = "course=x";
  return result;
}

/// A finished shard in <scratch>/<name> holding `students`.
std::string shard_dir(const testing::ScratchDir& scratch, const std::string& name, int index,
                      const std::vector<std::string>& students) {
  const std::filesystem::path dir = scratch.path() / name;
  for (const std::string& student : students)
    ResultStore(dir).save(errored(student), "feedback of " + student);
  write_shard_marker(dir, marker(index, 2, students));
  return dir.string();
}

TEST(BatchShardMerge, JoinsTheShardsStudentsAndWritesTheClassOutputs) {
  testing::ScratchDir scratch;
  MergeRequest request;
  request.out = (scratch.path() / "out").string();
  request.shards = {shard_dir(scratch, "s1", 1, {"alice"}),
                    shard_dir(scratch, "s2", 2, {"bob", "carol"})};
  std::ostringstream log;
  MergeTally tally = merge_shards(testing::batch_course(), request, log);
  EXPECT_EQ(tally.students, 3u);
  EXPECT_EQ(tally.shards, 2u);
  EXPECT_EQ(ResultStore(request.out).load_all().size(), 3u);
  EXPECT_TRUE(std::filesystem::exists(scratch.path() / "out" / "students" / "bob" / "feedback.md"));
  EXPECT_TRUE(std::filesystem::exists(scratch.path() / "out" / "gradebook.csv"));
}

TEST(BatchShardMerge, RefusesAStudentInTwoShards) {
  testing::ScratchDir scratch;
  MergeRequest request;
  request.out = (scratch.path() / "out").string();
  request.shards = {shard_dir(scratch, "s1", 1, {"alice"}), shard_dir(scratch, "s2", 2, {"alice"})};
  std::ostringstream log;
  try {
    merge_shards(testing::batch_course(), request, log);
    ADD_FAILURE() << "merged a student twice";
  } catch (const GraderError& e) {
    EXPECT_EQ(std::string(e.what()), "student 'alice' is in two shards: " + request.shards[0] +
                                         " and " + request.shards[1]);
  }
}

}  // namespace
}  // namespace grader
