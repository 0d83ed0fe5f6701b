// Provided: the driver. It exposes dumps(), dump() and loads() as commands, so
// the tests can ask this process to serialize a value or read some bytes.
// Values are written in the notation of notation.hpp, bytes in hex.
// Run it by hand to experiment:
//
//   $ ./serialization_student
//   dumps [1,'ab']        -> ok 8004950e000000000000005d94284b018c0261629465...
//   loads 80044b2a2e      -> ok 42
//   help                  list every command
#include <time.h>
#include <map>
#include <new>
#include <string>

#include "ipclab/driver_loop.hpp"
#include "notation.hpp"
#include "pickle.hpp"
#include "sample.hpp"

namespace {

using ipclab::Bytes;
using ipclab::DriverError;
using ipclab::DriverLoop;
using ipclab::Reply;
using ipclab::Request;
namespace pk = ipclab::pickle;

/// Named byte buffers for `dump` (Python's open files).
std::map<std::string, Bytes> buffers;

/// The words from `first` on, joined again: a value typed with spaces by hand
/// ([1, 2]) arrives as several words.
std::string rest_of(const Request& request, std::size_t first) {
  std::string text = request.word(first);
  for (std::size_t i = first + 1; request.has(i); ++i)
    text += " " + request.word(i);
  return text;
}

pk::Value value_arg(const Request& request, std::size_t first) {
  return pk::parse_value(rest_of(request, first));
}

/// The text of what loads() returned, after checking it respects the limit
/// (a deeper value could not even be printed safely).
std::string loaded_text(const pk::Value& value) {
  std::size_t depth = pk::nesting_depth(value);
  if (depth > pk::kMaxDepth) {
    throw DriverError("TooDeep", "loads() returned a value nested " + std::to_string(depth) +
                                     " levels deep instead of raising UnpicklingError (the " +
                                     "limit is kMaxDepth = " + std::to_string(pk::kMaxDepth) + ")");
  }
  return pk::repr(value);
}

/// CPU time of this whole process (every thread), in nanoseconds. The speed
/// test compares CPU time, not wall time: a machine busy with other work (a
/// class graded beside it, a build) delays a run but adds nothing to its CPU
/// time, so a slow run is slow code, not a preempted one.
long long process_cpu_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<long long>(now.tv_sec) * 1'000'000'000LL + now.tv_nsec;
}

/// dumps() and loads() of a large sample value, `rounds` times each: the
/// fastest of each in CPU nanoseconds, the pickle's size, and whether
/// loads(dumps(x)) == x.
Reply bench(std::size_t size, std::uint32_t seed, int rounds) {
  pk::Value sample = pk::sample_value(size, seed);
  long long best_dumps = -1;
  long long best_loads = -1;
  Bytes data;
  pk::Value back;
  for (int round = 0; round < rounds; ++round) {
    long long start = process_cpu_ns();
    data = pk::dumps(sample);
    long long dumps_ns = process_cpu_ns() - start;
    start = process_cpu_ns();
    back = pk::loads(data);
    long long loads_ns = process_cpu_ns() - start;
    if (best_dumps < 0 || dumps_ns < best_dumps) best_dumps = dumps_ns;
    if (best_loads < 0 || loads_ns < best_loads) best_loads = loads_ns;
  }
  bool same = pk::repr(back) == pk::repr(sample);
  return {std::to_string(best_dumps), std::to_string(best_loads), std::to_string(data.size()),
          same ? "same" : "different"};
}

void register_commands(DriverLoop& loop) {
  loop.name_error<pk::PicklingError>("PicklingError");
  loop.name_error<pk::UnpicklingError>("UnpicklingError");
  loop.name_error<pk::NotationError>("BadValue");
  loop.name_error<std::bad_alloc>("MemoryError");
  loop.name_error<std::length_error>("MemoryError");
  loop.on("dumps", "dumps VALUE  -> the pickle in hex",
          [](const Request& r) { return Reply{ipclab::to_hex(pk::dumps(value_arg(r, 0)))}; });
  loop.on("loads", "loads HEX  -> the value", [](const Request& r) {
    Bytes data = r.hex(0);
    return Reply{loaded_text(pk::loads(data))};
  });
  loop.on("buffer", "buffer NAME [HEX]  (set, or show, a buffer for dump)", [](const Request& r) {
    if (r.has(1)) buffers[r.word(0)] = r.hex(1);
    return Reply{ipclab::to_hex(buffers[r.word(0)])};
  });
  loop.on("dump", "dump NAME VALUE  (append the pickle to buffer NAME)", [](const Request& r) {
    Bytes& out = buffers[r.word(0)];
    pk::dump(value_arg(r, 1), out);
    return Reply{std::to_string(out.size())};
  });
  loop.on("repr", "repr VALUE  -> the value's canonical text (no pickling)",
          [](const Request& r) { return Reply{pk::repr(value_arg(r, 0))}; });
  loop.on("depth", "depth VALUE  -> nesting_depth(VALUE)", [](const Request& r) {
    return Reply{std::to_string(pk::nesting_depth(value_arg(r, 0)))};
  });
  loop.on("bench", "bench SIZE SEED ROUNDS  -> DUMPS_NS LOADS_NS (CPU) BYTES same|different",
          [](const Request& r) {
            return bench(static_cast<std::size_t>(r.integer(0)),
                         static_cast<std::uint32_t>(r.integer(1)), static_cast<int>(r.integer(2)));
          });
}

}  // namespace

int main() {
  DriverLoop loop("serialization");
  register_commands(loop);
  return loop.run();
}
