#pragma once
// The harness's own look at a queue: it maps the shared segment read-only and
// reads the numbers a correct queue keeps within bounds at every moment
// (count <= capacity), and it tells what a process blocked in futex() waits
// on: room in a full queue (put), an item (get), or the queue's lock.
// It never locks the queue and never runs student code.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exec/process_tree.hpp"
#include "queue.hpp"

namespace pc_harness {

using ipclab::pc::SharedState;
using ipclab::pc::Slot;

/// A read-only mapping of one queue segment.
class QueueView {
 public:
  /// Maps /dev/shm/<name>; nullopt if it does not exist or holds no queue (yet).
  static std::optional<QueueView> open(const std::string& name);

  QueueView(QueueView&& other) noexcept;
  QueueView& operator=(QueueView&&) = delete;
  QueueView(const QueueView&) = delete;
  ~QueueView();

  const std::string& name() const { return name_; }
  std::uint32_t capacity() const;
  std::uint32_t count() const;
  std::uint32_t head() const;
  std::uint32_t tail() const;

  /// The member of SharedState at byte `offset`: "mutex", "not_empty",
  /// "not_full", or "" for anything else.
  std::string member_at(std::uint64_t offset) const;

 private:
  QueueView(std::string name, const SharedState* state) : name_(std::move(name)), state_(state) {}
  std::uint32_t read(const std::uint32_t& field) const;

  std::string name_;
  const SharedState* state_;
};

/// What a process waits on, as far as queues are concerned.
enum class Waiting { nothing, for_room, for_item, for_lock };

struct QueueWait {
  Waiting what = Waiting::nothing;
  std::string queue;           ///< the segment name
  std::uint32_t count = 0;     ///< the queue's count when looked at
  std::uint32_t capacity = 0;  ///< its maxsize
};

/// What `process` (from exec::snapshot_tree) waits on: a condition or the
/// mutex of a queue segment it has mapped.
QueueWait queue_wait(const ipclab::exec::ProcessInfo& process);

/// "it waits on not_full, in put(): for room in queue 'q' (it holds 4 of 4
/// items)", in the run's language, or "".
std::string describe(const QueueWait& wait);

/// Waits up to `timeout` until process `pid` blocks waiting for `what`.
bool wait_until_blocked(pid_t pid, Waiting what, std::chrono::milliseconds timeout);

/// The names of the segments in /dev/shm that start with `prefix`.
std::vector<std::string> segments_with_prefix(const std::string& prefix);

}  // namespace pc_harness
