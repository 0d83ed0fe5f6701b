// Writes the file formats of the test fixtures into a folder, for the external
// validators that the ctests in this folder run on them (xmllint, jsonschema,
// headless Chromium): in English, and in Spanish as *.es.* (longer words, the
// same elements and keys).  Usage: format_samples OUTPUT_DIR

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "batch/outputs/html_report.hpp"
#include "format_fixtures.hpp"
#include "i18n/messages.hpp"
#include "report/gradescope_reporter.hpp"
#include "report/junit_reporter.hpp"

namespace {

namespace fs = std::filesystem;
using namespace grader;

bool write(const fs::path& path, const std::function<void(std::ostream&)>& render) {
  std::ofstream out(path, std::ios::binary);
  render(out);
  out.close();
  if (!out) std::cerr << "format_samples: cannot write " << path << '\n';
  return static_cast<bool>(out);
}

/// Every sample, named with `suffix` before the extension ("", ".es"), in
/// the language messages are in now.
bool write_samples(const fs::path& dir, const std::string& suffix) {
  const std::pair<const char*, GradeReport> reports[] = {
      {"mixed", format_fixtures::mixed_report()},
      {"perfect", format_fixtures::perfect_report()},
      {"nasty", format_fixtures::nasty_report()},
      {"empty", GradeReport{}},
  };
  bool ok = true;
  for (const auto& [name, report] : reports) {
    ok &= write(dir / (std::string("junit_") + name + suffix + ".xml"),
                [&](std::ostream& out) { write_junit_report(report, out); });
    ok &= write(dir / (std::string("gradescope_") + name + suffix + ".json"),
                [&](std::ostream& out) { write_gradescope_results(report, out); });
  }
  const Course course = format_fixtures::course();
  ok &= write(dir / ("report" + suffix + ".html"), [&](std::ostream& out) {
    write_html_report(course, format_fixtures::sample_class(), out);
  });
  ok &= write(dir / ("report_large" + suffix + ".html"), [&](std::ostream& out) {
    write_html_report(format_fixtures::large_course(), format_fixtures::large_class(), out);
  });
  ok &= write(dir / ("report_empty" + suffix + ".html"), [&](std::ostream& out) {
    write_html_report(course, format_fixtures::empty_class(), out);
  });
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: format_samples OUTPUT_DIR\n";
    return 2;
  }
  const fs::path dir = argv[1];
  fs::create_directories(dir);
  bool ok = write_samples(dir, "");
  if (!ipclab::i18n::use_language("es", IPCLAB_LOCALE_DIR)) {
    std::cerr << "format_samples: no Spanish catalog under " << IPCLAB_LOCALE_DIR
              << " (build the ipclab_catalogs target)\n";
    return 1;
  }
  ok &= write_samples(dir, ".es");
  return ok ? 0 : 1;
}
