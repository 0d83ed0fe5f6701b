// Manager results collector, part 2: the client side -- model answer.
//
// A proxy does no work itself: each method turns into one request, sent to
// the server over the proxy's connection, and waits for one reply.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>

#include "manager.hpp"

namespace ipclab::manager {
namespace {

using Words = std::vector<std::string>;

/// Throws the exception that matches an error reply "error <Kind> <message>".
[[noreturn]] void throw_error_reply(const Words& words) {
  std::string kind = words.size() > 1 ? words[1] : "(no kind)";
  std::string message;
  for (std::size_t i = 2; i < words.size(); ++i)
    message += (i > 2 ? " " : "") + words[i];
  if (kind == "KeyError") throw KeyError(message);
  if (kind == "IndexError") throw IndexError(message);
  if (kind == "TypeError") throw TypeError(message);
  throw RemoteError(kind + ": " + message);
}

/// The single word of a reply like "ok i:7".
const std::string& single_word(const Words& words) {
  if (words.size() != 1) throw RemoteError("expected a reply of one word");
  return words[0];
}

/// Waits for a child process, retrying when a signal interrupts waitpid().
int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

// ---- the connection ----------------------------------------------------------

std::vector<std::string> Client::call(const std::string& request) {
  // Connect on first use; later calls reuse the connection.
  if (fd_ < 0) {
    close();                         // only our copy of the parent's connection
    fd_ = connect_socket(address_);  // throws ServerGone if nobody listens
    owner_ = ::getpid();
  }

  // One request, then one reply. Either step failing means the server has
  // gone (shut down or died): fail at once, never wait or retry.
  if (!send_frame(fd_, request)) {
    close();
    throw ServerGone("the manager server closed the connection");
  }
  std::optional<std::string> reply = recv_frame(fd_);
  if (!reply) {
    close();
    throw ServerGone("the manager server closed the connection");
  }

  Words words = split_words(*reply);
  if (words.empty()) throw RemoteError("the server sent an empty reply");
  if (words[0] != "ok") throw_error_reply(words);
  words.erase(words.begin());  // the words after "ok"
  return words;
}

// ---- DictProxy ---------------------------------------------------------------------

Value DictProxy::get(const std::string& key) {
  check_key(key);
  Words reply = client_.call("dict_get " + key);
  return decode_value(single_word(reply));  // a copy of the server's value
}

void DictProxy::set(const std::string& key, const Value& value) {
  check_key(key);
  client_.call("dict_set " + key + " " + encode_value(value));
}

std::int64_t DictProxy::add(const std::string& key, std::int64_t delta) {
  check_key(key);
  // One request: the server reads, adds and stores while holding its lock.
  Words reply = client_.call("dict_add " + key + " " + std::to_string(delta));
  return parse_int(single_word(reply));
}

bool DictProxy::contains(const std::string& key) {
  check_key(key);
  return single_word(client_.call("dict_contains " + key)) == "1";
}

std::size_t DictProxy::size() {
  return static_cast<std::size_t>(parse_int(single_word(client_.call("dict_size"))));
}

Dict DictProxy::copy() {
  Words reply = client_.call("dict_items");  // KEY VALUE KEY VALUE ...
  if (reply.size() % 2 != 0) throw RemoteError("dict_items: a key without a value");
  Dict dict;
  for (std::size_t i = 0; i < reply.size(); i += 2)
    dict[reply[i]] = decode_value(reply[i + 1]);
  return dict;
}

// ---- ListProxy ---------------------------------------------------------------------

void ListProxy::append(const Value& value) {
  client_.call("list_append " + encode_value(value));
}

Value ListProxy::get(std::int64_t index) {
  return decode_value(single_word(client_.call("list_get " + std::to_string(index))));
}

void ListProxy::set(std::int64_t index, const Value& value) {
  client_.call("list_set " + std::to_string(index) + " " + encode_value(value));
}

std::size_t ListProxy::size() {
  return static_cast<std::size_t>(parse_int(single_word(client_.call("list_size"))));
}

List ListProxy::copy() {
  List list;
  for (const std::string& word : client_.call("list_items"))
    list.push_back(decode_value(word));
  return list;
}

// ---- Manager -----------------------------------------------------------------------

void Manager::start() {
  // The server writes one byte to this pipe once it listens. Without it we
  // could return before the server listens, and the first call would fail.
  int ready[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe2");
  }
  std::fflush(nullptr);  // or buffered output would be printed twice
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(ready[0]);
    ::close(ready[1]);
    throw std::system_error(errno, std::generic_category(), "fork");
  }

  if (pid == 0) {
    // The server process: serve, then end here. Never return into the
    // caller's code: this process is a copy of it.
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

  // The parent: wait for the ready byte. Closing our copy of the write end
  // first matters: if the server dies, read() then returns 0 instead of waiting.
  ::close(ready[1]);
  char byte = 0;
  ssize_t n = 0;
  do {
    n = ::read(ready[0], &byte, 1);
  } while (n < 0 && errno == EINTR);
  ::close(ready[0]);
  if (n != 1) {
    wait_for(pid);  // it has ended (or is ending): collect it, leave no zombie
    throw std::runtime_error("the manager server could not start at " + address_);
  }
  server_pid_ = pid;
}

void Manager::shutdown() {
  if (server_pid_ <= 0) return;  // never started, or stopped already
  try {
    Client(address_).call("shutdown");
  } catch (const ServerGone&) {
    // It has died already: there is nothing to ask, only a process to collect.
  }
  wait_for(server_pid_);
  server_pid_ = -1;
}

}  // namespace ipclab::manager
