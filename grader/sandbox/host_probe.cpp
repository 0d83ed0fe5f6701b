#include "sandbox/host_probe.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "exec/process_runner.hpp"
#include "host/program_search.hpp"
#include "model/grader_error.hpp"
#include "sandbox/bwrap_command.hpp"

namespace grader {

namespace fs = std::filesystem;

SandboxRequest parse_sandbox_request(const std::string& text) {
  if (text == "auto") return SandboxRequest::automatic;
  if (text == "bubblewrap") return SandboxRequest::bubblewrap;
  if (text == "process") return SandboxRequest::process;
  throw std::invalid_argument("--sandbox: '" + text + "' is not one of auto, bubblewrap, process");
}

bool SystemHostProbe::is_root() const {
  return ::geteuid() == 0;
}

std::optional<std::string> SystemHostProbe::read_line(const fs::path& path) const {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  return line;
}

std::optional<fs::path> SystemHostProbe::find_program(const std::string& name) const {
  // The system folders first: runs see only those (their PATH is /usr/bin:/bin).
  return ipclab::host::find_program(name, "/usr/bin:/usr/sbin:/bin:" + ipclab::host::search_path());
}

std::string SystemHostProbe::try_bwrap(const fs::path& bwrap, bool as_root) const {
  ipclab::exec::ProcessSpec inner;
  inner.executable = "/bin/true";
  inner.env = {"PATH=/usr/bin:/bin"};
  BwrapSettings settings;
  settings.bwrap = bwrap;
  settings.as_root = as_root;
  ipclab::exec::RunOptions options;
  options.wall_time = std::chrono::milliseconds(10'000);
  options.snapshot_on_timeout = false;
  try {
    ipclab::exec::SystemProcessRunner runner;
    ipclab::exec::ProcessResult result = runner.run(wrap_in_bwrap(inner, settings, {}), options);
    if (result.succeeded()) return "";
    std::string said = result.err.substr(0, result.err.find('\n'));
    return said.empty() ? "bwrap ended with " + ipclab::exec::describe(result.status) : said;
  } catch (const std::exception& e) {
    return e.what();
  }
}

CgroupSupport SystemHostProbe::cgroups() const {
  return detect_cgroups();
}

namespace {

/// Why an unprivileged user namespace cannot be made, from the sysctls that
/// forbid it, with the command that allows it.
std::string userns_blocked(const HostProbe& probe) {
  if (probe.read_line("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == "1") {
    return "AppArmor restricts unprivileged user namespaces "
           "(kernel.apparmor_restrict_unprivileged_userns=1, the Ubuntu 24.04 default): run "
           "`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`";
  }
  if (probe.read_line("/proc/sys/kernel/unprivileged_userns_clone") == "0") {
    return "unprivileged user namespaces are off (kernel.unprivileged_userns_clone=0): run "
           "`sudo sysctl -w kernel.unprivileged_userns_clone=1`";
  }
  if (probe.read_line("/proc/sys/user/max_user_namespaces") == "0") {
    return "user namespaces are off (user.max_user_namespaces=0): run "
           "`sudo sysctl -w user.max_user_namespaces=15000`";
  }
  return "";
}

}  // namespace

HostFacts probe_host(const HostProbe& probe) {
  HostFacts facts;
  facts.root = probe.is_root();
  facts.bwrap = probe.find_program("bwrap");
  if (!facts.root) facts.userns_blocked = userns_blocked(probe);
  if (facts.bwrap) facts.bwrap_error = probe.try_bwrap(*facts.bwrap, facts.root);
  facts.cgroups = probe.cgroups();
  facts.gdb = probe.find_program("gdb");
  facts.eu_stack = probe.find_program("eu-stack");
  facts.ccache = probe.find_program("ccache");
  facts.python3 = probe.find_program("python3");
  return facts;
}

std::string bwrap_unavailable_reason(const HostFacts& facts) {
  if (!facts.bwrap) {
    return "bubblewrap is not installed: run `sudo apt-get install bubblewrap`";
  }
  if (facts.bwrap_error.empty()) return "";
  std::string reason = "bubblewrap does not work here (" + facts.bwrap_error + ")";
  if (!facts.userns_blocked.empty()) return reason + ": " + facts.userns_blocked;
  return reason +
         ": inside a container, run it with --privileged (Docker's seccomp "
         "profile forbids namespaces)";
}

SandboxChoice choose_backend(const HostFacts& facts, SandboxRequest request) {
  SandboxChoice choice;
  choice.use_cgroups = facts.cgroups.usable();
  if (request == SandboxRequest::process) {
    choice.reason = "--sandbox process was asked for";
    return choice;
  }
  if (facts.bwrap_works()) {
    choice.backend = SandboxBackend::bubblewrap;
    choice.reason =
        facts.root
            ? "bubblewrap works; the grader is root, so every test's drivers run as a uid of "
              "their own"
            : "bubblewrap works with an unprivileged user namespace";
    return choice;
  }
  choice.reason = bwrap_unavailable_reason(facts);
  if (request == SandboxRequest::bubblewrap) {
    throw GraderError("--sandbox bubblewrap: " + choice.reason + "; see `grader doctor`");
  }
  return choice;
}

}  // namespace grader
