#include "ipc_sweep.hpp"

#include <algorithm>
#include <system_error>

namespace ipclab::exec {
namespace {

void sweep_dir(const std::filesystem::path& dir, const std::string& prefix, const char* label,
               std::vector<std::string>& found) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    bool ours = name.rfind(prefix, 0) == 0 || name.rfind("sem." + prefix, 0) == 0;
    if (!ours) continue;
    std::error_code remove_error;
    std::filesystem::remove(entry.path(), remove_error);
    found.push_back(std::string(label) + name);
  }
}

}  // namespace

std::vector<std::string> sweep_ipc(const std::string& prefix, const IpcLocations& where) {
  std::vector<std::string> found;
  if (prefix.empty()) return found;  // never sweep everything
  sweep_dir(where.shm_dir, prefix, "/dev/shm/", found);
  sweep_dir(where.mqueue_dir, prefix, "/dev/mqueue/", found);
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace ipclab::exec
