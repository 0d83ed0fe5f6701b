#pragma once
// The start-up probe: what this machine offers for isolation, found by
// trying (bwrap really runs /bin/true in the namespaces a run uses: the
// sysctls alone cannot tell that AppArmor lets the namespace be made and then
// denies the mounts), and the backend chosen from it. The system sits behind
// HostProbe, so the choice is tested with fakes.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sandbox/cgroup.hpp"

namespace grader {

enum class SandboxBackend { process, bubblewrap };

/// What `--sandbox` asks for.
enum class SandboxRequest { automatic, bubblewrap, process };

/// "auto", "bubblewrap", "process" -> the request; throws ConfigError otherwise.
SandboxRequest parse_sandbox_request(const std::string& text);

/// The system calls and files the probe looks at.
class HostProbe {
 public:
  virtual ~HostProbe() = default;
  virtual bool is_root() const = 0;
  /// The first line of a file (a sysctl), or nothing when it does not exist.
  virtual std::optional<std::string> read_line(const std::filesystem::path& path) const = 0;
  /// The program on PATH (or in /usr/bin, /usr/sbin), or nothing.
  virtual std::optional<std::filesystem::path> find_program(const std::string& name) const = 0;
  /// Runs /bin/true under `bwrap` with a run's namespaces; returns "" when it
  /// worked, else what bwrap said (its first line).
  virtual std::string try_bwrap(const std::filesystem::path& bwrap, bool as_root) const = 0;
  virtual CgroupSupport cgroups() const = 0;
};

/// The real machine.
class SystemHostProbe : public HostProbe {
 public:
  bool is_root() const override;
  std::optional<std::string> read_line(const std::filesystem::path& path) const override;
  std::optional<std::filesystem::path> find_program(const std::string& name) const override;
  std::string try_bwrap(const std::filesystem::path& bwrap, bool as_root) const override;
  CgroupSupport cgroups() const override;
};

/// What the probe found.
struct HostFacts {
  bool root = false;
  std::optional<std::filesystem::path> bwrap;  ///< installed at
  std::string bwrap_error;                     ///< "" when the trial run worked
  /// Why unprivileged user namespaces are not available ("" when they are, or
  /// when root does not need them), with the command that enables them.
  std::string userns_blocked;
  CgroupSupport cgroups;
  std::optional<std::filesystem::path> gdb, eu_stack, python3, ccache;

  bool bwrap_works() const { return bwrap && bwrap_error.empty(); }
};

HostFacts probe_host(const HostProbe& probe);

/// The backend runs get, and why.
struct SandboxChoice {
  SandboxBackend backend = SandboxBackend::process;
  bool use_cgroups = false;
  std::string reason;  ///< one line: why this backend (and not a stronger one)
};

/// Picks the strongest backend that works (auto), or the one requested.
/// Throws GraderError when `bubblewrap` is requested and does not work here.
SandboxChoice choose_backend(const HostFacts& facts, SandboxRequest request);

/// Why bubblewrap is not usable, with what to do about it (one line).
std::string bwrap_unavailable_reason(const HostFacts& facts);

}  // namespace grader
