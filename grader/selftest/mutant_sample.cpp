#include "selftest/mutant_sample.hpp"

#include <algorithm>
#include <numeric>
#include <random>

namespace grader {

std::vector<Mutant> sample_mutants(const std::vector<Mutant>& mutants, std::size_t count,
                                   std::uint32_t seed) {
  if (mutants.size() <= count) return mutants;
  std::vector<std::size_t> order(mutants.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 random(seed);
  // A partial Fisher-Yates shuffle with the generator's raw output, so the
  // choice does not depend on the standard library's distributions.
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t j = i + random() % (order.size() - i);
    std::swap(order[i], order[j]);
  }
  order.resize(count);
  std::sort(order.begin(), order.end());
  std::vector<Mutant> sample;
  for (std::size_t index : order)
    sample.push_back(mutants[index]);
  return sample;
}

}  // namespace grader
