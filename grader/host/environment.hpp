#pragma once
// The grader's own environment, as the "NAME=value" lists a ProcessSpec takes.

#include <initializer_list>
#include <string>
#include <vector>

namespace ipclab::host {

/// Every variable of this process, "NAME=value", in the order environ has them.
std::vector<std::string> current_environment();

/// Those of `names` that are set in this process, "NAME=value", in the order
/// of `names`: what a child may inherit, and nothing else of ours.
std::vector<std::string> inherited_environment(std::initializer_list<const char*> names);

}  // namespace ipclab::host
