#include "batch/store/result_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "batch/store/atomic_file.hpp"
#include "i18n/messages.hpp"
#include "model/grader_error.hpp"
#include "report/json_reporter.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using ipclab::i18n::tr;
using nlohmann::json;

json unstable_json(const UnstableTest& test) {
  return {{"exercise", test.exercise_id},
          {"test", test.test_id},
          {"before", test.before},
          {"after", test.after}};
}

std::string json_text(const json& document) {
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string record_json(const StoredResult& result) {
  json unstable = json::array();
  for (const UnstableTest& test : result.unstable)
    unstable.push_back(unstable_json(test));
  const StudentGrade& grade = result.grade;
  return json_text({{"schema", kStudentRecordSchema},
                    {"student", grade.student},
                    {"files_digest", grade.files_digest},
                    {"grading", result.grading},
                    {"error", grade.error},
                    {"unstable", unstable},
                    {"report", grade.report ? to_json(*grade.report) : json(nullptr)}});
}

StoredResult parse_record(const std::string& text, const std::string& where) {
  try {
    json document = json::parse(text);
    if (document.value("schema", "") != kStudentRecordSchema) {
      // TRANSLATORS: a file, then a schema's name (ipclab.batch-student/1)
      throw GraderError(
          fmt::format(fmt::runtime(tr("{}: not a {} record")), where, kStudentRecordSchema));
    }
    StoredResult result;
    result.grade.student = document.at("student").get<std::string>();
    result.grade.files_digest = document.at("files_digest").get<std::string>();
    result.grade.error = document.at("error").get<std::string>();
    result.grading = document.at("grading").get<std::string>();
    for (const json& test : document.at("unstable")) {
      result.unstable.push_back({result.grade.student, test.at("exercise"), test.at("test"),
                                 test.at("before"), test.at("after")});
    }
    if (!document.at("report").is_null()) {
      result.grade.report = grade_report_from_json(document.at("report"));
    }
    return result;
  } catch (const json::exception& e) {
    throw GraderError(fmt::format(fmt::runtime(tr("{}: unreadable record ({})")), where, e.what()));
  } catch (const GraderError& e) {
    throw GraderError(fmt::format("{}: {}", where, e.what()));
  }
}

std::optional<StoredResult> ResultStore::load(const std::string& student) const {
  fs::path path = student_dir(student) / "record.json";
  std::optional<std::string> text = read_file_if_present(path);
  if (!text) return std::nullopt;
  try {
    StoredResult result = parse_record(*text, path.string());
    if (result.grade.student != student) return std::nullopt;
    return result;
  } catch (const GraderError&) {
    return std::nullopt;  // half-written by an older grader, or edited: grade again
  }
}

void ResultStore::save(const StoredResult& result, const std::string& feedback) const {
  fs::path dir = student_dir(result.grade.student);
  if (result.grade.report) {
    std::ostringstream grade;
    write_json_report(*result.grade.report, grade);
    write_file_atomically(dir / "grade.json", grade.str());
  } else {
    std::error_code ec;
    fs::remove(dir / "grade.json", ec);
  }
  write_file_atomically(dir / "feedback.md", feedback);
  write_file_atomically(dir / "record.json", record_json(result));
}

std::vector<StoredResult> ResultStore::load_all() const {
  std::vector<StoredResult> results;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(out_dir_ / "students", ec)) {
    fs::path path = entry.path() / "record.json";
    std::optional<std::string> text = read_file_if_present(path);
    if (!text) continue;  // a student whose grading never finished
    results.push_back(parse_record(*text, path.string()));
  }
  std::sort(results.begin(), results.end(), [](const StoredResult& a, const StoredResult& b) {
    return a.grade.student < b.grade.student;
  });
  return results;
}

}  // namespace grader
