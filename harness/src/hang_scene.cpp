#include "harness/hang_scene.hpp"

#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "harness/process_ending.hpp"
#include "harness/words.hpp"

namespace ipclab::harness {

std::string Scene::label(pid_t pid) const {
  auto it = labels.find(pid);
  return it != labels.end() ? it->second : trf("process {}", pid);
}

const exec::ProcessInfo* Scene::process(pid_t pid) const {
  for (const exec::ProcessInfo& p : processes) {
    if (p.pid == pid) return &p;
  }
  return nullptr;
}

const exec::OpenFile* Scene::file(pid_t pid, long fd) const {
  auto it = files.find(pid);
  if (it == files.end()) return nullptr;
  for (const exec::OpenFile& f : it->second) {
    if (f.fd == fd) return &f;
  }
  return nullptr;
}

double Scene::cpu(pid_t pid) const {
  auto it = cpu_share.find(pid);
  return it != cpu_share.end() ? it->second : 0.0;
}

double Scene::runnable(pid_t pid) const {
  auto it = runnable_share.find(pid);
  return it != runnable_share.end() ? it->second : 0.0;
}

const std::vector<Frame>& Scene::stack(pid_t pid, pid_t tid) const {
  static const std::vector<Frame> kNone;
  auto it = stacks.find(pid);
  if (it == stacks.end()) return kNone;
  for (const ThreadStack& thread : it->second) {
    if (thread.tid == tid) return thread.frames;
  }
  return kNone;
}

const WaitFact* Scene::wait_of(pid_t pid) const {
  auto it = waits.find(pid);
  return it != waits.end() ? &it->second : nullptr;
}

namespace {

/// One look at a time: a second one would see the first one's debugger
/// attached ("stopped by a tracer") and CPU use it caused.
std::mutex& look_mutex() {
  static std::mutex mutex;
  return mutex;
}
std::atomic<int> looking{0};
std::atomic<std::chrono::steady_clock::time_point> look_deadline{
    std::chrono::steady_clock::time_point::max()};

/// The backtrace budget `wanted`, cut to what the look deadline leaves.
std::chrono::milliseconds budget_left(std::chrono::milliseconds wanted) {
  const auto now = std::chrono::steady_clock::now();
  const auto deadline = look_deadline.load();
  if (deadline <= now) return std::chrono::milliseconds(0);
  return std::min(wanted, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
}

std::vector<EvidenceSource>& evidence_sources() {
  static std::vector<EvidenceSource> sources;
  return sources;
}

/// How the zombies of the scene ended (a dead server, a crashed child).
void read_endings(Scene& scene) {
  for (const exec::ProcessInfo& p : scene.processes) {
    if (p.state != 'Z') continue;
    if (std::string ending = ending_of(p.pid); !ending.empty()) scene.endings[p.pid] = ending;
  }
}

std::vector<exec::ProcessInfo> snapshot(const std::vector<LabelledRoot>& roots) {
  std::vector<exec::ProcessInfo> all;
  for (const LabelledRoot& root : roots) {
    for (exec::ProcessInfo& p : exec::snapshot_tree(root.pid))
      all.push_back(std::move(p));
  }
  return all;
}

/// CPU use between two snapshots, as a share of one CPU.
void measure_cpu(Scene& scene, const std::vector<exec::ProcessInfo>& before,
                 std::chrono::milliseconds interval) {
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK)) * interval.count() / 1000.0;
  for (const exec::ProcessInfo& now : scene.processes) {
    for (const exec::ProcessInfo& then : before) {
      if (then.pid == now.pid && now.cpu_ticks >= then.cpu_ticks) {
        scene.cpu_share[now.pid] = static_cast<double>(now.cpu_ticks - then.cpu_ticks) / ticks;
      }
    }
  }
}

/// Watches the trees for `interval`, counting how often each process is runnable.
void watch_states(Scene& scene, const std::vector<LabelledRoot>& roots,
                  std::chrono::milliseconds interval) {
  constexpr auto kStep = std::chrono::milliseconds(100);
  std::map<pid_t, int> runnable;
  int samples = 0;
  for (auto waited = std::chrono::milliseconds(0); waited < interval; waited += kStep) {
    std::this_thread::sleep_for(kStep);
    ++samples;
    for (const LabelledRoot& root : roots) {
      for (const exec::ProcessInfo& p : exec::snapshot_tree(root.pid))
        runnable[p.pid] += p.state == 'R' ? 1 : 0;
    }
  }
  for (const auto& [pid, count] : runnable)
    scene.runnable_share[pid] = static_cast<double>(count) / samples;
}

void label_trees(Scene& scene, const std::vector<LabelledRoot>& roots) {
  scene.labels[::getpid()] = tr("the test harness");
  for (const LabelledRoot& root : roots) {
    scene.roots.insert(root.pid);
    scene.labels[root.pid] = trf("{} (pid {})", root.label, root.pid);
    for (const exec::ProcessInfo& p : exec::snapshot_tree(root.pid)) {
      if (p.pid != root.pid) scene.labels[p.pid] = trf("a child of {} (pid {})", root.label, p.pid);
    }
  }
}

void find_socket_peers(Scene& scene) {
  for (const auto& [pid, files] : scene.files) {
    for (const exec::OpenFile& f : files) {
      if (f.target.rfind("socket:", 0) != 0) continue;
      auto inode = exec::inode_of(f.target);
      if (!inode || scene.socket_peers.count(*inode) != 0) continue;
      if (auto peer = exec::unix_peer(*inode)) scene.socket_peers[*inode] = *peer;
    }
  }
}

}  // namespace

void add_evidence_source(EvidenceSource source) {
  evidence_sources().push_back(std::move(source));
}

void set_look_deadline(std::chrono::steady_clock::time_point deadline) {
  look_deadline.store(deadline);
}

bool look_in_progress() {
  return looking.load() > 0;
}

Scene look(const std::vector<LabelledRoot>& roots, const LookOptions& options) {
  ++looking;
  std::lock_guard lock(look_mutex());
  struct Done {
    ~Done() { --looking; }
  } done;
  Scene scene;
  std::vector<exec::ProcessInfo> before = snapshot(roots);
  const auto start = std::chrono::steady_clock::now();
  watch_states(scene, roots, options.cpu_interval);
  scene.processes = snapshot(roots);
  measure_cpu(scene, before,
              std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start));
  label_trees(scene, roots);
  for (const auto& [pid, label] : scene.labels)
    scene.files[pid] = exec::open_files(pid);
  find_socket_peers(scene);
  read_endings(scene);
  for (const EvidenceSource& source : evidence_sources())
    source(scene);
  std::vector<pid_t> traced;
  for (const exec::ProcessInfo& p : scene.processes) {
    if (p.state != 'Z') traced.push_back(p.pid);
  }
  scene.stacks = take_backtraces(traced, budget_left(options.backtrace_budget));
  return scene;
}

}  // namespace ipclab::harness
