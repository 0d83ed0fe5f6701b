#pragma once
// Values quoted in a failure message, cut to a readable length: the same cut
// as the grader's reports (exec/elide.hpp, the one definition).

#include "exec/elide.hpp"

namespace ipclab::harness {

using exec::elided;
using exec::kElideBytes;

}  // namespace ipclab::harness
