#include "report/console_reporter.hpp"

#include "i18n/messages.hpp"
#include "report/report_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <vector>

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::tr_later;
using ipclab::i18n::trn;

constexpr int kDurationWidth = 6;  // "999 ms", "20.5 s"
constexpr int kMaxPointsEnd = 72;  // with durations: 80 columns
constexpr std::size_t kLogTailLines = 20;

// ANSI SGR parameters.
constexpr const char* kBold = "1";
constexpr const char* kDim = "2";
constexpr const char* kRed = "31";
constexpr const char* kGreen = "32";
constexpr const char* kYellow = "33";
constexpr const char* kMagenta = "35";

/// The colour of an outcome's status word: one per kind.
const char* color_of(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::passed:
      return kGreen;
    case OutcomeKind::failure:
      return kRed;
    case OutcomeKind::not_run:
      return kYellow;
    case OutcomeKind::unresolved:
      break;
  }
  return kMagenta;
}

/// Some text and the colour it gets on a terminal (nullptr: none).
struct ColoredCell {
  std::string_view text;
  const char* color = nullptr;
};

/// Terminal columns of UTF-8 text, counting one per code point ("—" is one).
int display_width(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string spaces(int count) {
  return std::string(std::max(count, 0), ' ');
}

/// `text` with control characters (but tab) spelled out as "\x1b": student
/// output quoted in a message must not colour, move or clear the terminal.
std::string terminal_safe(std::string_view text) {
  std::string shown;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool control = (byte < 0x20 && c != '\t') || byte == 0x7f;
    shown += control ? fmt::format("\\x{:02x}", byte) : std::string(1, c);
  }
  return shown;
}

/// The printable lines of `text`, without trailing newlines: "a\nb\n" is {"a", "b"}.
std::vector<std::string> terminal_lines(std::string_view text) {
  while (!text.empty() && text.back() == '\n')
    text.remove_suffix(1);
  std::vector<std::string> lines;
  if (text.empty()) return lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(elided(terminal_safe(line), kMaxLineBytes));
    if (end == std::string_view::npos) return lines;
    start = end + 1;
  }
}

/// The widest status word of this language: the status column's width.
int status_width() {
  int width = 0;
  for (const OutcomeProperties& outcome : outcome_table())
    width = std::max(width, display_width(tr(outcome.status)));
  return width;
}

/// The test id, marked when the test is hidden.
std::string plain_test_name(const TestGrade& test) {
  return test.visibility == Visibility::hidden ? test.id + " " + tr("(hidden)") : test.id;
}

/// Widths of the name and points columns, the same for every exercise.
struct Columns {
  int status = status_width();
  int name = 6;  // "FAILED", on the build line
  int points = 0;

  /// The column where points end: exercise scores are right-aligned to it.
  int points_end() const { return 2 + status + 2 + name + 2 + points; }
  /// Where details start: under the test id.
  int detail_indent() const { return 2 + status + 2; }
};

/// "id — title", or the id alone.
std::string heading(const ExerciseGrade& exercise) {
  return terminal_safe(exercise.title.empty() ? exercise.id : exercise.id + " — " + exercise.title);
}

void widen(int& width, std::string_view text) {
  width = std::max(width, display_width(text));
}

Columns measure(const GradeReport& report) {
  Columns columns;
  widen(columns.name, tr("FAILED"));
  for (const ExerciseGrade& exercise : report.exercises) {
    widen(columns.points, format_score(exercise.build.score, exercise.build.max_score));
    for (const TestGrade& test : exercise.tests) {
      widen(columns.name, plain_test_name(test));
      widen(columns.points, format_score(test.score, test.max_score));
    }
  }
  // Make room for the headings, so that each exercise's score lines up with the
  // points under it; an exceptionally long title does not stretch the table.
  for (const ExerciseGrade& exercise : report.exercises) {
    const int needed = display_width(heading(exercise)) + 2 +
                       display_width(format_score(exercise.score, exercise.max_score));
    const int growth = std::min(needed, kMaxPointsEnd) - columns.points_end();
    columns.name += std::max(growth, 0);
  }
  return columns;
}

/// How far an exercise is: its tests passed of all, and a word for its state.
struct Progress {
  int passed = 0;
  int total = 0;
  const char* state = "";  ///< "done", "in progress", "to do", "not built" (untranslated)
  bool is_done = false;
  bool done() const { return is_done; }
};

Progress progress_of(const ExerciseGrade& exercise) {
  Progress progress;
  for (const TestGrade& test : exercise.tests) {
    ++progress.total;
    progress.passed += test.outcome == Outcome::passed ? 1 : 0;
  }
  if (!exercise.build.ok) {
    progress.state = tr_later("not built");
  } else if (progress.passed == progress.total) {
    progress.state = tr_later("done");
    progress.is_done = true;
  } else {
    progress.state = progress.passed == 0 ? tr_later("to do") : tr_later("in progress");
  }
  return progress;
}

