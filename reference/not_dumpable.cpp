// Linked into every reference driver: from its first static initialiser on,
// the process is not dumpable. Where student and reference drivers share a
// user (a grader that is not root), student code can then neither ptrace the
// reference nor read or write its memory through /proc/<pid>/mem: both need
// CAP_SYS_PTRACE against a process that is not dumpable. (As root they run as
// two uids of their own anyway.) It is reset by no exec: drivers exec nothing.
#include <sys/prctl.h>

namespace {

const bool not_dumpable = [] { return ::prctl(PR_SET_DUMPABLE, 0) == 0; }();

}  // namespace
