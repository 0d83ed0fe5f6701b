#include "harness/driver.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sstream>
#include <thread>

#include "exec/process_tree.hpp"
#include "exec/supervisor.hpp"
#include "harness/diagnosis.hpp"
#include "harness/outcome.hpp"
#include "harness/process_ending.hpp"
#include "harness/sanitizer_report.hpp"
#include "harness/words.hpp"
#include "output_collector.hpp"

namespace ipclab::harness {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kOutputCap = 1 << 20;
constexpr std::size_t kReplyCap = 8 << 20;

std::string env_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

/// The user drivers run as when the harness is root and the grader gave none
/// (a harness run by hand): root would ignore every process limit and could
/// open the result channel.
constexpr exec::Credentials kNobody{65534, 65534};

[[noreturn]] void cannot_prepare(const std::string& what) {
  abort_test(Outcome::unresolved,
             trf("cannot prepare the drivers' folder: {}: {}", what, std::strerror(errno)));
}

/// Copies the file open at `from` into a new file `name` of `dir_fd`: never
/// through a path that exists already (O_EXCL), never through a symlink.
void copy_program(int from, int dir_fd, const char* name) {
  exec::UniqueFd to(
      ::openat(dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0700));
  if (!to) cannot_prepare(std::string("create ") + name);
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(from, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) cannot_prepare("read the driver program");
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      ssize_t m = ::write(to.get(), buffer + done, static_cast<std::size_t>(n - done));
      if (m < 0 && errno != EINTR) cannot_prepare(std::string("write ") + name);
      if (m > 0) done += m;
    }
  }
  if (::fchmod(to.get(), 0755) != 0) cannot_prepare(std::string("chmod ") + name);
}

/// When the harness is root, drivers run as unprivileged users: the run's
/// student uid and its reference uid, never the same. They run copies of the
/// driver programs (the course may sit below a folder those users cannot
/// enter, such as /root) in a folder made fresh for this harness that only
/// root can write to: student code can neither replace the reference's
/// program nor rename anything into the folder. Every file operation works
/// on descriptors, never on a path inside a folder a driver can write. The
/// drivers' working folder, `work/` beside the programs, is shared by the
/// run's group and sticky like /tmp (servers' socket files live there).
/// Removed when the harness exits.
class UnprivilegedHome {
 public:
  static UnprivilegedHome& instance() {
    static UnprivilegedHome home;
    return home;
  }
  /// The drivers' working folder.
  const std::filesystem::path& work_dir() const { return work_; }

  /// This harness's copy of `original`, made on first use.
  const std::filesystem::path& program(const std::filesystem::path& original, Build build) {
    std::filesystem::path& copy = build == Build::student ? student_ : reference_;
    if (copy.empty()) {
      const char* name = build == Build::student ? "student_driver" : "reference_driver";
      exec::UniqueFd from(::open(original.c_str(), O_RDONLY | O_CLOEXEC));
      if (!from) cannot_prepare("open " + original.string());
      copy_program(from.get(), dir_fd_.get(), name);
      copy = dir_ / name;
    }
    return copy;
  }

