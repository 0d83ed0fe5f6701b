#include "workspace/refusal_record.hpp"

#include "config/printable.hpp"

namespace grader {
namespace {

constexpr const char* kRecordFolder = ".ipclab-refused/";
/// A refusal is one line; a record longer than this was not written by a batch.
constexpr std::uint64_t kMaxRecordBytes = 4096;

}  // namespace

std::string refusal_record_key(const std::string& key) {
  return kRecordFolder + key;
}

StudentFileRead take_in_student_file(const std::filesystem::path& root, const std::string& relative,
                                     const std::string& shown) {
  StudentFileRead record =
      read_student_file(root, refusal_record_key(relative), shown, kMaxRecordBytes);
  if (record.status == StudentFileRead::Status::read) {
    std::string line = record.contents.substr(0, record.contents.find('\n'));
    return {StudentFileRead::Status::refused, "", printable(shown), printable(line)};
  }
  return read_student_file(root, relative, shown);
}

}  // namespace grader
