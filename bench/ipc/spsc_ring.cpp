#include "spsc_ring.hpp"

#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>

namespace ipclab::bench {
namespace {

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t seen) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT, seen, nullptr, nullptr,
            0);
}

void futex_wake(std::atomic<std::uint32_t>& word) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, 1, nullptr, nullptr, 0);
}

/// Waits until ready(): 100 pauses, 200 yields, then futex sleeps on `word`
/// (the index the other side advances) with `waiting` raised. The other side
/// stores `word` before it reads `waiting`, and we raise `waiting` before we
/// re-check, both sequentially consistent: one of us sees the other.
template <class Ready>
void await(const Ready& ready, std::atomic<std::uint32_t>& word,
           std::atomic<std::uint32_t>& waiting) {
  for (int i = 0; i < 100; ++i) {
    if (ready()) return;
    cpu_relax();
  }
  for (int i = 0; i < 200; ++i) {
    if (ready()) return;
    ::sched_yield();
  }
  while (!ready()) {
    const std::uint32_t seen = word.load();
    waiting.store(1);
    if (!ready()) futex_wait(word, seen);
    waiting.store(0);
  }
}

}  // namespace

void SpscRing::push(const std::uint8_t* message) {
  const std::uint32_t h = head.load(std::memory_order_relaxed);
  await([&] { return h - tail.load(std::memory_order_acquire) < kRingSlots; }, tail,
        producer_waiting);
  std::memcpy(slots[h % kRingSlots], message, kRingMessage);
  head.store(h + 1);
  if (consumer_waiting.load()) futex_wake(head);
}

void SpscRing::pop(std::uint8_t* message) {
  const std::uint32_t t = tail.load(std::memory_order_relaxed);
  await([&] { return head.load(std::memory_order_acquire) != t; }, head, consumer_waiting);
  std::memcpy(message, slots[t % kRingSlots], kRingMessage);
  tail.store(t + 1);
  if (producer_waiting.load()) futex_wake(tail);
}

}  // namespace ipclab::bench
