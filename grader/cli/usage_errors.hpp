#pragma once
// CLI11 in the chosen language: its own words in the help (the help flag,
// the headings) and, instead of its English parse errors, one translated
// line that says what was wrong and where to read how to fix it:
// "grader: error: unknown option --foo; see `grader check --help`" (exit 2).

#include <CLI/CLI.hpp>
#include <string>

namespace grader::cli {

/// What was wrong on the command line, read from a CLI11 parse error.
struct UsageProblem {
  enum class Kind {
    unknown_option,    ///< subject: "--foo"
    unknown_argument,  ///< subject: a positional no command takes
    unknown_command,   ///< subject: "chek"
    no_command,        ///< no subcommand given
    missing,           ///< subject: a required option or positional
    wrong_count,       ///< subject: an option given too few or too many values
    bad_value,         ///< subject: the option; value: what was given (may be empty)
    needs,             ///< subject needs `value` (another option) as well
    excludes,          ///< subject cannot go with `value` (another option)
    other,             ///< value: CLI11's own text
  };
  Kind kind = Kind::other;
  std::string subject;
  std::string value;
  std::string suggestion;  ///< the likely meant option or command ("" when none is close)
  std::string command;     ///< whose help explains it: "grader check", "grader"
};

/// The help flag's description, the help's headings and labels in the
/// chosen language. Call on the top-level app before adding options and
/// subcommands: they inherit them.
void translate_cli11(CLI::App& app);

/// The help flag of every subcommand of `app` under the translated heading:
/// CLI11 makes it before the subcommand inherits its parent's defaults. Call
/// once every subcommand is added.
void translate_help_flags(CLI::App& app);

/// What `error`, thrown by `app.parse`, says was wrong.
UsageProblem usage_problem(const CLI::App& app, const CLI::ParseError& error);

/// The one-line message for `problem`, in the chosen language, without a
/// newline: "grader: error: ...; see `grader check --help`".
std::string usage_message(const UsageProblem& problem);

/// What main does with a parse error: help and --version as CLI11 prints
/// them (exit 0); anything else one usage_message line on stderr (exit 2).
int report_parse_error(CLI::App& app, const CLI::ParseError& error);

}  // namespace grader::cli
