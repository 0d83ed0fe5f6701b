// Provided: the server's data (Store in manager.hpp). A plain std::map and
// std::vector, not thread-safe. In grading builds every call pauses for a
// moment between reading and returning (or before writing), the way a real
// server spends time between looking a value up and storing the new one: two
// threads that use the store without the lock then really interleave.
#include <chrono>
#include <thread>

#include "manager.hpp"

namespace ipclab::manager {
namespace {

void pause() {
#ifdef IPCLAB_GRADING_BUILD
  std::this_thread::sleep_for(std::chrono::microseconds(30));
#endif
}

}  // namespace

std::optional<Value> Store::find(const std::string& key) const {
  auto it = dict_.find(key);
  std::optional<Value> found;
  if (it != dict_.end()) found = it->second;
  pause();
  return found;
}

void Store::put(const std::string& key, Value value) {
  pause();
  dict_.insert_or_assign(key, std::move(value));
}

std::size_t Store::dict_size() const {
  std::size_t size = dict_.size();
  pause();
  return size;
}

Dict Store::dict() const {
  Dict copy = dict_;
  pause();
  return copy;
}

void Store::append(Value value) {
  std::size_t size = list_.size();
  pause();
  // Written as "resize, then fill": a second thread appending during the pause
  // without the lock makes one of the two items disappear.
  list_.resize(size + 1);
  list_[size] = std::move(value);
}

Value Store::at(std::size_t index) const {
  Value item = list_.at(index);
  pause();
  return item;
}

void Store::replace(std::size_t index, Value value) {
  pause();
  list_.at(index) = std::move(value);
}

std::size_t Store::list_size() const {
  std::size_t size = list_.size();
  pause();
  return size;
}

List Store::list() const {
  List copy = list_;
  pause();
  return copy;
}

}  // namespace ipclab::manager
