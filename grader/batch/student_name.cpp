#include "batch/student_name.hpp"

namespace grader {

std::string student_name_problem(const std::string& name) {
  if (name.empty()) return "a student name is empty";
  if (name.size() > 100)
    return "student name '" + name.substr(0, 20) + "...' is over 100 characters";
  if (name.front() == '.') return "student name '" + name + "' starts with '.'";
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') {
      return "student name '" + name + "' contains '/', '\\' or a control character";
    }
  }
  return "";
}

}  // namespace grader
