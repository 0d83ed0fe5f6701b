// Pipe ping-pong: hidden tests of the errors the header documents -- a
// message that is not a ping, system calls that fail, and a pong child that
// dies in the middle of the game.
#include <signal.h>

#include <gtest/gtest.h>

#include <thread>

#include "harness/expect.hpp"

#include "exec/process_tree.hpp"
#include "wire.hpp"

namespace pipe_harness {
namespace {

using ipclab::bytes_of;

TEST(pipe_ping_pong, pong_server_rejects_non_ping) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  student.post("serve c");
  write_raw(wire.get(), frame(bytes_of("pingab")));
  Bytes answer = read_raw_during(student, "pong_server()", wire.get(), 10);
  IPCLAB_EXPECT(answer == frame(bytes_of("pongab")))
      << trf("pong_server() must answer b'pingab' with b'pongab', it wrote {}", show(answer));
  write_raw(wire.get(), frame(bytes_of("pangab")));
  // pong_server() either throws (its reply comes) or answers (bytes come).
  std::optional<Reply> refused;
  Bytes answered;
  for (int wait = 0; wait < 100 && !refused && answered.empty(); ++wait) {
    refused = student.poll_reply(25ms);
    if (!refused) answered = read_raw(wire.get(), 1, 25ms);
  }
  IPCLAB_REQUIRE(answered.empty())
      << tr("pong_server() answered b'pangab', which is not a ping: it must throw "
            "std::runtime_error on a message that is not a ping");
  IPCLAB_REQUIRE(refused) << tr(
      "pong_server() neither answered nor threw within 5 s of b'pangab': "
      "it must throw std::runtime_error on a message that is not a ping");
  IPCLAB_EXPECT(refused->kind == "RuntimeError")
      << (refused->ok ? trf("pong_server() must throw std::runtime_error on a message that is not "
                            "a ping (b'pangab'), but it returned {}",
                            refused->word(0))
                      : trf("pong_server() must throw std::runtime_error on a message that is not "
                            "a ping (b'pangab'), but it threw {}",
                            refused->kind));
}

TEST(pipe_ping_pong, system_call_errors) {
  auto [student, wire] = driver_with_raw_peer(Build::student);
  wire = ipclab::exec::UniqueFd();  // the peer is gone: write() fails with EPIPE
  Reply sent = student.call("send c 616263");
  IPCLAB_EXPECT(sent.kind == "OSError")
      << trf("send_bytes() to a peer that closed must throw std::system_error (write() fails with "
             "EPIPE), but got: {}",
             sent.line);
  // The driver may open 256 files: Pipe() runs out of descriptors on the way.
  Reply made;
  for (int i = 0; i < 200 && (i == 0 || made.ok); ++i)
    made = student.call("pipe a" + std::to_string(i) + " b" + std::to_string(i) + " " +
                        std::to_string(i % 2));
  IPCLAB_EXPECT(made.kind == "OSError")
      << trf("Pipe() once the process has no descriptor left must throw std::system_error, but "
             "after 200 Pipe() calls the last one gave: {}",
             made.line);
}

/// The child processes of `parent`, as listed now.
std::vector<ipclab::exec::ProcessInfo> children_of(pid_t parent) {
  return ipclab::exec::descendants(ipclab::exec::list_processes(), parent);
}

TEST(pipe_ping_pong, ping_pong_child_dies) {
  Driver student = Driver::start(Build::student);
  student.post("ping_pong 100000000 100");
  std::vector<ipclab::exec::ProcessInfo> children;
  for (int wait = 0; wait < 100 && children.empty(); ++wait) {
    if (std::optional<Reply> early = student.poll_reply(30ms)) {
      FAIL() << trf("ping_pong(100000000, 100) returned at once: {}", early->line);
    }
    children = children_of(student.pid());
  }
  IPCLAB_REQUIRE(!children.empty()) << tr("ping_pong() started no child process within 3 s");
  for (const auto& child : children)
    ::kill(child.pid, SIGKILL);
  Reply played = student.await_reply(10s);
  IPCLAB_EXPECT(!played.ok) << trf(
      "ping_pong() whose pong child was killed must throw "
      "std::runtime_error, but it returned {}",
      played.line);
  std::this_thread::sleep_for(500ms);
  for (const auto& child : children_of(student.pid())) {
    ADD_FAILURE() << (child.state == 'Z'
                          ? trf("after ping_pong() failed, its child (pid {}) is still a zombie: "
                                "waitpid() it even when the game fails",
                                child.pid)
                          : trf("after ping_pong() failed, its child (pid {}) is still there",
                                child.pid));
  }
}

}  // namespace
}  // namespace pipe_harness