/// "3/12 tests pass".
std::string tests_passed_text(const Progress& progress) {
  return fmt::format(fmt::runtime(tr("{}/{} tests pass")), progress.passed, progress.total);
}

/// The first exercise, in course order, that is not done (nullptr: all are).
const ExerciseGrade* first_unfinished(const GradeReport& report) {
  for (const ExerciseGrade& exercise : report.exercises) {
    if (!progress_of(exercise).done()) return &exercise;
  }
  return nullptr;
}

/// How many tests of the report have `outcome`.
int count(const GradeReport& report, Outcome outcome) {
  int total = 0;
  for (const ExerciseGrade& exercise : report.exercises) {
    for (const TestGrade& test : exercise.tests)
      total += test.outcome == outcome ? 1 : 0;
  }
  return total;
}

class ConsoleWriter {
 public:
  ConsoleWriter(std::ostream& out, const ConsoleStyle& style, Columns columns)
      : out_(out), style_(style), columns_(columns) {}

  void header(const GradeReport& report) {
    const std::string course = tr("Course:");
    const std::string submission = tr("Submission:");
    const std::string sandbox = tr("Sandbox:");
    int width = 0;
    for (const std::string& label : {course, submission, sandbox})
      widen(width, label);
    const auto label = [&](const std::string& text) {
      return text + spaces(width + 2 - display_width(text));
    };
    out_ << label(course) << paint(terminal_safe(report.course), kBold) << '\n';
    out_ << label(submission) << terminal_safe(report.submission) << '\n';
    out_ << label(sandbox) << terminal_safe(report.sandbox) << '\n';
    if (!report.hidden_included) {
      out_ << tr("Hidden tests are not run by `grader check`: they run when the instructor "
                 "grades.")
           << '\n';
    }
  }

  /// One line per exercise, in course order: its state, tests passed, points.
  void overview(const GradeReport& report) {
    int id_width = 0;
    int tests_width = 0;
    for (const ExerciseGrade& exercise : report.exercises) {
      widen(id_width, exercise.id);
      widen(tests_width, tests_passed_text(progress_of(exercise)));
    }
    out_ << '\n' << paint(tr("Exercises, in course order:"), kBold) << '\n';
    for (const ExerciseGrade& exercise : report.exercises) {
      const Progress progress = progress_of(exercise);
      const std::string tests = tests_passed_text(progress);
      const std::string state = tr(progress.state);
      out_ << "  " << paint(state, progress.done() ? kGreen : kYellow)
           << spaces(columns_.status + 2 - display_width(state)) << terminal_safe(exercise.id)
           << spaces(id_width - display_width(exercise.id) + 2) << tests
           << spaces(tests_width - display_width(tests) + 2)
           << format_score(exercise.score, exercise.max_score) << '\n';
    }
  }

  /// Where the compact report stops, and how to see the rest.
  void more(const ExerciseGrade* shown) {
    if (shown == nullptr) return;
    out_ << '\n'
         << fmt::format(fmt::runtime(tr("Shown: {0}'s first failure. `./lab check --all` explains "
                                        "every failure; `./lab check {0}` grades only this "
                                        "exercise.")),
                        terminal_safe(shown->id))
         << '\n';
  }

  /// The exercise's block; with `first_failure_only`, the tests after its
  /// first failure are one line each.
  void exercise(const ExerciseGrade& exercise, bool first_failure_only = false) {
    explained_ = false;
    first_failure_only_ = first_failure_only;
    const std::string name = heading(exercise);
    const std::string score = format_score(exercise.score, exercise.max_score);
    const int gap = std::max(columns_.points_end() - display_width(name) - display_width(score), 2);
    out_ << '\n' << paint(name + spaces(gap) + score, kBold) << '\n';
    build(exercise.build);
    for (const TestGrade& test : exercise.tests)
      this->test(test);
  }

  void footer(const GradeReport& report) {
    const std::string total = format_total(report.score, report.max_score);
    out_ << '\n' << paint(tr("Total:") + std::string(" ") + total, kBold) << '\n';
    std::vector<std::string> counts;
    for (const OutcomeProperties& outcome : outcome_table()) {
      const int n = count(report, outcome.outcome);
      // TRANSLATORS: {0} a number of tests, {1} what happened to them ("3 timed out").
      if (n > 0) counts.push_back(fmt::format(fmt::runtime(tr("{0} {1}")), n, tr(outcome.counted)));
    }
    if (!counts.empty()) out_ << fmt::format("{}", fmt::join(counts, ", ")) << '\n';
    const int unresolved = count(report, Outcome::unresolved);
    if (unresolved == 0) return;
    const char* text =
        trn("The grader could not finish its job for {} test: the score is incomplete.",
            "The grader could not finish its job for {} tests: the score is incomplete.",
            static_cast<unsigned long>(unresolved));
    out_ << paint(fmt::format(fmt::runtime(text), unresolved), kMagenta) << '\n';
  }

