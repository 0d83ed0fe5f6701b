// Locked shared counter, part 1: a Value in shared memory and the workers that
// increment it. Your file: replace every `throw NotImplemented(...)` with an
// implementation. The contracts are in shared_value.hpp; README.md walks
// through them.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

#include "ipclab/names.hpp"
#include "shared_value.hpp"

namespace ipclab::shm {

Value Value::create(Region& region, const std::string& name, std::int64_t initial) {
  // TODO: construct the ValueCell inside the region, under `name`:
  //   ValueCell* cell = region.memory().construct<ValueCell>(name.c_str())(initial);
  // and return Value(*cell). (Memory from `new` would be private to this process.)
  (void)region;
  (void)name;
  (void)initial;
  throw NotImplemented("Value::create");
}

void increment(Value& counter, int times) {
  // TODO: `times` times: lock counter.get_lock() with a Lock (it unlocks when
  // it goes out of scope), then counter.store(counter.load() + 1). The load and
  // the store must both happen while the lock is held.
  (void)counter;
  (void)times;
  throw NotImplemented("increment");
}

std::int64_t run_increments(int processes, int times) {
  // TODO:
  //  1. std::string name = ipclab::unique_name("counter");
  //     Region region = Region::create(name);
  //     Value counter = Value::create(region, "counter", 0);   -- before fork()!
  //  2. `processes` times: std::fflush(nullptr); fork(). The child runs
  //     increment(counter, times) and ends with _exit(0) (_exit(1) if it
  //     threw) -- never return. The parent keeps the child's pid.
  //  3. waitpid() every child; remember if one did not exit with status 0.
  //  4. Read the total, Region::remove(name), then throw std::runtime_error if
  //     a worker failed, or return the total.
  (void)processes;
  (void)times;
  throw NotImplemented("run_increments");
}

}  // namespace ipclab::shm
