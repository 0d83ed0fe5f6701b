#pragma once
// What every command needs before it can grade: the course (loaded and
// validated), the kit, the toolchain and the work folder.

#include <functional>
#include <memory>
#include <ostream>

#include "batch/schedule/check_process_runner.hpp"
#include "cli/commands.hpp"
#include "exec/process_runner.hpp"
#include "model/course.hpp"
#include "report/output_file.hpp"
#include "session/grading_session.hpp"
#include "workspace/kit.hpp"

namespace grader::cli {

struct Context {
  Course course;
  std::filesystem::path work_dir;
};

/// Whose language a command speaks when --lang is not given.
enum class LanguageDefault {
  locale,   ///< the user's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else the course's
  course,   ///< the course's `language:`: outputs others read (batch, ci)
  english,  ///< selftest: mistakes state their feedback phrases in English
};

/// Finds and loads the course, its texts and the grader's messages in the
/// language --lang or `fallback` gives. Throws ConfigError / GraderError.
Context load_context(const CommonOptions& common,
                     LanguageDefault fallback = LanguageDefault::locale);

/// The languages to read the course's texts in, best first: --lang, else
/// what `fallback` says (the locale's, none: the course's own, English).
std::vector<std::string> course_languages(const CommonOptions& common, LanguageDefault fallback);

/// Checks --lang against `course`'s languages (ConfigError) and turns the
/// grader's messages to the language `course`'s texts were read in.
void speak_course_language(const Course& course, const CommonOptions& common);

/// "no exercise 'x' (see `grader list`)" for the first of `ids` that is not in
/// `course`; empty when all are.
std::string unknown_exercise(const Course& course, const std::vector<std::string>& ids);

/// Throws a UsageError naming the first of `ids` that is not in `course`.
void require_known_exercises(const Course& course, const std::vector<std::string>& ids);

/// How a child `grader check` (batch's students, selftest's mutants) is
/// called: this grader, the course, the work folder, the isolation options
/// and the environment, as given to this one.
CheckInvocation child_invocation(const CommonOptions& common, const Context& context);

/// A grading session on the real system, for `context`.
struct LiveSession {
  ipclab::exec::SystemProcessRunner runner;
  std::unique_ptr<GradingSession> session;
};
std::unique_ptr<LiveSession> start_session(const Context& context, const CommonOptions& common);

/// The compiler cache in `dir` that `live`'s builds may share (see
/// compiler_cache_refusal: ccache installed, tests unable to write it), or
/// nullopt and why in `refusal`.
std::optional<CompilerCache> shared_compiler_cache(const LiveSession& live,
                                                   const std::filesystem::path& dir,
                                                   bool turned_off, std::string& refusal);

/// shared_compiler_cache for `command` (batch, selftest); when refused, says
/// "grader: <command>: compiling without a compiler cache: <why>" on stderr.
std::optional<CompilerCache> compiler_cache_or_say_why(const LiveSession& live,
                                                       const std::filesystem::path& dir,
                                                       bool turned_off, const std::string& command);

/// For commands whose scores others rely on (batch, ci): throws a GraderError
/// naming `command` when `live` runs tests without real isolation (the
/// advisory backend) and --allow-advisory was not given.
void require_isolation(const LiveSession& live, const CommonOptions& common,
                       const std::string& command);

/// --gradebook generic|canvas|moodle on `app` (batch, merge), into `layout`.
void add_gradebook_option(CLI::App& app, std::string& layout);

/// Progress lines on stderr when it is a terminal; nothing otherwise.
ProgressSink terminal_progress();

}  // namespace grader::cli
