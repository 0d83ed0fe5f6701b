#include <vector>

void hostile::attack() {
  // 3 GiB at once, over the test's memory limit (2 GiB): RLIMIT_AS refuses
  // it at once, and the driver dies of std::bad_alloc.
  std::vector<char> block(std::size_t(3) << 30);
  block[0] = 1;
}
