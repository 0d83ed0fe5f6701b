#include "workspace/workspace.hpp"

#include <cctype>
#include <cstdio>

namespace grader {
namespace {

std::string fnv_hash8(const std::string& text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text)
    hash = (hash ^ c) * 16777619u;
  char out[9];
  std::snprintf(out, sizeof out, "%08x", hash);
  return out;
}

std::string sanitized(const std::string& name) {
  std::string out;
  for (char c : name)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
  return out.empty() ? "submission" : out.substr(0, 40);
}

}  // namespace

Workspace workspace_for(const Submission& submission, const std::filesystem::path& work_dir) {
  if (submission.kind == Submission::Kind::working_copy) return {work_dir / "working-copy"};
  std::filesystem::path root = submission.root;
  std::string name = root.filename() == "exercises" ? root.parent_path().filename().string()
                                                    : root.filename().string();
  return {work_dir / (sanitized(name) + "-" + fnv_hash8(root.string()))};
}

}  // namespace grader
