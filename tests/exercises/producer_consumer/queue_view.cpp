#include "queue_view.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "harness/mapped_address.hpp"
#include "harness/words.hpp"

namespace pc_harness {

using ipclab::harness::trf;

namespace {

constexpr std::string_view kShmDir = "/dev/shm/";

std::string state_text(const QueueWait& wait) {
  // TRANSLATORS: what a queue holds: "1 of 4 items".
  return trf("{} of {} items", wait.count, wait.capacity);
}

}  // namespace

std::optional<QueueView> QueueView::open(const std::string& name) {
  int fd = ::shm_open(("/" + name).c_str(), O_RDONLY, 0);
  if (fd < 0) return std::nullopt;
  struct stat info {};
  void* address = MAP_FAILED;
  if (::fstat(fd, &info) == 0 && info.st_size >= static_cast<off_t>(sizeof(SharedState))) {
    address = ::mmap(nullptr, sizeof(SharedState), PROT_READ, MAP_SHARED, fd, 0);
  }
  ::close(fd);
  if (address == MAP_FAILED) return std::nullopt;
  const auto* state = static_cast<const SharedState*>(address);
  if (*static_cast<const volatile std::uint64_t*>(&state->magic) != ipclab::pc::kQueueMagic) {
    ::munmap(address, sizeof(SharedState));
    return std::nullopt;
  }
  return QueueView(name, state);
}

QueueView::QueueView(QueueView&& other) noexcept
    : name_(std::move(other.name_)), state_(std::exchange(other.state_, nullptr)) {}

QueueView::~QueueView() {
  if (state_ != nullptr) ::munmap(const_cast<SharedState*>(state_), sizeof(SharedState));
}

std::uint32_t QueueView::read(const std::uint32_t& field) const {
  // Another process writes these fields: read the memory each time, as a whole.
  return *static_cast<const volatile std::uint32_t*>(&field);
}

std::uint32_t QueueView::capacity() const {
  return read(state_->capacity);
}
std::uint32_t QueueView::count() const {
  return read(state_->count);
}
std::uint32_t QueueView::head() const {
  return read(state_->head);
}
std::uint32_t QueueView::tail() const {
  return read(state_->tail);
}

std::string QueueView::member_at(std::uint64_t offset) const {
  const auto* base = reinterpret_cast<const char*>(state_);
  auto within = [&](const auto& member) {
    auto start = static_cast<std::uint64_t>(reinterpret_cast<const char*>(&member) - base);
    return offset >= start && offset < start + sizeof(member);
  };
  if (within(state_->mutex)) return "mutex";
  if (within(state_->not_empty)) return "not_empty";
  if (within(state_->not_full)) return "not_full";
  return "";
}

QueueWait queue_wait(const ipclab::exec::ProcessInfo& process) {
  QueueWait wait;
  if (process.state == 'R' || process.syscall != SYS_futex || process.syscall_args.empty()) {
    return wait;
  }
  auto where = ipclab::harness::resolve_mapped_address(
      process.pid, static_cast<std::uint64_t>(process.syscall_args[0]));
  if (!where || where->path.rfind(kShmDir, 0) != 0) return wait;
  std::optional<QueueView> view = QueueView::open(where->path.substr(kShmDir.size()));
  if (!view) return wait;
  std::string member = view->member_at(where->offset);
  if (member == "not_full") wait.what = Waiting::for_room;
  if (member == "not_empty") wait.what = Waiting::for_item;
  if (member == "mutex") wait.what = Waiting::for_lock;
  wait.queue = view->name();
  wait.count = view->count();
  wait.capacity = view->capacity();
  return wait;
}

std::string describe(const QueueWait& wait) {
  switch (wait.what) {
    case Waiting::for_room:
      // TRANSLATORS: the queue's name | what it holds: "4 of 4 items"
      return trf("it waits on not_full, in put(): for room in queue '{}' (it holds {})", wait.queue,
                 state_text(wait));
    case Waiting::for_item:
      return trf("it waits on not_empty, in get(): for an item in queue '{}' (it holds {})",
                 wait.queue, state_text(wait));
    case Waiting::for_lock:
      return trf("it waits for the mutex of queue '{}', which another process holds", wait.queue);
    case Waiting::nothing:
      break;
  }
  return "";
}

bool wait_until_blocked(pid_t pid, Waiting what, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    std::vector<ipclab::exec::ProcessInfo> tree = ipclab::exec::snapshot_tree(pid);
    if (!tree.empty() && tree.front().pid == pid && queue_wait(tree.front()).what == what) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  } while (std::chrono::steady_clock::now() < deadline);
  return false;
}

std::vector<std::string> segments_with_prefix(const std::string& prefix) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(kShmDir, error)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) names.push_back(name);
  }
  return names;
}

}  // namespace pc_harness
