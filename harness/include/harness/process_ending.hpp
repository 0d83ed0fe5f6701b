#pragma once
// How a process of the test ended, told the way a student can act on: a
// server that died of an uncaught exception is not one that closed the
// connection. Read from the exit status the kernel keeps for a zombie.

#include <sys/types.h>

#include <string>

namespace ipclab::harness {

/// "was killed by SIGABRT: an uncaught exception or abort()", "exited with
/// code 3", "exited normally (code 0)" for a waitpid() status.
std::string describe_ending(int wait_status);

/// describe_ending() of the zombie `pid`, from /proc/<pid>/stat; "" when
/// `pid` is not a zombie or its status cannot be read.
std::string ending_of(pid_t pid);

}  // namespace ipclab::harness