 private:
  void build(const BuildGrade& build) {
    const ColoredCell verdict =
        build.ok ? ColoredCell{tr("ok"), kGreen} : ColoredCell{tr("FAILED"), kRed};
    row({tr("build")}, verdict, format_score(build.score, build.max_score), "");
    if (!build.ok || style_.verbose) diagnostics(build.diagnostics);
    if (!build.ok && build.diagnostics.empty()) log_tail(build.log);
    for (const std::string& note : build.notes)
      labeled(tr("note"), note);
    explained_ = !build.ok;
  }

  void diagnostics(const std::vector<Diagnostic>& diagnostics) {
    for (const std::string& line : diagnostic_lines(diagnostics, kMaxDiagnosticsShown))
      detail(line);
  }

  // Shown only when the compiler said something no diagnostic captured.
  void log_tail(const std::string& log) {
    const std::vector<std::string> lines = terminal_lines(log);
    if (lines.empty()) return;
    const std::size_t first = lines.size() - std::min(lines.size(), kLogTailLines);
    detail(first == 0 ? std::string(tr("compiler output:"))
                      : fmt::format(fmt::runtime(tr("compiler output (last {} of {} lines):")),
                                    kLogTailLines, lines.size()));
    for (std::size_t i = first; i < lines.size(); ++i)
      indented(lines[i], 2);
  }

  void test(const TestGrade& test) {
    const OutcomeProperties& outcome = properties_of(test.outcome);
    const std::string name = plain_test_name(test);
    row({tr(outcome.status), color_of(outcome.kind)}, {name},
        format_score(test.score, test.max_score), outcome.ran ? elapsed_text(test.duration) : "");
    if (test.outcome == Outcome::passed) {
      if (style_.verbose) notes(test.notes);
      return;
    }
    if (test.outcome == Outcome::build_failed) return;  // the build lines say why
    if (first_failure_only_ && explained_) return;
    details(test);
    explained_ = true;
  }

  void details(const TestGrade& test) {
    if (test.trials_total > 1) detail(trials_text(test));
    detail(test.message);
    if (properties_of(test.outcome).earns_hint && !test.hint.empty())
      labeled(tr("hint"), test.hint);
    notes(test.notes);
    if (!test.rerun.empty()) labeled(tr("rerun"), test.rerun, kDim);
  }

  static std::string trials_text(const TestGrade& test) {
    std::string text =
        fmt::format(fmt::runtime(tr("passed {}/{} trials")), test.trials_passed, test.trials_total);
    if (test.trials_passed > 0 && test.trials_passed < test.trials_total) {
      text += tr(" — nondeterministic, likely a race");
    }
    return text;
  }

  void notes(const std::vector<std::string>& notes) {
    for (const std::string& note : notes)
      labeled(tr("note"), note);
  }

  /// "label: text", with the text's further lines aligned under its first.
  void labeled(std::string_view label, std::string_view text, const char* color = nullptr) {
    const std::vector<std::string> lines = terminal_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string prefix =
          i == 0 ? fmt::format("{}: ", label) : spaces(display_width(label) + 2);
      out_ << spaces(columns_.detail_indent()) << paint(prefix + lines[i], color) << '\n';
    }
  }

  /// The lines of `text` under the current test or build.
  void detail(std::string_view text) {
    for (const std::string& line : terminal_lines(text))
      indented(line);
  }

  /// One line, indented; no trailing spaces when it is empty.
  void indented(const std::string& line, int extra_indent = 0) {
    if (!line.empty()) out_ << spaces(columns_.detail_indent() + extra_indent) << line;
    out_ << '\n';
  }

  void row(ColoredCell status, ColoredCell name, const std::string& points,
           const std::string& duration) {
    out_ << "  " << paint(status.text, status.color)
         << spaces(columns_.status - display_width(status.text) + 2) << paint(name.text, name.color)
         << spaces(columns_.name - display_width(name.text) + 2)
         << spaces(columns_.points - display_width(points)) << points;
    if (!duration.empty()) {
      out_ << spaces(kDurationWidth - display_width(duration) + 2) << duration;
    }
    out_ << '\n';
  }

  std::string paint(std::string_view text, const char* color) const {
    if (!style_.color || color == nullptr || text.empty()) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", color, text);
  }

  std::ostream& out_;
  ConsoleStyle style_;
  Columns columns_;
  bool first_failure_only_ = false;
  bool explained_ = false;  ///< a failure of the current exercise was explained
};

}  // namespace

void write_console_report(const GradeReport& report, std::ostream& out, const ConsoleStyle& style) {
  ConsoleWriter writer(out, style, measure(report));
  writer.header(report);
  if (style.compact) {
    writer.overview(report);
    const ExerciseGrade* focus = first_unfinished(report);
    if (focus != nullptr) writer.exercise(*focus, true);
    writer.footer(report);
    writer.more(focus);
    return;
  }
  for (const ExerciseGrade& exercise : report.exercises)
    writer.exercise(exercise);
  writer.footer(report);
}

}  // namespace grader
