// `grader release` end to end: the release of this course holds no
// implementation of a student file (the reference drivers and harnesses come
// prebuilt), what it holds earns nothing handed in, and in a fresh folder it
// configures, builds and grades the model answers with full visible marks.
// One release and one build of it serve every test (each ctest process finds
// them in the e2e work folder; the build is incremental).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "e2e_support.hpp"
#include "exec/process_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

const fs::path kSource = IPCLAB_SOURCE_DIR;
const fs::path kWork = fs::path(e2e::work_dir()) / "release";
const fs::path kRelease = kWork / "course";
const fs::path kBuild = kWork / "build";
// Built with the grader by target ipclab_release_kit (the dev build's flags).
const fs::path kKit = fs::path(IPCLAB_GRADER).parent_path().parent_path() / "release-kit";

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

Result run(const fs::path& program, const std::vector<std::string>& args) {
  static ipclab::exec::SystemProcessRunner runner;
  ipclab::exec::ProcessSpec spec;
  spec.executable = program;
  spec.args = args;
  for (const char* name : {"PATH", "HOME", "CCACHE_DIR"}) {
    if (const char* value = std::getenv(name)) spec.env.push_back(std::string(name) + "=" + value);
  }
  ipclab::exec::RunOptions options;
  options.wall_time = 3600s;  // the first build of the release, on a loaded machine
  options.output_cap_bytes = 16 << 20;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  return {result.status.exit_code, result.out, result.err};
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The course's exercises and their student files: reference/<id>/ holds
/// exactly the student files of <id>.
std::map<std::string, std::set<std::string>> student_files() {
  std::map<std::string, std::set<std::string>> files;
  for (const fs::directory_entry& dir : fs::directory_iterator(kSource / "reference")) {
    if (!dir.is_directory()) continue;
    for (const fs::directory_entry& file : fs::directory_iterator(dir.path())) {
      files[dir.path().filename().string()].insert(file.path().filename().string());
    }
  }
  return files;
}

std::vector<std::string> exercise_ids() {
  std::vector<std::string> ids;
  for (const auto& [id, files] : student_files())
    ids.push_back(id);
  return ids;
}

/// The visible test ids of `exercise` in the instructor's assignments.yaml.
int visible_tests_in_source(const std::string& exercise) {
  Result list = run(IPCLAB_GRADER, {"--course", kSource.string(), "list"});
  std::string text = list.out.substr(list.out.find(exercise + " —"));
  text = text.substr(0, text.find("\n\n"));
  int visible = 0;
  for (std::size_t at = text.find(" visible "); at != std::string::npos;
       at = text.find(" visible ", at + 1)) {
    ++visible;
  }
  return visible;
}

/// What the release was made from: a new grader or kit makes a new release.
std::string release_key() {
  std::string key = std::to_string(fs::last_write_time(IPCLAB_GRADER).time_since_epoch().count());
  for (const fs::directory_entry& file : fs::directory_iterator(kKit)) {
    key += " " + file.path().filename().string() + "@" +
           std::to_string(file.last_write_time().time_since_epoch().count());
  }
  return key;
}

class GraderRelease : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { setup_error() = make_and_build(); }

  void SetUp() override { ASSERT_EQ(setup_error(), "") << "the release could not be made"; }

  static std::string& setup_error() {
    static std::string error;
    return error;
  }

  /// The release (again only when the grader or the kit changed), then its build.
  static std::string make_and_build() {
    if (!fs::is_directory(kKit)) return "no release kit in " + kKit.string();
    const fs::path stamp = kWork / "release.key";
    if (read(stamp) != release_key()) {
      fs::remove_all(kRelease);
      fs::remove(stamp);
      Result made = run(IPCLAB_GRADER, {"--course", kSource.string(), "release", kRelease.string(),
                                        "--kit", kKit.string()});
      if (made.exit_code != 0) return "grader release: " + made.err;
      std::ofstream(stamp) << release_key();
    }
    // No optimisation (an empty build type): this builds the whole grader
    // again, and -O0 compiles it about twice as fast as Release.
    std::vector<std::string> configure = {"cmake",
                                          "-S",
                                          kRelease.string(),
                                          "-B",
                                          kBuild.string(),
                                          "-G",
                                          "Ninja",
                                          "-DCMAKE_BUILD_TYPE=",
                                          "-DIPCLAB_BUILD_TESTS=OFF"};
    if (fs::exists("/usr/bin/ccache")) configure.push_back("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache");
    Result configured = run("/usr/bin/env", configure);
    if (configured.exit_code != 0) return "configure: " + configured.out + configured.err;
    Result built = run("/usr/bin/env", {"cmake", "--build", kBuild.string()});
    if (built.exit_code != 0) {
      std::string out =
          built.out.size() > 3000 ? built.out.substr(built.out.size() - 3000) : built.out;
      return "build: " + out + built.err;
    }
    return "";
  }
};

