#pragma once
// Provided: a large value shaped like what a job queue carries, for the speed
// test (`bench` in the driver).

#include <cstddef>
#include <cstdint>

#include "value.hpp"

namespace ipclab::pickle {

/// {'jobs': [Job(...) x size], 'owners': [...], 'created': datetime, 'tags': {...}}:
/// every kind of value, nested a few levels, with shared references. The same
/// `size` and `seed` always give the same value.
Value sample_value(std::size_t size, std::uint32_t seed);

}  // namespace ipclab::pickle
