#pragma once
// The SHA-256 digest of a submission's student files: a stored result is
// reused only while this digest is unchanged.

#include <map>
#include <string>
#include <string_view>

namespace grader {

/// A submission's student files: "<exercise>/<file>" -> contents.
using StudentFiles = std::map<std::string, std::string>;

/// The lowercase hex SHA-256 of `bytes` (OpenSSL's EVP API). Throws
/// GraderError if libcrypto fails.
std::string sha256_hex(std::string_view bytes);

/// The digest of `files`: names, sizes and contents in name order, so that it
/// changes when a file is added, removed, renamed or edited. "" for no files.
std::string files_digest(const StudentFiles& files);

}  // namespace grader
