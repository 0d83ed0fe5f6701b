#include "batch/store/files_digest.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>

#include "model/grader_error.hpp"

namespace grader {
namespace {

/// An incremental SHA-256.
class Sha256 {
 public:
  Sha256() : context_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!context_ || EVP_DigestInit_ex(context_.get(), EVP_sha256(), nullptr) != 1) fail();
  }

  void update(std::string_view bytes) {
    if (EVP_DigestUpdate(context_.get(), bytes.data(), bytes.size()) != 1) fail();
  }

  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(context_.get(), digest, &size) != 1) fail();
    static const char kDigits[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < size; ++i) {
      text += kDigits[digest[i] >> 4];
      text += kDigits[digest[i] & 0xf];
    }
    return text;
  }

 private:
  [[noreturn]] static void fail() { throw GraderError("libcrypto could not compute a SHA-256"); }

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context_;
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  Sha256 sha;
  sha.update(bytes);
  return sha.hex();
}

std::string files_digest(const StudentFiles& files) {
  if (files.empty()) return "";
  Sha256 sha;
  for (const auto& [name, contents] : files) {
    // Name and size are framed by NULs, which neither can contain, so that
    // no two different sets of files hash the same input.
    sha.update(name);
    sha.update(std::string_view("\0", 1));
    sha.update(std::to_string(contents.size()));
    sha.update(std::string_view("\0", 1));
    sha.update(contents);
  }
  return sha.hex();
}

std::string programs_digest(const std::vector<std::filesystem::path>& programs) {
  Sha256 sha;
  std::vector<char> chunk(1 << 20);
  for (const std::filesystem::path& program : programs) {
    sha.update(program.filename().string());
    sha.update(std::string_view("\0", 1));
    std::error_code ec;
    if (!std::filesystem::exists(program, ec)) {
      sha.update("missing");
      continue;
    }
    std::ifstream in(program, std::ios::binary);
    while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0)
      sha.update({chunk.data(), static_cast<std::size_t>(in.gcount())});
    if (in.bad() || !in.eof()) throw GraderError("cannot read " + program.string());
    sha.update(std::string_view("\0", 1));
  }
  return sha.hex();
}

}  // namespace grader
