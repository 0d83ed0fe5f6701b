// Provided: the driver. It exposes every operation of connection.hpp as a
// command, so the tests can ask this process to send, receive or poll on a
// connection, or to play a whole ping-pong. Run it by hand to experiment:
//
//   $ ./pipe_ping_pong_driver
//   pipe a b 1          make a duplex Pipe(); its ends are named a and b
//   send a 616263       send the bytes "abc" on a
//   recv b              -> ok 3 616263
//   help                list every command
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>

#include "connection.hpp"
#include "ipclab/driver_loop.hpp"

namespace {

using ipclab::Bytes;
using ipclab::DriverLoop;
using ipclab::Reply;
using ipclab::Request;
using ipclab::pipe::Connection;

/// Messages up to this size are echoed in full; larger ones as length + digest.
constexpr std::size_t kEchoLimit = 65536;

std::map<std::string, Connection> connections;

Connection& named(const Request& request, std::size_t index = 0) {
  auto it = connections.find(request.word(index));
  if (it == connections.end()) {
    throw ipclab::DriverError("Usage", "no connection named '" + request.word(index) + "'");
  }
  return it->second;
}

std::string describe(const Bytes& message) {
  if (message.size() <= kEchoLimit) return ipclab::to_hex(message);
  return "digest:" + ipclab::digest(message);
}

std::size_t size_arg(const Request& request, std::size_t index) {
  std::int64_t value = request.integer(index);
  if (value < 0) throw ipclab::DriverError("Usage", "sizes cannot be negative");
  return static_cast<std::size_t>(value);
}

/// Lists the descriptors above 2 that this process has open (after exec, they
/// are the ones that were not close-on-exec).
int list_fds() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return 1;
  int own = ::dirfd(dir);
  while (dirent* entry = ::readdir(dir)) {
    int fd = std::atoi(entry->d_name);
    if (entry->d_name[0] != '.' && fd > 2 && fd != own) std::printf("%d\n", fd);
  }
  ::closedir(dir);
  return 0;
}

