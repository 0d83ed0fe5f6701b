// Provided: the driver. It exposes every operation of shared_value.hpp as a
// command, so the tests can ask this process to create a Value, increment it,
// or run a whole team of workers. Run it by hand to experiment:
//
//   $ ./locked_shared_counter_driver
//   create r                    a new region named r
//   value r v 0                 a Value v = 0 in it
//   increment r v 1000          increment(v, 1000)
//   get r v                     -> ok 1000
//   remove r
//   help                        list every command
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>

#include "fault_injection.hpp"
#include "ipclab/driver_loop.hpp"
#include "shared_value.hpp"

namespace {

using ipclab::DriverLoop;
using ipclab::Reply;
using ipclab::Request;
using namespace ipclab::shm;

/// The regions this process has mapped, by name.
std::map<std::string, Region> regions;

/// The region named by argument 0, mapped on first use.
Region& region_arg(const Request& request) {
  const std::string& name = request.word(0);
  auto it = regions.find(name);
  if (it == regions.end()) it = regions.emplace(name, Region::open(name)).first;
  return it->second;
}

Value value_arg(const Request& request) {
  return Value::open(region_arg(request), request.word(1));
}

Array array_arg(const Request& request) {
  return Array::open(region_arg(request), request.word(1));
}

std::size_t count_arg(const Request& request, std::size_t index) {
  std::int64_t value = request.integer(index);
  if (value < 0) throw ipclab::DriverError("Usage", "counts cannot be negative");
  return static_cast<std::size_t>(value);
}

/// The lock of the Value or Array `name`.
Mutex& lock_of(Region& region, const std::string& name) {
  auto [bytes, size] = region.memory().find<std::uint8_t>(name.c_str());
  if (bytes != nullptr && size >= sizeof(ArrayCell) &&
      reinterpret_cast<const ArrayCell*>(bytes)->magic == kArrayMagic) {
    return Array::open(region, name).get_lock();
  }
  return Value::open(region, name).get_lock();
}

/// A child process takes the lock of `name` and exits without unlocking it,
/// like a worker that crashes in the middle of its critical section.
Reply die_holding_lock(Region& region, const std::string& name) {
  Mutex& mutex = lock_of(region, name);
  std::fflush(nullptr);
  pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    try {
      mutex.lock();
    } catch (...) {
      ::_exit(1);
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("die_holding_lock: the child could not take the lock");
  }
  return {std::to_string(child)};
}

Reply array_items(Array array) {
  Reply reply{std::to_string(array.size())};
  for (std::size_t i = 0; i < array.size(); ++i)
    reply.push_back(std::to_string(array.load(i)));
  return reply;
}

void register_values(DriverLoop& loop) {
  loop.on("create", "create REGION [BYTES]  (a new region; a stale one is removed)",
          [](const Request& r) {
            std::size_t bytes = r.has(1) ? count_arg(r, 1) : kRegionBytes;
            regions.insert_or_assign(r.word(0), Region::create(r.word(0), bytes));
            return Reply{};
          });
  loop.on("open", "open REGION", [](const Request& r) {
    regions.insert_or_assign(r.word(0), Region::open(r.word(0)));
    return Reply{};
  });
  loop.on("remove", "remove REGION  -> 1|0",
          [](const Request& r) { return Reply{Region::remove(r.word(0)) ? "1" : "0"}; });
  loop.on("value", "value REGION NAME INITIAL  (Value::create)", [](const Request& r) {
    Value::create(region_arg(r), r.word(1), r.integer(2));
    return Reply{};
  });
  loop.on("get", "get REGION NAME  -> VALUE",
          [](const Request& r) { return Reply{std::to_string(value_arg(r).load())}; });
  loop.on("set", "set REGION NAME VALUE", [](const Request& r) {
    value_arg(r).store(r.integer(2));
    return Reply{};
  });
  loop.on("increment", "increment REGION NAME TIMES", [](const Request& r) {
    Value counter = value_arg(r);
    increment(counter, static_cast<int>(count_arg(r, 2)));
    return Reply{};
  });
  loop.on("run_increments", "run_increments PROCESSES TIMES  -> TOTAL", [](const Request& r) {
    int processes = static_cast<int>(count_arg(r, 0));
    return Reply{std::to_string(run_increments(processes, static_cast<int>(count_arg(r, 1))))};
  });
}

void register_arrays(DriverLoop& loop) {
  loop.on("array", "array REGION NAME LENGTH  (Array::create)", [](const Request& r) {
    Array::create(region_arg(r), r.word(1), count_arg(r, 2));
    return Reply{};
  });
  loop.on("array_get", "array_get REGION NAME  -> LENGTH ITEM...",
          [](const Request& r) { return array_items(array_arg(r)); });
  loop.on("array_set", "array_set REGION NAME INDEX VALUE", [](const Request& r) {
    array_arg(r).store(count_arg(r, 2), r.integer(3));
    return Reply{};
  });
  loop.on("array_destroy", "array_destroy REGION NAME  -> 1|0", [](const Request& r) {
    return Reply{Array::destroy(region_arg(r), r.word(1)) ? "1" : "0"};
  });
  loop.on("add_at", "add_at REGION NAME INDEX DELTA", [](const Request& r) {
    Array array = array_arg(r);
    add_at(array, count_arg(r, 2), r.integer(3));
    return Reply{};
  });
  loop.on("add_each", "add_each REGION NAME TIMES  (add_at(a, t % size, 1) for t < TIMES)",
          [](const Request& r) {
            Array array = array_arg(r);
            std::size_t times = count_arg(r, 2);
            for (std::size_t t = 0; t < times && array.size() > 0; ++t)
              add_at(array, t % array.size(), 1);
            return Reply{};
          });
  loop.on("prefix_sum", "prefix_sum REGION NAME", [](const Request& r) {
    Array array = array_arg(r);
    prefix_sum(array);
    return Reply{};
  });
  loop.on("run_prefix_sum", "run_prefix_sum REGION NAME  (prefix_sum in a child)",
          [](const Request& r) {
            Array array = array_arg(r);
            run_prefix_sum(array);
            return Reply{};
          });
}

void register_faults(DriverLoop& loop) {
  loop.on("hold", "hold REGION NAME  (lock the Value's or Array's lock and keep it)",
          [](const Request& r) {
            lock_of(region_arg(r), r.word(1)).lock();
            return Reply{};
          });
  loop.on("release", "release REGION NAME  (unlock what hold locked)", [](const Request& r) {
    lock_of(region_arg(r), r.word(1)).unlock();
    return Reply{};
  });
  loop.on("die_holding_lock", "die_holding_lock REGION NAME  -> PID (a child locks it and dies)",
          [](const Request& r) { return die_holding_lock(region_arg(r), r.word(1)); });
  loop.on("crash_workers_after", "crash_workers_after STORES  (children die at that store; 0: off)",
          [](const Request& r) {
            fault::kill_children_at_store(static_cast<long>(count_arg(r, 0)));
            return Reply{};
          });
}

}  // namespace

int main() {
  DriverLoop loop("locked_shared_counter");
  loop.name_error<bip::interprocess_exception>("InterprocessError");
  loop.name_error<bip::lock_exception>("LockError");
  loop.name_error<std::out_of_range>("IndexError");
  register_values(loop);
  register_arrays(loop);
  register_faults(loop);
  return loop.run();
}
