#include "harness/sanitizer_report.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "harness/outcome.hpp"
#include "harness/words.hpp"
#include "lines.hpp"

namespace ipclab::harness {
namespace {

struct ReportFrame {
  std::string function;
  std::string file;  ///< as printed: usually an absolute path
  std::string line;
};

/// "heap-buffer-overflow on address 0x60 at pc ..." -> "heap-buffer-overflow";
/// parenthesised details and "(thread T0)" are dropped.
std::string asan_kind(std::string text) {
  for (const char* cut : {" on address ", " on unknown address ", " at pc "}) {
    if (auto at = text.find(cut); at != std::string::npos) text.erase(at);
  }
  static const std::regex kParenthesised(R"( \([^()]*\))");
  return std::regex_replace(text, kParenthesised, "");
}

/// "    #3 0x55d in Input::byte() /ws/src/x/unpickler.cpp:57:9"
std::optional<ReportFrame> parse_frame(const std::string& line) {
  static const std::regex kFrame(R"(^\s*#\d+ 0x[0-9a-f]+ in (.+) (\S+?):(\d+)(?::\d+)?$)");
  std::smatch match;
  if (!std::regex_match(line, match, kFrame)) return std::nullopt;
  return ReportFrame{match[1], match[2], match[3]};
}

bool is_frame_line(const std::string& line) {
  static const std::regex kAnyFrame(R"(^\s*#\d+ 0x[0-9a-f]+ .*)");
  return std::regex_match(line, kAnyFrame);
}

/// The student's name for `path` when it is one of their files, else "".
std::string student_name(const std::string& path, const std::vector<std::string>& student_files) {
  std::string file = std::filesystem::path(path).filename().string();
  for (const std::string& shown : student_files) {
    if (std::filesystem::path(shown).filename() == file) return shown;
  }
  return "";
}

/// The headline and the index of the line after it; nullopt without a report.
std::optional<std::pair<std::string, std::size_t>> headline(const std::vector<std::string>& lines,
                                                            std::vector<ReportFrame>& frames) {
  static const std::regex kError(R"(ERROR: (AddressSanitizer|LeakSanitizer): (.*))");
  static const std::regex kUndefined(R"(^(\S+?):(\d+)(?::\d+)?: runtime error: (.*))");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    if (std::regex_search(lines[i], match, kError)) {
      std::string text = match[1].str() + ": " + asan_kind(match[2]);
      static const std::regex kAccess(R"(^(READ|WRITE) of size (\d+))");
      static const std::regex kSignal(R"(The signal is caused by a (\w+) memory access)");
      if (i + 1 < lines.size() && std::regex_search(lines[i + 1], match, kAccess)) {
        text += " (" + match[0].str() + ")";
      } else if (i + 1 < lines.size() && std::regex_search(lines[i + 1], match, kSignal)) {
        text += " (a " + match[1].str() + " memory access)";
      }
      return std::make_pair(text, i + 1);
    }
    if (std::regex_search(lines[i], match, kUndefined)) {
      frames.push_back({"", match[1], match[2]});  // where it happened
      return std::make_pair("UndefinedBehaviorSanitizer: " + match[3].str(), i + 1);
    }
  }
  return std::nullopt;
}

std::string describe(const ReportFrame& frame, const std::vector<std::string>& student_files) {
  std::string shown = student_name(frame.file, student_files);
  if (shown.empty()) shown = std::filesystem::path(frame.file).filename().string();
  std::string text = trf("at {}:{}", shown, frame.line);
  return frame.function.empty() ? text : text + trf(" in {}", frame.function);
}

}  // namespace

const char* stopped_on_report() {
  return tr(" It stopped on a sanitizer report:\n");
}

std::optional<std::string> summarize_sanitizer_report(const std::string& output,
                                                      const std::vector<std::string>& student_files,
                                                      std::size_t max_frames) {
  std::vector<std::string> lines = lines_of(output);
  std::vector<ReportFrame> frames;
  auto found = headline(lines, frames);
  if (!found) return std::nullopt;
  // The first stack after the headline is the error's own (later ones say
  // where the memory was allocated or freed).
  bool in_stack = false;
  for (std::size_t i = found->second; i < lines.size(); ++i) {
    if (!is_frame_line(lines[i])) {
      if (in_stack) break;
      continue;
    }
    in_stack = true;
    std::optional<ReportFrame> frame = parse_frame(lines[i]);
    if (!frame) continue;
    if (!frames.empty() && frames.back().file == frame->file && frames.back().line == frame->line) {
      frames.back().function = frame->function;  // UBSan's location line, then its frame #0
      continue;
    }
    frames.push_back(*frame);
  }
  // The student's frames; else those in the course's code rather than the
  // C++ library's; else the first ones.
  std::vector<const ReportFrame*> shown;
  auto pick = [&](auto&& wanted) {
    for (const ReportFrame& frame : frames) {
      if (shown.size() < max_frames && wanted(frame)) shown.push_back(&frame);
    }
  };
  pick([&](const ReportFrame& f) { return !student_name(f.file, student_files).empty(); });
  if (shown.empty()) pick([](const ReportFrame& f) { return f.file.rfind("/usr/", 0) != 0; });
  if (shown.empty()) pick([](const ReportFrame&) { return true; });
  std::string summary = found->first;
  for (const ReportFrame* frame : shown)
    summary += "\n  " + describe(*frame, student_files);
  return summary;
}

void report_sanitizer_deaths(const Driver& driver, const std::vector<std::string>& student_files,
                             const std::function<void()>& calls) {
  ::testing::TestPartResultArray captured;
  bool aborted = false;
  {
    ::testing::ScopedFakeTestPartResultReporter intercept(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &captured);
    try {
      calls();
    } catch (const TestAborted&) {
      aborted = true;
    }
  }
  std::optional<std::string> report;
  if (aborted) report = summarize_sanitizer_report(driver.output(), student_files);
  for (int i = 0; i < captured.size(); ++i) {
    const ::testing::TestPartResult& part = captured.GetTestPartResult(i);
    std::string message = part.message();
    const bool the_death = report && i + 1 == captured.size();
    if (the_death) {
      // "your driver exited with code 1 while running `...`. It printed: <report>"
      message =
          message.substr(0, message.find(stopped_on_report())) + stopped_on_report() + *report;
    }
    GTEST_MESSAGE_AT_(part.file_name(), part.line_number(), message.c_str(), part.type());
  }
  if (aborted) throw TestAborted{};
}

}  // namespace ipclab::harness
