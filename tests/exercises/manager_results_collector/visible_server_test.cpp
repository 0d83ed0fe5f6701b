// Manager results collector: the visible tests of the student's server. The
// harness talks to it directly in the wire format, and reference clients (in
// reference drivers) work on it at the same time.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "exec/fd_table.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"

namespace mgr_harness {
namespace {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;
using ipclab::harness::ScopedContext;

/// One request and the reply it must get. For an error reply only "error
/// <Kind>" is compared: the message is free.
struct Exchange {
  const char* request;
  const char* reply;
  const char* why = "";  ///< marked tr_later(), shown through tr()
};

const Exchange kExchanges[] = {
    {"dict_set apple i:5", "ok", tr_later("dict_set stores the value and answers just \"ok\"")},
    {"dict_get apple", "ok i:5", tr_later("dict_get answers the stored value as one word")},
    {"dict_get pear", "error KeyError",
     tr_later("dict_get of a key the dict does not hold answers \"error KeyError <key>\", never a "
              "default")},
    {"dict_add apple 2", "ok 7", tr_later("dict_add answers the new value as a plain integer")},
    {"dict_add pear -3", "ok -3", tr_later("dict_add on a missing key starts from 0")},
    {"dict_set word s:6869", "ok"},
    {"dict_get word", "ok s:6869"},
    {"dict_add word 1", "error TypeError",
     tr_later("dict_add on a key that holds a text answers \"error TypeError ...\"")},
    {"dict_set empty s:", "ok"},
    {"dict_get empty", "ok s:", tr_later("the empty text is \"s:\"")},
    {"dict_set nums l:1,2,3", "ok"},
    {"dict_get nums", "ok l:1,2,3"},
    {"dict_contains apple", "ok 1"},
    {"dict_contains plum", "ok 0"},
    {"dict_size", "ok 5"},
    {"dict_items", "ok apple i:7 empty s: nums l:1,2,3 pear i:-3 word s:6869",
     tr_later("dict_items answers KEY VALUE pairs in increasing key order")},
    {"list_size", "ok 0"},
    {"list_items", "ok", tr_later("the items of an empty list: just \"ok\"")},
    {"list_append i:10", "ok"},
    {"list_append s:", "ok"},
    {"list_append l:", "ok"},
    {"list_get 0", "ok i:10"},
    {"list_get -1", "ok l:", tr_later("a negative index counts from the end, like Python's l[-1]")},
    {"list_get -3", "ok i:10",
     tr_later("a negative index counts from the end: -3 is the first of 3")},
    {"list_get 3", "error IndexError",
     tr_later("an index past the end answers \"error IndexError ...\"")},
    {"list_get -4", "error IndexError", tr_later("-4 is out of range for a list of 3")},
    {"list_set -2 i:99", "ok",
     tr_later("list_set takes negative indexes too: -2 is the middle one of 3")},
    {"list_set 3 i:1", "error IndexError"},
    {"list_items", "ok i:10 i:99 l:", tr_later("list_items answers every VALUE in order")},
    {"list_size", "ok 3"},
};

/// The reply as compared: the first two words of an error, all of an ok.
std::string comparable(const std::string& reply, const std::string& want) {
  if (want.rfind("error ", 0) != 0 || reply.rfind("error ", 0) != 0) return reply;
  std::size_t end = reply.find(' ', 6);
  return reply.substr(0, end);
}

TEST(manager_results_collector, server_requests) {
  ServerUnderTest server = start_server(Build::student);
  RawClient raw(server.path);
  for (const Exchange& e : kExchanges) {
    std::string reply = raw.call(e.request);
    const std::string want =
        std::string(e.reply) + (std::string(e.reply).rfind("error", 0) == 0 ? " <message>" : "");
    IPCLAB_EXPECT(comparable(reply, e.reply) == e.reply) << trf(
        // TRANSLATORS: the last {} is why, when there is one: ": dict_add answers ..." (or
        // nothing).
        "your server must answer \"{}\" with \"{}\", it answered \"{}\"{}", e.request, want,
        reply.substr(0, 120), *e.why != '\0' ? std::string(": ") + tr(e.why) : "");
  }
}

/// Why the server did not end normally, from the reply of `server_wait`:
/// "exited CODE" or "killed SIGNAL".
std::string ending_message(const Reply& exited) {
  if (exited.word(0) == "exited") {
    return trf(
        "the server process must end normally (serve() returns, then _exit(0)), but it "
        "exited with code {}",
        exited.word(1));
  }
  if (exited.word(0) == "killed") {
    return trf(
        "the server process must end normally (serve() returns, then _exit(0)), but it "
        "was killed by {}",
        exited.word(1));
  }
  return trf(
      "the server process must end normally (serve() returns, then _exit(0)), but "
      "server_wait answered \"{}\"",
      exited.line);
}

TEST(manager_results_collector, server_shutdown) {
  ServerUnderTest server = start_server(Build::student);
  Driver a = client_driver(Build::reference, server.address);
  Driver b = client_driver(Build::reference, server.address);
  a.ok("dict_set d a i:1");
  b.ok("list_append l i:2");
  RawClient raw(server.path);
  std::string reply = raw.call("shutdown");
  IPCLAB_EXPECT(reply == "ok") << trf("\"shutdown\" must be answered \"ok\", got \"{}\"", reply);
  Reply exited = server.host.ok("server_wait " + std::to_string(server.pid) + " 3000", 6s);
  IPCLAB_REQUIRE(exited.word(0) != "running")
      << tr("after answering \"shutdown\", your server did not exit within 3 s: set "
            "server.stopping, and let serve()'s accept loop (accept_client() with a timeout) "
            "see it and return.\n")
      << diagnosis();
  IPCLAB_EXPECT(exited.line == "ok exited 0") << ending_message(exited) << server.host.printed();
  IPCLAB_EXPECT(!std::filesystem::exists(server.path))
      << trf("the socket file {} is still there after the server stopped: serve() must remove it "
             "(::unlink) after closing the listening socket",
             server.address);
  ScopedContext context(
      tr("a call to a server that has stopped must throw ServerGone, never wait"));
  for (Driver* client : {&a, &b}) {
    Reply late = client->call("dict_get d a", 5s);
    IPCLAB_EXPECT(late.kind == "ServerGone") << trf(
        "after your server stopped, a reference client connected to it got \"{}\" instead of "
        "ServerGone: the server process must end, which closes every connection",
        late.line);
  }
}

/// The read ends of pipes that process `pid` holds, as "FD TARGET".
std::set<std::string> read_pipes(pid_t pid) {
  std::set<std::string> pipes;
  for (const ipclab::exec::OpenFile& file : ipclab::exec::open_files(pid)) {
    if (file.target.rfind("pipe:", 0) == 0 && file.readable)
      pipes.insert(std::to_string(file.fd) + " " + file.target);
  }
  return pipes;
}

/// A read end of its own for the ready pipe the driver opened since `before`:
/// /proc/<driver>/fd/<fd> reopened, non-blocking (the write end may be closed already).
UniqueFd copy_of_ready_pipe(const Driver& host, const std::set<std::string>& before) {
  for (const std::string& pipe : read_pipes(host.pid())) {
    if (before.count(pipe) != 0) continue;
    const std::string fd = pipe.substr(0, pipe.find(' '));
    const std::string path = "/proc/" + std::to_string(host.pid()) + "/fd/" + fd;
    UniqueFd copy(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (copy) return copy;
  }
  abort_test(Outcome::unresolved, tr("the harness could not open the ready pipe of spawn_server"));
}

/// What is left in the ready pipe once the driver has read its byte: "" for
/// end-of-file within 3 s (one byte written, then ready_fd closed), else what is wrong.
std::string rest_of_ready_pipe(int copy) {
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < deadline) {
    char bytes[16];
    ssize_t n = ::read(copy, bytes, sizeof bytes);
    if (n == 0) return "";
    if (n > 0) return tr("serve() wrote more than one byte to ready_fd: write exactly one");
    std::this_thread::sleep_for(20ms);  // EAGAIN: the write end is still open
  }
  return tr(
      "serve() wrote its ready byte but did not close ready_fd within 3 s: close it right after "
      "the write (the process that waits for the byte then sees end-of-file, not a pipe that "
      "stays open for as long as the server runs)");
}

TEST(manager_results_collector, server_ready_byte) {
  Driver host = Driver::start(Build::student);
  const std::string address = fresh_address();
  const std::set<std::string> before = read_pipes(host.pid());
  const std::string pid = host.ok("spawn_server " + address).word(0);
  UniqueFd copy = copy_of_ready_pipe(host, before);
  Reply ready = host.call("server_ready " + pid + " 5000", 10s);
  IPCLAB_REQUIRE(ready.ok && ready.word(0) == "1")
      << trf("serve(\"{}\", ready_fd) did not write its ready byte within 5 s: {}", address,
             ready.line)
      << host.printed();
  std::string wrong = rest_of_ready_pipe(copy.get());
  IPCLAB_EXPECT(wrong.empty()) << wrong;
  RawClient(folder_of(host) / address).call("shutdown");
  host.ok("server_wait " + pid + " 3000", 6s);
}

TEST(manager_results_collector, server_concurrent_clients) {
  ServerUnderTest server = start_server(Build::student);
  {
    RawClient first(server.path);
    first.call("dict_set first i:1");
    RawClient second(server.path);
    write_frame(second.fd(), "dict_set second i:2");
    FrameRead answer = read_frame(second.fd(), 3s);
    if (!answer.payload) {
      // A hang: timed_out also spares the other trials the same 3 s wait.
      abort_test(Outcome::timed_out,
                 tr("a second client got no answer within 3 s while the first one stayed "
                    "connected: your server serves one client at a time. Serve each client in its "
                    "own thread (std::thread running serve_client()), so that serve() goes on "
                    "accepting clients"));
    }
  }
  std::vector<Driver> clients;
  for (int i = 0; i < 8; ++i)
    clients.push_back(client_driver(Build::reference, server.address));
  hammer_all(clients, 150, 0);
  RawClient raw(server.path);
  expect_hammered(raw, clients.size(), 150, 0, tr("your server"), 2);
}

}  // namespace
}  // namespace mgr_harness
