// The compiler cache end to end (grader check --compiler-cache, what batch
// passes its children): a submission identical to one graded before is not
// compiled again and gets the same grade; no object of a workspace names a
// student's folder; through the cache, compile errors and sanitizer reports
// still name the student's file and line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compile/compiler_cache.hpp"
#include "e2e_support.hpp"
#include "exec/process_runner.hpp"
#include "host/program_search.hpp"
#include "plan/compiler_launcher.hpp"
#include "sandbox/build_user.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using namespace e2e;

const fs::path kWork = e2e::work_dir();
const fs::path kRoot = kWork / "compiler-cache";
const fs::path kCache = kRoot / "ccache";

/// ccache's counters for kCache: {hits, misses}.
std::pair<long long, long long> cache_counters() {
  const e2e::CcacheCounters counters = e2e::ccache_counters(kCache.string());
  return {counters.hits, counters.misses};
}

/// A copy of the model answer of pipe_ping_pong named `student`, with
/// `appended` at the end of connection.cpp and no workspace left from an
/// earlier run.
fs::path model_answer(const std::string& student, const std::string& appended = "") {
  const fs::path folder = kRoot / student;
  fs::remove_all(folder);
  fs::create_directories(folder);
  fs::copy(fs::path(IPCLAB_SOURCE_DIR) / "solutions/pipe_ping_pong", folder / "pipe_ping_pong");
  std::ofstream(folder / "pipe_ping_pong/connection.cpp", std::ios::app) << appended;
  for (const fs::directory_entry& entry : fs::directory_iterator(kWork)) {
    if (entry.path().filename().string().rfind(student + "-", 0) == 0) fs::remove_all(entry);
  }
  return folder;
}

/// The line of connection.cpp where `appended` starts.
int first_appended_line() {
  std::ifstream in(fs::path(IPCLAB_SOURCE_DIR) / "solutions/pipe_ping_pong/connection.cpp");
  int lines = 0;
  for (std::string line; std::getline(in, line);)
    ++lines;
  return lines + 1;
}

/// A warning the compiler prints on the first appended line.
const std::string kWarning = "static int ipclab_warned() { int unused; return 1; }\n";

/// The build diagnostic of `report` whose message has `text`.
nlohmann::json diagnostic(const nlohmann::json& report, const std::string& text) {
  for (const nlohmann::json& d : report.at("exercises").at(0).at("build").at("diagnostics")) {
    if (d.at("message").get<std::string>().find(text) != std::string::npos) return d;
  }
  return nullptr;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

GraderRun check_cached(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"check"};
  all.insert(all.end(), args.begin(), args.end());
  all.insert(all.end(), {"--compiler-cache", kCache.string()});
  return e2e::grader(all);
}

TEST(CompilerCacheE2E, AnIdenticalSubmissionIsNotCompiledAgainAndGradedTheSame) {
  fs::remove_all(kCache);
  const fs::path ann = model_answer("cache-ann", kWarning);
  const fs::path ben = model_answer("cache-ben", kWarning);
  GraderRun first = check_cached({"pipe_ping_pong", "-t", "wire_format", "--submission", ann});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  auto [hits, misses] = cache_counters();
  EXPECT_EQ(hits, 0);
  EXPECT_EQ(misses, 2) << "connection.cpp and ping_pong.cpp";

  GraderRun second = check_cached({"pipe_ping_pong", "-t", "wire_format", "--submission", ben});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  auto [hits_after, misses_after] = cache_counters();
  EXPECT_EQ(hits_after, 2) << "both files came from the cache";
  EXPECT_EQ(misses_after, 2) << "nothing was compiled for the second";
  EXPECT_EQ(second.report.at("score"), first.report.at("score"));
  const nlohmann::json& ann_tests = first.report.at("exercises").at(0).at("tests");
  const nlohmann::json& ben_tests = second.report.at("exercises").at(0).at("tests");
  ASSERT_EQ(ben_tests.size(), ann_tests.size());
  for (std::size_t i = 0; i < ann_tests.size(); ++i) {
    for (const char* field : {"id", "outcome", "score", "message"})
      EXPECT_EQ(ben_tests[i].at(field), ann_tests[i].at(field)) << field;
  }

  int objects = 0;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kWork)) {
    const std::string path = entry.path().string();
    if (path.find("/cache-ben-") == std::string::npos || entry.path().extension() != ".o") continue;
    ++objects;
    const std::string bytes = slurp(entry.path());
    EXPECT_EQ(bytes.find("cache-ann"), std::string::npos) << path << " names another student";
    EXPECT_EQ(bytes.find(kWork.string()), std::string::npos) << path << " names a workspace";
    EXPECT_NE(bytes.find("/submission/src/pipe_ping_pong/"), std::string::npos) << path;
  }
  EXPECT_EQ(objects, 2);

  // The warnings of a compile taken from the cache are replayed, and still
  // name the student's file and line.
  for (const GraderRun* run : {&first, &second}) {
    nlohmann::json warning = diagnostic(run->report, "unused variable");
    ASSERT_FALSE(warning.is_null()) << run->report.dump(1);
    EXPECT_EQ(warning.at("file"), "pipe_ping_pong/connection.cpp");
    EXPECT_EQ(warning.at("line"), first_appended_line());
    EXPECT_EQ(warning.at("severity"), "warning");
  }
}

