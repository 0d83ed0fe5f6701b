#include "ci/pull_request.hpp"

#include "ci/base_checkout.hpp"
#include "ci/git.hpp"
#include "ci/tamper.hpp"
#include "config/course_loader.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;

Submission working_tree(const fs::path& course_root) {
  // The intake starts at the course: a pull request that makes exercises/
  // a link (to solutions/, say) has its files refused, not followed.
  fs::path course = fs::absolute(course_root).lexically_normal();
  return {Submission::Kind::folder, course / "exercises", "pull request (working tree)", course};
}

}  // namespace

PullRequest pull_request_against(ipclab::exec::ProcessRunner& runner, const fs::path& course_root,
                                 const std::string& base_ref, const fs::path& work_dir,
                                 const std::vector<std::string>& preferred) {
  Git git(runner, find_tool("git", "`grader ci --base`"), course_root);
  fs::path top = git.toplevel();
  std::string course_prefix = prefix_within(course_root, top).value_or("");
  std::string commit = git.resolve_commit(base_ref);
  Git at_top(runner, find_tool("git", "`grader ci --base`"), top);
  std::vector<std::string> changed = at_top.changed_since(commit);
  for (std::string& path : at_top.untracked())
    changed.push_back(std::move(path));

  BaseCheckout base = checkout_base(at_top, runner, commit, work_dir / "ci-base");
  Course course = load_course(base.tree / course_prefix, preferred);
  std::vector<std::string> ignored;
  if (std::optional<std::string> inside = prefix_within(work_dir, top)) ignored.push_back(*inside);
  std::vector<std::string> tampered = tampered_files(course, course_prefix, changed, ignored);
  return {std::move(course), working_tree(course_root), base_ref, std::move(tampered)};
}

PullRequest pull_request_as_is(const fs::path& course_root,
                               const std::vector<std::string>& preferred) {
  return {load_course(course_root, preferred), working_tree(course_root), std::nullopt, {}};
}

}  // namespace grader
