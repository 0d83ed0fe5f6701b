#pragma once
// A fixed sample of mutants, for CI: the same seed picks the same mutants on
// every machine (std::mt19937 is specified exactly; std::shuffle is not).

#include <cstdint>
#include <vector>

#include "selftest/mutant.hpp"

namespace grader {

/// `count` of `mutants` chosen by `seed`, in their original order; all of
/// them when there are no more than `count`.
std::vector<Mutant> sample_mutants(const std::vector<Mutant>& mutants, std::size_t count,
                                   std::uint32_t seed);

}  // namespace grader