TEST_F(GraderRelease, ShipsNoImplementationOfAStudentFileNorHiddenTests) {
  for (const char* gone : {"solutions", "tests/mistakes", "tests/grader/unit", "templates",
                           "tests/exercises/pipe_ping_pong", "tests/exercises/common",
                           "reference/pipe_ping_pong", "build"}) {
    EXPECT_FALSE(fs::exists(kRelease / gone)) << gone;
  }
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kRelease)) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("hidden_")) << entry.path();
  }
  EXPECT_TRUE(fs::exists(kRelease / ".github/workflows/grade.yml"));
  EXPECT_TRUE(fs::exists(kRelease / ".github/workflows/warm-cache.yml"));
  std::string sums = read(kRelease / "reference/bin/SHA256SUMS");
  for (const std::string& id : exercise_ids()) {
    for (const std::string& name : {id + "_reference_driver", id + "_harness"}) {
      std::string program = read(kRelease / "reference/bin" / name);
      EXPECT_THAT(sums, HasSubstr("  " + name + "\n"));
      // Stripped: no symbol table, no debug information (no names of the reference's code).
      EXPECT_EQ(program.find(".symtab"), std::string::npos) << name;
      EXPECT_EQ(program.find(".debug_info"), std::string::npos) << name;
    }
  }
}

/// Grades `submission` (folders <id>/<file>) on the instructor's course,
/// hidden tests included; the score of `exercise`.
double course_score(const std::string& exercise, const fs::path& submission) {
  e2e::GraderRun graded =
      e2e::grader({"check", exercise, "--hidden", "--submission", submission.string()});
  EXPECT_NE(graded.report, nullptr) << graded.err;
  return graded.report.is_null() ? -1 : graded.report.at("score").get<double>();
}

/// A submission of `exercise` in `into`: the starter files, with `found` over them.
fs::path submission_of(const std::string& exercise, const std::set<std::string>& names,
                       const std::map<std::string, fs::path>& found, const fs::path& into) {
  fs::remove_all(into);
  fs::create_directories(into / exercise);
  for (const std::string& name : names) {
    auto it = found.find(name);
    fs::path from = it != found.end() ? it->second : kRelease / "exercises" / exercise / name;
    fs::copy_file(from, into / exercise / name);
  }
  return into;
}

// What a student would try first: every file of the release that carries the
// name of a student file (the starter files aside), handed in.
TEST_F(GraderRelease, FilesNamedLikeStudentFilesEarnNoMoreThanTheStarterFiles) {
  for (const auto& [exercise, names] : student_files()) {
    // The candidates, by folder: reference/<id>/connection.cpp and ping_pong.cpp go together.
    std::map<fs::path, std::map<std::string, fs::path>> by_folder;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(kRelease)) {
      std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || !names.count(name)) continue;
      if (entry.path() == kRelease / "exercises" / exercise / name) continue;
      by_folder[entry.path().parent_path()][name] = entry.path();
    }
    if (by_folder.empty()) continue;  // nothing to hand in but the starter files
    double starter = course_score(exercise, submission_of(exercise, names, {}, kWork / "starter"));
    for (const auto& [folder, found] : by_folder) {
      double score = course_score(exercise, submission_of(exercise, names, found, kWork / "named"));
      EXPECT_LE(score, starter) << exercise << ": the files of " << folder
                                << " earn more than the starter files";
    }
  }
}

