#include "harness/process_ending.hpp"

#include <sys/wait.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "exec/process_tree.hpp"
#include "harness/words.hpp"

namespace ipclab::harness {
namespace {

/// What a beginner's program usually did to die of `signal`.
const char* usual_cause(int signal) {
  switch (signal) {
    case SIGABRT:
      return tr(": an uncaught exception or abort()");
    case SIGSEGV:
    case SIGBUS:
      return tr(": a bad memory access");
    case SIGFPE:
      return tr(": a division by zero");
    case SIGPIPE:
      return tr(": it wrote to a pipe or socket nobody reads any more");
    case SIGKILL:
      return tr(": killed from outside (a limit, or another process)");
    default:
      return "";
  }
}

}  // namespace

std::string describe_ending(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    int signal = WTERMSIG(wait_status);
    return trf("was killed by {}", exec::signal_name(signal)) + usual_cause(signal);
  }
  int code = WEXITSTATUS(wait_status);
  return code == 0 ? tr("exited normally (code 0)") : trf("exited with code {}", code);
}

std::string describe_exit(const exec::ExitStatus& status) {
  if (status.exited) return trf("exit code {}", status.exit_code);
  if (status.signal == 0) return tr("unknown status");
  return trf("killed by {} ({})", exec::signal_name(status.signal), ::strsignal(status.signal));
}

std::string ending_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(in, line)) return "";
  std::size_t close = line.rfind(')');
  if (close == std::string::npos) return "";
  // After the name: field 3 (state) first ... field 52, the exit code (Linux 3.5+).
  std::istringstream fields(line.substr(close + 1));
  std::vector<std::string> words;
  for (std::string word; fields >> word;)
    words.push_back(word);
  if (words.size() < 50 || words[0] != "Z") return "";
  return describe_ending(std::stoi(words[49]));
}

}  // namespace ipclab::harness
