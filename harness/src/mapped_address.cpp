#include "harness/mapped_address.hpp"

#include <fstream>
#include <sstream>

namespace ipclab::harness {
namespace {

constexpr std::string_view kDeleted = " (deleted)";

/// One line of /proc/<pid>/maps: "start-end perms offset dev inode   path".
struct MapsLine {
  std::uint64_t start = 0;
  std::uint64_t end = 0;
  std::uint64_t offset = 0;
  std::string path;
};

std::optional<MapsLine> parse_maps_line(const std::string& line) {
  std::istringstream in(line);
  std::string range, perms, offset, device, inode;
  if (!(in >> range >> perms >> offset >> device >> inode)) return std::nullopt;
  std::size_t dash = range.find('-');
  if (dash == std::string::npos) return std::nullopt;
  MapsLine parsed;
  try {
    parsed.start = std::stoull(range.substr(0, dash), nullptr, 16);
    parsed.end = std::stoull(range.substr(dash + 1), nullptr, 16);
    parsed.offset = std::stoull(offset, nullptr, 16);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::getline(in >> std::ws, parsed.path);
  if (parsed.path.size() > kDeleted.size() &&
      parsed.path.compare(parsed.path.size() - kDeleted.size(), kDeleted.size(), kDeleted) == 0) {
    parsed.path.resize(parsed.path.size() - kDeleted.size());
  }
  return parsed;
}

}  // namespace

std::optional<MappedAddress> resolve_mapped_address(pid_t pid, std::uint64_t address) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  for (std::string line; std::getline(maps, line);) {
    std::optional<MapsLine> m = parse_maps_line(line);
    if (!m || address < m->start || address >= m->end) continue;
    if (m->path.empty() || m->path[0] != '/') return std::nullopt;  // anonymous, [heap], ...
    return MappedAddress{m->path, address - m->start + m->offset};
  }
  return std::nullopt;
}

}  // namespace ipclab::harness
