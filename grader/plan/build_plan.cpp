#include "plan/build_plan.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "host/program_search.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

std::string cmake_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '$' || c == ';') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Where the student files of `exercise` are compiled from, and how they are named.
std::filesystem::path student_dir(const Course& course, const Submission& submission,
                                  const Workspace& workspace, const ExerciseSpec& exercise) {
  if (submission.kind == Submission::Kind::working_copy) return course.root / exercise.folder();
  return workspace.sources() / exercise.id;
}

std::vector<StagedFile> stage(const Course& course, const Submission& submission,
                              const Workspace& workspace, const ExerciseSpec& exercise,
                              const FileExists& exists) {
  const bool in_place = submission.kind == Submission::Kind::working_copy;
  std::vector<StagedFile> staged;
  for (const std::string& file : exercise.student_files) {
    bool missing = !in_place && !exists(submission.file(exercise.id, file));
    std::filesystem::path root = missing ? course.root : submission.intake_root();
    std::string relative = missing ? (exercise.folder() / file).generic_string()
                                   : submission.relative_file(exercise.id, file);
    std::filesystem::path to = in_place ? "" : workspace.sources() / exercise.id / file;
    staged.push_back({root / relative, to, missing, exercise.id, root, relative,
                      submission.display_name(exercise.id, file)});
  }
  return staged;
}

bool needs_sanitizer(const Selection& selection, const ExerciseSpec& exercise) {
  return std::any_of(exercise.tests.begin(), exercise.tests.end(), [&](const TestSpec& test) {
    return test.sanitize && selected(selection, exercise, test);
  });
}

ExerciseBuild plan_exercise(const Course& course, const Submission& submission,
                            const Workspace& workspace, const ExerciseSpec& exercise,
                            const Toolchain& toolchain, const FileExists& exists, bool sanitized) {
  ExerciseBuild build;
  build.exercise_id = exercise.id;
  build.driver = workspace.driver(exercise.id);
  auto build_target = [&](const std::string& target) {
    return Command{{toolchain.cmake, "--build", workspace.build_dir().string(), "--target", target},
                   {}};
  };
  build.command = build_target(exercise.id + "_student");
  if (sanitized) {
    build.sanitized_command = build_target(exercise.id + "_student_asan");
    build.sanitized_driver = workspace.sanitized_driver(exercise.id);
  }
  std::filesystem::path dir = student_dir(course, submission, workspace, exercise);
  for (const std::string& file : exercise.student_files) {
    std::string shown = submission.display_name(exercise.id, file);
    build.display_names[(dir / file).string()] = shown;
    if (submission.kind == Submission::Kind::folder) {
      // Staged in the workspace: through the compiler cache the compiler names
      // it relative to the build folder; the linker and debug info use the
      // name the workspace's -ffile-prefix-map gives it.
      build.display_names[(dir / file).lexically_relative(workspace.build_dir()).string()] = shown;
      build.display_names["/submission/src/" + exercise.id + "/" + file] = shown;
    }
    if (submission.kind == Submission::Kind::folder &&
        !exists(submission.file(exercise.id, file))) {
      build.notes.push_back(shown + " is not in the submission: graded the starter file");
    }
  }
  return build;
}

std::string manifest_text(const Course& course, const Submission& submission,
                          const Workspace& workspace,
                          const std::vector<const ExerciseSpec*>& chosen) {
  std::string text =
      "# Written by the grader from assignments.yaml; do not edit.\nset(IPCLAB_EXERCISES";
  for (const ExerciseSpec* e : chosen)
    text += " " + e->id;
  text += ")\n";
  for (const ExerciseSpec* e : chosen) {
    text += "set(IPCLAB_" + e->id + "_DIR " +
            cmake_quoted(student_dir(course, submission, workspace, *e).string()) + ")\n";
    text += "set(IPCLAB_" + e->id + "_FILES";
    for (const std::string& file : e->student_files)
      text += " " + cmake_quoted(file);
    text += ")\n";
  }
  return text;
}

std::vector<const ExerciseSpec*> choose(const Course& course, const std::vector<std::string>& ids) {
  std::vector<const ExerciseSpec*> chosen;
  if (ids.empty()) {
    for (const ExerciseSpec& e : course.exercises)
      chosen.push_back(&e);
    return chosen;
  }
  for (const std::string& id : ids) {
    const ExerciseSpec* exercise = course.find(id);
    if (exercise == nullptr) throw GraderError("no exercise '" + id + "' in the course");
    chosen.push_back(exercise);
  }
  return chosen;
}

}  // namespace

Toolchain detect_toolchain() {
  auto cmake = ipclab::host::find_program("cmake");
  if (!cmake) throw GraderError("cmake is not installed (not found on PATH): run ./lab setup");
  return {cmake->string(), ipclab::host::find_program("ninja") ? "Ninja" : "Unix Makefiles"};
}

BuildPlan plan_build(const Course& course, const Submission& submission, const Workspace& workspace,
                     const Selection& selection, const Toolchain& toolchain,
                     const FileExists& exists) {
  // The manifest always lists every exercise, so that building one exercise
  // never reconfigures the workspace; only the chosen ones are built.
  std::vector<const ExerciseSpec*> all = choose(course, {});
  BuildPlan plan;
  plan.workspace = workspace;
  plan.manifest = manifest_text(course, submission, workspace, all);
  plan.configure = {{toolchain.cmake, "-S", (course.root / "cmake" / "workspace").string(), "-B",
                     workspace.build_dir().string(), "-G", toolchain.generator,
                     "-DIPCLAB_COURSE_DIR=" + course.root.string(),
                     "-DIPCLAB_MANIFEST=" + workspace.manifest().string()},
                    {}};
  if (!toolchain.prebuilt.empty()) {
    plan.configure.argv.push_back("-DIPCLAB_PREBUILT_DIR=" + toolchain.prebuilt.string());
    plan.prebuilt = toolchain.prebuilt;
  }
  if (toolchain.compiler_cache) {
    plan.configure.argv.push_back("-DIPCLAB_COMPILER_LAUNCHER=" +
                                  launcher_list(*toolchain.compiler_cache, workspace.dir));
    plan.compiler_cache = toolchain.compiler_cache->dir;
  }
  for (const ExerciseSpec* exercise : all) {
    for (StagedFile& file : stage(course, submission, workspace, *exercise, exists)) {
      plan.staged.push_back(std::move(file));
    }
  }
  for (const ExerciseSpec* exercise : choose(course, selection.exercise_ids)) {
    plan.exercises.push_back(plan_exercise(course, submission, workspace, *exercise, toolchain,
                                           exists, needs_sanitizer(selection, *exercise)));
  }
  return plan;
}

}  // namespace grader
