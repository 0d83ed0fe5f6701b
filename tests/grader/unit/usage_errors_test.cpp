// CLI11's parse errors as one translated line that says how to fix them, and
// CLI11's own words in the help in the chosen language.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/usage_errors.hpp"
#include "in_language.hpp"

namespace grader::cli {
namespace {

using testing::HasSubstr;
using testing::Not;
using Kind = UsageProblem::Kind;

/// A command line shaped like grader's: global options, required commands,
/// each kind of constraint CLI11 checks.
struct FakeGrader {
  CLI::App app{"grader"};
  std::string sandbox = "auto", test, out, write, junit;
  std::vector<std::string> exercises;
  int jobs = 1, repeat = 0;
  bool json = false;

  FakeGrader() {
    translate_cli11(app);
    app.require_subcommand(1);
    app.fallthrough();
    app.add_option("--sandbox", sandbox)->check(CLI::IsMember({"auto", "process"}));
    CLI::App* check = app.add_subcommand("check", "Grade");
    check->add_option("exercises", exercises);
    check->add_option("--test", test);
    check->add_option("--jobs", jobs)->check(CLI::PositiveNumber);
    app.add_subcommand("merge", "Merge")->add_option("out", out)->required();
    CLI::App* selftest = app.add_subcommand("selftest", "Prove");
    CLI::Option* write_option = selftest->add_option("--write-mistakes", write);
    selftest->add_option("--repeat", repeat)->excludes(write_option);
    CLI::Option* json_flag = selftest->add_flag("--json", json);
    selftest->add_option("--junit", junit)->needs(json_flag);
    translate_help_flags(app);
  }

  /// What parsing `args` (without the program's name) says was wrong.
  UsageProblem problem(std::vector<std::string> args) {
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
      app.parse(args);
    } catch (const CLI::ParseError& error) {
      return usage_problem(app, error);
    }
    ADD_FAILURE() << "no parse error";
    return {};
  }

  std::string message(const std::vector<std::string>& args) { return usage_message(problem(args)); }
};

TEST(UsageErrors, AnUnknownOptionNamesItAndTheHelpOfItsCommand) {
  EXPECT_EQ(FakeGrader().message({"check", "--no-such"}),
            "grader: error: unknown option --no-such; see `grader check --help`");
  EXPECT_EQ(FakeGrader().message({"--no-such=3", "check"}),
            "grader: error: unknown option --no-such; see `grader check --help`");
  EXPECT_EQ(FakeGrader().message({"check", "--tset", "x"}),
            "grader: error: unknown option --tset (did you mean --test?); see `grader check "
            "--help`");
}

TEST(UsageErrors, AMissingOrUnknownCommandPointsToTheCommands) {
  UsageProblem unknown = FakeGrader().problem({"chek"});
  EXPECT_EQ(unknown.kind, Kind::unknown_command);
  EXPECT_EQ(unknown.suggestion, "check");
  EXPECT_EQ(usage_message(unknown),
            "grader: error: unknown command 'chek' (did you mean check?); see `grader --help`");
  EXPECT_EQ(FakeGrader().message({"--sandbox", "auto"}),
            "grader: error: no command given; see `grader --help`");
}

TEST(UsageErrors, AnExtraArgumentOfACommandIsUnexpected) {
  EXPECT_EQ(FakeGrader().message({"merge", "out", "more"}),
            "grader: error: unexpected argument 'more'; see `grader merge --help`");
}

TEST(UsageErrors, ABadValueNamesTheValueAndTheOption) {
  EXPECT_EQ(FakeGrader().message({"check", "--jobs", "abc"}),
            "grader: error: invalid value 'abc' for --jobs; see `grader check --help`");
  EXPECT_EQ(FakeGrader().message({"check", "--jobs", "0"}),
            "grader: error: invalid value '0' for --jobs; see `grader check --help`");
  EXPECT_EQ(FakeGrader().message({"--sandbox", "box", "check"}),
            "grader: error: invalid value 'box' for --sandbox; see `grader check --help`");
}

TEST(UsageErrors, MissingValuesAndArgumentsAreNamed) {
  EXPECT_EQ(FakeGrader().message({"check", "--test"}),
            "grader: error: wrong number of values for --test; see `grader check --help`");
  EXPECT_EQ(FakeGrader().message({"merge"}),
            "grader: error: out is required; see `grader merge --help`");
}

TEST(UsageErrors, OptionsThatGoTogetherOrNotNameBoth) {
  EXPECT_EQ(FakeGrader().message({"selftest", "--write-mistakes", "d", "--repeat", "2"}),
            "grader: error: --write-mistakes and --repeat cannot be used together; see "
            "`grader selftest --help`");
  EXPECT_EQ(FakeGrader().message({"selftest", "--junit", "f"}),
            "grader: error: --junit needs --json as well; see `grader selftest --help`");
}

TEST(UsageErrors, AnythingElseKeepsCLI11sWordsInside) {
  UsageProblem problem{Kind::other, "", "Too many positional arguments", "", "grader"};
  EXPECT_EQ(usage_message(problem),
            "grader: error: the command line is not valid (Too many positional arguments); "
            "see `grader --help`");
}

TEST(UsageErrors, SpeaksSpanish) {
  std::string message = fixtures::in_spanish([] {
    return FakeGrader().message({"check", "--no-such"});
  });
  EXPECT_EQ(message, "grader: error: opción desconocida --no-such; consulta `grader check --help`");
}

TEST(UsageErrors, TheHelpsOwnWordsAreTranslated) {
  std::string help = fixtures::in_spanish([] {
    FakeGrader grader;
    return grader.app.get_subcommand("check")->help();
  });
  EXPECT_THAT(help, HasSubstr("Uso:"));
  EXPECT_THAT(help, HasSubstr("OPCIONES"));
  EXPECT_THAT(help, HasSubstr("Opciones:"));
  EXPECT_THAT(help, HasSubstr("Muestra esta ayuda y termina"));
  EXPECT_THAT(help, Not(HasSubstr("Options:")));
}

}  // namespace
}  // namespace grader::cli