 private:
  UnprivilegedHome() {
    // Named after the run's prefix: the grader removes it if this harness is
    // killed before its destructor runs.
    std::string pattern = "/tmp/ipclab-drivers-" + env_or_empty("IPCLAB_PREFIX") + "XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) cannot_prepare("mkdtemp");
    dir_ = pattern;
    dir_fd_.reset(::open(pattern.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    // Root's own folder: drivers may run what is in it, nothing more.
    if (!dir_fd_ || ::fchmod(dir_fd_.get(), 0711) != 0) cannot_prepare("open " + dir_.string());
    if (::mkdirat(dir_fd_.get(), "work", 0700) != 0) cannot_prepare("mkdir work");
    exec::UniqueFd work(
        ::openat(dir_fd_.get(), "work", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    // Root's, writable by the run's group (both sides), sticky like /tmp.
    if (!work || ::fchown(work.get(), 0, unprivileged_user(Build::student).gid) != 0 ||
        ::fchmod(work.get(), 01770) != 0) {
      cannot_prepare("chmod work");
    }
    work_ = dir_ / "work";
  }
  ~UnprivilegedHome() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path dir_;
  exec::UniqueFd dir_fd_;
  std::filesystem::path work_;
  std::filesystem::path student_;
  std::filesystem::path reference_;
};

/// The uid (and gid, the same number) named by `variable`; nobody when unset.
exec::Credentials uid_from_environment(const char* variable) {
  std::string text = env_or_empty(variable);
  if (text.empty()) return kNobody;
  char* end = nullptr;
  unsigned long uid = std::strtoul(text.c_str(), &end, 10);
  // Never root, never (uid_t)-1: a bad value is the grader's bug, not a pass.
  if (*end != '\0' || uid == 0 || uid >= 0xffffffffUL) {
    abort_test(Outcome::unresolved, trf("{}={} is not a uid", variable, text));
  }
  return exec::Credentials{static_cast<uid_t>(uid), static_cast<gid_t>(uid)};
}

exec::ProcessSpec driver_spec(Build build) {
  const char* variable =
      build == Build::student ? "IPCLAB_STUDENT_DRIVER" : "IPCLAB_REFERENCE_DRIVER";
  std::string path = env_or_empty(variable);
  if (path.empty()) {
    abort_test(Outcome::unresolved, trf("{} is not set: run the harness through `grader`, or set "
                                        "it to the driver program to test",
                                        variable));
  }
  exec::ProcessSpec spec;
  spec.executable = path;
  std::string cwd = std::filesystem::current_path().string();
  if (::geteuid() == 0) {
    UnprivilegedHome& home = UnprivilegedHome::instance();
    spec.executable = home.program(path, build);
    spec.run_as = unprivileged_user(build);
    cwd = home.work_dir().string();
    // Student and reference run as different uids of one group and share
    // sockets and segments through it; other users get nothing.
    spec.umask = 007;
  }
  spec.env = {"PATH=/usr/bin:/bin",
              "LANG=C.UTF-8",
              "HOME=" + cwd,
              "TMPDIR=" + cwd,
              "IPCLAB_CONTROL_FD=" + std::to_string(kControlFd),
              "IPCLAB_PREFIX=" + env_or_empty("IPCLAB_PREFIX")};
  for (const char* sanitizer : {"ASAN_OPTIONS", "UBSAN_OPTIONS"}) {
    if (std::string options = env_or_empty(sanitizer); !options.empty()) {
      spec.env.push_back(std::string(sanitizer) + "=" + options);
    }
  }
  spec.working_dir = cwd;
  spec.limits.open_files = 256;
  spec.limits.file_size_bytes = 64u << 20;
  return spec;
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;)
    words.push_back(word);
  return words;
}

Reply parse_reply(const std::string& line) {
  Reply reply;
  reply.line = line;
  std::vector<std::string> words = split(line);
  if (!words.empty() && words[0] == "ok") {
    reply.ok = true;
    reply.words.assign(words.begin() + 1, words.end());
    return reply;
  }
  reply.kind = words.size() > 1 ? words[1] : "ProtocolError";
  std::size_t start = line.find(' ', line.find(' ') + 1);
  reply.message = start == std::string::npos ? line : line.substr(start + 1);
  if (words.empty() || words[0] != "error") {
    reply.kind = "ProtocolError";
    reply.message = trf("not a reply: '{}'", line.substr(0, 200));
  }
  return reply;
}

std::vector<Driver*>& registry() {
  static std::vector<Driver*> drivers;
  return drivers;
}

/// Guards registry() against the whole-test deadline's thread (test_deadline.cpp).
std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

exec::Credentials unprivileged_user(Build build) {
  static const exec::Credentials student = uid_from_environment("IPCLAB_DRIVER_UID");
  static const exec::Credentials reference = uid_from_environment("IPCLAB_REFERENCE_UID");
  // The grader gives both or neither; given one, sharing it would hand the
  // reference's program and processes to student code.
  if ((student.uid == kNobody.uid) != (reference.uid == kNobody.uid) ||
      (student.uid != kNobody.uid && student.uid == reference.uid)) {
    abort_test(Outcome::unresolved,
               tr("IPCLAB_DRIVER_UID and IPCLAB_REFERENCE_UID must be two different uids"));
  }
  if (build == Build::student) return student;
  // The run's group is the student uid's: both sides may use what the other
  // shares with the group (segments 0660, sockets), nothing else of each other.
  return {reference.uid, student.gid};
}

const std::string& Reply::word(std::size_t index) const {
  if (index >= words.size()) {
    abort_test(Outcome::failed, trf("the driver's reply '{}' has too few words", line));
  }
  return words[index];
}

long long Reply::number(std::size_t index) const {
  const std::string& text = word(index);
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0') {
    abort_test(Outcome::failed, trf("the driver's reply '{}' has no number where expected", line));
  }
  return value;
}

struct Driver::State {
  Build build;
  exec::Child child;
  exec::UniqueFd control;
  std::unique_ptr<OutputCollector> output;
  std::string pending;
  std::string request;         ///< the last request posted
  std::optional<Reply> ready;  ///< a reply received early (see call_watching)

  [[noreturn]] void died(const std::string& request);
  [[noreturn]] void hung(const std::string& request, std::chrono::milliseconds waited,
                         const std::string& note = "");
  [[noreturn]] void flooded(const std::string& request);
  /// Waits for the driver (exec/supervisor.hpp), and for `watch` when given.
  exec::Wake wait(Clock::time_point deadline, std::optional<exec::Watch> watch = std::nullopt) {
    return exec::Supervisor(child).wait(deadline, watch);
  }
  /// Kills the driver's whole tree and reaps it.
  void kill() { exec::Supervisor(child).stop(exec::terminate_then_kill(0ms)); }
  std::string label() const {
    return build == Build::student ? tr("your driver") : tr("the reference driver");
  }
};

void Driver::State::died(const std::string& request) {
  exec::ExitStatus status = child.wait();
  if (output->flooded()) flooded(request);                     // we stopped it for its output
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the last output arrive
  std::string text = trf("{} {} while running `{}`.", label(), describe_exit(status), request);
  std::string printed = output->text();
  if (std::optional<std::string> report = summarize_sanitizer_report(printed, {})) {
    text += stopped_on_report() + *report;
  } else if (!printed.empty()) {
    text += tr(" It printed:\n") + excerpt(printed, 20);
  }
  abort_test(status.exited ? Outcome::failed : Outcome::crashed, text);
}

void Driver::State::flooded(const std::string& request) {
  kill();
  abort_test(Outcome::output_limit,
             trf("{} printed more than 1 MiB while running `{}` and was stopped. It began with:\n",
                 label(), request) +
                 excerpt(output->text(), 6));
}

void Driver::State::hung(const std::string& request, std::chrono::milliseconds waited,
                         const std::string& note) {
  std::vector<LabelledRoot> roots = driver_roots();
  abort_test(Outcome::timed_out,
             trf("`{}` did not return within {}.", request, seconds_words(waited)) + note + "\n" +
                 diagnose_hang(roots));
}

Driver::Driver(std::unique_ptr<State> state) : state_(std::move(state)) {
  std::lock_guard lock(registry_mutex());
  registry().push_back(this);
}

Driver::Driver(Driver&& other) noexcept : state_(std::move(other.state_)) {
  std::lock_guard lock(registry_mutex());
  std::replace(registry().begin(), registry().end(), &other, this);
}

Driver& Driver::operator=(Driver&& other) noexcept {
  if (this != &other) {
    std::lock_guard lock(registry_mutex());
    std::erase(registry(), this);
    state_ = std::move(other.state_);
    std::replace(registry().begin(), registry().end(), &other, this);
  }
  return *this;
}

Driver::~Driver() {
  {
    std::lock_guard lock(registry_mutex());
    std::erase(registry(), this);
  }
  if (!state_) return;
  state_->control.reset();
  state_->kill();
}

Driver Driver::start(Build build, const std::vector<exec::FdMapping>& fds) {
  exec::ProcessSpec spec = driver_spec(build);
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    abort_test(Outcome::unresolved, tr("socketpair failed for the control channel"));
  }
  exec::UniqueFd mine(pair[0]);
  exec::UniqueFd theirs(pair[1]);
  spec.fds.push_back({theirs.get(), kControlFd});
  for (const exec::FdMapping& mapping : fds)
    spec.fds.push_back(mapping);
  try {
    auto state = std::unique_ptr<State>(
        new State{build, exec::spawn(spec), std::move(mine), {}, {}, {}, {}});
    pid_t group = state->child.pid();
    state->output = std::make_unique<OutputCollector>(
        std::move(state->child.stdout_pipe()), std::move(state->child.stderr_pipe()), kOutputCap,
        [group] { ::kill(-group, SIGKILL); });
    return Driver(std::move(state));
  } catch (const exec::SpawnError& e) {
    abort_test(Outcome::crashed, e.what());
  }
}

Reply Driver::call(const std::string& request, std::chrono::milliseconds timeout) {
  post(request);
  return await_reply(timeout);
}

void Driver::post(const std::string& request) {
  State& s = *state_;
  s.request = request;
  std::string out = request + "\n";
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  while (!out.empty()) {
    ssize_t n = ::send(s.control.get(), out.data(), out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      out.erase(0, static_cast<std::size_t>(n));
    } else if (errno == EAGAIN || errno == EINTR) {
      exec::Wake wake = s.wait(deadline, exec::Watch{s.control.get(), POLLOUT});
      if (wake == exec::Wake::deadline) s.hung(request, std::chrono::seconds(5));
      if (wake == exec::Wake::exited) s.died(request);
    } else {
      s.died(request);
    }
  }
}

Reply Driver::await_reply(std::chrono::milliseconds timeout) {
  if (std::optional<Reply> reply = poll_reply(timeout)) return *reply;
  state_->hung(state_->request, timeout);
}

std::optional<Reply> Driver::poll_reply(std::chrono::milliseconds wait) {
  State& s = *state_;
  if (s.ready) return std::exchange(s.ready, std::nullopt);
  const std::string& request = s.request;
  const auto deadline = Clock::now() + wait;
  for (;;) {
    if (auto pos = s.pending.find('\n'); pos != std::string::npos) {
      std::string line = s.pending.substr(0, pos);
      s.pending.erase(0, pos + 1);
      Reply reply = parse_reply(line);
      // No test expects a stub: say what is missing once, not once per check.
      if (reply.kind == "NotImplemented") {
        abort_test(Outcome::failed, not_implemented_text(reply.message, request));
      }
      return reply;
    }
    if (s.output->flooded()) s.flooded(request);
    exec::Wake wake = s.wait(deadline, exec::Watch{s.control.get(), POLLIN});
    if (wake == exec::Wake::exited) s.died(request);
    if (wake != exec::Wake::ready) return std::nullopt;
    char buffer[65536];
    ssize_t n = ::recv(s.control.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0)
      s.pending.append(buffer, static_cast<std::size_t>(n));
    else if (n == 0 || (errno != EAGAIN && errno != EINTR))
      s.died(request);
    if (s.pending.size() > kReplyCap) {
      abort_test(Outcome::output_limit, trf("{} sent a reply larger than 8 MiB", label()));
    }
  }
}

Reply Driver::call_watching(const std::string& request, Driver& other,
                            std::chrono::milliseconds timeout) {
  post(request);
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (std::optional<Reply> reply = poll_reply(std::chrono::milliseconds(20))) return *reply;
    if (other.state_->ready) continue;
    if (std::optional<Reply> first = other.poll_reply(std::chrono::milliseconds(0))) {
      if (!first->ok) {
        abort_test(Outcome::failed, trf("`{}` on {} threw {}: {}", other.state_->request,
                                        other.label(), first->kind, first->message) +
                                        other.printed());
      }
      other.state_->ready = std::move(first);
    }
  }
  if (std::optional<Reply> reply = poll_reply(std::chrono::milliseconds(0))) return *reply;
  std::string note;
  if (other.state_->ready && other.state_->ready->ok) {
    note = trf(" Yet `{}` on {} already returned: what it sent never arrived in full.",
               other.state_->request, other.label());
  }
  state_->hung(request, timeout, note);
}

