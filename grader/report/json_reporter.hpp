#pragma once
// The JSON reporter: the grade for machines, in the versioned schema
// "ipclab.grade/1" (kGradeSchema). Batch grading reads these files back, so the
// writer and the reader live together and round-trip exactly.

#include <nlohmann/json.hpp>
#include <ostream>

#include "model/grade_report.hpp"

namespace grader {

/// The report as a JSON document of schema kGradeSchema. Outcomes and
/// visibilities use their to_string() spelling; durations are integer
/// milliseconds ("duration_ms"). Never throws for a well-formed report.
nlohmann::json to_json(const GradeReport& report);

/// Writes to_json(report) indented by 2 spaces, with a trailing newline.
/// Bytes that are not UTF-8 (student output in a message) become U+FFFD.
void write_json_report(const GradeReport& report, std::ostream& out);

/// The inverse of to_json(). Throws GraderError (a std::runtime_error) naming
/// the offending key, e.g. "invalid grade report: exercises[0].tests[2].outcome:
/// unknown outcome 'skipped'", when `document` is not of schema kGradeSchema, a
/// key is missing or a value has the wrong type. "unresolved" is not read: it is
/// derived from the tests.
GradeReport grade_report_from_json(const nlohmann::json& document);

}  // namespace grader
