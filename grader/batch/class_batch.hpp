#pragma once
// One `grader batch` command, around BatchRun: the submissions it names (a
// folder or a roster, its --shard's slice), the settings results depend on
// (course, selection, kit), the child graders' compiler cache, the tally it
// tells at the end, the shard's marker and the exit code.

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "batch/batch_run.hpp"
#include "batch/intake/intake.hpp"
#include "batch/schedule/check_process_runner.hpp"
#include "batch/store/shard.hpp"
#include "compile/compiler_cache.hpp"
#include "exec/process_runner.hpp"
#include "model/course.hpp"
#include "workspace/kit.hpp"

namespace grader {

/// What `grader batch` was asked (its options).
struct BatchRequest {
  std::string submissions;  ///< a folder of submissions, or
  std::string roster;       ///< a CSV of student,path lines
  std::string out;
  std::vector<std::string> exercises;
  std::vector<std::string> tests;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool regrade = false;
  std::string shard;  ///< "i/N"; empty: the whole class
  bool no_compiler_cache = false;
  std::string gradebook = "generic";
  std::string timeline;  ///< --timeline FILE: when each phase ran; empty: none
};

/// Removes <out>/shard.json: a shard's marker says "finished", so a run that
/// stops early (bad option, sandbox refused, interrupted) must not leave an
/// older one for merge.
void forget_shard_marker(const std::string& out);

/// The --shard of `request`; nullopt for the whole class. Throws ConfigError.
std::optional<Shard> requested_shard(const BatchRequest& request);

/// The submissions `request` names, only its shard's. Throws ConfigError
/// unless exactly one of a folder and a roster is given, or when it cannot be
/// read.
std::vector<SubmissionSource> requested_sources(const BatchRequest& request);

/// The digest of the kit's programs the exercises `ids` (empty: all) run,
/// for grading_key().
std::string kit_digest(const Kit& kit, const Course& course, const std::vector<std::string>& ids);

/// The settings of the batch `request` asks for, in `work_dir`, with the
/// isolation `sandbox` and the kit's digest.
BatchSettings batch_settings(const BatchRequest& request, const Course& course,
                             const std::filesystem::path& work_dir, const std::string& kit,
                             const std::string& sandbox);

/// Tells how the batch went: --regrade's lines on `out`, the tally and where
/// the results are (or how to resume) on `log`.
void report_tally(const BatchTally& tally, const std::filesystem::path& out_dir, std::ostream& out,
                  std::ostream& log);

/// 128 + `signal` when interrupted, else kUnresolved, kNotAllPassed (error
/// rows) or kAllPassed.
int batch_exit_code(const BatchTally& tally, int signal);

/// A batch ready to run: the course, the request, and what the caller set up
/// (the session's isolation, the child graders' invocation, the cache).
struct ClassBatch {
  const Course& course;
  BatchRequest request;
  std::filesystem::path work_dir;
  std::string sandbox;                 ///< the isolation the students' tests get
  CheckInvocation invocation;          ///< how each child grader is called
  std::optional<CompilerCache> cache;  ///< shared by the children; nullopt: none
  bool terminal = false;               ///< progress on a terminal (rewritten line)
};

/// Grades `sources`, writes the outputs, tells the tally (and what the cache
/// did, asking `runner`), writes the shard's marker once complete; returns
/// the exit code. `stop` set: the batch stops, its finished results kept.
int grade_class(const ClassBatch& batch, const std::vector<SubmissionSource>& sources,
                ipclab::exec::ProcessRunner& runner, const std::atomic<bool>& stop,
                std::ostream& out, std::ostream& log);

}  // namespace grader
