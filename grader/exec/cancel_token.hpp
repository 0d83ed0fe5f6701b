#pragma once
// Asking a supervision to stop from elsewhere: another thread, or a signal
// handler (the flag is a lock-free atomic, so setting it is async-signal-safe).
// The supervisor reads the flag between its waits, at least once per tick.

#include <atomic>

namespace ipclab::exec {

/// A read-only view of a cancel flag; the default token is never cancelled.
class CancelToken {
 public:
  CancelToken() = default;
  /// Cancelled once `flag` is true; `flag` must outlive the token.
  explicit CancelToken(const std::atomic<bool>& flag) : flag_(&flag) {}

  /// True once cancellation was asked for; never blocks.
  bool cancelled() const { return flag_ != nullptr && flag_->load(); }

 private:
  const std::atomic<bool>* flag_ = nullptr;
};

/// Owns a cancel flag: cancel() from any thread, token() for the supervisor.
class CancelSource {
 public:
  void cancel() { flag_ = true; }
  /// A token that sees cancel(); valid while this source lives.
  CancelToken token() const { return CancelToken(flag_); }

 private:
  std::atomic<bool> flag_{false};
};

}  // namespace ipclab::exec
