#pragma once
// The SHA-256 digest of a submission's student files: a stored result is
// reused only while this digest is unchanged.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace grader {

/// A submission's student files: "<exercise>/<file>" -> contents.
using StudentFiles = std::map<std::string, std::string>;

/// The lowercase hex SHA-256 of `bytes` (OpenSSL's EVP API). Throws
/// GraderError if libcrypto fails.
std::string sha256_hex(std::string_view bytes);

/// The digest of `files`: names, sizes and contents in name order, so that it
/// changes when a file is added, removed, renamed or edited. "" for no files.
std::string files_digest(const StudentFiles& files);

/// The digest of files on disk (the kit's programs), in the order given: each
/// file's name and contents, or a mark that it is missing. Throws GraderError
/// when one exists but cannot be read.
std::string programs_digest(const std::vector<std::filesystem::path>& programs);

}  // namespace grader
