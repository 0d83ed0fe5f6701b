// When each phase of a batch ran (grader batch --timeline).
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "batch/schedule/phase_timeline.hpp"

namespace grader {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

/// A runner whose phases take 5 s of the fake clock and 2 CPU seconds, and
/// fail for the student "broken".
class FakeRunner : public PhaseRunner {
 public:
  Clock::time_point now{};
  double cpu = 100.0;

  GradeReport run(const std::string& student, const GradingPhase&) override {
    now += 5s;
    cpu += 2.0;
    if (student == "broken") throw std::runtime_error("no report");
    GradeReport report;
    report.submission = student;
    return report;
  }
};

struct Timed {
  FakeRunner inner;
  TimedPhaseRunner timed{inner, [this] { return inner.now; }, [this] { return inner.cpu; }};
};

TEST(BatchPhaseTimeline, NotesEachPhaseAndTheCpuOfExclusiveOnes) {
  Timed runner;
  runner.inner.now += 1s;  // time passes before the first phase
  GradingPhase shared{{}, false};
  GradingPhase exclusive{{}, true};
  EXPECT_EQ(runner.timed.run("ana", shared).submission, "ana");
  runner.timed.run("ana", exclusive);
  const std::vector<PhaseSpan> spans = runner.timed.spans();
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].student, "ana");
  EXPECT_FALSE(spans[0].exclusive);
  EXPECT_EQ(spans[0].start, 1s);
  EXPECT_EQ(spans[0].end, 6s);
  EXPECT_FALSE(spans[0].cpu_s) << "a shared phase's CPU would mix its neighbours'";
  EXPECT_TRUE(spans[1].exclusive);
  EXPECT_EQ(spans[1].start, 6s);
  EXPECT_EQ(spans[1].end, 11s);
  ASSERT_TRUE(spans[1].cpu_s);
  EXPECT_DOUBLE_EQ(*spans[1].cpu_s, 2.0);
}

TEST(BatchPhaseTimeline, NotesAPhaseThatThrowsAndPassesTheErrorOn) {
  Timed runner;
  EXPECT_THROW(runner.timed.run("broken", GradingPhase{{}, true}), std::runtime_error);
  ASSERT_EQ(runner.timed.spans().size(), 1u);
  EXPECT_EQ(runner.timed.spans()[0].end, 5s);
}

TEST(BatchPhaseTimeline, WritesTheSchemaWithEveryPhase) {
  Timed runner;
  runner.timed.run("ana", GradingPhase{{}, false});
  runner.timed.run("ana", GradingPhase{{}, true});
  std::ostringstream out;
  write_phase_timeline(runner.timed.spans(), 2, out);
  const nlohmann::json json = nlohmann::json::parse(out.str());
  EXPECT_EQ(json["schema"], "ipclab.batch-timeline/1");
  EXPECT_EQ(json["jobs"], 2);
  ASSERT_EQ(json["phases"].size(), 2u);
  EXPECT_EQ(json["phases"][0]["student"], "ana");
  EXPECT_EQ(json["phases"][0]["start_us"], 0);
  EXPECT_EQ(json["phases"][0]["end_us"], 5000000);
  EXPECT_FALSE(json["phases"][0].contains("cpu_s"));
  EXPECT_EQ(json["phases"][1]["exclusive"], true);
  EXPECT_DOUBLE_EQ(json["phases"][1]["cpu_s"].get<double>(), 2.0);
}

TEST(BatchPhaseTimeline, ReapedChildrenCpuNeverGoesBack) {
  const double before = reaped_children_cpu_seconds();
  EXPECT_GE(before, 0.0);
  EXPECT_GE(reaped_children_cpu_seconds(), before);
}

}  // namespace
}  // namespace grader
