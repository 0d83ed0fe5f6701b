#include "exec_setup.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace ipclab::exec {

/// The layout of a getdents64 record (the kernel's struct linux_dirent64).
struct linux_dirent64_view {
  std::uint64_t inode;
  std::int64_t offset;
  unsigned short reclen;
  unsigned char type;
  char name[1];
};

namespace {

const char* step_name(int step) {
  switch (static_cast<SetupStep>(step)) {
    case SetupStep::move_fds:
      return "dup2 of the mapped descriptors";
    case SetupStep::new_session:
      return "setsid()";
    case SetupStep::parent_death_signal:
      return "prctl(PR_SET_PDEATHSIG)";
    case SetupStep::parent_gone:
      return "parent check (the parent died during the launch)";
    case SetupStep::subreaper:
      return "prctl(PR_SET_CHILD_SUBREAPER)";
    case SetupStep::no_new_privs:
      return "prctl(PR_SET_NO_NEW_PRIVS)";
    case SetupStep::working_dir:
      return "chdir() to the working directory";
    case SetupStep::rlimit_cpu:
      return "setrlimit(RLIMIT_CPU)";
    case SetupStep::rlimit_address_space:
      return "setrlimit(RLIMIT_AS)";
    case SetupStep::rlimit_file_size:
      return "setrlimit(RLIMIT_FSIZE)";
    case SetupStep::rlimit_open_files:
      return "setrlimit(RLIMIT_NOFILE)";
    case SetupStep::rlimit_processes:
      return "setrlimit(RLIMIT_NPROC)";
    case SetupStep::rlimit_core:
      return "setrlimit(RLIMIT_CORE)";
    case SetupStep::credentials:
      return "dropping to the unprivileged user";
    case SetupStep::close_fds:
      return "close_range(CLOSE_RANGE_CLOEXEC)";
    case SetupStep::join_cgroup:
      return "joining the run's cgroup (write to cgroup.procs)";
    case SetupStep::ipc_namespace:
      return "unshare(CLONE_NEWIPC)";
  }
  return "unknown step";
}

}  // namespace

std::string describe(const SetupFailure& failure) {
  return std::string(step_name(failure.step)) + ": " + std::strerror(failure.error);
}

ExecSetup::ExecSetup(const ProcessSpec& spec, const std::vector<FdMapping>& fds, int report_fd)
    : report_fd_(report_fd),
      parent_pid_(::getpid()),
      subreaper_(spec.subreaper),
      working_dir_(spec.working_dir.string()),
      limits_(spec.limits),
      run_as_(spec.run_as),
      umask_(spec.umask),
      private_ipc_(spec.private_ipc),
      env_storage_(spec.env) {
  if (fds.size() > kMaxFds) throw std::invalid_argument("too many descriptors to map");
  for (const FdMapping& mapping : fds) {
    if (mapping.parent_fd < 0 || mapping.child_fd < 0 || mapping.child_fd >= 1000) {
      throw std::invalid_argument("bad descriptor mapping");
    }
    fds_[fd_count_++] = mapping;
    highest_child_fd_ = std::max(highest_child_fd_, mapping.child_fd);
  }
  for (const std::string& entry : env_storage_)
    envp_.push_back(entry.c_str());
  envp_.push_back(nullptr);
  if (spec.cgroups.size() > kMaxCgroups) throw std::invalid_argument("too many cgroups to join");
  for (const std::filesystem::path& procs : spec.cgroups) {
    int fd = ::open(procs.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
      int error = errno;
      for (int i = 0; i < cgroup_count_; ++i)
        ::close(cgroup_fds_[i]);  // the destructor does not run for a throwing constructor
      throw std::system_error(error, std::generic_category(), "cannot open " + procs.string());
    }
    cgroup_fds_[cgroup_count_++] = fd;
  }
}

ExecSetup::~ExecSetup() {
  for (int i = 0; i < cgroup_count_; ++i)
    ::close(cgroup_fds_[i]);
  cgroup_count_ = 0;
}

void ExecSetup::join_cgroups() const noexcept {
  // "0" names the writing process itself, in cgroup v1 and v2 alike.
  for (int i = 0; i < cgroup_count_; ++i) {
    if (::write(cgroup_fds_[i], "0", 1) != 1) fail(SetupStep::join_cgroup, errno);
  }
}

std::vector<int> ExecSetup::child_fds() const {
  std::vector<int> result;
  for (int i = 0; i < fd_count_; ++i)
    result.push_back(fds_[i].child_fd);
  return result;
}

void ExecSetup::fail(SetupStep step, int error) const noexcept {
  SetupFailure failure{static_cast<int>(step), error};
  [[maybe_unused]] ssize_t ignored = ::write(report_fd_, &failure, sizeof failure);
  ::_exit(127);
}

