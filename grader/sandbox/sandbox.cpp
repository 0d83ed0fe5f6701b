#include "sandbox/sandbox.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <optional>

#include "exec/child.hpp"
#include "i18n/messages.hpp"
#include "sandbox/tree_facts.hpp"

namespace grader {
namespace {

using ipclab::exec::ProcessResult;
using ipclab::exec::Termination;
using ipclab::i18n::tr;

std::string next_cgroup_name() {
  static std::atomic<int> sequence{0};
  return "g" + std::to_string(::getpid()) + "-" + std::to_string(++sequence);
}

bool any_channel_output(const ProcessResult& result) {
  for (const auto& [fd, text] : result.channels) {
    if (!text.empty()) return true;
  }
  return false;
}

}  // namespace

Sandbox::Sandbox(SandboxChoice choice, BwrapSettings bwrap, CgroupSupport cgroups,
                 std::optional<UidSlots> uid_slots,
                 std::optional<ipclab::exec::Credentials> build_user)
    : choice_(std::move(choice)),
      bwrap_(std::move(bwrap)),
      cgroups_(std::move(cgroups)),
      uid_slots_(std::move(uid_slots)),
      build_user_(build_user) {
  if (!cgroups_.usable()) choice_.use_cgroups = false;
  // A grader killed mid-run (SIGKILL, power cut) could not remove its cgroups.
  if (choice_.use_cgroups) remove_stale_cgroups(cgroups_);
}

Sandbox Sandbox::process_only() {
  return Sandbox({SandboxBackend::process, false, "no sandbox was asked for"}, {}, {});
}

Sandbox Sandbox::for_this_machine(SandboxRequest request) {
  return from_facts(probe_host(SystemHostProbe()), request);
}

Sandbox Sandbox::from_facts(const HostFacts& facts, SandboxRequest request) {
  SandboxChoice choice = choose_backend(facts, request);
  BwrapSettings bwrap;
  if (facts.bwrap) bwrap.bwrap = *facts.bwrap;
  bwrap.as_root = facts.root;
  // Only root can give drivers another uid; on both backends, since it also
  // makes RLIMIT_NPROC a bound of the run alone.
  std::optional<UidSlots> slots;
  std::optional<ipclab::exec::Credentials> build_user;
  if (facts.root) {
    slots.emplace(configured_uid_range());
    build_user = build_user_of(configured_uid_range());
  }
  return Sandbox(choice, bwrap, facts.cgroups, slots, build_user);
}

std::string Sandbox::description() const {
  // Pieces, each translated whole, so that a translation never has to be
  // cut open to insert another ("...; <uid range>) -- advisory").
  std::string details;
  if (choice_.backend == SandboxBackend::process) {
    details =
        tr("own session, rlimits, clean environment, process-tree supervision; no namespace "
           "isolation");
  } else {
    details = tr("pid, ipc, net, uts, mount namespaces");
  }
  if (uid_slots_) {
    details += "; " + fmt::format(fmt::runtime(tr("drivers run as a uid of their own per test, the "
                                                  "reference's apart ({})")),
                                  describe(uid_slots_->range()));
  } else if (choice_.backend != SandboxBackend::process) {
    details += bwrap_.as_root ? std::string("; ") + tr("drivers run as nobody")
                              : std::string(", ") + tr("user namespace");
  }
  std::string text =
      choice_.backend == SandboxBackend::process
          ? fmt::format(fmt::runtime(tr("process ({}) -- advisory")), details)
          : fmt::format(fmt::runtime(tr("bubblewrap ({}; read-only system, no home, private /tmp "
                                        "/dev/shm /dev/mqueue) + rlimits")),
                        details);
  if (choice_.use_cgroups)
    text += " + " + fmt::format(fmt::runtime(tr("{} per run")), cgroups_.describe());
  return text;
}

ProcessResult Sandbox::run(ipclab::exec::ProcessRunner& runner,
                           const ipclab::exec::ProcessSpec& spec,
                           const ipclab::exec::RunOptions& options, const SandboxView& view,
                           const TreeLimits& limits) const {
  ipclab::exec::ProcessSpec inner = spec;
  std::optional<RunCgroup> cgroup;
  if (choice_.use_cgroups) {
    cgroup.emplace(cgroups_, next_cgroup_name(), limits);
    inner.cgroups = cgroup->procs_files();
  }
  ProcessResult result = choice_.backend == SandboxBackend::bubblewrap
                             ? run_wrapped(runner, inner, options, view)
                             : runner.run(inner, options);
  if (!cgroup) return result;
  TreeFacts facts;
  facts.killed_afterwards = cgroup->kill_all();
  facts.process_limit_hit = cgroup->hit_process_limit();
  facts.memory_limit_hit = cgroup->hit_memory_limit();
  add_tree_facts(facts, limits, result);
  return result;
}

ProcessResult Sandbox::run_wrapped(ipclab::exec::ProcessRunner& runner,
                                   const ipclab::exec::ProcessSpec& spec,
                                   const ipclab::exec::RunOptions& options,
                                   const SandboxView& view) const {
  ProcessResult result = runner.run(wrap_in_bwrap(spec, bwrap_, view), options);
  if (result.termination != Termination::exited) return result;
  // bwrap's own failures: exit code 1, "bwrap: ..." and nothing reported.
  if (result.status.exit_code == 1 && result.err.rfind("bwrap: ", 0) == 0 &&
      !any_channel_output(result)) {
    throw ipclab::exec::SpawnError("the sandbox could not start " + spec.executable.string() +
                                   ": " + result.err.substr(0, result.err.find('\n')) +
                                   " (see `grader doctor`)");
  }
  // bwrap reports a program killed by signal n as exit code 128 + n. The
  // programs run this way are trusted (harness, compiler), which never exit
  // with such codes themselves.
  int code = result.status.exit_code;
  if (code > 128 && code < 128 + 65) {
    result.status = {false, -1, code - 128};
    result.termination = Termination::signaled;
  }
  return result;
}

}  // namespace grader
