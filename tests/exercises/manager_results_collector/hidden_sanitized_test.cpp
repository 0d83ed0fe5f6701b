// Manager results collector: the hidden test of the student's AddressSanitizer
// + UBSan build (sanitize: true in assignments.yaml). A memory error in the
// manager, the proxies or the collector often gives the right answers anyway;
// this build stops on it and says where.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "collected.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"
#include "harness/sanitizer_report.hpp"

namespace mgr_harness {
namespace {

const std::vector<std::string> kStudentFiles = {"manager_results_collector/server.cpp",
                                                "manager_results_collector/client.cpp",
                                                "manager_results_collector/collector.cpp"};

/// Driver commands and the answers they must give (for errors only "error <Kind>").
const std::pair<const char*, const char*> kCalls[] = {
    {"dict_set d apple i:5", "ok"},
    {"dict_add d apple 2", "ok 7"},
    {"dict_get d plum", "error KeyError"},
    {"dict_set d word s:6869", "ok"},
    {"dict_add d word 1", "error TypeError"},
    {"list_append l l:1,2", "ok"},
    {"list_get l -1", "ok l:1,2"},
    {"list_set l 3 i:0", "error IndexError"},
    {"dict_copy d", "ok 2 apple i:7 word s:6869"},
};

TEST(manager_results_collector, manager_sanitized) {
  Driver student = Driver::start(Build::student);
  ipclab::harness::report_sanitizer_deaths(student, kStudentFiles, [&] {
    const std::string address = student.ok("manager_start m", 30s).word(1);
    student.ok("dict d " + address);
    student.ok("list l " + address);
    for (const auto& [command, answer] : kCalls) {
      Reply got = student.call(command, 10s);
      const std::string line = got.ok ? got.line : "error " + got.kind;
      IPCLAB_EXPECT(line == answer)
          << trf("in your AddressSanitizer + UBSan build, `{}` must give \"{}\", your driver "
                 "gave \"{}\"",
                 command, answer, got.line.substr(0, 120));
    }
    student.ok("manager_shutdown m", 10s);
    expect_collected(student.ok("collect 3 30", 60s), 3, 30);
  });
}

}  // namespace
}  // namespace mgr_harness
