// --shard i/N: a stable, complete, disjoint split of the class.
#include <gtest/gtest.h>

#include "batch/store/shard.hpp"
#include "batch_fixtures.hpp"
#include "config/config_error.hpp"
#include "in_language.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

TEST(BatchShard, ParsesIOfN) {
  Shard shard = parse_shard("2/5");
  EXPECT_EQ(shard.index, 2);
  EXPECT_EQ(shard.count, 5);
  for (const char* bad : {"0/3", "4/3", "3", "1/0", "a/b", "1/3x"}) {
    try {
      parse_shard(bad);
      ADD_FAILURE() << bad << " accepted";
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()), "--shard: '" + std::string(bad) +
                                           "' is not i/N with 1 <= i <= N (e.g. --shard 2/5)");
    }
  }
}

TEST(BatchShard, SplitsTheClassCompletelyAndStably) {
  std::vector<SubmissionSource> sources;
  for (int i = 0; i < 300; ++i)
    sources.push_back({"student" + std::to_string(i), "/x", ""});
  std::size_t total = 0;
  for (int index = 1; index <= 3; ++index) {
    std::vector<SubmissionSource> mine = in_shard(sources, {index, 3});
    EXPECT_GT(mine.size(), 60u) << "roughly even";
    for (const SubmissionSource& source : mine)
      EXPECT_EQ(shard_of(source.student, 3), index);
    total += mine.size();
  }
  EXPECT_EQ(total, sources.size());
  EXPECT_EQ(shard_of("alice", 7), shard_of("alice", 7));
  EXPECT_EQ(shard_of("alice", 1), 1);
}

TEST(BatchShard, RoundTripsItsMarkerAndSaysWhenItIsMissing) {
  testing::ScratchDir dir;
  write_shard_marker(dir.path(), {{2, 3}, "course=x", "process", {"pipe_ping_pong"}, {"a", "b"}});
  ShardMarker marker = read_shard_marker(dir.path());
  EXPECT_EQ(marker.shard.index, 2);
  EXPECT_EQ(marker.shard.count, 3);
  EXPECT_EQ(marker.grading, "course=x");
  EXPECT_EQ(marker.students, (std::vector<std::string>{"a", "b"}));
  EXPECT_THROW(read_shard_marker(dir.path() / "nope"), GraderError);
}

TEST(BatchShard, AMissingMarkerIsSaidInTheChosenLanguage) {
  testing::ScratchDir dir;
  const std::string nope = (dir.path() / "nope").string();
  auto error = [&] {
    try {
      read_shard_marker(nope);
    } catch (const GraderError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error(), nope +
                         ": no shard.json: not the output of a finished `grader batch "
                         "--shard` (rerun that shard)");
  EXPECT_EQ(fixtures::in_spanish(error),
            nope +
                ": no hay shard.json: no es la salida de un `grader batch --shard` terminado "
                "(vuelve a ejecutar esa parte)");
}

}  // namespace
}  // namespace grader
