#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "model/grader_error.hpp"
#include "selftest/mutant_generator.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

/// A folder with a provided header, removed after the test.
class MutantSitesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!mutant_parser_available()) GTEST_SKIP() << missing_mutant_parser();
    dir_ = fs::temp_directory_path() / ("grader_mutant_sites_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "provided.hpp")
        << "inline int provided(int a) { return a < 3 ? 1 : 2; }\n";
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Each site of `text` as "op: the file with it applied, on one line".
  std::vector<std::string> mutants_of(const std::string& text) {
    std::vector<std::string> out;
    for (const MutationSite& site : find_mutation_sites(
             dir_ / "student.cpp", text, {"-x", "c++", "-std=c++20", "-I" + dir_.string()})) {
      std::string mutated = text;
      mutated.replace(site.offset, site.length, site.replacement);
      out.push_back(site.op + ": " + mutated.substr(mutated.find("{") + 1));
    }
    return out;
  }

  fs::path dir_;
};

TEST_F(MutantSitesTest, ComparisonsTakeTheirBoundaryTwinAndConditionsAreNegated) {
  EXPECT_EQ(mutants_of("bool f(int a, int b) { while (a == b) a = b; return a < b; }"),
            (std::vector<std::string>{"negate:  while (!(a == b)) a = b; return a < b; }",
                                      "relational:  while (a != b) a = b; return a < b; }",
                                      "relational:  while (a == b) a = b; return a <= b; }"}));
}

TEST_F(MutantSitesTest, LiteralsMoveByOneAndDurationsGoToZeroAndNegative) {
  EXPECT_EQ(mutants_of("#include <chrono>\n"
                       "int f(std::chrono::milliseconds t) { return (t + "
                       "std::chrono::milliseconds(5)).count() + 2; }"),
            (std::vector<std::string>{
                "timeout:  return ((t * 0) + std::chrono::milliseconds(5)).count() + 2; }",
                "timeout:  return ((-t) + std::chrono::milliseconds(5)).count() + 2; }",
                "timeout:  return (t + std::chrono::milliseconds(0)).count() + 2; }",
                "timeout:  return (t + std::chrono::milliseconds(-1)).count() + 2; }",
                "constant:  return (t + std::chrono::milliseconds(5)).count() + (2 + 1); }",
                "constant:  return (t + std::chrono::milliseconds(5)).count() + (2 - 1); }"}));
}

TEST_F(MutantSitesTest, CallStatementsAreDeletedAndNotifyAllWeakened) {
  const std::string text =
      "#include <condition_variable>\n#include <mutex>\n"
      "void shut(int);\nstd::mutex m; std::condition_variable c;\n"
      "void f(int fd) { std::lock_guard<std::mutex> g(m); shut(fd); c.notify_all(); }";
  EXPECT_EQ(mutants_of(text),
            (std::vector<std::string>{
                "delete_lock:   shut(fd); c.notify_all(); }",
                "delete_call:  std::lock_guard<std::mutex> g(m);  c.notify_all(); }",
                "delete_call:  std::lock_guard<std::mutex> g(m); shut(fd);  }",
                "notify_one:  std::lock_guard<std::mutex> g(m); shut(fd); c.notify_one(); }"}));
}

TEST_F(MutantSitesTest, AnUncheckedCallOrErrnoTestIsDroppedAndClocksSwapped) {
  const std::string text =
      "#include <cerrno>\n#include <chrono>\nint g();\n"
      "int f() { if (g()) return 1; return "
      "(int)std::chrono::steady_clock::now().time_since_epoch().count(); }";
  EXPECT_EQ(mutants_of(text),
            (std::vector<std::string>{
                "negate:  if (!(g())) return 1; return "
                "(int)std::chrono::steady_clock::now().time_since_epoch().count(); }",
                "drop_check:  if (false) return 1; return "
                "(int)std::chrono::steady_clock::now().time_since_epoch().count(); }",
                "constant:  if (g()) return (1 + 1); return "
                "(int)std::chrono::steady_clock::now().time_since_epoch().count(); }",
                "constant:  if (g()) return (1 - 1); return "
                "(int)std::chrono::steady_clock::now().time_since_epoch().count(); }",
                "clock:  if (g()) return 1; return "
                "(int)std::chrono::system_clock::now().time_since_epoch().count(); }"}));
}

TEST_F(MutantSitesTest, ProvidedHeadersAndMacrosAreNeverMutated) {
  const std::string text =
      "#include \"provided.hpp\"\n#define LIMIT 4\n"
      "int f(int a) { return provided(a) + LIMIT; }";
  EXPECT_EQ(mutants_of(text), std::vector<std::string>{});
}

TEST_F(MutantSitesTest, ACompileErrorNamesTheFileAndLine) {
  try {
    mutants_of("int f() { return undeclared; }");
    FAIL() << "expected a GraderError";
  } catch (const GraderError& error) {
    EXPECT_NE(std::string(error.what()).find("student.cpp:1:"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("undeclared"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace grader
