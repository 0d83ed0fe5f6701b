#include "sandbox/doctor.hpp"

#include <nlohmann/json.hpp>

#include "sandbox/uid_slots.hpp"

namespace grader {
namespace {

std::string found(const std::optional<std::filesystem::path>& path) {
  return path ? path->string() : "not installed";
}

nlohmann::json path_or_null(const std::optional<std::filesystem::path>& path) {
  return path ? nlohmann::json(path->string()) : nlohmann::json(nullptr);
}

std::string user_line(const HostFacts& facts) {
  if (facts.root) {
    return "root: no user namespace needed; on either backend the drivers of every test run "
           "as a uid of their own (" +
           describe(configured_uid_range()) + ", slots locked in " + kSlotLockDir +
           "): kill(-1) and RLIMIT_NPROC reach only that test, and what the uid leaves in "
           "/tmp, /var/tmp, /dev/shm, /dev/mqueue and SysV IPC is removed after it";
  }
  return "not root: bubblewrap needs unprivileged user namespaces; drivers run as your user";
}

/// The drivers' uids, for machines (the hostile suite reads `per_test`).
nlohmann::json driver_uids_json(const HostFacts& facts) {
  if (!facts.root) return {{"per_test", false}};
  UidRange range = configured_uid_range();
  return {{"per_test", true},
          {"first", range.first},
          {"last", range.first + range.count - 1},
          {"reference_first", range.first + range.count},
          {"reference_last", range.first + 2 * range.count - 1}};
}

std::string userns_line(const HostFacts& facts) {
  if (facts.root) return "not needed (root)";
  return facts.userns_blocked.empty() ? "allowed" : "blocked: " + facts.userns_blocked;
}

std::string bwrap_line(const HostFacts& facts) {
  if (!facts.bwrap) return "not installed";
  if (facts.bwrap_works()) return facts.bwrap->string() + ": works (a trial run succeeded)";
  return facts.bwrap->string() + ": does not work: " + facts.bwrap_error;
}

std::string cgroup_line(const CgroupSupport& cgroups) {
  std::string text = cgroups.describe();
  if (cgroups.usable()) text += ": every test's tree gets pids and memory limits";
  if (!cgroups.note.empty()) text += (cgroups.usable() ? "; " : ": ") + cgroups.note;
  return text;
}

std::vector<std::string> enable_steps(const HostFacts& facts) {
  std::vector<std::string> steps;
  if (!facts.bwrap) steps.push_back("sudo apt-get install bubblewrap");
  if (facts.bwrap && !facts.bwrap_works()) {
    if (facts.userns_blocked.find("apparmor") != std::string::npos) {
      steps.push_back("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
      steps.push_back(
          "echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee "
          "/etc/sysctl.d/60-ipclab-userns.conf   # keep it after a reboot");
    } else if (!facts.userns_blocked.empty()) {
      std::string said = facts.userns_blocked;
      steps.push_back(said.substr(said.find('`') + 1, said.rfind('`') - said.find('`') - 1));
    } else {
      steps.push_back(
          "in a container: run it with --privileged (Docker's seccomp profile forbids "
          "namespaces), or grade on the host");
    }
  }
  if (!facts.cgroups.usable()) {
    steps.push_back(
        "per-run pids and memory limits need a writable cgroup: run the grader as root "
        "(sudo), e.g. on a grading server or a CI runner");
  }
  if (!facts.gdb && !facts.eu_stack) {
    steps.push_back("sudo apt-get install gdb   # backtraces of hung tests");
  }
  if (!facts.ccache) {
    steps.push_back("sudo apt-get install ccache   # batch compiles identical files once");
  }
  if (!facts.python3) {
    steps.push_back("sudo apt-get install python3   # the serialization checks against pickle");
  }
  return steps;
}

}  // namespace

DoctorReport make_doctor_report(const HostFacts& facts, const std::string& sandbox) {
  DoctorReport report;
  report.facts = facts;
  report.choice = choose_backend(facts, SandboxRequest::automatic);
  report.sandbox = sandbox;
  report.enable = enable_steps(facts);
  return report;
}

void write_doctor_text(const DoctorReport& report, std::ostream& out) {
  const HostFacts& facts = report.facts;
  out << "user:             " << user_line(facts) << "\n"
      << "bubblewrap:       " << bwrap_line(facts) << "\n"
      << "user namespaces:  " << userns_line(facts) << "\n"
      << "cgroups:          " << cgroup_line(facts.cgroups) << "\n"
      << "hang backtraces:  gdb " << found(facts.gdb) << ", eu-stack " << found(facts.eu_stack)
      << "\n"
      << "python3:          " << found(facts.python3) << " (serialization interop checks)\n"
      << "compiler cache:   ccache " << found(facts.ccache)
      << " (batch compiles a file identical to one compiled before only once)\n\n"
      << "check, batch and ci will use: " << report.sandbox << "\n"
      << "  because " << report.choice.reason << "\n";
  if (report.advisory()) {
    out << "  this is advisory isolation: batch and ci refuse it unless --allow-advisory\n";
  }
  if (report.enable.empty()) {
    out << "\nNothing to enable: every layer works here.\n";
    return;
  }
  out << "\nTo enable the rest:\n";
  for (const std::string& step : report.enable)
    out << "  " << step << "\n";
}

void write_doctor_json(const DoctorReport& report, std::ostream& out) {
  const HostFacts& facts = report.facts;
  nlohmann::json json = {
      {"schema", "ipclab.doctor/1"},
      {"root", facts.root},
      {"bubblewrap",
       {{"path", path_or_null(facts.bwrap)},
        {"works", facts.bwrap_works()},
        {"error", facts.bwrap_error}}},
      {"user_namespaces", {{"needed", !facts.root}, {"blocked", facts.userns_blocked}}},
      {"driver_uids", driver_uids_json(facts)},
      {"cgroups",
       {{"version", facts.cgroups.version},
        {"pids", facts.cgroups.pids},
        {"memory", facts.cgroups.memory},
        {"note", facts.cgroups.note}}},
      {"tools",
       {{"gdb", path_or_null(facts.gdb)},
        {"eu-stack", path_or_null(facts.eu_stack)},
        {"python3", path_or_null(facts.python3)},
        {"ccache", path_or_null(facts.ccache)}}},
      {"backend", report.choice.backend == SandboxBackend::bubblewrap ? "bubblewrap" : "process"},
      {"advisory", report.advisory()},
      {"sandbox", report.sandbox},
      {"reason", report.choice.reason},
      {"enable", report.enable}};
  out << json.dump(2) << "\n";
}

}  // namespace grader
