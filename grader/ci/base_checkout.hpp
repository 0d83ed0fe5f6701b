#pragma once
// The pristine course of a pull request's base: the tree of the base commit,
// extracted once into the work folder (`git archive | tar -x`, as two
// processes through the runner, never a shell). A second run on the same
// commit reuses it, so the workspace built from it stays up to date.

#include <filesystem>
#include <string>

#include "ci/git.hpp"

namespace grader {

struct BaseCheckout {
  std::string commit;          ///< full commit id
  std::filesystem::path tree;  ///< the extracted repository
};

/// Extracts `commit` into `dest` (replacing what was there unless it already
/// holds that commit). Throws GraderError when git or tar fails.
BaseCheckout checkout_base(Git& git, ipclab::exec::ProcessRunner& runner, const std::string& commit,
                           const std::filesystem::path& dest);

}  // namespace grader
