// Reference Event: the oracle and the peer of student processes.
#include "sync.hpp"

namespace ipclab::sync {

bool Event::is_set() const {
  Lock lock(mutex_);
  return flag_;
}

void Event::set() {
  Lock lock(mutex_);
  flag_ = true;
  changed_.notify_all();
}

void Event::clear() {
  Lock lock(mutex_);
  flag_ = false;
}

bool Event::wait(Timeout timeout) {
  Lock lock(mutex_);
  auto is_set = [this] { return static_cast<bool>(flag_); };
  if (!timeout) {
    changed_.wait(lock, is_set);
    return true;
  }
  return changed_.timed_wait(lock, std::chrono::system_clock::now() + *timeout, is_set);
}

}  // namespace ipclab::sync
