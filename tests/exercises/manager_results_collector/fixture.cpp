#include "fixture.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <gtest/gtest.h>

#include "exec/process_tree.hpp"
#include "harness/diagnosis.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"
#include "harness/process_ending.hpp"
#include "ipclab/bytes.hpp"
#include "ipclab/names.hpp"

namespace mgr_harness {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;
using Clock = std::chrono::steady_clock;

namespace {

sockaddr_un unix_address(const std::filesystem::path& path) {
  sockaddr_un where{};
  where.sun_family = AF_UNIX;
  std::string text = path.string();
  if (text.size() >= sizeof where.sun_path) {
    abort_test(Outcome::unresolved, trf("socket path too long for the harness: {}", text));
  }
  std::memcpy(where.sun_path, text.c_str(), text.size() + 1);
  return where;
}

}  // namespace

std::string diagnosis() {
  std::vector<ipclab::harness::LabelledRoot> roots;
  for (const Driver* d : ipclab::harness::running_drivers())
    roots.push_back({d->pid(), d->label()});
  return ipclab::harness::diagnose_hang(roots);
}

namespace {

/// The first process below a driver that ended other than normally, or "".
std::string first_dead_process() {
  for (const Driver* driver : ipclab::harness::running_drivers()) {
    for (const ipclab::exec::ProcessInfo& p : ipclab::exec::snapshot_tree(driver->pid())) {
      std::string ending = p.state == 'Z' ? ipclab::harness::ending_of(p.pid) : "";
      if (ending.empty() || ending == ipclab::harness::describe_ending(0)) continue;
      return p.pid == driver->pid()
                 ? trf(
                       // TRANSLATORS: a process that died: "your driver (pid 7) was killed by
                       // SIGABRT: ...".
                       "{} (pid {}) {}", driver->label(), p.pid, ending)
                 : trf("a child of {} (pid {}) {}", driver->label(), p.pid, ending);
    }
  }
  return "";
}

}  // namespace

std::string dead_process() {
  // The peer sees the connection close while the dying process is still
  // exiting: give it a moment to become a zombie.
  for (int tries = 0; tries < 20; ++tries) {
    if (std::string dead = first_dead_process(); !dead.empty()) return dead;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return "";
}

namespace {

/// Reads exactly `size` bytes before `deadline`; false on timeout or end of file.
bool read_until(int fd, char* data, std::size_t size, Clock::time_point deadline, bool& closed) {
  while (size > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, static_cast<int>(left.count())) <= 0) continue;
    ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      closed = true;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool write_frame(int fd, const std::string& payload) {
  std::size_t n = payload.size();
  std::string frame = {static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                       static_cast<char>(n >> 8), static_cast<char>(n)};
  frame += payload;
  std::size_t done = 0;
  while (done < frame.size()) {
    ssize_t sent = ::send(fd, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    done += static_cast<std::size_t>(sent);
  }
  return true;
}

FrameRead read_frame(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  FrameRead result;
  unsigned char header[4];
  if (!read_until(fd, reinterpret_cast<char*>(header), 4, deadline, result.closed)) return result;
  std::size_t n = (std::size_t{header[0]} << 24) | (std::size_t{header[1]} << 16) |
                  (std::size_t{header[2]} << 8) | header[3];
  if (n > (64u << 20)) {
    abort_test(Outcome::failed, trf("a frame announced {} bytes: the 4-byte length must be "
                                    "big-endian and count only the text that follows",
                                    n));
  }
  std::string payload(n, '\0');
  if (!read_until(fd, payload.data(), n, deadline, result.closed)) return result;
  result.payload = std::move(payload);
  return result;
}

RawClient::RawClient(const std::filesystem::path& path) {
  sockaddr_un where = unix_address(path);
  fd_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (::connect(fd_.get(), reinterpret_cast<sockaddr*>(&where), sizeof where) != 0) {
    abort_test(Outcome::failed, trf("nobody accepts connections at {} ({})",
                                    path.filename().string(), std::strerror(errno)));
  }
}

std::string RawClient::call(const std::string& request, std::chrono::milliseconds timeout) {
  if (!write_frame(fd_.get(), request)) {
    abort_test(
        Outcome::failed,
        trf("the server closed the connection before the request `{}` could be sent", request));
  }
  FrameRead reply = read_frame(fd_.get(), timeout);
  if (reply.payload) return *reply.payload;
  if (reply.closed) {
    if (std::string dead = dead_process(); !dead.empty()) {
      abort_test(Outcome::failed,
                 trf(
                     // TRANSLATORS: the second {} is a process that died: "a child of your driver
                     // (pid 7) was killed by SIGABRT: an uncaught exception or abort()".
                     "the server died instead of answering `{}`.\nDiagnosis: a process of the "
                     "test died. {}. It did not close the connection: it ended.",
                     request, dead));
    }
    abort_test(Outcome::failed,
               trf("the server closed the connection instead of answering `{}` (one reply per "
                   "request, then wait for the next)",
                   request));
  }
  abort_test(Outcome::timed_out, trf("the server did not answer `{}` within {} s.\n", request,
                                     std::to_string(timeout.count() / 1000.0).substr(0, 4)) +
                                     diagnosis());
}

RawServer::RawServer(std::filesystem::path path) : path_(std::move(path)) {
  sockaddr_un where = unix_address(path_);
  fd_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (::bind(fd_.get(), reinterpret_cast<sockaddr*>(&where), sizeof where) != 0 ||
      ::listen(fd_.get(), 16) != 0) {
    abort_test(Outcome::unresolved,
               trf("the harness cannot listen at {}: {}", path_.string(), std::strerror(errno)));
  }
  ::chmod(path_.c_str(), 0777);  // drivers may run as another user
}

RawServer::~RawServer() {
  stop();
}

int RawServer::accept(std::chrono::milliseconds timeout) {
  if (!fd_) return -1;
  pollfd entry{fd_.get(), POLLIN, 0};
  if (::poll(&entry, 1, static_cast<int>(timeout.count())) <= 0) return -1;
  return ::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC);
}

bool RawServer::pending() {
  pollfd entry{fd_.get(), POLLIN, 0};
  return fd_ && ::poll(&entry, 1, 0) > 0;
}

void RawServer::stop() {
  if (!fd_) return;
  fd_.reset();
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

std::filesystem::path folder_of(const Driver& driver) {
  std::error_code ec;
  auto folder = std::filesystem::read_symlink("/proc/" + std::to_string(driver.pid()) + "/cwd", ec);
  if (ec) abort_test(Outcome::unresolved, tr("cannot find the working folder of the driver"));
  return folder;
}

std::string fresh_address() {
  return ipclab::unique_name("mgr") + ".sock";
}

ServerUnderTest start_server(Build build) {
  ServerUnderTest s{Driver::start(build),
                    0,
                    fresh_address(),
                    {},
                    build == Build::student ? tr("your server") : tr("the reference server")};
  s.path = folder_of(s.host) / s.address;
  s.pid = static_cast<pid_t>(s.host.ok("spawn_server " + s.address).number(0));
  Reply ready = s.host.call("server_ready " + std::to_string(s.pid) + " 5000", 10s);
  if (!ready.ok) {
    abort_test(Outcome::failed,
               trf(
                   // TRANSLATORS: serve("ADDRESS", ready_fd) in a child process: WHY IT FAILED.
                   "serve(\"{}\", ready_fd) in a child process: {}", s.address, ready.message) +
                   s.host.printed());
  }
  if (ready.word(0) != "1") {
    abort_test(Outcome::failed,
               tr("serve() did not write its ready byte to ready_fd within 5 s: once "
                  "listen_socket() has returned, write one byte to ready_fd and close it.\n") +
                   diagnosis());
  }
  if (!std::filesystem::exists(s.path)) {
    abort_test(Outcome::failed,
               trf("serve() wrote its ready byte, but no socket file exists at {} yet: call "
                   "listen_socket(address) first, then say ready",
                   s.address));
  }
  return s;
}

Driver client_driver(Build build, const std::string& address) {
  Driver driver = Driver::start(build);
  driver.ok("dict d " + address);
  driver.ok("list l " + address);
  return driver;
}

std::map<std::string, std::string> as_dict(const std::vector<std::string>& words,
                                           std::size_t first) {
  std::map<std::string, std::string> dict;
  for (std::size_t i = first; i + 1 < words.size(); i += 2)
    dict[words[i]] = words[i + 1];
  return dict;
}

std::vector<std::string> ok_words(const std::string& reply) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < reply.size()) {
    std::size_t end = reply.find(' ', start);
    if (end == std::string::npos) end = reply.size();
    if (end > start) words.push_back(reply.substr(start, end - start));
    start = end + 1;
  }
  if (words.empty() || words[0] != "ok") {
    abort_test(Outcome::failed,
               trf("expected a reply \"ok ...\", got \"{}\"", reply.substr(0, 200)));
  }
  words.erase(words.begin());
  return words;
}

std::string leftover_children(const Driver& driver, std::chrono::milliseconds grace) {
  const auto deadline = Clock::now() + grace;
  std::vector<ipclab::exec::ProcessInfo> left;
  do {
    left = ipclab::exec::descendants(ipclab::exec::list_processes(), driver.pid());
    if (left.empty()) return "";
    std::this_thread::sleep_for(20ms);
  } while (Clock::now() < deadline);
  std::string text;
  for (const auto& p : left) {
    text +=
        // TRANSLATORS: pid 12 (child of 7) ...; the last {} says what it does ("sleeps in read()").
        "\n    " + (p.state == 'Z'
                        ? trf("pid {} (child of {}) has exited but is a zombie: its parent never "
                              "waitpid()ed it",
                              p.pid, p.ppid)
                        : trf("pid {} (child of {}) is still running: {}", p.pid, p.ppid,
                              ipclab::harness::activity_words(p)));
  }
  return text;
}

std::string hammer_value(std::int64_t id, std::int64_t round, std::size_t size, bool shortened) {
  const std::int64_t tag = id * 1000000 + round;
  if (size == 0) return "i:" + std::to_string(tag);
  ipclab::Bytes text = ipclab::pattern(size, static_cast<std::uint32_t>(tag));
  if (shortened && size > 200) {
    return "s#" + std::to_string(size) + "#" + ipclab::digest(text);
  }
  return "s:" + ipclab::to_hex(text);
}

void hammer_all(std::vector<Driver>& clients, std::int64_t rounds, std::size_t size) {
  for (std::size_t i = 0; i < clients.size(); ++i) {
    clients[i].post("hammer d l " + std::to_string(i + 1) + " " + std::to_string(rounds) + " " +
                    std::to_string(size));
  }
  for (std::size_t i = 0; i < clients.size(); ++i) {
    Reply done = clients[i].await_reply(60s);
    if (done.ok) continue;
    std::string dead = done.kind == "ServerGone" ? dead_process() : "";
    std::string why =
        done.kind == "NotImplemented" ? ""
        : !dead.empty()
            ? trf("\nDiagnosis: a process of the test died. The server died in the middle of the "
                  "work: {}.\nThreads that use the store at the same time without holding "
                  "server.lock corrupt it.",
                  dead)
        : done.kind == "ServerGone"
            ? tr("\nThe server closed the connection in the middle of the work: it probably "
                 "crashed. Threads that use the store at the same time without holding "
                 "server.lock corrupt it.")
            : tr("\nSeveral clients were working at once: a server whose threads use the store "
                 "without holding server.lock can answer wrongly.");
    // TRANSLATORS: client N (your driver) failed ...: KIND: MESSAGE.
    abort_test(Outcome::failed, trf("client {} ({}) failed in the middle of its requests: {}: {}",
                                    i + 1, clients[i].label(), done.kind, done.message) +
                                    why + clients[i].printed());
  }
}

namespace {

std::string first_few(const std::vector<std::string>& problems) {
  std::string text;
  for (std::size_t i = 0; i < problems.size() && i < 5; ++i)
    text += "\n    " + problems[i];
  if (problems.size() > 5) text += "\n    " + trf("... and {} more", problems.size() - 5);
  return text;
}

/// Each client's appended tags must be there, once each, in the order it sent them.
void expect_list(const std::vector<std::string>& list, std::size_t clients, std::int64_t rounds,
                 const std::string& server) {
  const std::size_t total = clients * static_cast<std::size_t>(rounds);
  IPCLAB_EXPECT(list.size() == total)
      << (list.size() < total
              ? trf(
                    // TRANSLATORS: N clients appended R items each at the same time: the list of
                    // SERVER ("your server") must hold T items, it holds H.
                    "{} clients appended {} items each at the same time: the list of {} must hold "
                    "{} items, it holds {}: appends were lost (hold server.lock around every "
                    "request)",
                    clients, rounds, server, total, list.size())
              : trf("{} clients appended {} items each at the same time: the list of {} must hold "
                    "{} items, it holds {}",
                    clients, rounds, server, total, list.size()));
  std::map<std::int64_t, std::vector<std::int64_t>> rounds_of;
  for (const std::string& word : list) {
    std::int64_t tag = word.rfind("i:", 0) == 0 ? std::atoll(word.c_str() + 2) : -1;
    rounds_of[tag / 1000000].push_back(tag % 1000000);
  }
  if (list.size() != total) return;  // the order check below would only repeat it
  std::string out_of_order;
  std::size_t wrong_clients = 0;
  for (std::size_t id = 1; id <= clients; ++id) {
    std::vector<std::int64_t> want(static_cast<std::size_t>(rounds));
    for (std::int64_t r = 0; r < rounds; ++r)
      want[static_cast<std::size_t>(r)] = r;
    if (rounds_of[static_cast<std::int64_t>(id)] == want) continue;
    out_of_order += (out_of_order.empty() ? "" : " ") + std::to_string(id);
    ++wrong_clients;
  }
  IPCLAB_EXPECT(out_of_order.empty()) << trnf(
      // TRANSLATORS: the client numbers: "3" or "3 5 6".
      "the items appended by client {} are not all in the list once, in the order it sent them",
      "the items appended by clients {} are not all in the list once, in the order each client "
      "sent them",
      wrong_clients, out_of_order);
}

}  // namespace

void expect_hammered(RawClient& raw, std::size_t clients, std::int64_t rounds, std::size_t size,
                     const std::string& server, std::size_t other_keys) {
  const std::int64_t total = static_cast<std::int64_t>(clients) * rounds;
  const std::string shared = raw.call("dict_get shared");
  IPCLAB_EXPECT(shared == "ok i:" + std::to_string(total)) << trf(
      // TRANSLATORS: N clients each added 1 to 'shared' R times at the same time; SERVER ("your
      // server") answers "REPLY" instead of "ok i:TOTAL": ...
      "{} clients each added 1 to 'shared' {} times at the same time; {} answers \"{}\" instead "
      "of \"ok i:{}\": updates were lost. Hold server.lock while a request uses the store, so "
      "that each dict_add is one atomic step",
      clients, rounds, server, shared.substr(0, 80), total);
  auto dict = as_dict(ok_words(raw.call("dict_items", 30s)), 0);
  std::vector<std::string> wrong;
  for (std::size_t id = 1; id <= clients; ++id) {
    for (std::int64_t round = 0; round < rounds; ++round) {
      std::string key = "c" + std::to_string(id) + "_" + std::to_string(round);
      auto it = dict.find(key);
      if (it == dict.end())
        wrong.push_back(trf("{} is missing", key));
      else if (it->second != hammer_value(static_cast<std::int64_t>(id), round, size, false))
        wrong.push_back(trf("{} holds another value: {}", key, it->second.substr(0, 40)));
    }
  }
  IPCLAB_EXPECT(wrong.empty())
      << trf("after {} clients each set {} keys of their own at the same time, {} does not hold "
             "what they set:",
             clients, rounds, server)
      << first_few(wrong);
  const std::size_t keys = static_cast<std::size_t>(total) + 1 + other_keys;
  IPCLAB_EXPECT(dict.size() == keys)
      << trf("the dict must hold exactly {} keys, {} holds {}", keys, server, dict.size());
  expect_list(ok_words(raw.call("list_items", 30s)), clients, rounds, server);
}

}  // namespace mgr_harness
