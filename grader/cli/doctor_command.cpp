// grader doctor: what this machine offers for grading untrusted code, which
// sandbox check/batch/ci will use, and how to enable the rest. Needs no course.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "i18n/messages.hpp"
#include "sandbox/doctor.hpp"
#include "sandbox/sandbox.hpp"

namespace grader::cli {

using ipclab::i18n::tr;
namespace {

struct DoctorOptions {
  bool json = false;
};

int run_doctor(const DoctorOptions& options) {
  // The text speaks the language chosen before parsing; the JSON (read by
  // programs, its free texts too) is English in every language.
  if (options.json) ipclab::i18n::use_language("en", {});
  HostFacts facts = probe_host(SystemHostProbe());
  Sandbox sandbox = Sandbox::from_facts(facts, SandboxRequest::automatic);
  DoctorReport report = make_doctor_report(facts, sandbox.description());
  if (options.json) {
    write_doctor_json(report, std::cout);
  } else {
    write_doctor_text(report, std::cout);
  }
  return report.advisory() ? kNotAllPassed : kAllPassed;
}

}  // namespace

Subcommand add_doctor(CLI::App& parent, const CommonOptions&) {
  CLI::App* app = parent.add_subcommand(
      "doctor", tr("Show what this machine supports for sandboxing and how to enable the rest "
                   "(exit 0: a real sandbox works, 1: advisory isolation only)"));
  auto options = std::make_shared<DoctorOptions>();
  app->add_flag("--json", options->json, tr("Print the findings as JSON (ipclab.doctor/1)"));
  return {app, [options] { return run_doctor(*options); }};
}

}  // namespace grader::cli
