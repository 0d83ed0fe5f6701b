#pragma once
// Who a student is in the learning-management system, from the roster: what
// the Canvas and Moodle gradebooks match students by.

#include <map>
#include <string>

namespace grader {

/// Every field may be empty (the roster did not give it).
struct StudentIdentity {
  std::string name;          ///< the display name ("Doe, Jane")
  std::string sis_user_id;   ///< the SIS id (Canvas "SIS User ID", Moodle idnumber)
  std::string sis_login_id;  ///< the login (Canvas "SIS Login ID", Moodle username)
  std::string section;
  std::string email;
};

/// By student (as the batch names them).
using StudentIdentities = std::map<std::string, StudentIdentity>;

}  // namespace grader
