// Reference implementation of the manager's client side: connection, proxies,
// Manager. Written independently of the model answer.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <system_error>
#include <thread>

#include "manager.hpp"

namespace ipclab::manager {
namespace {

using Words = std::vector<std::string>;

[[noreturn]] void throw_error(const std::string& reply, const Words& w) {
  std::string kind = w.size() > 1 ? w[1] : "BadReply";
  std::size_t start = reply.find(' ', reply.find(' ') + 1);
  std::string message = start == std::string::npos ? "" : reply.substr(start + 1);
  if (kind == "KeyError") throw KeyError(message);
  if (kind == "IndexError") throw IndexError(message);
  if (kind == "TypeError") throw TypeError(message);
  throw RemoteError(kind + ": " + message);
}

const std::string& only(const Words& w) {
  if (w.size() != 1)
    throw RemoteError("BadReply: expected one word, got " + std::to_string(w.size()));
  return w[0];
}

/// Waits up to `timeout` for `pid`; true once reaped.
bool reap(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    pid_t done = ::waitpid(pid, nullptr, WNOHANG);
    if (done == pid || (done < 0 && errno == ECHILD)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace

std::vector<std::string> Client::call(const std::string& request) {
  if (fd_ < 0 || owner_ != ::getpid()) {
    close();
    fd_ = connect_socket(address_);
    owner_ = ::getpid();
  }
  std::optional<std::string> reply;
  if (send_frame(fd_, request)) reply = recv_frame(fd_);
  if (!reply) {
    close();
    throw ServerGone("the manager server at " + address_ + " closed the connection");
  }
  Words w = split_words(*reply);
  if (!w.empty() && w[0] == "ok") return Words(w.begin() + 1, w.end());
  throw_error(*reply, w);
}

Value DictProxy::get(const std::string& key) {
  check_key(key);
  return decode_value(only(client_.call("dict_get " + key)));
}

void DictProxy::set(const std::string& key, const Value& value) {
  check_key(key);
  client_.call("dict_set " + key + " " + encode_value(value));
}

std::int64_t DictProxy::add(const std::string& key, std::int64_t delta) {
  check_key(key);
  return parse_int(only(client_.call("dict_add " + key + " " + std::to_string(delta))));
}

bool DictProxy::contains(const std::string& key) {
  check_key(key);
  return only(client_.call("dict_contains " + key)) == "1";
}

std::size_t DictProxy::size() {
  return static_cast<std::size_t>(parse_int(only(client_.call("dict_size"))));
}

Dict DictProxy::copy() {
  Words w = client_.call("dict_items");
  if (w.size() % 2 != 0) throw RemoteError("BadReply: dict_items gave an odd number of words");
  Dict dict;
  for (std::size_t i = 0; i < w.size(); i += 2)
    dict.emplace(w[i], decode_value(w[i + 1]));
  return dict;
}

void ListProxy::append(const Value& value) {
  client_.call("list_append " + encode_value(value));
}

Value ListProxy::get(std::int64_t index) {
  return decode_value(only(client_.call("list_get " + std::to_string(index))));
}

void ListProxy::set(std::int64_t index, const Value& value) {
  client_.call("list_set " + std::to_string(index) + " " + encode_value(value));
}

std::size_t ListProxy::size() {
  return static_cast<std::size_t>(parse_int(only(client_.call("list_size"))));
}

List ListProxy::copy() {
  List list;
  for (const std::string& word : client_.call("list_items"))
    list.push_back(decode_value(word));
  return list;
}

void Manager::start() {
  if (server_pid_ > 0) throw std::logic_error("Manager::start: the server is running already");
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe2");
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    int error = errno;
    ::close(ready[0]);
    ::close(ready[1]);
    throw std::system_error(error, std::generic_category(), "fork");
  }
  if (pid == 0) {
    ::close(ready[0]);
    int code = 0;
    try {
      serve(address_, ready[1]);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "manager server: %s\n", e.what());
      code = 1;
    }
    std::fflush(nullptr);
    ::_exit(code);
  }
  ::close(ready[1]);
  char byte = 0;
  ssize_t n;
  while ((n = ::read(ready[0], &byte, 1)) < 0 && errno == EINTR) {
  }
  ::close(ready[0]);
  if (n != 1) {
    if (!reap(pid, std::chrono::seconds(2))) {
      ::kill(pid, SIGKILL);
      reap(pid, std::chrono::seconds(2));
    }
    throw std::runtime_error("the manager server failed to start at " + address_);
  }
  server_pid_ = pid;
}

void Manager::shutdown() {
  if (server_pid_ <= 0) return;
  try {
    Client(address_).call("shutdown");
  } catch (const std::exception&) {
    // Gone already, or not answering: it is stopped below either way.
  }
  // Like Python's Manager: give the server a moment, then end it.
  if (!reap(server_pid_, std::chrono::seconds(3))) {
    ::kill(server_pid_, SIGKILL);
    reap(server_pid_, std::chrono::seconds(3));
  }
  server_pid_ = -1;
}

}  // namespace ipclab::manager
