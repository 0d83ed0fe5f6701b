// Honest submissions graded in one parallel batch with hostile ones get the
// same score as when graded alone: the hostile ones cannot disturb them. On
// bubblewrap, and on the process backend as root (a uid of its own per test).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "exec/process_runner.hpp"
#include "residue.hpp"

namespace {

namespace fs = std::filesystem;
using namespace hostile_suite;

const fs::path kWork = fs::path(HOSTILE_WORK_DIR) / "batch";
const fs::path kCourse = IPCLAB_SOURCE_DIR;
const std::vector<std::string> kHostile = {"spin",          "fork_flood",    "kill_all",
                                           "stdout_flood",  "setsid_escape", "result_channel",
                                           "signal_groups", "heap_hog"};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// <root>/<student>/pipe_ping_pong/ with the model answer, `connection` replacing
/// its connection.cpp when given.
void add_student(const fs::path& root, const std::string& student, const std::string& connection,
                 const fs::path& extra = {}) {
  fs::path dir = root / student / "pipe_ping_pong";
  fs::create_directories(dir);
  fs::path model = kCourse / "solutions" / "pipe_ping_pong";
  fs::copy(model, dir, fs::copy_options::overwrite_existing | fs::copy_options::recursive);
  if (!connection.empty()) std::ofstream(dir / "connection.cpp") << connection;
  if (!extra.empty())
    fs::copy(extra, dir, fs::copy_options::overwrite_existing | fs::copy_options::recursive);
}

std::string hostile_connection(const std::string& name) {
  fs::path programs = HOSTILE_PROGRAMS_DIR;
  return read_file(kCourse / "solutions" / "pipe_ping_pong" / "connection.cpp") +
         read_file(programs / "common.inc") + read_file(programs / name / "attack.cpp");
}

ipclab::exec::ProcessResult batch(const fs::path& submissions, const fs::path& out, int jobs,
                                  const std::string& backend) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = {"--course",  kCourse.string(), "--work-dir", (kWork / ("work-" + backend)).string(),
               "--sandbox", backend};
  if (backend == "process") spec.args.push_back("--allow-advisory");
  spec.args.insert(spec.args.end(),
                   {"batch", submissions.string(), "-o", out.string(), "-e", "pipe_ping_pong", "-t",
                    "wire_format", "-t", "ping_pong_game", "-j", std::to_string(jobs)});
  spec.env = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=" + std::string(std::getenv("HOME"))};
  ipclab::exec::RunOptions options;
  options.wall_time = std::chrono::minutes(8);
  options.output_cap_bytes = 4 << 20;
  return ipclab::exec::SystemProcessRunner().run(spec, options);
}

/// student -> total, from a gradebook.csv ("student,pipe_ping_pong,total,...").
std::map<std::string, std::string> totals(const fs::path& gradebook) {
  std::map<std::string, std::string> result;
  std::istringstream in(read_file(gradebook));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');)
      cells.push_back(cell);
    if (cells.size() > 2) result[cells[0]] = cells[2];
  }
  return result;
}

class ParallelBatch : public testing::TestWithParam<std::string> {};

TEST_P(ParallelBatch, HonestSubmissionsScoreAsWhenGradedAlone) {
  const std::string backend = GetParam();
  // Without namespaces, only a uid of its own per test keeps kill_all and
  // signal_groups inside their test: the grader must be root.
  if (backend == "process" && ::geteuid() != 0)
    GTEST_SKIP() << "not run on the process backend: the grader is not root here, so drivers "
                    "do not get a uid of their own per test";
  fs::remove_all(kWork / "together");
  fs::remove_all(kWork / "alone");
  const fs::path byte_order = kCourse / "tests" / "mistakes" / "pipe_ping_pong" / "host_byte_order";
  for (const fs::path& root : {kWork / "together", kWork / "alone"}) {
    add_student(root, "honest_model", "");
    add_student(root, "honest_byte_order", "", byte_order);
  }
  for (const std::string& name : kHostile)
    add_student(kWork / "together", "hostile_" + name, hostile_connection(name));

  Residue before = take_residue();
  // Outputs of their own per backend: batch reuses the results it finds there.
  const fs::path together_out = kWork / ("together-out-" + backend);
  const fs::path alone_out = kWork / ("alone-out-" + backend);
  fs::remove_all(together_out);
  fs::remove_all(alone_out);
  auto together = batch(kWork / "together", together_out, 4, backend);
  Residue after = take_residue();
  clean_up(before, after);
  ASSERT_EQ(together.termination, ipclab::exec::Termination::exited) << together.err;
  if (together.err.find("bubblewrap") != std::string::npos && together.status.exit_code == 2)
    GTEST_SKIP() << "bubblewrap does not work here: " << together.err;
  auto alone = batch(kWork / "alone", alone_out, 1, backend);
  ASSERT_EQ(alone.termination, ipclab::exec::Termination::exited) << alone.err;

  auto mixed = totals(together_out / "gradebook.csv");
  auto single = totals(alone_out / "gradebook.csv");
  ASSERT_EQ(single.size(), 2u) << alone.out << alone.err;
  EXPECT_EQ(single["honest_model"], "8") << "the model answer earns every point of the two tests";
  for (const auto& [student, total] : single)
    EXPECT_EQ(mixed[student], total) << student << " scored differently next to hostile code\n"
                                     << together.out;
  EXPECT_EQ(mixed.size(), 2u + kHostile.size()) << together.out;
  EXPECT_EQ(new_residue(before, after), "") << "left behind by the batch";
}

INSTANTIATE_TEST_SUITE_P(Backends, ParallelBatch, testing::Values("bubblewrap", "process"));

}  // namespace
