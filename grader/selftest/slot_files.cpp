#include "selftest/slot_files.hpp"

#include <fstream>

#include "host/file_contents.hpp"
#include "model/grader_error.hpp"

namespace grader {

namespace fs = std::filesystem;

void write_changed_files(const fs::path& folder, const SourceFiles& files) {
  fs::create_directories(folder);
  for (const auto& [name, text] : files) {
    const fs::path path = folder / name;
    if (ipclab::host::read_file(path) == text) continue;  // the build need not recompile it
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!(out << text)) throw GraderError("cannot write " + path.string());
  }
}

}  // namespace grader
