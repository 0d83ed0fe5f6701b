// Event and barrier: the team test students see -- run_team() as a whole.
#include <gtest/gtest.h>

#include "team_checks.hpp"

namespace eb_harness {
namespace {

TEST(event_barrier, team_phases) {
  expect_team(4, 6);
}

}  // namespace
}  // namespace eb_harness
