#include "batch/intake/overlay.hpp"

#include <vector>

#include "batch/store/atomic_file.hpp"
#include "model/grader_error.hpp"

namespace grader {

namespace fs = std::filesystem;

void stage_student_files(const StudentFiles& files, const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> stale;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string key = fs::relative(it->path(), dir).generic_string();
    if (files.count(key) == 0) stale.push_back(it->path());
  }
  for (const fs::path& path : stale)
    fs::remove(path, ec);
  for (const auto& [key, contents] : files) {
    fs::path path = dir / key;
    if (read_file_if_present(path) == contents) continue;
    write_file_atomically(path, contents);
  }
}

}  // namespace grader
