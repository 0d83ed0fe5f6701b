#pragma once
// A ProcessRunner that runs nothing: it records every spec it is given and
// answers from a script, so stages that start processes are tested exactly.

#include <deque>
#include <functional>
#include <vector>

#include "exec/process_runner.hpp"

namespace grader::testing {

class FakeProcessRunner : public ipclab::exec::ProcessRunner {
 public:
  struct Call {
    ipclab::exec::ProcessSpec spec;
    ipclab::exec::RunOptions options;
  };

  /// The next run returns `result`; runs beyond the script exit 0 silently.
  void then(ipclab::exec::ProcessResult result) { script_.push_back(std::move(result)); }

  /// Called on every run before answering (e.g. to create files a tool would).
  std::function<void(const Call&)> on_run;

  ipclab::exec::ProcessResult run(const ipclab::exec::ProcessSpec& spec,
                                  const ipclab::exec::RunOptions& options) override {
    calls.push_back({spec, options});
    if (on_run) on_run(calls.back());
    if (script_.empty()) return exited(0);
    ipclab::exec::ProcessResult next = std::move(script_.front());
    script_.pop_front();
    return next;
  }

  static ipclab::exec::ProcessResult exited(int code, std::string out = "",
                                            std::string channel = "") {
    ipclab::exec::ProcessResult result;
    result.termination = ipclab::exec::Termination::exited;
    result.status = {true, code, 0};
    result.out = std::move(out);
    if (!channel.empty()) result.channels[3] = std::move(channel);
    return result;
  }

  /// Each call as one shell line: "cmake --build ..." (program and arguments).
  std::vector<std::string> command_lines() const {
    std::vector<std::string> lines;
    for (const Call& call : calls) {
      std::string line = call.spec.executable.string();
      for (const std::string& arg : call.spec.args)
        line += " " + arg;
      lines.push_back(line);
    }
    return lines;
  }

  std::vector<Call> calls;

 private:
  std::deque<ipclab::exec::ProcessResult> script_;
};

}  // namespace grader::testing
