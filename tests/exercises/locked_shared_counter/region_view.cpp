#include "region_view.hpp"

#include <linux/futex.h>
#include <pthread.h>

#include <atomic>
#include <filesystem>

namespace lsc_harness {

namespace bip = boost::interprocess;

std::optional<RegionView> RegionView::open(const std::string& name) {
  try {
    return RegionView(bip::managed_shared_memory(bip::open_only, name.c_str()));
  } catch (const bip::interprocess_exception&) {
    return std::nullopt;
  }
}

const void* RegionView::find(const std::string& name, std::size_t bytes, std::uint64_t magic) {
  // Found as bytes: a name that holds some other type is reported, not misread.
  auto [found, size] = memory_.find<std::uint8_t>(name.c_str());
  if (found == nullptr || size < bytes) return nullptr;
  if (*reinterpret_cast<const std::uint64_t*>(found) != magic) return nullptr;
  return found;
}

const ValueCell* RegionView::value(const std::string& name) {
  return static_cast<const ValueCell*>(find(name, sizeof(ValueCell), ipclab::shm::kValueMagic));
}

const ArrayCell* RegionView::array(const std::string& name) {
  return static_cast<const ArrayCell*>(find(name, sizeof(ArrayCell), ipclab::shm::kArrayMagic));
}

bool RegionView::has(const std::string& name) {
  return memory_.find<std::uint8_t>(name.c_str()).first != nullptr;
}

bool RegionView::items_inside(const ArrayCell& cell) {
  auto base = reinterpret_cast<std::uintptr_t>(memory_.get_address());
  auto first = reinterpret_cast<std::uintptr_t>(cell.items.get());
  std::uintptr_t end = base + memory_.get_size();
  return first >= base && first <= end && cell.length <= (end - first) / sizeof(std::int64_t);
}

std::vector<std::int64_t> RegionView::items(const ArrayCell& cell) {
  std::vector<std::int64_t> numbers;
  if (!items_inside(cell)) return numbers;
  for (std::uint64_t i = 0; i < cell.length; ++i)
    numbers.push_back(read_number(cell.items.get()[i]));
  return numbers;
}

pid_t lock_owner(const Mutex& mutex) {
  // Boost's interprocess_mutex is a pthread mutex and nothing else; glibc
  // keeps the owner's thread id in the mutex's futex word.
  static_assert(sizeof(Mutex) == sizeof(pthread_mutex_t));
  const auto& native = reinterpret_cast<const pthread_mutex_t&>(mutex);
  int word = std::atomic_ref<int>(const_cast<int&>(native.__data.__lock)).load();
  return static_cast<pid_t>(word & FUTEX_TID_MASK);
}

std::int64_t read_number(const std::int64_t& number) {
  return std::atomic_ref<std::int64_t>(const_cast<std::int64_t&>(number)).load();
}

std::vector<std::string> segments_with_prefix(const std::string& prefix) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/shm", ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) names.push_back(name);
  }
  return names;
}

}  // namespace lsc_harness
