// main() of every harness. Run by the grader with $IPCLAB_RESULT_FD set, it
// reports each test on that channel; run by hand it is a plain GoogleTest program.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <gtest/gtest.h>

#include "exec/result_record.hpp"
#include "harness/test_deadline.hpp"
#include "harness/words.hpp"
#include "result_listener.hpp"

namespace {

/// The student's language, as the grader gives it (English without it).
void speak_the_run_language() {
  const char* language = std::getenv(ipclab::i18n::kRunLanguageVariable);
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::string why = ipclab::harness::use_run_language(language ? language : "", self);
  if (!why.empty()) std::cerr << "harness: warning: " << why << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  speak_the_run_language();
  // Not dumpable: a driver running as the same user cannot open
  // /proc/<harness>/fd/<channel> nor ptrace this process.
  ::prctl(PR_SET_DUMPABLE, 0);
  ::signal(SIGPIPE, SIG_IGN);  // a dead driver shows up as EPIPE, not as our death
  ::testing::InitGoogleTest(&argc, argv);
  if (const char* fd_text = std::getenv(ipclab::exec::kResultFdVariable)) {
    int fd = std::atoi(fd_text);
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    ::unsetenv(ipclab::exec::kResultFdVariable);
    auto& listeners = ::testing::UnitTest::GetInstance()->listeners();
    listeners.Append(new ipclab::harness::ResultListener(fd));
    // The grader's deadline for the whole test: diagnose a hang before it.
    if (const char* timeout = std::getenv("IPCLAB_TEST_TIMEOUT_MS")) {
      listeners.Append(new ipclab::harness::TestDeadline(
          fd, std::chrono::milliseconds(std::atoll(timeout)), start));
    }
  }
  return RUN_ALL_TESTS();
}
