// Provided: the parts of Queue that are not the exercise -- creating, opening
// and removing the shared-memory segment that holds the queue.
#include <boost/date_time/posix_time/posix_time.hpp>
#include <boost/interprocess/shared_memory_object.hpp>
#include <new>
#include <stdexcept>

#include "queue.hpp"

namespace ipclab::pc {

namespace bip = boost::interprocess;

boost::posix_time::ptime deadline_after(std::chrono::milliseconds timeout) {
  // Boost's timed waits take an absolute UTC time.
  return boost::posix_time::microsec_clock::universal_time() +
         boost::posix_time::milliseconds(timeout.count());
}

Queue::Queue(std::string name, bip::mapped_region region)
    : name_(std::move(name)),
      region_(std::move(region)),
      shared_(static_cast<SharedState*>(region_.get_address())) {}

Queue Queue::create(const std::string& name, std::size_t maxsize) {
  if (maxsize == 0 || maxsize > kMaxSlots) {
    throw std::invalid_argument("Queue::create: maxsize must be 1.." + std::to_string(kMaxSlots) +
                                ", got " + std::to_string(maxsize));
  }
  // A segment left by a crashed run would otherwise be reused with its old state.
  bip::shared_memory_object::remove(name.c_str());
  // Group read-write: when graded, the reference's processes run as another
  // user of your group and open the same queue.
  bip::shared_memory_object segment(bip::create_only, name.c_str(), bip::read_write,
                                    bip::permissions(0660));
  segment.truncate(sizeof(SharedState));
  bip::mapped_region region(segment, bip::read_write);
  // Constructing the state in place initializes the mutex and the conditions
  // as process-shared objects inside the segment.
  new (region.get_address()) SharedState(static_cast<std::uint32_t>(maxsize));
  return Queue(name, std::move(region));
}

Queue Queue::open(const std::string& name) {
  bip::shared_memory_object segment(bip::open_only, name.c_str(), bip::read_write);
  bip::mapped_region region(segment, bip::read_write);
  const auto* state = static_cast<const SharedState*>(region.get_address());
  if (region.get_size() < sizeof(SharedState) || state->magic != kQueueMagic) {
    throw std::runtime_error("Queue::open: '" + name + "' does not hold a queue");
  }
  return Queue(name, std::move(region));
}

bool Queue::remove(const std::string& name) {
  return bip::shared_memory_object::remove(name.c_str());
}

}  // namespace ipclab::pc
