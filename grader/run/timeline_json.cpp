#include "run/timeline_json.hpp"

#include <nlohmann/json.hpp>

namespace grader {

void write_timeline(const std::vector<RunSpan>& timeline, int jobs, std::ostream& out) {
  nlohmann::json runs = nlohmann::json::array();
  for (const RunSpan& span : timeline) {
    runs.push_back({{"exercise", span.exercise_id},
                    {"test", span.test_id},
                    {"exclusive", span.exclusive},
                    {"start_us", span.start.count()},
                    {"end_us", span.end.count()}});
  }
  out << nlohmann::json{{"schema", "ipclab.timeline/1"}, {"jobs", jobs}, {"runs", runs}}.dump(2)
      << "\n";
}

}  // namespace grader