class GraderReleaseGrades : public GraderRelease,
                            public ::testing::WithParamInterface<std::string> {};

TEST_P(GraderReleaseGrades, TheModelAnswersWithFullVisibleMarks) {
  const std::string exercise = GetParam();
  fs::path json = kWork / ("report-" + exercise + ".json");
  fs::remove(json);
  Result check = run(
      kBuild / "bin/grader",
      {"--course", kRelease.string(), "--work-dir", (kWork / "work").string(), "check", exercise,
       "--hidden", "--submission", (kSource / "solutions").string(), "--json", json.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  ASSERT_TRUE(fs::exists(json)) << check.err;
  nlohmann::json report = nlohmann::json::parse(std::ifstream(json));
  const nlohmann::json& tests = report.at("exercises").at(0).at("tests");
  EXPECT_EQ(static_cast<int>(tests.size()), visible_tests_in_source(exercise));
  for (const nlohmann::json& test : tests) {
    EXPECT_EQ(test.at("visibility"), "visible") << test.at("id");
    EXPECT_EQ(test.at("outcome"), "passed") << test.at("id") << ": " << test.at("message");
  }
}

INSTANTIATE_TEST_SUITE_P(Exercises, GraderReleaseGrades, ::testing::ValuesIn(exercise_ids()),
                         [](const auto& info) { return info.param; });

// The checks of cmake/IpcLabPrebuiltKit.cmake that a release's configure
// runs, in CMake's script mode: the platform and the digests.
class PrebuiltKitCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = kWork / "kit-check";
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "bin");
    std::ofstream(dir_ / "bin/x_harness") << "program";
  }

  /// Runs `call` after including the module; its exit code and its messages,
  /// with CMake's line wrapping undone.
  Result cmake_script(const std::string& call) {
    std::ofstream(dir_ / "check.cmake")
        << "include(" << (kSource / "cmake/IpcLabPrebuiltKit.cmake").string() << ")\n"
        << call << "\n";
    Result result = run("/usr/bin/env", {"cmake", "-P", (dir_ / "check.cmake").string()});
    std::string flat;
    for (char c : result.err) {
      bool space = std::isspace(static_cast<unsigned char>(c));
      if (!space)
        flat += c;
      else if (!flat.empty() && flat.back() != ' ')
        flat += ' ';
    }
    result.err = flat;
    return result;
  }

  fs::path dir_;
};

TEST_F(PrebuiltKitCheck, NamesTheSupportedPlatformOnAnother) {
  Result other = cmake_script("ipclab_check_kit_platform(\"Linux x86_64\" Linux aarch64)");
  EXPECT_NE(other.exit_code, 0);
  EXPECT_THAT(other.err, HasSubstr("the reference programs of this course are built for "
                                   "Linux x86_64, and this machine is Linux aarch64"));
  EXPECT_THAT(other.err, HasSubstr("g++-aarch64-linux-gnu"));
  Result same = cmake_script("ipclab_check_kit_platform(\"Linux x86_64\" Linux x86_64)");
  EXPECT_EQ(same.exit_code, 0) << same.err;
}

TEST_F(PrebuiltKitCheck, RefusesAProgramWhoseDigestDiffers) {
  Result good =
      cmake_script("file(SHA256 " + (dir_ / "bin/x_harness").string() + " h)\nmessage(\"${h}\")");
  std::ofstream(dir_ / "bin/SHA256SUMS") << good.err.substr(0, 64) << "  x_harness\n";
  Result verified =
      cmake_script("ipclab_verify_kit_program(" + (dir_ / "bin").string() + " x_harness)");
  EXPECT_EQ(verified.exit_code, 0) << verified.err;

  std::ofstream(dir_ / "bin/x_harness") << "program, changed";
  Result changed =
      cmake_script("ipclab_verify_kit_program(" + (dir_ / "bin").string() + " x_harness)");
  EXPECT_NE(changed.exit_code, 0);
  EXPECT_THAT(changed.err, HasSubstr("reference/bin/x_harness: its SHA-256 is"));
  EXPECT_THAT(changed.err, HasSubstr("the program was changed or damaged; restore it from the "
                                     "course release (git checkout -- reference/bin)"));
}

}  // namespace
