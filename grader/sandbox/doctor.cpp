#include "sandbox/doctor.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "i18n/messages.hpp"
#include "sandbox/uid_slots.hpp"

namespace grader {
namespace {

using ipclab::i18n::tr;
using ipclab::i18n::tr_later;

std::string found(const std::optional<std::filesystem::path>& path) {
  return path ? path->string() : tr("not installed");
}

nlohmann::json path_or_null(const std::optional<std::filesystem::path>& path) {
  return path ? nlohmann::json(path->string()) : nlohmann::json(nullptr);
}

std::string user_line(const HostFacts& facts) {
  if (facts.root) {
    return fmt::format(
        fmt::runtime(tr("root: no user namespace needed; on either backend the drivers of every "
                        "test run as a uid of their own ({}, slots locked in {}): kill(-1) and "
                        "RLIMIT_NPROC reach only that test, and what the uid leaves in /tmp, "
                        "/var/tmp, /dev/shm, /dev/mqueue and SysV IPC is removed after it")),
        describe(configured_uid_range()), kSlotLockDir);
  }
  return tr("not root: bubblewrap needs unprivileged user namespaces; drivers run as your user");
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
  if (facts.root) return tr("not needed (root)");
  if (facts.userns_blocked.empty()) return tr("allowed");
  return fmt::format(fmt::runtime(tr("blocked: {}")), facts.userns_blocked);
}

std::string bwrap_line(const HostFacts& facts) {
  if (!facts.bwrap) return tr("not installed");
  if (facts.bwrap_works())
    return fmt::format(fmt::runtime(tr("{}: works (a trial run succeeded)")),
                       facts.bwrap->string());
  return fmt::format(fmt::runtime(tr("{}: does not work: {}")), facts.bwrap->string(),
                     facts.bwrap_error);
}

std::string cgroup_line(const CgroupSupport& cgroups) {
  std::string text = cgroups.describe();
  if (cgroups.usable()) text += tr(": every test's tree gets pids and memory limits");
  if (!cgroups.note.empty()) text += (cgroups.usable() ? "; " : ": ") + cgroups.note;
  return text;
}

std::vector<std::string> enable_steps(const HostFacts& facts) {
  std::vector<std::string> steps;
  if (!facts.bwrap) steps.push_back("sudo apt-get install bubblewrap");
  if (facts.bwrap && !facts.bwrap_works()) {
    if (facts.userns_blocked.find("apparmor") != std::string::npos) {
      steps.push_back("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
      steps.push_back(std::string("echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee "
                                  "/etc/sysctl.d/60-ipclab-userns.conf   # ") +
                      tr("keep it after a reboot"));
    } else if (!facts.userns_blocked.empty()) {
      std::string said = facts.userns_blocked;
      steps.push_back(said.substr(said.find('`') + 1, said.rfind('`') - said.find('`') - 1));
    } else {
      steps.push_back(
          tr("in a container: run it with --privileged (Docker's seccomp profile forbids "
             "namespaces), or grade on the host"));
    }
  }
  if (!facts.cgroups.usable()) {
    steps.push_back(
        tr("per-run pids and memory limits need a writable cgroup: run the grader as root "
           "(sudo), e.g. on a grading server or a CI runner"));
  }
  if (!facts.gdb && !facts.eu_stack) {
    steps.push_back(std::string("sudo apt-get install gdb   # ") + tr("backtraces of hung tests"));
  }
  if (!facts.ccache) {
    steps.push_back(std::string("sudo apt-get install ccache   # ") +
                    tr("batch compiles identical files once"));
  }
  if (!facts.python3) {
    steps.push_back(std::string("sudo apt-get install python3   # ") +
                    tr("the serialization checks against pickle"));
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

namespace {

/// `label` and `value` as one line, the values of all lines in one column.
std::string field(const char* label, const std::string& value) {
  std::string line = tr(label);
  std::size_t width = 0;  // in characters: a UTF-8 lead byte starts each
  for (char c : line)
    width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return line + std::string(width < 18 ? 18 - width : 1, ' ') + value + "\n";
}

}  // namespace

void write_doctor_text(const DoctorReport& report, std::ostream& out) {
  const HostFacts& facts = report.facts;
  out << field(tr_later("user:"), user_line(facts))
      << field(tr_later("bubblewrap:"), bwrap_line(facts))
      << field(tr_later("user namespaces:"), userns_line(facts))
      << field(tr_later("cgroups:"), cgroup_line(facts.cgroups))
      << field(tr_later("hang backtraces:"),
               "gdb " + found(facts.gdb) + ", eu-stack " + found(facts.eu_stack))
      << field(tr_later("python3:"),
               found(facts.python3) + " " + tr("(serialization interop checks)"))
      << field(tr_later("compiler cache:"),
               "ccache " + found(facts.ccache) + " " +
                   tr("(batch compiles a file identical to one compiled before only once)"))
      << "\n"
      << fmt::format(fmt::runtime(tr("check, batch and ci will use: {}")), report.sandbox) << "\n"
      << "  " << fmt::format(fmt::runtime(tr("because {}")), report.choice.reason) << "\n";
  if (report.advisory())
    out << "  " << tr("this is advisory isolation: batch and ci refuse it unless --allow-advisory")
        << "\n";
  if (report.enable.empty()) {
    out << "\n" << tr("Nothing to enable: every layer works here.") << "\n";
    return;
  }
  out << "\n" << tr("To enable the rest:") << "\n";
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
