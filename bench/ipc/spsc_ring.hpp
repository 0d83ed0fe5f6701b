#pragma once
// A single-producer single-consumer ring of fixed 64-byte messages in shared
// memory: the fastest way to move small messages between two processes, and
// the "shared memory" row of the course's table. Waiting spins briefly, then
// yields, then sleeps on a futex, so it is fast in every placement (a pure
// spin collapses when both processes share one CPU: perf-limits.md §4b).

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace ipclab::bench {

inline constexpr std::size_t kRingMessage = 64;
inline constexpr std::uint32_t kRingSlots = 1024;

struct SpscRing {
  alignas(64) std::atomic<std::uint32_t> head{0};  ///< messages written (producer)
  alignas(64) std::atomic<std::uint32_t> tail{0};  ///< messages read (consumer)
  alignas(64) std::atomic<std::uint32_t> producer_waiting{0};
  std::atomic<std::uint32_t> consumer_waiting{0};
  alignas(64) std::uint8_t slots[kRingSlots][kRingMessage];

  void push(const std::uint8_t* message);
  void pop(std::uint8_t* message);
};

}  // namespace ipclab::bench
