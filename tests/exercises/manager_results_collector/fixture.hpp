#pragma once
// Helpers for the manager harness: the wire format spoken by the harness itself
// (a raw client and a raw server), servers and clients in driver processes,
// and checks on what a test leaves behind.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exec/unique_fd.hpp"
#include "harness/driver.hpp"
#include "harness/words.hpp"

namespace mgr_harness {

using ipclab::exec::UniqueFd;
using ipclab::harness::Build;
using ipclab::harness::Driver;
using ipclab::harness::Reply;
// Every message a student reads is marked: tr("text"), trf("text {}", value),
// trnf("{} item", "{} items", n, n) for counts.
using ipclab::harness::tr;
using ipclab::harness::tr_later;
using ipclab::harness::trf;
using ipclab::harness::trnf;
using namespace std::chrono_literals;

// ---- the wire ------------------------------------------------------------------

/// Writes one frame (4-byte big-endian length, then the payload); false if the peer closed.
bool write_frame(int fd, const std::string& payload);

/// One frame read within a deadline: the payload, or nothing (timeout or closed).
struct FrameRead {
  std::optional<std::string> payload;
  bool closed = false;  ///< the peer closed the connection
};
FrameRead read_frame(int fd, std::chrono::milliseconds timeout);

/// A connection from the harness to a manager server.
class RawClient {
 public:
  /// Connects to the socket at `path`; ends the test (failed) if nobody listens.
  explicit RawClient(const std::filesystem::path& path);
  /// Sends `request` and returns the reply; ends the test if none comes in time.
  std::string call(const std::string& request, std::chrono::milliseconds timeout = 5s);
  int fd() const { return fd_.get(); }

 private:
  UniqueFd fd_;
};

/// A listening socket of the harness, standing in for a manager server.
class RawServer {
 public:
  explicit RawServer(std::filesystem::path path);
  ~RawServer();
  /// The next connection, or -1 if none arrives within `timeout`.
  int accept(std::chrono::milliseconds timeout);
  /// True if a connection is waiting to be accepted.
  bool pending();
  /// Stops listening and removes the socket file.
  void stop();

 private:
  std::filesystem::path path_;
  UniqueFd fd_;
};

// ---- drivers -----------------------------------------------------------------------

/// What every driver of the test (and its children) is doing, for hang reports.
std::string diagnosis();

/// "a child of your driver (pid 7) was killed by SIGABRT: an uncaught
/// exception or abort()" when a process below a driver died (it is not reaped
/// yet: a spawned server is reaped only by server_wait), waiting up to 1 s for
/// a dying one to end; "" when none did. Tells a server that died apart from
/// one that closed a connection.
std::string dead_process();

/// The folder a driver works in: relative socket addresses live there.
std::filesystem::path folder_of(const Driver& driver);

/// A fresh socket address (relative to the drivers' folder).
std::string fresh_address();

/// A manager server: serve() running in a child of a driver of some build.
struct ServerUnderTest {
  Driver host;
  pid_t pid = 0;
  std::string address;
  std::filesystem::path path;  ///< the socket file, as the harness sees it
  std::string who;             ///< "your server" / "the reference server", translated
};

/// Starts serve() in a child of a new `build` driver and waits until it says
/// it is ready; ends the test with an explanation if it does not.
ServerUnderTest start_server(Build build);

/// A driver of `build` with a dict proxy "d" and a list proxy "l" for `address`.
Driver client_driver(Build build, const std::string& address);

/// "COUNT KEY VALUE ..." (from a driver's dict_copy) or "KEY VALUE ..." (from
/// a dict_items reply, after "ok") as a map.
std::map<std::string, std::string> as_dict(const std::vector<std::string>& words,
                                           std::size_t first);

/// The words after "ok" of a raw reply.
std::vector<std::string> ok_words(const std::string& reply);

/// The driver's processes below it that are still there after `grace` (each
/// described), or "" when none is left.
std::string leftover_children(const Driver& driver, std::chrono::milliseconds grace = 2s);

/// The value word the hammer of client `id` stores for round `round`.
std::string hammer_value(std::int64_t id, std::int64_t round, std::size_t size, bool shortened);

/// Runs "hammer d l ID ROUNDS SIZE" on every client at once (IDs 1..n) and
/// waits for all of them.
void hammer_all(std::vector<Driver>& clients, std::int64_t rounds, std::size_t size);

/// Checks, through `raw`, everything hammer_all() stored.
/// `other_keys`: keys the test set before the hammer.
void expect_hammered(RawClient& raw, std::size_t clients, std::int64_t rounds, std::size_t size,
                     const std::string& server, std::size_t other_keys = 0);

}  // namespace mgr_harness
