#include "capacity_watch.hpp"

#include <chrono>
#include <set>
#include <vector>

#include "harness/words.hpp"

namespace pc_harness {

using ipclab::harness::trf;
using ipclab::harness::trnf;

namespace {

constexpr auto kRescan = std::chrono::milliseconds(5);
constexpr auto kSamplePause = std::chrono::microseconds(100);

std::string violation_text(const QueueView& view, std::uint32_t count) {
  if (count > ipclab::pc::kMaxSlots) {
    return trf(
        "the count of queue '{}' went below zero (it read {} as an unsigned number): a "
        "get() took an item from an empty queue",
        view.name(), count);
  }
  return trf(
      "queue '{}' held {} items at one moment, more than its maxsize {}: a put() wrote "
      "into a full queue",
      view.name(), count, view.capacity());
}

}  // namespace

CapacityWatch::CapacityWatch(std::string prefix)
    : prefix_(std::move(prefix)), thread_([this] { run(); }) {}

CapacityWatch::~CapacityWatch() {
  stop();
}

std::string CapacityWatch::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  return violation_;
}

std::string CapacityWatch::leftovers() const {
  for (const QueueView& view : views_) {
    if (view.count() != 0) {
      return trnf("queue '{}' still held {} item", "queue '{}' still held {} items", view.count(),
                  view.name(), view.count());
    }
  }
  return "";
}

void CapacityWatch::run() {
  std::set<std::string> known;
  auto next_scan = std::chrono::steady_clock::now();
  while (!stopping_ && violation_.empty()) {
    if (std::chrono::steady_clock::now() >= next_scan) {
      for (const std::string& name : segments_with_prefix(prefix_)) {
        if (known.count(name) != 0) continue;
        // A segment still being constructed has no magic yet: try again later.
        if (std::optional<QueueView> view = QueueView::open(name)) {
          known.insert(name);
          views_.push_back(std::move(*view));
        }
      }
      next_scan = std::chrono::steady_clock::now() + kRescan;
    }
    for (const QueueView& view : views_) {
      std::uint32_t count = view.count();
      if (count > view.capacity()) violation_ = violation_text(view, count);
    }
    std::this_thread::sleep_for(kSamplePause);
  }
}

}  // namespace pc_harness
