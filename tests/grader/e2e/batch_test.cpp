// grader batch end to end: a generated class of pipe_ping_pong submissions
// (model answers, stubs, mistakes, archives, hostile archives) is graded into
// a gradebook; a batch killed midway resumes to the same bytes; --regrade
// reports old -> new. Restricted to three tests (one exclusive) for speed.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "e2e_support.hpp"
#include "exec/child.hpp"
#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const fs::path kSource = IPCLAB_SOURCE_DIR;
const fs::path kRoot = fs::path(e2e::work_dir()) / "batch";
const fs::path kClass = kRoot / "class";
const std::vector<std::string> kSelection = {"-e", "pipe_ping_pong", "-t", "wire_format",
                                             "-t", "end_of_stream",  "-t", "ping_pong_game"};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void copy_files(const fs::path& from, const fs::path& to, const std::vector<std::string>& names) {
  fs::create_directories(to);
  for (const std::string& name : names)
    fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing);
}

void run(const std::vector<std::string>& argv, const fs::path& cwd) {
  static ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessSpec spec;
  spec.executable = argv.at(0);
  spec.args.assign(argv.begin() + 1, argv.end());
  spec.env = {"PATH=/usr/bin:/bin"};
  spec.working_dir = cwd;
  ipclab::exec::ProcessResult result = runner.run(spec, {});
  ASSERT_EQ(result.status.exit_code, 0) << argv.at(0) << ": " << result.err;
}

/// Ten submissions: every layout the intake reads, and three it must refuse.
/// Their workspaces and the compiler cache go too, so that the batch compiles
/// them again and reuses only what it compiled itself.
void make_class() {
  fs::remove_all(kRoot);
  fs::remove_all(kRoot.parent_path() / "ccache");
  for (const fs::directory_entry& entry : fs::directory_iterator(kRoot.parent_path())) {
    const std::string name = entry.path().filename().string();
    for (const char* student : {"ann-", "ben-", "cat-", "dan-", "eve-", "fay-", "gus-"}) {
      if (name.rfind(student, 0) == 0) fs::remove_all(entry.path());
    }
  }
  const fs::path model = kSource / "solutions/pipe_ping_pong";
  const fs::path stub = kSource / "exercises/pipe_ping_pong";
  // tests/mistakes stores each mistake as edits of the model answer: the
  // grader writes the files they make.
  const e2e::GraderRun written = e2e::grader(
      {"selftest", "--write-mistakes", (kRoot / "mistakes").string(), "pipe_ping_pong"});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const fs::path mistakes = kRoot / "mistakes/pipe_ping_pong";
  const std::vector<std::string> both = {"connection.cpp", "ping_pong.cpp"};
  copy_files(model, kClass / "ann/pipe_ping_pong", both);
  copy_files(model, kClass / "ben/exercises/pipe_ping_pong", both);  // a clone of the course
  std::ofstream(kClass / "ben/assignments.yaml") << "# a clone\n";
  copy_files(stub, kClass / "cat/pipe_ping_pong", both);
  copy_files(model, kClass / "dan/pipe_ping_pong", both);
  copy_files(mistakes / "host_byte_order", kClass / "dan/pipe_ping_pong", {"connection.cpp"});
  copy_files(model, kClass / "eve/pipe_ping_pong", both);
  copy_files(mistakes / "no_waitpid", kClass / "eve/pipe_ping_pong", {"ping_pong.cpp"});
  // fay.zip: the model answer inside one top folder; gus.tar.gz: the stub.
  copy_files(model, kRoot / "staging/fay-main/pipe_ping_pong", both);
  run({"/usr/bin/python3", "-c",
       "import shutil; shutil.make_archive('" + (kClass / "fay").string() +
           "', 'zip', '.', 'fay-main')"},
      kRoot / "staging");
  copy_files(stub, kRoot / "staging/gus/pipe_ping_pong", both);
  run({"/bin/tar", "-czf", (kClass / "gus.tar.gz").string(), "-C", (kRoot / "staging/gus").string(),
       "pipe_ping_pong"},
      kRoot);
  std::ofstream(kClass / "hal.zip") << "not a zip at all";
  run({"/usr/bin/python3", "-c",
       "import zipfile; z = zipfile.ZipFile('" + (kClass / "ivy.zip").string() +
           "', 'w'); z.writestr('pipe_ping_pong/connection.cpp', ''); "
           "z.writestr('../../escape.cpp', 'int x;'); z.close()"},
      kRoot);
  copy_files(model, kClass / "jon/homework", both);  // not where the files belong
}

e2e::GraderRun batch(const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {
      "--allow-advisory", "batch", kClass.string(), "--out", out.string(), "-j", "2"};
  args.insert(args.end(), kSelection.begin(), kSelection.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return e2e::grader(args);
}

class BatchE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    make_class();
    full_ = batch(kRoot / "full");
  }
  static e2e::GraderRun full_;
};
e2e::GraderRun BatchE2E::full_;

