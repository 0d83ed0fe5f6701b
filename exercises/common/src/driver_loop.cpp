#include "ipclab/driver_loop.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "ipclab/errors.hpp"

namespace ipclab {
namespace {

class UsageError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Reads lines from a raw fd without stdio buffering, so nothing is buffered
/// twice when student code forks.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  std::optional<std::string> next() {
    for (;;) {
      if (auto pos = buffer_.find('\n'); pos != std::string::npos) {
        std::string line = buffer_.substr(0, pos);
        buffer_.erase(0, pos + 1);
        return line;
      }
      char chunk[4096];
      ssize_t n = ::read(fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buffer_;
};

void write_line(int fd, std::string line) {
  line.push_back('\n');
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::_Exit(71);  // the test went away: nothing left to answer
    done += static_cast<std::size_t>(n);
  }
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find(' ', start);
    if (end == std::string::npos) end = line.size();
    if (end > start) words.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

/// Keeps an error message on one line.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text.empty() ? "(no message)" : text;
}

int control_fd(bool reading) {
  const char* fd_text = std::getenv("IPCLAB_CONTROL_FD");
  if (fd_text == nullptr) return reading ? STDIN_FILENO : STDOUT_FILENO;
  int fd = std::atoi(fd_text);
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);  // programs the driver execs must not inherit it
  return fd;
}

}  // namespace

const std::string& Request::word(std::size_t index) const {
  if (index >= args.size()) {
    throw UsageError(command + ": missing argument " + std::to_string(index + 1));
  }
  return args[index];
}

std::int64_t Request::integer(std::size_t index) const {
  const std::string& text = word(index);
  try {
    std::size_t used = 0;
    std::int64_t value = std::stoll(text, &used);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  throw UsageError(command + ": argument " + std::to_string(index + 1) + " is not an integer: '" +
                   text + "'");
}

Bytes Request::hex(std::size_t index) const {
  try {
    return from_hex(word(index));
  } catch (const std::invalid_argument& e) {
    throw UsageError(command + ": argument " + std::to_string(index + 1) + ": " + e.what());
  }
}

DriverLoop::DriverLoop(std::string program) : program_(std::move(program)) {
  on("help", "help", [this](const Request&) {
    Reply reply;
    for (const Command& c : commands_)
      reply.push_back(c.name);
    return reply;
  });
}

void DriverLoop::on(const std::string& command, const std::string& usage, Handler handler) {
  commands_.push_back({command, usage, std::move(handler)});
}

const DriverLoop::Command* DriverLoop::find(const std::string& name) const {
  for (const Command& c : commands_) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string DriverLoop::error_kind(const std::exception& e) const {
  for (const auto& namer : namers_) {
    if (auto kind = namer(e)) return *kind;
  }
  if (dynamic_cast<const UsageError*>(&e)) return "Usage";
  if (dynamic_cast<const NotImplemented*>(&e)) return "NotImplemented";
  if (dynamic_cast<const EndOfStream*>(&e)) return "EndOfStream";
  if (dynamic_cast<const Empty*>(&e)) return "Empty";
  if (dynamic_cast<const Full*>(&e)) return "Full";
  if (dynamic_cast<const BrokenBarrierError*>(&e)) return "BrokenBarrierError";
  if (dynamic_cast<const std::system_error*>(&e)) return "OSError";
  if (dynamic_cast<const std::invalid_argument*>(&e)) return "ValueError";
  if (dynamic_cast<const std::out_of_range*>(&e)) return "ValueError";
  if (dynamic_cast<const std::logic_error*>(&e)) return "LogicError";
  if (dynamic_cast<const std::runtime_error*>(&e)) return "RuntimeError";
  return "Exception";
}

std::string DriverLoop::answer(const std::string& line) {
  std::vector<std::string> words = split_words(line);
  if (words.empty()) return "error Usage empty request";
  Request request{words.front(), {words.begin() + 1, words.end()}};
  const Command* command = find(request.command);
  if (command == nullptr) {
    return "error Usage " + program_ + ": unknown command '" + request.command + "' (try 'help')";
  }
  try {
    std::string reply = "ok";
    for (const std::string& word : command->handler(request))
      reply += " " + word;
    return reply;
  } catch (const DriverError& e) {
    return "error " + e.kind() + " " + one_line(e.what());
  } catch (const UsageError& e) {
    return "error Usage " + one_line(e.what()) + " (usage: " + command->usage + ")";
  } catch (const std::exception& e) {
    return "error " + error_kind(e) + " " + one_line(e.what());
  } catch (...) {
    return "error Unknown a value that is not a std::exception was thrown";
  }
}

int DriverLoop::run() {
  const pid_t driver_pid = ::getpid();
  LineReader reader(control_fd(true));
  const int out = control_fd(false);
  while (std::optional<std::string> line = reader.next()) {
    std::string reply = answer(*line);
    if (::getpid() != driver_pid) {
      // A child created by fork() in the exercise code returned here instead of
      // ending with _exit(): it must not answer requests meant for its parent.
      std::fprintf(stderr,
                   "%s: a child process (pid %d) returned from '%s' instead of calling _exit(); "
                   "end forked children with _exit() so they never run the parent's code\n",
                   program_.c_str(), static_cast<int>(::getpid()), line->c_str());
      std::fflush(stderr);
      std::_Exit(70);
    }
    std::fflush(stdout);  // keep the student's own prints in order with the replies
    write_line(out, reply);
  }
  return 0;
}

}  // namespace ipclab
