#pragma once
// Checks whose failure shows only the explanation written for the student,
// without GoogleTest's "Expected equality of these values" boilerplate:
//
//   IPCLAB_EXPECT(got == want) << "send_bytes(b'abc') must put ...";
//   IPCLAB_REQUIRE(reply.ok) << "...";   // also ends the test
//
// Both take a stream of explanation like EXPECT_TRUE does.

#include <gtest/gtest.h>

// The switch makes the macro a single statement that is safe inside if/else.
#define IPCLAB_EXPECT(condition) \
  switch (0)                     \
  case 0:                        \
  default:                       \
    if (condition) {             \
    } else                       \
      ADD_FAILURE()

#define IPCLAB_REQUIRE(condition) \
  switch (0)                      \
  case 0:                         \
  default:                        \
    if (condition) {              \
    } else                        \
      FAIL()
