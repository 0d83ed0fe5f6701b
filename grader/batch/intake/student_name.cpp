#include "batch/intake/student_name.hpp"

#include <fmt/format.h>

#include "i18n/messages.hpp"

namespace grader {

using ipclab::i18n::tr;

std::string student_name_problem(const std::string& name) {
  if (name.empty()) return tr("a student name is empty");
  if (name.size() > 100)
    return fmt::format(fmt::runtime(tr("student name '{}...' is over 100 characters")),
                       name.substr(0, 20));
  if (name.front() == '.')
    return fmt::format(fmt::runtime(tr("student name '{}' starts with '.'")), name);
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
      return fmt::format(
          fmt::runtime(tr("student name '{}' contains '/', '\\' or a control character")), name);
    }
  }
  return "";
}

}  // namespace grader
