#include "release/release_kit.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fstream>
#include <sstream>

#include "batch/store/files_digest.hpp"
#include "host/file_contents.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ipclab::i18n::tr;

std::string read_bytes(const fs::path& file) {
  std::optional<std::string> bytes = ipclab::host::read_file(file);
  if (!bytes) throw GraderError(fmt::format(fmt::runtime(tr("cannot read {}")), file.string()));
  return *bytes;
}

void write_bytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out << bytes;
  out.flush();
  if (!out) throw GraderError(fmt::format(fmt::runtime(tr("cannot write {}")), file.string()));
}

/// Runs cmake with `args`; throws with the end of its output when it fails.
void run_cmake(ipclab::exec::ProcessRunner& runner, const std::vector<std::string>& environment,
               const std::vector<std::string>& args) {
  ipclab::exec::ProcessSpec spec;
  spec.executable = "/usr/bin/env";
  spec.args = {"cmake"};
  spec.args.insert(spec.args.end(), args.begin(), args.end());
  spec.env = environment;
  ipclab::exec::RunOptions options;
  options.wall_time = 7200s;  // the kit of six exercises, from scratch, on a slow machine
  options.output_cap_bytes = 64 << 20;
  options.snapshot_on_timeout = false;
  ipclab::exec::ProcessResult result = runner.run(spec, options);
  if (result.succeeded()) return;
  std::string output = result.out + result.err;
  if (output.size() > 4000) output = "..." + output.substr(output.size() - 4000);
  throw GraderError(fmt::format(fmt::runtime(tr("building the release kit failed (cmake {}):\n{}")),
                                fmt::join(args, " "), output));
}

/// The CMake data of the kit: its platform, exercises and student files.
std::string kit_cmake(const Course& course, const std::string& platform) {
  std::string text =
      "# Written by `grader release`: the prebuilt kit of this release\n"
      "# (cmake/IpcLabPrebuiltKit.cmake reads it; docs/ci.md explains it).\n";
  text += fmt::format("set(IPCLAB_KIT_PLATFORM \"{}\")\n", platform);
  std::vector<std::string> ids;
  for (const ExerciseSpec& exercise : course.exercises)
    ids.push_back(exercise.id);
  text += fmt::format("set(IPCLAB_KIT_EXERCISES {})\n", fmt::join(ids, " "));
  for (const ExerciseSpec& exercise : course.exercises) {
    text += fmt::format("set(IPCLAB_KIT_{}_STUDENT_FILES {})\n", exercise.id,
                        fmt::join(exercise.student_files, " "));
  }
  return text;
}

/// The platform line the kit build recorded ("Linux x86_64").
std::string kit_platform(const fs::path& kit_dir) {
  fs::path file = kit_dir / "PLATFORM";
  if (!fs::is_regular_file(file)) {
    throw GraderError(
        fmt::format(fmt::runtime(tr("{} is missing: build the release kit again")), file.string()));
  }
  std::string text = read_bytes(file);
  return text.substr(0, text.find_first_of("\r\n"));
}

}  // namespace

std::vector<std::string> release_kit_programs(const std::string& exercise_id) {
  return {exercise_id + "_harness", exercise_id + "_reference_driver"};
}

fs::path build_release_kit(const Course& course, const fs::path& build_dir,
                           ipclab::exec::ProcessRunner& runner,
                           const std::vector<std::string>& environment) {
  // No build type and no tests: the programs get exactly the flags a grader
  // workspace gives a driver (cmake/IpcLabExercise.cmake).
  run_cmake(runner, environment,
            {"-S", course.root.string(), "-B", build_dir.string(), "-G", "Ninja",
             "-DCMAKE_BUILD_TYPE=", "-DIPCLAB_BUILD_TESTS=OFF", "-DIPCLAB_ONLY_EXERCISES="});
  run_cmake(runner, environment, {"--build", build_dir.string(), "--target", "ipclab_release_kit"});
  return build_dir / "release-kit";
}

std::vector<std::string> write_release_kit(const Course& course, const fs::path& kit_dir,
                                           const fs::path& dest) {
  const fs::path folder = dest / kReleaseKitFolder;
  fs::create_directories(folder);
  std::vector<std::string> written;
  std::string sums;
  for (const ExerciseSpec& exercise : course.exercises) {
    for (const std::string& name : release_kit_programs(exercise.id)) {
      fs::path program = kit_dir / name;
      if (!fs::is_regular_file(program)) {
        // TRANSLATORS: a program's path, then its name
        throw GraderError(fmt::format(
            fmt::runtime(tr("{} is missing: the release kit has no {} (cmake --build BUILD "
                            "--target ipclab_release_kit)")),
            program.string(), name));
      }
      std::string bytes = read_bytes(program);
      write_bytes(folder / name, bytes);
      fs::permissions(folder / name, fs::perms(0755));
      sums += sha256_hex(bytes) + "  " + name + "\n";
      written.push_back(std::string(kReleaseKitFolder) + "/" + name);
    }
  }
  write_bytes(folder / "SHA256SUMS", sums);
  write_bytes(folder / "kit.cmake", kit_cmake(course, kit_platform(kit_dir)));
  for (const char* file : {"SHA256SUMS", "kit.cmake"}) {
    written.push_back(std::string(kReleaseKitFolder) + "/" + file);
  }
  return written;
}

}  // namespace grader