/// Creates both kinds of pipe with Pipe(), then runs a fresh program and
/// reports which of their descriptors it inherited.
Reply exec_fds() {
  auto duplex = ipclab::pipe::Pipe(true);
  auto simplex = ipclab::pipe::Pipe(false);
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  std::fflush(nullptr);
  pid_t child = ::fork();
  if (child == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::execl("/proc/self/exe", "driver", "--list-fds", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string listing;
  char chunk[256];
  for (ssize_t n; (n = ::read(out[0], chunk, sizeof chunk)) > 0;)
    listing.append(chunk, n);
  ::close(out[0]);
  ::waitpid(child, nullptr, 0);
  std::set<int> inherited;
  for (std::size_t pos = 0; pos < listing.size();) {
    std::size_t end = listing.find('\n', pos);
    inherited.insert(std::atoi(listing.substr(pos, end - pos).c_str()));
    pos = end == std::string::npos ? listing.size() : end + 1;
  }
  Reply reply;
  for (const Connection* c : {&duplex.first, &duplex.second, &simplex.first, &simplex.second}) {
    reply.push_back(inherited.count(c->fileno()) ? std::to_string(c->fileno()) : "-");
  }
  return reply;
}

void on_alarm(int) {}

/// Interrupts this process `hz` times a second with a signal whose handler does
/// not restart system calls, so read() and write() fail with EINTR. 0 stops it.
Reply storm(std::int64_t hz) {
  struct sigaction action {};
  action.sa_handler = on_alarm;  // no SA_RESTART on purpose
  ::sigaction(SIGALRM, &action, nullptr);
  itimerval timer{};
  if (hz > 0) timer.it_interval.tv_usec = timer.it_value.tv_usec = 1000000 / hz;
  ::setitimer(ITIMER_REAL, &timer, nullptr);
  return {};
}

void register_commands(DriverLoop& loop) {
  loop.name_error<ipclab::pipe::ConnectionError>("ConnectionError");
  loop.on("pipe", "pipe NAME1 NAME2 DUPLEX(0|1)", [](const Request& r) {
    auto [first, second] = ipclab::pipe::Pipe(r.integer(2) != 0);
    Reply reply{std::to_string(first.fileno()), std::to_string(second.fileno())};
    connections.insert_or_assign(r.word(0), std::move(first));
    connections.insert_or_assign(r.word(1), std::move(second));
    return reply;
  });
  loop.on("adopt", "adopt NAME FD READABLE(0|1) WRITABLE(0|1)", [](const Request& r) {
    int fd = static_cast<int>(r.integer(1));
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    connections.insert_or_assign(r.word(0), Connection(fd, r.integer(2) != 0, r.integer(3) != 0));
    return Reply{};
  });
  loop.on("send", "send NAME HEX [OFFSET [SIZE]]", [](const Request& r) {
    Bytes data = r.hex(1);
    if (r.has(3))
      named(r).send_bytes(data, size_arg(r, 2), size_arg(r, 3));
    else if (r.has(2))
      named(r).send_bytes(data, size_arg(r, 2));
    else
      named(r).send_bytes(data);
    return Reply{};
  });
  loop.on("send_pattern", "send_pattern NAME SIZE SEED", [](const Request& r) {
    named(r).send_bytes(ipclab::pattern(size_arg(r, 1), static_cast<std::uint32_t>(r.integer(2))));
    return Reply{};
  });
  loop.on("recv", "recv NAME", [](const Request& r) {
    Bytes message = named(r).recv_bytes();
    return Reply{std::to_string(message.size()), describe(message)};
  });
  loop.on("recv_into", "recv_into NAME BUFFER_SIZE OFFSET", [](const Request& r) {
    Bytes buffer(size_arg(r, 1), 0);
    try {
      std::size_t n = named(r).recv_bytes_into(buffer, size_arg(r, 2));
      return Reply{std::to_string(n), ipclab::to_hex(buffer)};
    } catch (const ipclab::pipe::BufferTooShort& e) {
      throw ipclab::DriverError("BufferTooShort", describe(e.message()));
    }
  });
  loop.on("poll", "poll NAME TIMEOUT_MS", [](const Request& r) {
    bool ready = named(r).poll(std::chrono::milliseconds(r.integer(1)));
    return Reply{ready ? "1" : "0"};
  });
  loop.on("close", "close NAME", [](const Request& r) {
    named(r).close();
    return Reply{};
  });
  loop.on("forget", "forget NAME   (destroy the Connection object)", [](const Request& r) {
    connections.erase(r.word(0));
    return Reply{};
  });
  loop.on("flags", "flags NAME  -> READABLE WRITABLE CLOSED", [](const Request& r) {
    const Connection& c = named(r);
    return Reply{c.readable() ? "1" : "0", c.writable() ? "1" : "0", c.closed() ? "1" : "0"};
  });
  loop.on("serve", "serve NAME  (pong_server)", [](const Request& r) {
    return Reply{std::to_string(ipclab::pipe::pong_server(named(r)))};
  });
  loop.on("ping", "ping NAME ROUNDS PAYLOAD_SIZE  (ping_client)", [](const Request& r) {
    int rounds = static_cast<int>(r.integer(1));
    return Reply{std::to_string(ipclab::pipe::ping_client(named(r), rounds, size_arg(r, 2)))};
  });
  loop.on("ping_pong", "ping_pong ROUNDS PAYLOAD_SIZE", [](const Request& r) {
    int rounds = static_cast<int>(r.integer(0));
    return Reply{std::to_string(ipclab::pipe::ping_pong(rounds, size_arg(r, 1)))};
  });
  loop.on("exec_fds", "exec_fds  -> which Pipe() descriptors a new program inherits",
          [](const Request&) { return exec_fds(); });
  loop.on("storm", "storm HZ  (interrupt system calls HZ times a second; 0 stops)",
          [](const Request& r) { return storm(r.integer(0)); });
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--list-fds") == 0) return list_fds();
  ::signal(SIGPIPE, SIG_IGN);  // a closed peer must show up as EPIPE, not kill us
  DriverLoop loop("pipe_ping_pong");
  register_commands(loop);
  return loop.run();
}
