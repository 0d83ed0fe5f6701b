#include "compile/builder.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "compile/diagnostics.hpp"
#include "host/environment.hpp"
#include "host/file_contents.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;

namespace fs = std::filesystem;
using ipclab::exec::ProcessResult;
using ipclab::exec::Termination;

std::string read_file(const fs::path& path) {
  return ipclab::host::read_file(path).value_or("");
}

std::string tail_lines(const std::string& text, std::size_t count) {
  std::size_t pos = text.size();
  for (std::size_t seen = 0; pos > 0 && seen <= count; --pos) {
    if (text[pos - 1] == '\n') ++seen;
  }
  return pos == 0 ? text : text.substr(pos + 1);
}

/// The configure command a build tree was made with.
fs::path configure_stamp(const fs::path& build_dir) {
  return build_dir / "ipclab-configure.txt";
}

/// True when `build_dir` holds a build tree made by `configure`, to the end.
bool configured(const fs::path& build_dir, const Command& configure) {
  std::error_code ec;
  return fs::exists(build_dir / "CMakeCache.txt", ec) &&
         (fs::exists(build_dir / "build.ninja", ec) || fs::exists(build_dir / "Makefile", ec)) &&
         read_file(configure_stamp(build_dir)) == configure.to_shell();
}

/// True when the compiler (or the build tool) was ended by a resource limit
/// rather than by the errors it reported.
bool stopped_by_limit(const ProcessResult& result, const std::string& output) {
  if (result.termination == Termination::signaled) return true;
  for (const char* sign :
       {"Killed signal terminated program", "out of memory", "CPU time limit exceeded",
        "File size limit exceeded", "memory exhausted"}) {
    if (output.find(sign) != std::string::npos) return true;
  }
  return false;
}

/// A compile that failed because the compiler cache (or its launcher) did is
/// not the student's failure: it must not cost their build points. Their
/// messages start a line; a compiler's start with a file name (or a gutter),
/// so a student's own text cannot pass for one.
void refuse_tool_failure(const std::string& output) {
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("ccache: error:", 0) == 0 || line.rfind("/usr/bin/env: ", 0) == 0) {
      throw GraderError(
          fmt::format(fmt::runtime(tr("the compiler cache failed ({}): grade again, or with "
                                      "--no-compiler-cache")),
                      line));
    }
  }
}

/// The environment of a compile: the grader's build variables, with the
/// sandbox's own /tmp (the grader's temporary folder is not in the view) and,
/// given a `home`, that as HOME: root's is not the build user's, and ccache
/// needs one (getpwuid() knows no build user).
std::vector<std::string> compile_environment(const std::vector<std::string>& grader_env,
                                             const fs::path& home) {
  std::vector<std::string> env;
  for (const std::string& variable : grader_env) {
    if (variable.rfind("TMPDIR=", 0) == 0) continue;
    if (!home.empty() && variable.rfind("HOME=", 0) == 0) continue;
    env.push_back(variable);
  }
  env.push_back("TMPDIR=/tmp");
  if (!home.empty()) env.push_back("HOME=" + home.string());
  return env;
}

}  // namespace

std::vector<std::string> build_environment() {
  return ipclab::host::inherited_environment(
      {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "CC", "CXX", "CCACHE_DIR"});
}

Builder::Builder(ipclab::exec::ProcessRunner& runner, std::vector<std::string> environment,
                 BuildLimits limits, const Sandbox& sandbox)
    : runner_(runner), environment_(std::move(environment)), limits_(limits), sandbox_(sandbox) {}

SandboxView build_view(const std::string& course_root, const Workspace& workspace,
                       const fs::path& prebuilt, const fs::path& compiler_cache) {
  SandboxView view;
  fs::path root(course_root);
  view.read_only = {root / "exercises", root / "cmake", workspace.dir};
  if (!prebuilt.empty()) view.read_only.push_back(prebuilt);
  view.writable = {workspace.build_dir()};
  if (!compiler_cache.empty()) view.writable.push_back(compiler_cache);
  view.full_dev = false;
  // Of /etc only the links behind /usr/bin/c++ and cc, and where the loader
  // finds libraries: no accounts, keys or settings of the host.
  view.etc_entries = std::vector<fs::path>{"/etc/alternatives", "/etc/ld.so.cache"};
  return view;
}

ProcessResult Builder::compile(const Command& command, const std::string& course_root) {
  ProcessResult result = compile_in_sandbox(command, course_root);
  if (!result.succeeded()) refuse_tool_failure(result.out + result.err);
  return result;
}

ProcessResult Builder::compile_in_sandbox(const Command& command, const std::string& course_root) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = command.argv.at(0);
  spec.args.assign(command.argv.begin() + 1, command.argv.end());
  spec.run_as = sandbox_.build_user();
  spec.env = compile_environment(environment_,
                                 spec.run_as ? Workspace{workspace_dir_}.build_dir() : fs::path());
  spec.working_dir = command.cwd;
  spec.limits.cpu_time = limits_.cpu_time;
  spec.limits.address_space_bytes = limits_.memory_bytes;
  spec.limits.file_size_bytes = limits_.file_size_bytes;
  ipclab::exec::RunOptions options;
  options.wall_time = limits_.build_timeout;
  options.output_cap_bytes = limits_.output_bytes;
  options.snapshot_on_timeout = false;
  try {
    return sandbox_.run(runner_, spec, options,
                        build_view(course_root, {workspace_dir_}, prebuilt_, compiler_cache_),
                        {limits_.processes, limits_.memory_bytes});
  } catch (const ipclab::exec::SpawnError& e) {
    throw GraderError(fmt::format(fmt::runtime(tr("cannot build in the sandbox: {}")), e.what()));
  }
}

