#pragma once
// Length-prefixed messages over a file descriptor (4-byte big-endian length,
// then the bytes), the framing of the pipe exercise, written directly on the
// system calls: the raw baseline the reference Connection is compared with.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ipclab::bench {

void write_frame(int fd, const std::uint8_t* data, std::uint32_t size);

/// Reads one frame into `buffer` (resized). False at end of file.
bool read_frame(int fd, std::vector<std::uint8_t>& buffer);

/// An echo peer: answers every frame with the same frame, until end of file.
void echo_frames(int in, int out);

/// Times `round_trips` round trips of `size`-byte frames against an echo peer
/// (after warm-up ones); µs per round trip.
double time_round_trips(int out, int in, std::size_t size, int round_trips);

/// Sends `count` + 1 frames of `size` bytes (the first starts the clock).
void send_frames(int fd, std::size_t size, int count);

/// Receives what send_frames sends; messages per second.
double receive_frames(int fd, int count);

}  // namespace ipclab::bench
