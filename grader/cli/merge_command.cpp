// grader merge: combine the outputs of `grader batch --shard i/N` runs into
// one gradebook, feedback set, summary and report, as one batch would have.
#include <fmt/format.h>

#include <iostream>

#include "batch/shard_merge.hpp"
#include "cli/context.hpp"
#include "i18n/messages.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

int run_merge(const CommonOptions& common, const MergeRequest& options) {
  Context context = load_context(common, LanguageDefault::course);
  MergeTally tally = merge_shards(context.course, options, std::cerr);
  std::cerr << "grader: merge: "
            << fmt::format(fmt::runtime(tr("{} students from {} shards in {}")), tally.students,
                           tally.shards, options.out)
            << "\n";
  return kAllPassed;
}

}  // namespace

Subcommand add_merge(CLI::App& parent, const CommonOptions& common) {
  CLI::App* app = parent.add_subcommand(
      "merge", tr("Combine the outputs of `grader batch --shard i/N` into one class's outputs"));
  auto options = std::make_shared<MergeRequest>();
  app->add_option("out", options->out, tr("Where the merged outputs go"))->required();
  app->add_option("shards", options->shards, tr("The output folder of every shard"))
      ->required()
      ->expected(1, -1);
  add_gradebook_option(*app, options->gradebook);
  app->add_option("--roster", options->roster,
                  tr("The batch's roster CSV, for the students' identities in --gradebook"));
  return {app, [&common, options] { return run_merge(common, *options); }};
}

}  // namespace grader::cli
