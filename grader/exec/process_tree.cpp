#include "process_tree.hpp"

#include <dirent.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <thread>
#include "host/file_contents.hpp"
#include "i18n/messages.hpp"

namespace ipclab::exec {
namespace {

std::string read_small_file(const std::string& path) {
  return ipclab::host::read_file(path).value_or("");
}

/// Parses /proc/<pid>/stat. The name is in parentheses and may contain spaces
/// or parentheses, so the fields after it are found from the last ')'.
bool parse_stat(const std::string& text, ProcessInfo& info) {
  std::size_t open = text.find('(');
  std::size_t close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return false;
  info.pid = std::atoi(text.c_str());
  info.name = text.substr(open + 1, close - open - 1);
  std::istringstream rest(text.substr(close + 2));
  unsigned long long skip = 0, utime = 0, stime = 0;
  rest >> info.state >> info.ppid >> info.pgid >> info.sid;
  for (int field = 7; field <= 13; ++field)
    rest >> skip;  // tty .. majflt... up to cmajflt
  rest >> utime >> stime;
  info.cpu_ticks = utime + stime;
  return static_cast<bool>(rest);
}

void fill_blocking_call(ProcessInfo& info) {
  const std::string base = "/proc/" + std::to_string(info.pid);
  info.wchan = read_small_file(base + "/wchan");
  if (info.wchan == "0") info.wchan.clear();
  std::istringstream syscall(read_small_file(base + "/syscall"));
  std::string first;
  syscall >> first;
  if (first.empty() || first == "running" || first[0] == '-') return;
  info.syscall = std::strtol(first.c_str(), nullptr, 10);
  std::string arg;
  for (int i = 0; i < 3 && syscall >> arg; ++i) {
    info.syscall_args.push_back(std::strtol(arg.c_str(), nullptr, 16));
  }
}

}  // namespace

std::vector<ProcessInfo> list_processes() {
  std::vector<ProcessInfo> result;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return result;
  while (dirent* entry = ::readdir(proc)) {
    if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
    ProcessInfo info;
    if (parse_stat(read_small_file(std::string("/proc/") + entry->d_name + "/stat"), info)) {
      result.push_back(std::move(info));
    }
  }
  ::closedir(proc);
  return result;
}

namespace {

/// The numbers in `text`, separated by white space.
std::vector<pid_t> pids_in(const std::string& text) {
  std::vector<pid_t> pids;
  std::istringstream in(text);
  for (pid_t pid; in >> pid;)
    pids.push_back(pid);
  return pids;
}

bool has_children_files() {
  static const bool has =
      ::access(("/proc/self/task/" + std::to_string(::gettid()) + "/children").c_str(), R_OK) == 0;
  return has;
}

/// The children of the process `proc` ("/proc/self", "/proc/42"): those of
/// each of its threads.
std::vector<pid_t> children_in(const std::string& proc) {
  std::vector<pid_t> children;
  const std::string task = proc + "/task/";
  DIR* tasks = ::opendir(task.c_str());
  if (tasks == nullptr) return children;
  while (dirent* entry = ::readdir(tasks)) {
    if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
    // A thread that ended meanwhile has no file any more, nor children.
    std::vector<pid_t> more = pids_in(read_small_file(task + entry->d_name + "/children"));
    children.insert(children.end(), more.begin(), more.end());
  }
  ::closedir(tasks);
  return children;
}

std::vector<pid_t> children_from_walk() {
  std::vector<pid_t> children;
  const pid_t self = ::getpid();
  for (const ProcessInfo& p : list_processes()) {
    if (p.ppid == self) children.push_back(p.pid);
  }
  return children;
}

}  // namespace

std::vector<pid_t> own_children() {
  return has_children_files() ? children_in("/proc/self") : children_from_walk();
}

std::vector<ProcessInfo> descendants_of(pid_t root) {
  if (!has_children_files()) return descendants(list_processes(), root);
  std::vector<ProcessInfo> result;
  std::vector<pid_t> frontier{root};
  std::set<pid_t> seen{root};
  while (!frontier.empty()) {
    const pid_t parent = frontier.back();
    frontier.pop_back();
    for (pid_t pid : children_in("/proc/" + std::to_string(parent))) {
      ProcessInfo info;
      const std::string stat = read_small_file("/proc/" + std::to_string(pid) + "/stat");
      if (!seen.insert(pid).second || !parse_stat(stat, info)) continue;  // gone meanwhile
      result.push_back(std::move(info));
      frontier.push_back(pid);
    }
  }
  return result;
}

std::vector<ProcessInfo> descendants(const std::vector<ProcessInfo>& all, pid_t root) {
  std::multimap<pid_t, const ProcessInfo*> children;
  for (const ProcessInfo& p : all)
    children.emplace(p.ppid, &p);
  std::vector<ProcessInfo> result;
  std::vector<pid_t> frontier{root};
  std::set<pid_t> seen{root};
  while (!frontier.empty()) {
    pid_t parent = frontier.back();
    frontier.pop_back();
    auto [begin, end] = children.equal_range(parent);
    for (auto it = begin; it != end; ++it) {
      if (!seen.insert(it->second->pid).second) continue;
      result.push_back(*it->second);
      frontier.push_back(it->second->pid);
    }
  }
  return result;
}

std::vector<ProcessInfo> snapshot_tree(pid_t root) {
  std::vector<ProcessInfo> all = list_processes();
  std::vector<ProcessInfo> tree;
  for (const ProcessInfo& p : all) {
    if (p.pid == root) tree.push_back(p);
  }
  for (ProcessInfo& p : descendants(all, root))
    tree.push_back(std::move(p));
  for (ProcessInfo& p : tree)
    fill_blocking_call(p);
  return tree;
}

std::string syscall_name(long number) {
  static const std::map<long, const char*> names = {
      {SYS_read, "read"},
      {SYS_write, "write"},
      {SYS_readv, "readv"},
      {SYS_writev, "writev"},
      {SYS_ppoll, "ppoll"},
      {SYS_pselect6, "pselect6"},
      {SYS_wait4, "wait4"},
      {SYS_waitid, "waitid"},
      {SYS_futex, "futex"},
      {SYS_nanosleep, "nanosleep"},
      {SYS_clock_nanosleep, "clock_nanosleep"},
      {SYS_recvfrom, "recvfrom"},
      {SYS_sendto, "sendto"},
      {SYS_recvmsg, "recvmsg"},
      {SYS_sendmsg, "sendmsg"},
      {SYS_epoll_pwait, "epoll_pwait"},
      {SYS_accept4, "accept4"},
      {SYS_connect, "connect"},
      {SYS_msgrcv, "msgrcv"},
      {SYS_msgsnd, "msgsnd"},
      {SYS_semtimedop, "semtimedop"},
      {SYS_mq_timedreceive, "mq_timedreceive"},
      {SYS_mq_timedsend, "mq_timedsend"},
      {SYS_openat, "openat"},
      {SYS_rt_sigsuspend, "rt_sigsuspend"},
      {SYS_rt_sigtimedwait, "rt_sigtimedwait"},
      {SYS_flock, "flock"},
      {SYS_fcntl, "fcntl"},
#ifdef SYS_poll
      {SYS_poll, "poll"},
      {SYS_select, "select"},
      {SYS_pause, "pause"},
      {SYS_epoll_wait, "epoll_wait"},
      {SYS_accept, "accept"},
      {SYS_semop, "semop"},
#endif
  };
  auto it = names.find(number);
  return it != names.end() ? it->second : "syscall " + std::to_string(number);
}

const char* state_name(char state) {
  switch (state) {
    case 'R':
      return i18n::tr_later("running");
    case 'S':
      return i18n::tr_later("sleeping");
    case 'D':
      return i18n::tr_later("in uninterruptible wait");
    case 'Z':
      return i18n::tr_later("a zombie (exited, not yet reaped by its parent)");
    case 'T':
      return i18n::tr_later("stopped");
    case 't':
      return i18n::tr_later("stopped by a tracer");
    case 'X':
      return i18n::tr_later("dead");
    default:
      return i18n::tr_later("in an unknown state");
  }
}

Activity activity_of(const ProcessInfo& process) {
  Activity activity{state_name(process.state), "{}", ""};
  if (process.state == 'R') return activity;
  if (process.syscall >= 0) {
    // TRANSLATORS: a process state ("sleeping"), then a system call ("read")
    activity.pattern = i18n::tr_later("{} in {}()");
    activity.detail = syscall_name(process.syscall);
  } else if (!process.wchan.empty()) {
    // TRANSLATORS: a process state ("sleeping"), then a kernel function's name
    activity.pattern = i18n::tr_later("{} (wait channel {})");
    activity.detail = process.wchan;
  }
  return activity;
}

std::string describe_activity(const ProcessInfo& process) {
  Activity activity = activity_of(process);
  std::string text = activity.pattern;
  // The English patterns hold each placeholder once, in order.
  for (const std::string& value : {std::string(activity.state), activity.detail}) {
    std::size_t at = text.find("{}");
    if (at == std::string::npos) break;
    text.replace(at, 2, value);
  }
  return text;
}

int signal_tree(pid_t root, int signal) {
  int count = 0;
  for (const ProcessInfo& p : descendants_of(root)) {
    if (::kill(p.pid, signal) == 0) ++count;
  }
  if (::kill(-root, signal) == 0) ++count;  // the group, for anything we missed
  return count;
}

int kill_descendants(pid_t root, std::chrono::milliseconds budget) {
  std::set<pid_t> killed;
  auto deadline = std::chrono::steady_clock::now() + budget;
  while (std::chrono::steady_clock::now() < deadline) {
    std::vector<ProcessInfo> alive;
    for (ProcessInfo& p : descendants_of(root)) {
      if (p.state != 'Z' && p.state != 'X') alive.push_back(std::move(p));
    }
    if (alive.empty()) break;
    for (const ProcessInfo& p : alive)
      ::kill(p.pid, SIGSTOP);
    for (const ProcessInfo& p : alive) {
      ::kill(p.pid, SIGKILL);
      killed.insert(p.pid);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return static_cast<int>(killed.size());
}

std::string signal_name(int signal) {
  if (const char* abbrev = ::sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

}  // namespace ipclab::exec
