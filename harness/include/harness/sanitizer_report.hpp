#pragma once
// Sanitizer reports in a driver's output. A test with `sanitize: true` runs the
// student's driver built with AddressSanitizer and UBSan: on the first memory
// error or undefined behaviour it prints a long report and exits. The student
// needs three things from it: what went wrong, and where in their own files.
//
//   AddressSanitizer: heap-buffer-overflow (READ of size 1)
//     at serialization/unpickler.cpp:57 in Input::byte()
//     at serialization/unpickler.cpp:212 in Unpickler::execute(unsigned char)

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/driver.hpp"

namespace ipclab::harness {

/// What a driver's death message says before the report's summary, in the
/// student's language: " It stopped on a sanitizer report:\n".
const char* stopped_on_report();

/// The first sanitizer report in `output` (AddressSanitizer, LeakSanitizer,
/// UndefinedBehaviorSanitizer) as a headline and up to `max_frames` frames.
/// Frames in `student_files` (names as the student knows them, such as
/// "serialization/unpickler.cpp", matched by file name) are shown; when no
/// frame is in them, the report's first frames. nullopt when there is no report.
std::optional<std::string> summarize_sanitizer_report(const std::string& output,
                                                      const std::vector<std::string>& student_files,
                                                      std::size_t max_frames = 3);

/// Runs `calls`, which talk to `driver`. A driver that dies on a sanitizer
/// report always ends the test with the report's summary, showing the frames
/// outside the C++ library; if `driver` dies meanwhile, this shows the frames
/// in `student_files` instead. Anything else ends the test exactly as it would
/// without this wrapper.
void report_sanitizer_deaths(const Driver& driver, const std::vector<std::string>& student_files,
                             const std::function<void()>& calls);

}  // namespace ipclab::harness