ProcessResult Builder::run(const Command& command, std::chrono::milliseconds timeout) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = command.argv.at(0);
  spec.args.assign(command.argv.begin() + 1, command.argv.end());
  spec.env = environment_;
  spec.working_dir = command.cwd;
  spec.limits.address_space_bytes = limits_.memory_bytes;
  spec.limits.file_size_bytes = limits_.file_size_bytes;
  ipclab::exec::RunOptions options;
  options.wall_time = timeout;
  options.output_cap_bytes = limits_.output_bytes;
  options.snapshot_on_timeout = false;
  return runner_.run(spec, options);
}

void Builder::prepare(const BuildPlan& plan) {
  std::error_code ec;
  fs::create_directories(plan.workspace.build_dir(), ec);
  if (ec)
    throw GraderError(fmt::format(fmt::runtime(tr("cannot create {}: {}")),
                                  plan.workspace.build_dir().string(), ec.message()));
  write_if_changed(plan.workspace.manifest(), plan.manifest);
  refusals_ = stage_through_intake(plan.staged);
}

void Builder::configure(const BuildPlan& plan) {
  const fs::path build_dir = plan.workspace.build_dir();
  if (configured(build_dir, plan.configure)) return;
  // A tree made by another command (the compiler cache turned on or off, the
  // kit moved) or left by a failed configure starts again from its settings:
  // its objects stay, and Ninja recompiles what the new commands change.
  std::error_code ec;
  fs::remove(configure_stamp(build_dir), ec);
  fs::remove(build_dir / "CMakeCache.txt", ec);
  ProcessResult result = run(plan.configure, limits_.configure_timeout);
  if (!result.succeeded()) {
    throw GraderError(fmt::format(fmt::runtime(tr("configuring the workspace {} failed ({}):")),
                                  plan.workspace.dir.string(), plan.configure.to_shell()) +
                      "\n" + tail_lines(result.out + result.err, 30));
  }
  write_if_changed(configure_stamp(build_dir), plan.configure.to_shell());
}

void Builder::hand_over_to_build_user(const BuildPlan& plan, const std::string& course_root,
                                      ipclab::exec::Credentials user) const {
  BuildReads reads;
  reads.trees = {fs::path(course_root) / "exercises", fs::path(course_root) / "cmake"};
  if (!plan.prebuilt.empty()) reads.trees.push_back(plan.prebuilt);
  reads.folders = {plan.workspace.dir};
  if (!plan.compiler_cache.empty()) reads.folders.push_back(plan.compiler_cache);
  // Without a bubblewrap view the compile walks the host's own folders down.
  reads.parents = sandbox_.backend() == SandboxBackend::process;
  if (std::string why = build_user_access_problem(reads, user); !why.empty())
    throw GraderError(why);
  // Configuring (as the grader's user) wrote the build tree; the compile
  // writes its objects there.
  hand_over_tree(plan.workspace.build_dir(), user);
}

BuildResult Builder::build_exercise(const ExerciseBuild& exercise, const std::string& course_root) {
  if (auto refused = refusals_.find(exercise.exercise_id); refused != refusals_.end()) {
    return refused_build(exercise, refused->second);
  }
  auto start = std::chrono::steady_clock::now();
  ProcessResult result = compile(exercise.command, course_root);
  BuildResult build;
  build.exercise_id = exercise.exercise_id;
  build.notes = exercise.notes;
  build.notes.insert(build.notes.end(), result.notes.begin(), result.notes.end());
  std::string output = result.out + result.err;
  build.ok = result.succeeded();
  build.diagnostics = parse_diagnostics(output, exercise.display_names, course_root);
  if (!build.ok) build.log = tail_lines(output, 60);
  if (result.termination == Termination::timed_out) {
    build.notes.push_back("the build did not finish within the time limit and was stopped");
  } else if (!build.ok && stopped_by_limit(result, output)) {
    build.notes.push_back(
        "the compiler was stopped by a limit (CPU time, memory or file size): an include bomb, "
        "or an #include of something that never ends?");
  } else if (result.termination == Termination::output_limit) {
    build.notes.push_back("the compiler printed too much output and was stopped");
  }
  if (build.ok) build.driver = exercise.driver;
  if (build.ok && exercise.sanitized_command) build_sanitized(exercise, course_root, build);
  build.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return build;
}

void Builder::build_sanitized(const ExerciseBuild& exercise, const std::string& course_root,
                              BuildResult& build) {
  ProcessResult result = compile(*exercise.sanitized_command, course_root);
  if (result.succeeded()) {
    build.sanitized_driver = exercise.sanitized_driver;
    return;
  }
  // The plain build compiled, so the sanitizer build failing is rare: keep
  // the build points, and let the tests that need it say why they did not run.
  std::string output = result.out + result.err;
  for (Diagnostic& diagnostic : parse_diagnostics(output, exercise.display_names, course_root)) {
    if (diagnostic.severity == "error") build.diagnostics.push_back(std::move(diagnostic));
  }
  build.notes.push_back("the sanitizer build (AddressSanitizer + UBSan) failed:\n" +
                        tail_lines(output, 20));
}

std::vector<BuildResult> Builder::build(const BuildPlan& plan, const std::string& course_root) {
  workspace_dir_ = plan.workspace.dir;
  prebuilt_ = plan.prebuilt;
  compiler_cache_ = plan.compiler_cache;
  prepare(plan);
  configure(plan);
  if (sandbox_.build_user()) hand_over_to_build_user(plan, course_root, *sandbox_.build_user());
  std::vector<BuildResult> results;
  for (const ExerciseBuild& exercise : plan.exercises) {
    results.push_back(build_exercise(exercise, course_root));
  }
  return results;
}

}  // namespace grader
