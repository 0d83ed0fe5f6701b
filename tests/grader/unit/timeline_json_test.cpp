// grader check --timeline: when each test ran, as JSON.
#include "run/timeline_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

namespace grader {
namespace {

TEST(TimelineJson, WritesEachRunInPlanOrderWithTheJobs) {
  std::vector<RunSpan> timeline = {
      {"pipe", "wire", false, std::chrono::microseconds(0), std::chrono::microseconds(150)},
      {"pipe", "timing", true, std::chrono::microseconds(150), std::chrono::microseconds(900)}};
  std::ostringstream out;
  write_timeline(timeline, 4, out);
  nlohmann::json json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json["schema"], "ipclab.timeline/1");
  EXPECT_EQ(json["jobs"], 4);
  ASSERT_EQ(json["runs"].size(), 2u);
  EXPECT_EQ(json["runs"][1]["test"], "timing");
  EXPECT_EQ(json["runs"][1]["exclusive"], true);
  EXPECT_EQ(json["runs"][1]["start_us"], 150);
  EXPECT_EQ(json["runs"][1]["end_us"], 900);
  EXPECT_EQ(json["runs"][0]["exercise"], "pipe");
}

}  // namespace
}  // namespace grader
