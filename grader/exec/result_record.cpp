#include "exec/result_record.hpp"

#include <unistd.h>

#include <cerrno>
#include <nlohmann/json.hpp>

namespace ipclab::exec {

std::string to_line(const ResultRecord& record) {
  nlohmann::json json = {{"test", record.test},
                         {"outcome", record.outcome},
                         {"message", record.message},
                         {"duration_ms", record.duration_ms}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_record(int fd, const ResultRecord& record) {
  const std::string line = to_line(record);
  for (std::size_t done = 0; done < line.size();) {
    ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

std::optional<ResultRecord> parse_line(const std::string& line) {
  try {
    nlohmann::json json = nlohmann::json::parse(line);
    return ResultRecord{json.at("test").get<std::string>(), json.at("outcome").get<std::string>(),
                        json.value("message", ""), json.value("duration_ms", 0LL)};
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace ipclab::exec
