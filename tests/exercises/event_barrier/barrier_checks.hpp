#pragma once
// Checks shared by the visible and hidden Barrier tests.

#include <string>
#include <vector>

#include "lab.hpp"

namespace eb_harness {

/// The parties of one pass, in the order they arrive.
using Parties = std::vector<Driver*>;

/// Posts `request` (a wait() at barrier "b") to `party`, the `count`-th to
/// arrive, and waits until `observer` counts `count` parties waiting. Ends the
/// test if the wait() returns meanwhile (it must block; `advice` follows the
/// message) or is never counted.
void arrive(Driver& party, const std::string& request, Driver& observer, int count,
            const std::string& advice = "");

/// Each party calls `request` in turn (each waits until the previous one is
/// counted by n_waiting(), asked of `observer`); the last one releases them.
/// Every party must return its arrival index. `what` names the scene.
void expect_pass(const Parties& parties, Driver& observer, const std::string& request,
                 const std::string& what);

/// Every party runs `passes` lockstep passes on barrier "b" at once; no
/// violation, no error, all return within `limit`. `poker`, if given, pokes
/// the barrier meanwhile.
void expect_lockstep(Lab& lab, const Parties& parties, int passes, Driver* poker,
                     std::chrono::seconds limit);

/// `waiters` are blocked in wait() on barrier "b"; something (`cause`, done by
/// the caller just before) must make each of them throw BrokenBarrierError
/// within 3 s (the test ends if one is still waiting). `advice` says what to fix.
void expect_broken_out(const Parties& waiters, const std::string& cause, const std::string& advice);

}  // namespace eb_harness