TEST(CompilerCacheE2E, ALinkErrorNamesTheStudentsLine) {
  const fs::path cal = model_answer("cache-cal",
                                    "void ipclab_never_defined();\nint ipclab_calls_it() {\n"
                                    "  ipclab_never_defined();\n  return 0;\n}\n");
  GraderRun run = check_cached({"pipe_ping_pong", "-t", "wire_format", "--submission", cal});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  nlohmann::json error = diagnostic(run.report, "undefined reference to `ipclab_never_defined()'");
  ASSERT_FALSE(error.is_null()) << run.report.dump(1);
  EXPECT_EQ(error.at("file"), "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(error.at("line"), first_appended_line() + 2);
}

TEST(CompilerCacheE2E, ACompileErrorStillNamesTheStudentsLine) {
  GraderRun run = check_cached({"pipe_ping_pong", "--submission", submission("compile_error")});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  const nlohmann::json& build = run.report.at("exercises").at(0).at("build");
  EXPECT_FALSE(build.at("ok").get<bool>());
  ASSERT_FALSE(build.at("diagnostics").empty());
  EXPECT_EQ(build.at("diagnostics").at(0).at("file"), "pipe_ping_pong/connection.cpp");
  EXPECT_EQ(build.at("diagnostics").at(0).at("line"), 95);
  EXPECT_THAT(run.out, HasSubstr("pipe_ping_pong/connection.cpp:95:"));
}

TEST(CompilerCacheE2E, ASanitizerReportStillNamesTheStudentsLine) {
  GraderRun run = check_cached({"serialization", "--hidden", "--test", "decoder_robustness",
                                "--submission", submission("sanitizer")});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  ASSERT_FALSE(run.report.is_null()) << run.err;
  EXPECT_THAT(test_of(run.report, "decoder_robustness").at("message").get<std::string>(),
              HasSubstr("AddressSanitizer: heap-buffer-overflow (READ of size 1)\n"
                        "  at serialization/unpickler.cpp:43 in byte"));
}

// A work dir in a folder only root may enter (mkdtemp's 0700, a home): the
// compiles reach the cache through the build sandbox, and its counters must
// still be read -- they were zeros ("0 of 0 compiles reused") before. Real
// processes, so here and not among the unit tests (a runner in that process
// would adopt the orphans their cgroup tests count).
TEST(CompilerCacheE2E, CountsCompilesOfACacheUnderAFolderClosedToTheBuildUser) {
  if (::geteuid() != 0) GTEST_SKIP() << "only root compiles as the build user";
  std::optional<fs::path> ccache = ipclab::host::find_program("ccache");
  if (!ccache || !fs::exists("/usr/bin/cc")) GTEST_SKIP() << "needs ccache and cc";
  const fs::path closed = kRoot / "closed";
  fs::remove_all(closed);
  fs::create_directories(closed);
  fs::permissions(closed, fs::perms::owner_all);
  ::grader::CacheSituation situation{false, std::nullopt, true};
  situation.ccache = fs::weakly_canonical(*ccache);
  std::string refusal;
  std::optional<::grader::CompilerCache> cache =
      ::grader::open_compiler_cache(closed / "ccache", situation, refusal);
  ASSERT_TRUE(cache && cache->owner) << refusal;
  ipclab::exec::SystemProcessRunner runner;
  std::optional<::grader::CacheStats> before = ::grader::read_cache_stats(runner, *cache);
  ASSERT_TRUE(before);
  // One compile as the build user, from inside the cache (as a sandboxed
  // build reaches it through its bind).
  std::ofstream(cache->dir / "one.c") << "int one(void) { return 1; }\n";
  ::grader::hand_over_tree(cache->dir, *cache->owner);
  ipclab::exec::ProcessSpec compile;
  compile.executable = cache->ccache;
  compile.args = {"/usr/bin/cc", "-c", "one.c", "-o", "one.o"};
  compile.env = ::grader::ccache_environment(".");
  compile.env.insert(compile.env.end(), {"HOME=.", "PATH=/usr/bin:/bin"});
  compile.working_dir = cache->dir;
  compile.run_as = cache->owner;
  ipclab::exec::ProcessResult compiled = runner.run(compile, {});
  ASSERT_TRUE(compiled.succeeded()) << compiled.err;
  std::optional<::grader::CacheStats> after = ::grader::read_cache_stats(runner, *cache);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->compiled - before->compiled, 1);
  EXPECT_NE(::grader::cache_use_line(*cache, before, after).find("0 of 1 compiles reused"),
            std::string::npos);
  fs::remove_all(closed);
}

}  // namespace
