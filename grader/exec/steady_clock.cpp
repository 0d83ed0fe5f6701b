#include "steady_clock.hpp"

namespace ipclab::exec {
namespace {

class SystemSteadyClock : public SteadyClock {
 public:
  time_point now() const override { return std::chrono::steady_clock::now(); }
};

}  // namespace

const SteadyClock& SteadyClock::system() {
  static const SystemSteadyClock clock;
  return clock;
}

}  // namespace ipclab::exec