TEST_F(BatchE2E, GradesTheClassRowByRow) {
  EXPECT_EQ(full_.exit_code, 1) << "some submissions could not be graded\n" << full_.err;
  // build 1 + wire_format 3 + end_of_stream 3 + ping_pong_game 4 = 11
  EXPECT_EQ(slurp(kRoot / "full/gradebook.csv"),
            "student,pipe_ping_pong,total,max_total,error\r\n"
            "ann,11,11,11,\r\n"
            "ben,11,11,11,\r\n"
            "cat,1,1,11,\r\n"
            "dan,5,5,11,\r\n"
            "eve,7,7,11,\r\n"
            "fay,11,11,11,\r\n"
            "gus,1,1,11,\r\n"
            "hal,,,,hal.zip: not a readable archive (Unrecognized archive format): repack it\r\n"
            "ivy,,,,ivy.zip: entry '../../escape.cpp' leaves the archive (..)\r\n"
            "jon,,,,jon: no student files found (expected e.g. pipe_ping_pong/connection.cpp or "
            "exercises/pipe_ping_pong/connection.cpp)\r\n");
  for (const char* file : {"summary.json", "summary.md", "report.html", "students/dan/grade.json",
                           "students/dan/feedback.md", "students/hal/feedback.md"}) {
    EXPECT_TRUE(fs::exists(kRoot / "full" / file)) << file;
  }
  EXPECT_NE(slurp(kRoot / "full/students/dan/feedback.md").find("wire_format"), std::string::npos);
  EXPECT_FALSE(fs::exists(kRoot / "escape.cpp"));
  EXPECT_FALSE(fs::exists(kClass.parent_path().parent_path() / "escape.cpp"));
}

TEST_F(BatchE2E, IdenticalFilesAreCompiledOnceForTheClass) {
  // Seven submissions of two files each, with six different files among
  // them: ann, ben and fay hand in the model answer, cat and gus the stub,
  // dan and eve the model answer with one file changed.
  if (full_.err.find("without a compiler cache") != std::string::npos) {
    GTEST_SKIP() << "no compiler cache on this machine: " << full_.err;
  }
  std::smatch counts;
  ASSERT_TRUE(std::regex_search(full_.err, counts,
                                std::regex(R"(compiler cache: (\d+) of (\d+) compiles reused)")))
      << full_.err;
  const int reused = std::stoi(counts[1]);
  const int total = std::stoi(counts[2]);
  EXPECT_EQ(total, 14) << full_.err;
  EXPECT_LE(total - reused, 8) << "six files, and two more if both builds of one ran at once";
}

