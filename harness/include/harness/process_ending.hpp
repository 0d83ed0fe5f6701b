#pragma once
// How a process of the test ended, told the way a student can act on: a
// server that died of an uncaught exception is not one that closed the
// connection. Read from the exit status the kernel keeps for a zombie.

#include <sys/types.h>

#include <string>

#include "exec/child.hpp"

namespace ipclab::harness {

/// "was killed by SIGABRT: an uncaught exception or abort()", "exited with
/// code 3", "exited normally (code 0)" for a waitpid() status.
std::string describe_ending(int wait_status);

/// "exit code 3", "killed by SIGSEGV (Segmentation fault)": exec::describe()
/// in the student's language.
std::string describe_exit(const exec::ExitStatus& status);

/// describe_ending() of the zombie `pid`, from /proc/<pid>/stat; "" when
/// `pid` is not a zombie or its status cannot be read.
std::string ending_of(pid_t pid);

}  // namespace ipclab::harness