void ExecSetup::move_fds() const noexcept {
  // Two phases, so that a source that happens to have a target's number is
  // not overwritten before it is moved: first copy every source above all
  // targets (close-on-exec copies), then dup2() the copies into place.
  int copies[kMaxFds];
  for (int i = 0; i < fd_count_; ++i) {
    copies[i] = ::fcntl(fds_[i].parent_fd, F_DUPFD_CLOEXEC, highest_child_fd_ + 1);
    if (copies[i] < 0) fail(SetupStep::move_fds, errno);
  }
  for (int i = 0; i < fd_count_; ++i) {
    if (::dup2(copies[i], fds_[i].child_fd) < 0) fail(SetupStep::move_fds, errno);
  }
  // Sources and other descriptors below the highest target must not survive exec.
  for (int fd = 0; fd <= highest_child_fd_; ++fd) {
    bool target = false;
    for (int i = 0; i < fd_count_; ++i)
      target = target || fds_[i].child_fd == fd;
    if (!target) ::fcntl(fd, F_SETFD, FD_CLOEXEC);  // EBADF for unused numbers is fine
  }
}

void ExecSetup::cloexec_above(int first) const noexcept {
  if (::syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  // Kernels before 5.11: walk /proc/self/fd with getdents64 into a stack buffer.
  int dir = ::open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) fail(SetupStep::close_fds, errno);
  alignas(8) char buffer[4096];
  for (;;) {
    long n = ::syscall(SYS_getdents64, dir, buffer, sizeof buffer);
    if (n < 0) fail(SetupStep::close_fds, errno);
    if (n == 0) break;
    for (long offset = 0; offset < n;) {
      auto* entry = reinterpret_cast<struct linux_dirent64_view*>(buffer + offset);
      int fd = 0;
      bool number = entry->name[0] != '\0';
      for (const char* c = entry->name; *c != '\0'; ++c) {
        number = number && *c >= '0' && *c <= '9';
        fd = fd * 10 + (*c - '0');
      }
      if (number && fd >= first && fd != dir) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
      offset += entry->reclen;
    }
  }
  ::close(dir);
}

void ExecSetup::set_limits() const noexcept {
  auto set = [this](int resource, std::uint64_t value, SetupStep step) {
    if (value == 0) return;
    rlimit limit{value, value};
    if (::setrlimit(resource, &limit) != 0) fail(step, errno);
  };
  if (limits_.cpu_time.count() > 0) {
    // Soft limit first: SIGXCPU names the cause; the hard limit is the backstop.
    auto seconds = static_cast<rlim_t>(limits_.cpu_time.count());
    rlimit limit{seconds, seconds + 1};
    if (::setrlimit(RLIMIT_CPU, &limit) != 0) fail(SetupStep::rlimit_cpu, errno);
  }
  set(RLIMIT_AS, limits_.address_space_bytes, SetupStep::rlimit_address_space);
  set(RLIMIT_FSIZE, limits_.file_size_bytes, SetupStep::rlimit_file_size);
  set(RLIMIT_NOFILE, limits_.open_files, SetupStep::rlimit_open_files);
  set(RLIMIT_NPROC, limits_.processes, SetupStep::rlimit_processes);
  rlimit no_core{0, 0};
  if (::setrlimit(RLIMIT_CORE, &no_core) != 0) fail(SetupStep::rlimit_core, errno);
}

void ExecSetup::apply() const noexcept {
  join_cgroups();
  if (private_ipc_ && ::unshare(CLONE_NEWIPC) != 0) fail(SetupStep::ipc_namespace, errno);
  move_fds();
  if (::setsid() < 0) fail(SetupStep::new_session, errno);
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) fail(SetupStep::parent_death_signal, errno);
  if (::getppid() != parent_pid_) fail(SetupStep::parent_gone, ESRCH);
  if (subreaper_ && ::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) fail(SetupStep::subreaper, errno);
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail(SetupStep::no_new_privs, errno);
  if (!working_dir_.empty() && ::chdir(working_dir_.c_str()) != 0) {
    fail(SetupStep::working_dir, errno);
  }
  set_limits();
  if (umask_) ::umask(*umask_);
  if (run_as_) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(run_as_->gid) != 0 ||
        ::setuid(run_as_->uid) != 0) {
      fail(SetupStep::credentials, errno);
    }
  }
  // Close-on-exec rather than close: the launcher's own error pipe must keep
  // working until execve() succeeds.
  cloexec_above(highest_child_fd_ + 1);
}

}  // namespace ipclab::exec
