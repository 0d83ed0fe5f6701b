#include "cli/context.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>

#include "config/config_error.hpp"
#include "config/course_loader.hpp"
#include "config/language_choice.hpp"
#include "host/environment.hpp"
#include "host/program_search.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "model/usage_error.hpp"

namespace grader::cli {

using ipclab::i18n::tr;

std::vector<std::string> course_languages(const CommonOptions& common, LanguageDefault fallback) {
  if (!common.lang.empty()) return {common.lang};
  if (fallback == LanguageDefault::locale) return common.locale_languages;
  if (fallback == LanguageDefault::english) return {"en"};
  return {};
}

void speak_course_language(const Course& course, const CommonOptions& common) {
  if (std::string error = unknown_language(course, common.lang); !error.empty())
    throw ConfigError({"--lang"}, error);
  // A language of the course without a catalog (po/) gets English messages.
  if (!ipclab::i18n::use_language(course.text_language,
                                  ipclab::i18n::locale_dir_of(common.grader_binary)))
    ipclab::i18n::use_language("en", {});
}

Context load_context(const CommonOptions& common, LanguageDefault fallback) {
  std::filesystem::path root = common.course_dir.empty()
                                   ? find_course_root(std::filesystem::current_path())
                                   : find_course_root(common.course_dir);
  Context context{load_course(root, course_languages(common, fallback)), {}};
  speak_course_language(context.course, common);
  context.work_dir =
      common.work_dir.empty() ? root / ".grader" : std::filesystem::path(common.work_dir);
  context.work_dir = std::filesystem::absolute(context.work_dir);
  return context;
}

std::string unknown_exercise(const Course& course, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    if (course.find(id) == nullptr)
      return fmt::format(fmt::runtime(tr("no exercise '{}' (see `grader list`)")), id);
  }
  return "";
}

void require_known_exercises(const Course& course, const std::vector<std::string>& ids) {
  if (std::string error = unknown_exercise(course, ids); !error.empty()) throw UsageError(error);
}

CheckInvocation child_invocation(const CommonOptions& common, const Context& context) {
  CheckInvocation invocation;
  invocation.grader = common.grader_binary;
  invocation.course_dir = context.course.root;
  invocation.work_dir = context.work_dir;
  invocation.allow_advisory = common.allow_advisory;
  invocation.sandbox = common.sandbox;
  invocation.environment = ipclab::host::current_environment();
  return invocation;
}

std::unique_ptr<LiveSession> start_session(const Context& context, const CommonOptions& common) {
  auto live = std::make_unique<LiveSession>();
  Sandbox sandbox = Sandbox::for_this_machine(parse_sandbox_request(common.sandbox));
  Kit kit = locate_kit(common.grader_binary);
  Toolchain toolchain = detect_toolchain();
  if (std::error_code ec; std::filesystem::is_directory(kit.prebuilt(), ec))
    toolchain.prebuilt = kit.prebuilt();
  live->session = std::make_unique<GradingSession>(context.course, kit, live->runner, toolchain,
                                                   context.work_dir, sandbox);
  return live;
}

std::optional<CompilerCache> shared_compiler_cache(const LiveSession& live,
                                                   const std::filesystem::path& dir,
                                                   bool turned_off, std::string& refusal) {
  std::optional<std::filesystem::path> ccache = ipclab::host::find_program("ccache");
  if (ccache)
    ccache = std::filesystem::weakly_canonical(*ccache);  // where the sandbox must show it
  CacheSituation situation{turned_off, ccache, live.session->tests_cannot_write_grader_files()};
  return open_compiler_cache(dir, situation, refusal);
}

std::optional<CompilerCache> compiler_cache_or_say_why(const LiveSession& live,
                                                       const std::filesystem::path& dir,
                                                       bool turned_off,
                                                       const std::string& command) {
  std::string refusal;
  std::optional<CompilerCache> cache = shared_compiler_cache(live, dir, turned_off, refusal);
  if (!cache) {
    std::cerr << "grader: " << command << ": "
              << fmt::format(fmt::runtime(tr("compiling without a compiler cache: {}")), refusal)
              << "\n";
  }
  return cache;
}

void require_isolation(const LiveSession& live, const CommonOptions& common,
                       const std::string& command) {
  if (!live.session->isolation_is_advisory() || common.allow_advisory) return;
  throw GraderError(fmt::format(
      fmt::runtime(tr("`grader {}` grades untrusted code for others, but this machine offers only "
                      "advisory isolation ({}); run `grader doctor` to see how to enable the "
                      "sandbox, or pass --allow-advisory to accept it")),
      command, live.session->sandbox()));
}

ProgressSink terminal_progress() {
  if (::isatty(STDERR_FILENO) == 0) return {};
  return
      [](const std::string& line) { std::cerr << "\r\033[K" << line.substr(0, 100) << std::flush; };
}

void add_gradebook_option(CLI::App& app, std::string& layout) {
  app.add_option("--gradebook", layout,
                 tr("Layout of gradebook.csv: generic (default), canvas (Canvas's gradebook "
                    "import) or moodle (Moodle's grade import); the roster's sis_user_id, "
                    "sis_login_id, section, email and name columns fill in who each student is"))
      ->check(CLI::IsMember({"generic", "canvas", "moodle"}));
}

}  // namespace grader::cli
