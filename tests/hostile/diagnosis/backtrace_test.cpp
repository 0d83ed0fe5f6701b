// Backtrace parsing on recorded eu-stack and gdb output, and which frames are
// the exercise's own code.
#include "harness/backtrace.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace {

using namespace ipclab::harness;

std::string recorded(const std::string& name) {
  std::ifstream in(std::string(HANG_TEST_DATA_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Backtrace, EuStackGivesEveryThreadWithFunctionsAndLines) {
  std::vector<ThreadStack> threads = parse_eu_stack(recorded("cond_wait.eu-stack"));
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[0].tid, 10711);
  ASSERT_EQ(threads[0].frames.size(), 7u);
  EXPECT_EQ(threads[0].frames[1].function, "pthread_cond_wait@@GLIBC_2.3.2");
  EXPECT_EQ(threads[0].frames[2].function, "waiter()");
  EXPECT_EQ(threads[0].frames[2].file, "/tmp/hostile-scratch/t.cpp");
  EXPECT_EQ(threads[0].frames[2].line, 5);
  EXPECT_EQ(threads[0].frames[6].function, "_start");
  EXPECT_EQ(threads[0].frames[6].file, "");
  EXPECT_EQ(threads[1].tid, 10713);
  EXPECT_EQ(threads[1].frames[4].function, "");  // no symbol
}

TEST(Backtrace, GdbGivesTheSameFacts) {
  std::vector<ThreadStack> threads = parse_gdb_backtrace(recorded("cond_wait.gdb"));
  ASSERT_EQ(threads.size(), 2u);
  EXPECT_EQ(threads[1].tid, 10711);
  ASSERT_EQ(threads[1].frames.size(), 4u);
  EXPECT_EQ(threads[1].frames[1].function, "__pthread_cond_wait_common");
  EXPECT_EQ(threads[1].frames[2].function, "waiter");
  EXPECT_EQ(threads[1].frames[2].file, "/tmp/hostile-scratch/t.cpp");
  EXPECT_EQ(threads[1].frames[2].line, 5);
  EXPECT_EQ(threads[0].frames[3].function, "");  // "?? () from libstdc++"
}

TEST(Backtrace, NothingParsesFromNothing) {
  EXPECT_TRUE(parse_eu_stack("").empty());
  EXPECT_TRUE(parse_gdb_backtrace("ptrace: Operation not permitted.\n").empty());
}

TEST(Backtrace, ExerciseCodeIsNeitherLibrariesNorTheSupportLibrary) {
  EXPECT_TRUE(is_exercise_code("/work/ws/src/producer_consumer/queue.cpp"));
  EXPECT_TRUE(is_exercise_code("/work/main/exercises/producer_consumer/driver.cpp"));
  EXPECT_FALSE(is_exercise_code("./nptl/pthread_cond_wait.c"));
  EXPECT_FALSE(is_exercise_code("../sysdeps/unix/sysv/linux/read.c"));
  EXPECT_FALSE(is_exercise_code("/usr/include/boost/interprocess/sync/posix/condition.hpp"));
  EXPECT_FALSE(is_exercise_code("/work/main/exercises/common/src/names.cpp"));
  EXPECT_FALSE(is_exercise_code(""));
}

TEST(Backtrace, LocationsAreShownWithTheirExerciseFolder) {
  EXPECT_EQ(short_location({"f", "/work/ws/src/producer_consumer/queue.cpp", 41}),
            "producer_consumer/queue.cpp:41");
}

}  // namespace
