#include "batch/store/shard.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "batch/store/atomic_file.hpp"
#include "config/config_error.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {

namespace fs = std::filesystem;
using ipclab::i18n::tr;
using nlohmann::json;

Shard parse_shard(const std::string& text) {
  Shard shard;
  char slash = 0;
  char rest = 0;
  int read = std::sscanf(text.c_str(), "%d%c%d%c", &shard.index, &slash, &shard.count, &rest);
  if (read != 3 || slash != '/' || shard.count < 1 || shard.index < 1 ||
      shard.index > shard.count) {
    throw ConfigError({"--shard", 0, 0},
                      fmt::format("'{}' is not i/N with 1 <= i <= N (e.g. --shard 2/5)", text));
  }
  return shard;
}

int shard_of(const std::string& student, int count) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : student)
    hash = (hash ^ c) * 1099511628211ull;
  return static_cast<int>(hash % static_cast<std::uint64_t>(count)) + 1;
}

std::vector<SubmissionSource> in_shard(const std::vector<SubmissionSource>& sources,
                                       const Shard& shard) {
  std::vector<SubmissionSource> mine;
  for (const SubmissionSource& source : sources) {
    if (shard_of(source.student, shard.count) == shard.index) mine.push_back(source);
  }
  return mine;
}

void write_shard_marker(const fs::path& out, const ShardMarker& marker) {
  json document = {{"schema", "ipclab.batch-shard/1"}, {"shard", marker.shard.index},
                   {"of", marker.shard.count},         {"grading", marker.grading},
                   {"sandbox", marker.sandbox},        {"exercises", marker.exercises},
                   {"students", marker.students}};
  write_file_atomically(out / "shard.json", document.dump(2) + "\n");
}

ShardMarker read_shard_marker(const fs::path& dir) {
  std::optional<std::string> text = read_file_if_present(dir / "shard.json");
  if (!text) {
    throw GraderError(fmt::format(fmt::runtime(tr("{}: no shard.json: not the output of a finished "
                                                  "`grader batch --shard` (rerun that shard)")),
                                  dir.string()));
  }
  try {
    json marker = json::parse(*text);
    return {{marker.at("shard").get<int>(), marker.at("of").get<int>()},
            marker.at("grading").get<std::string>(),
            marker.at("sandbox").get<std::string>(),
            marker.at("exercises").get<std::vector<std::string>>(),
            marker.at("students").get<std::vector<std::string>>()};
  } catch (const json::exception& e) {
    throw GraderError(
        fmt::format(fmt::runtime(tr("{}/shard.json: unreadable ({})")), dir.string(), e.what()));
  }
}

}  // namespace grader