TEST_F(BatchE2E, AKilledBatchResumesToTheSameBytes) {
  const fs::path out = kRoot / "killed";
  ipclab::exec::ProcessSpec spec;
  spec.executable = IPCLAB_GRADER;
  spec.args = {"--course", kSource.string(), "--work-dir", e2e::work_dir(), "--allow-advisory",
               "batch",    kClass.string(),  "--out",      out.string(),    "-j",
               "2"};
  spec.args.insert(spec.args.end(), kSelection.begin(), kSelection.end());
  spec.env = {"PATH=/usr/bin:/bin"};
  ipclab::exec::Child grader = ipclab::exec::spawn(spec, {false, false, false, {}});
  auto results = [&] {
    int count = 0;
    for (const char* student : {"ann", "ben", "cat", "dan", "eve", "fay", "gus"}) {
      count += fs::exists(out / "students" / student / "record.json") ? 1 : 0;
    }
    return count;
  };
  auto deadline = std::chrono::steady_clock::now() + 300s;
  while (results() == 0 && !grader.try_wait() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(50ms);
  ::kill(grader.pid(), SIGKILL);
  grader.wait();
  ASSERT_GE(results(), 1);
  ASSERT_LT(results(), 7) << "killed midway, not at the end";
  EXPECT_FALSE(fs::exists(out / "gradebook.csv"));

  e2e::GraderRun resumed = batch(out);
  EXPECT_EQ(resumed.exit_code, 1) << resumed.err;
  EXPECT_NE(resumed.err.find("unchanged (kept)"), std::string::npos) << resumed.err;
  EXPECT_EQ(slurp(out / "gradebook.csv"), slurp(kRoot / "full/gradebook.csv"));
  EXPECT_EQ(slurp(out / "summary.json"), slurp(kRoot / "full/summary.json"));
}

TEST_F(BatchE2E, RegradePrintsOldToNewPerStudent) {
  const std::string gradebook = slurp(kRoot / "full/gradebook.csv");
  e2e::GraderRun again = batch(kRoot / "full", {"--regrade"});
  EXPECT_EQ(again.exit_code, 1) << again.err;
  for (const char* line : {"ann: 11 → 11 (same files)\n", "dan: 5 → 5 (same files)\n",
                           "hal: error → error (not graded)\n"}) {
    EXPECT_NE(again.out.find(line), std::string::npos) << line << "in:\n" << again.out;
  }
  EXPECT_EQ(again.out.find("nondeterministic"), std::string::npos) << again.out;
  EXPECT_EQ(slurp(kRoot / "full/gradebook.csv"), gradebook) << "the same files, the same grades";
}

TEST_F(BatchE2E, AResultGradedInAnotherSandboxIsGradedAgain) {
  const std::string first = nlohmann::json::parse(slurp(kRoot / "full/summary.json"))["sandbox"];
  if (first.rfind("process", 0) == 0) GTEST_SKIP() << "the class was graded on the process backend";
  const fs::path out = kRoot / "other-sandbox";
  fs::remove_all(out);
  fs::copy(kRoot / "full", out, fs::copy_options::recursive);
  std::vector<std::string> args = {
      "--allow-advisory", "--sandbox", "process", "batch", kClass.string(), "--out",
      out.string(),       "-j",        "2"};
  args.insert(args.end(), kSelection.begin(), kSelection.end());
  e2e::GraderRun process = e2e::grader(args);
  EXPECT_EQ(process.exit_code, 1) << process.err;
  EXPECT_NE(process.err.find("7 graded, 0 unchanged (kept)"), std::string::npos)
      << "results of another sandbox were kept:\n"
      << process.err;
  EXPECT_EQ(slurp(out / "gradebook.csv"), slurp(kRoot / "full/gradebook.csv"));
}

TEST_F(BatchE2E, ThreeShardsMergedEqualOneBatch) {
  std::vector<std::thread> shards;
  std::vector<e2e::GraderRun> runs(3);
  for (int i = 0; i < 3; ++i) {
    shards.emplace_back([i, &runs] {
      runs[i] = batch(kRoot / ("shard" + std::to_string(i + 1)),
                      {"--shard", std::to_string(i + 1) + "/3"});
    });
  }
  for (std::thread& shard : shards)
    shard.join();
  for (const e2e::GraderRun& run : runs)
    ASSERT_LE(run.exit_code, 1) << run.err;
  const std::string s1 = (kRoot / "shard1").string();
  const std::string s2 = (kRoot / "shard2").string();
  const std::string s3 = (kRoot / "shard3").string();
  e2e::GraderRun missing = e2e::grader({"merge", (kRoot / "merged").string(), s1, s2});
  EXPECT_EQ(missing.exit_code, 4) << "could not grade (merge), not 'some test unresolved'";
  EXPECT_NE(missing.err.find("shard 3/3 is missing: add its output folder"), std::string::npos)
      << missing.err;
  e2e::GraderRun twice = e2e::grader({"merge", (kRoot / "merged").string(), s1, s2, s2, s3});
  EXPECT_NE(twice.err.find("shard 2/3 given twice"), std::string::npos) << twice.err;
  e2e::GraderRun merged = e2e::grader({"merge", (kRoot / "merged").string(), s1, s2, s3});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(slurp(kRoot / "merged/gradebook.csv"), slurp(kRoot / "full/gradebook.csv"));
  EXPECT_EQ(slurp(kRoot / "merged/summary.json"), slurp(kRoot / "full/summary.json"));
  EXPECT_TRUE(fs::exists(kRoot / "merged/students/dan/feedback.md"));

  // A shard graded with other isolation: merged, but said, in the summary too.
  std::string marker = slurp(kRoot / "shard3/shard.json");
  const std::string sandbox = nlohmann::json::parse(marker).at("sandbox");
  marker.replace(marker.find(sandbox), sandbox.size(), "process (advisory)");
  std::ofstream(kRoot / "shard3/shard.json") << marker;
  e2e::GraderRun mixed = e2e::grader({"merge", (kRoot / "mixed").string(), s1, s2, s3});
  ASSERT_EQ(mixed.exit_code, 0) << mixed.err;
  EXPECT_NE(mixed.err.find("graded with different isolation"), std::string::npos) << mixed.err;
  EXPECT_NE(slurp(kRoot / "mixed/summary.json").find("mixed: "), std::string::npos);
}

TEST_F(BatchE2E, ARunThatStopsEarlyLeavesNoShardMarkerForMerge) {
  const fs::path out = kRoot / "stale-shard";
  fs::create_directories(out);
  std::ofstream(out / "shard.json") << R"({"schema": "ipclab.batch-shard/1", "shard": 1, "of": 3})";
  e2e::GraderRun refused = batch(out, {"--shard", "1/3", "--exercise", "no_such_exercise"});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_FALSE(fs::exists(out / "shard.json")) << "merge would take the old shard's results";
}

}  // namespace