Reply Driver::ok(const std::string& request, std::chrono::milliseconds timeout) {
  Reply reply = call(request, timeout);
  if (!reply.ok) {
    abort_test(
        Outcome::failed,
        trf("`{}` on {} threw {}: {}", request, label(), reply.kind, reply.message) + printed());
  }
  return reply;
}

exec::ExitStatus Driver::finish(std::chrono::milliseconds timeout) {
  State& s = *state_;
  s.control.reset();
  if (s.wait(Clock::now() + timeout) == exec::Wake::exited) return *s.child.status();
  s.hung(tr("(end of commands: the driver should exit)"), timeout);
}

pid_t Driver::pid() const {
  return state_->child.pid();
}
Build Driver::build() const {
  return state_->build;
}
std::string Driver::label() const {
  return state_->label();
}
std::string Driver::output() const {
  return state_->output ? state_->output->text() : "";
}

std::string Driver::printed() const {
  std::string text = output();
  return text.empty() ? "" : trf("\n{} printed:\n", label()) + excerpt(text, 12);
}

std::vector<const Driver*> running_drivers() {
  std::lock_guard lock(registry_mutex());
  return {registry().begin(), registry().end()};
}

std::vector<LabelledRoot> driver_roots() {
  std::lock_guard lock(registry_mutex());
  std::vector<LabelledRoot> roots;
  for (const Driver* driver : registry()) {
    if (driver->state_) roots.push_back({driver->pid(), driver->label()});
  }
  return roots;
}

std::string excerpt(const std::string& text, std::size_t max_lines) {
  // Runs of the same line (a print in a loop) are shown once, with a count.
  std::vector<std::pair<std::string, std::size_t>> runs;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!runs.empty() && runs.back().first == line)
      ++runs.back().second;
    else
      runs.emplace_back(line, 1);
  }
  std::string result;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (i == max_lines) {
      result += tr("    [...]\n");
      break;
    }
    result += "    " + runs[i].first.substr(0, 300);
    if (runs[i].second > 1) result += trf("  [repeated {} times]", runs[i].second);
    result += "\n";
  }
  return result;
}

}  // namespace ipclab::harness
