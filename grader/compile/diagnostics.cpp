#include "compile/diagnostics.hpp"

#include <algorithm>
#include <optional>
#include <regex>
#include <sstream>

namespace grader {
namespace {

// Why text and not GCC's -fdiagnostics-format=json: GCC 12's JSON leaves out
// the instantiation context ("In instantiation of", "required from here") and
// the function-context lines altogether, which are exactly what names the
// student's line; it also does not cover the linker, and clang does not speak
// it. The text format is stable across GCC versions and clang keeps its shape.

std::string shown_path(const std::string& path, const std::map<std::string, std::string>& names,
                       const std::string& course_root) {
  if (auto it = names.find(path); it != names.end()) return it->second;
  std::string root =
      course_root.empty() || course_root.back() == '/' ? course_root : course_root + "/";
  if (!root.empty() && path.rfind(root, 0) == 0) return path.substr(root.size());
  return path;
}

std::optional<Diagnostic> parse_compiler_line(const std::string& line) {
  static const std::regex pattern(R"(^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  std::string severity = match[4] == "fatal error" ? "error" : match[4].str();
  return Diagnostic{match[1], std::stoi(match[2]), std::stoi(match[3]), severity, match[5], "", ""};
}

/// The linker's "undefined reference" lines, with the place when it has one:
///   /usr/bin/ld: x.o: in function `main':
///   /submission/src/pipe/x.cpp:12: undefined reference to `f()'
/// (the place on a line of its own, as GNU ld prints it), or on the ld line
/// ("/usr/bin/ld: /path/x.cpp:12: undefined reference ..."), or none
/// ("/usr/bin/ld: x.cpp:(.text+0x1f): undefined reference ...").
std::optional<Diagnostic> parse_linker_line(const std::string& line) {
  static const std::regex with_place(
      R"(^(?:.*?ld: (?:.*?: )?)?((?:/|\.\./)[^:]+):(\d+):? (undefined reference to .*)$)");
  static const std::regex without_place(R"(^.*?ld: .*?: (undefined reference to .*)$)");
  std::smatch match;
  if (std::regex_match(line, match, with_place)) {
    return Diagnostic{match[1], std::stoi(match[2]), 0, "error", match[3], "", ""};
  }
  if (std::regex_match(line, match, without_place)) {
    return Diagnostic{"", 0, 0, "error", match[1], "", ""};
  }
  return std::nullopt;
}

/// One step of GCC's instantiation context:
///   "x.cpp:34:30:   required from 'bool f(...)'", "x.cpp:45:24:   required from here".
struct Frame {
  std::string file;
  int line = 0;
  int column = 0;
};

std::optional<Frame> parse_frame_line(const std::string& line) {
  static const std::regex pattern(
      R"(^(.+?):(\d+):(\d+):\s+(?:recursively )?(?:required (?:from|by)|in .{1,3}constexpr.{1,3} expansion of) .*$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  return Frame{match[1], std::stoi(match[2]), std::stoi(match[3])};
}

/// "x.cpp: In member function 'void Q::put()':" and its kin: the function a
/// file's following messages are in. Returns {file, "In member function '...'"},
/// without the template arguments GCC spells out (" [with Ready = ...]").
std::optional<std::pair<std::string, std::string>> parse_context_line(const std::string& line) {
  static const std::regex pattern(R"(^(.+?): ((?:In|At) [^:].*?):$)");
  static const std::regex template_arguments(R"( \[with .*\]('|\xE2\x80\x99)$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return std::nullopt;
  return std::pair{match[1].str(), std::regex_replace(match[2].str(), template_arguments, "$1")};
}

/// Reads compiler and linker output line by line, keeping the context GCC
/// prints before a message: which function each file's messages are in, and
/// the chain of instantiations that led into a header.
class DiagnosticParser {
 public:
  DiagnosticParser(const std::map<std::string, std::string>& names, const std::string& course_root)
      : names_(names), course_root_(course_root) {}

  void read(const std::string& line) {
    if (auto context = parse_context_line(line)) return enter(*context);
    if (line.rfind("In file included from ", 0) == 0) return clear_chain();
    if (auto frame = parse_frame_line(line)) return extend_chain(*frame);
    std::optional<Diagnostic> d = parse_compiler_line(line);
    if (!d) d = parse_linker_line(line);
    if (d) add(std::move(*d));
  }

  std::vector<Diagnostic> take() { return std::move(found_); }

 private:
  void enter(const std::pair<std::string, std::string>& context) {
    const auto& [file, text] = context;
    // An instantiation starts a new chain of "required from" lines.
    if (text.rfind("In instantiation of", 0) == 0 || text.rfind("In substitution of", 0) == 0) {
      clear_chain();
    }
    if (text == "At global scope") {
      contexts_.erase(file);
    } else {
      contexts_[file] = text;
    }
  }

  void clear_chain() {
    chain_.clear();
    chain_used_ = false;
  }

  /// GCC prints a chain of "required from" lines once, before the first
  /// message of an instantiation; the messages after it share it until the
  /// next chain begins.
  void extend_chain(const Frame& frame) {
    if (chain_used_) chain_.clear();
    chain_used_ = false;
    chain_.push_back(frame);
  }

  bool student_file(const std::string& path) const { return names_.count(path) > 0; }

  void add(Diagnostic d) {
    const bool follows_moved = d.severity == "note" && last_moved_;
    if (d.severity != "note") last_moved_ = lead_to_student_line(d);
    chain_used_ = true;
    // A note about a library's insides ("candidate: ...") under an error that
    // was moved to the student's line explains the library, not their code.
    if (follows_moved && !student_file(d.file) && !in_course(d.file)) return;
    // The errors after the first one a student's line causes inside a
    // library are its consequences: the first says what is wrong.
    if (last_moved_ && d.severity != "note" && moved_before(d)) return;
    if (d.context.empty() && student_file(d.file)) d.context = context_of(d.file);
    if (!d.file.empty()) d.file = shown_path(d.file, names_, course_root_);
    keep(std::move(d));
  }

  /// Moves `d` from inside a template to the innermost line of the student's
  /// that instantiated it, keeping where it was reported as `origin`.
  bool lead_to_student_line(Diagnostic& d) {
    if (d.file.empty() || student_file(d.file)) return false;
    const std::string origin = fmt_place(d.file, d.line, d.column);
    const Frame* frame = student_frame();
    // Errors GCC explains under a candidate ("type/value mismatch ...") come
    // after their own include lines, without the chain: the library place
    // already led to a student's line leads there again.
    if (frame == nullptr && moved_origins_.count(origin) > 0) frame = &moved_origins_[origin];
    if (frame == nullptr) return false;
    moved_origins_.emplace(origin, *frame);
    d.origin = fmt_place(shown_path(d.file, names_, course_root_), d.line, d.column);
    d.file = frame->file;
    d.line = frame->line;
    d.column = frame->column;
    d.context = context_of(frame->file);
    return true;
  }

  /// The innermost frame of the chain in a student file, nullptr when none is.
  const Frame* student_frame() const {
    auto frame = std::find_if(chain_.begin(), chain_.end(),
                              [&](const Frame& f) { return student_file(f.file); });
    return frame == chain_.end() ? nullptr : &*frame;
  }

  bool moved_before(const Diagnostic& d) const {
    const std::string file = shown_path(d.file, names_, course_root_);
    return std::any_of(found_.begin(), found_.end(), [&](const Diagnostic& seen) {
      return !seen.origin.empty() && seen.file == file && seen.line == d.line &&
             seen.column == d.column;
    });
  }

  static std::string fmt_place(const std::string& file, int line, int column) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }

  bool in_course(const std::string& path) const {
    return shown_path(path, names_, course_root_) != path;
  }

  std::string context_of(const std::string& file) const {
    auto it = contexts_.find(file);
    return it == contexts_.end() ? "" : it->second;
  }

  void keep(Diagnostic d) {
    bool duplicate = std::any_of(found_.begin(), found_.end(), [&](const Diagnostic& seen) {
      return seen.file == d.file && seen.line == d.line && seen.message == d.message;
    });
    if (!duplicate) found_.push_back(std::move(d));
  }

  const std::map<std::string, std::string>& names_;
  const std::string& course_root_;
  std::map<std::string, std::string> contexts_;  ///< file -> "In member function '...'"
  std::vector<Frame> chain_;                     ///< "required from" lines, innermost first
  std::map<std::string, Frame>
      moved_origins_;        ///< "file:line:col" inside a library -> student line
  bool chain_used_ = false;  ///< a message followed the chain: the next frame starts another
  bool last_moved_ = false;
  std::vector<Diagnostic> found_;
};

}  // namespace

std::vector<Diagnostic> parse_diagnostics(const std::string& output,
                                          const std::map<std::string, std::string>& display_names,
                                          const std::string& course_root, std::size_t limit) {
  DiagnosticParser parser(display_names, course_root);
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);)
    parser.read(line);
  std::vector<Diagnostic> found = parser.take();
  std::stable_partition(found.begin(), found.end(),
                        [](const Diagnostic& d) { return d.severity == "error"; });
  if (found.size() > limit) found.resize(limit);
  return found;
}

}  // namespace grader
