#pragma once
// `grader doctor`: what this machine offers for grading untrusted code, the
// backend check/batch/ci will use, and the exact commands that enable the
// rest. Pure: built from the probe's facts, so tests use fakes.

#include <ostream>
#include <string>
#include <vector>

#include "sandbox/host_probe.hpp"

namespace grader {

struct DoctorReport {
  HostFacts facts;
  SandboxChoice choice;             ///< what `--sandbox auto` picks here
  std::string sandbox;              ///< the description reports will carry
  std::vector<std::string> enable;  ///< commands/steps that would enable more

  /// True when only the advisory backend works (doctor exits 1).
  bool advisory() const { return choice.backend == SandboxBackend::process; }
};

/// The report for `facts`; `sandbox` is the chosen backend's description.
DoctorReport make_doctor_report(const HostFacts& facts, const std::string& sandbox);

/// Plain text, one fact per line, then the steps.
void write_doctor_text(const DoctorReport& report, std::ostream& out);
/// JSON (schema "ipclab.doctor/1").
void write_doctor_json(const DoctorReport& report, std::ostream& out);

}  // namespace grader
