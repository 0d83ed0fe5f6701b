// Reference implementation of the manager server: the oracle the harness
// pairs student clients with. Written independently of the model answer.
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <thread>

#include "manager.hpp"

namespace ipclab::manager {
namespace {

using Words = std::vector<std::string>;
using namespace std::chrono_literals;

std::string error(const std::string& kind, const std::string& message) {
  return "error " + kind + " " + message;
}

void arity(const Words& w, std::size_t args) {
  if (w.size() != args + 1) {
    throw std::invalid_argument(w[0] + " takes " + std::to_string(args) + " argument(s), got " +
                                std::to_string(w.size() - 1));
  }
}

/// The position of Python-style `index` in a list of `size`, if in range.
std::optional<std::size_t> position(std::int64_t index, std::size_t size) {
  std::int64_t n = static_cast<std::int64_t>(size);
  if (index < 0) index += n;
  if (index < 0 || index >= n) return std::nullopt;
  return static_cast<std::size_t>(index);
}

std::string items(const Dict& dict) {
  std::string reply = "ok";
  for (const auto& [key, value] : dict)
    reply += " " + key + " " + encode_value(value);
  return reply;
}

std::string items(const List& list) {
  std::string reply = "ok";
  for (const Value& value : list)
    reply += " " + encode_value(value);
  return reply;
}

std::string add(Store& store, const std::string& key, std::int64_t delta) {
  std::int64_t old = 0;
  if (std::optional<Value> found = store.find(key)) {
    const auto* number = std::get_if<std::int64_t>(&*found);
    if (number == nullptr) return error("TypeError", key + " does not hold an integer");
    old = *number;
  }
  // Wrap around instead of overflowing (undefined behaviour for signed integers).
  auto sum = static_cast<std::int64_t>(static_cast<std::uint64_t>(old) +
                                       static_cast<std::uint64_t>(delta));
  store.put(key, sum);
  return "ok " + std::to_string(sum);
}

std::string dict_op(Store& store, const Words& w) {
  const std::string& op = w[0];
  if (op == "dict_get") {
    arity(w, 1);
    std::optional<Value> found = store.find(w[1]);
    return found ? "ok " + encode_value(*found) : error("KeyError", w[1]);
  }
  if (op == "dict_set") {
    arity(w, 2);
    store.put(w[1], decode_value(w[2]));
    return "ok";
  }
  if (op == "dict_add") {
    arity(w, 2);
    return add(store, w[1], parse_int(w[2]));
  }
  if (op == "dict_contains") {
    arity(w, 1);
    return store.find(w[1]) ? "ok 1" : "ok 0";
  }
  if (op == "dict_size") {
    arity(w, 0);
    return "ok " + std::to_string(store.dict_size());
  }
  arity(w, 0);
  return items(store.dict());
}

std::string list_op(Store& store, const Words& w) {
  const std::string& op = w[0];
  if (op == "list_append") {
    arity(w, 1);
    store.append(decode_value(w[1]));
    return "ok";
  }
  if (op == "list_get" || op == "list_set") {
    arity(w, op == "list_get" ? 1 : 2);
    std::int64_t index = parse_int(w[1]);
    Value value = op == "list_set" ? decode_value(w[2]) : Value{};
    std::optional<std::size_t> at = position(index, store.list_size());
    if (!at) return error("IndexError", "list index " + w[1] + " out of range");
    if (op == "list_get") return "ok " + encode_value(store.at(*at));
    store.replace(*at, std::move(value));
    return "ok";
  }
  if (op == "list_size") {
    arity(w, 0);
    return "ok " + std::to_string(store.list_size());
  }
  arity(w, 0);
  return items(store.list());
}

}  // namespace

std::string handle_request(Store& store, const std::string& request) {
  Words w = split_words(request);
  if (w.empty()) return error("BadRequest", "empty request");
  try {
    const std::string& op = w[0];
    if (op == "dict_get" || op == "dict_set" || op == "dict_add" || op == "dict_contains" ||
        op == "dict_size" || op == "dict_items") {
      return dict_op(store, w);
    }
    if (op == "list_append" || op == "list_get" || op == "list_set" || op == "list_size" ||
        op == "list_items") {
      return list_op(store, w);
    }
    if (op == "shutdown") {
      arity(w, 0);
      return "ok";
    }
    return error("BadRequest", "unknown operation '" + op.substr(0, 40) + "'");
  } catch (const std::invalid_argument& e) {
    return error("BadRequest", e.what());
  }
}

void serve_client(Server& server, int client_fd) {
  try {
    while (std::optional<std::string> request = recv_frame(client_fd)) {
      std::string reply;
      {
        std::lock_guard<std::mutex> hold(server.lock);
        reply = handle_request(server.store, *request);
      }
      bool stop = reply == "ok" && split_words(*request) == Words{"shutdown"};
      bool sent = send_frame(client_fd, reply);
      if (stop) server.stopping = true;
      if (!sent) break;
    }
  } catch (const std::exception&) {
    // A broken connection ends this client only.
  }
  ::close(client_fd);
}

void serve(const std::string& address, int ready_fd) {
  int listen_fd = listen_socket(address);
  if (ready_fd >= 0) {
    char byte = 'r';
    while (::write(ready_fd, &byte, 1) < 0 && errno == EINTR) {
    }
    ::close(ready_fd);
  }
  auto server = std::make_shared<Server>();
  try {
    while (!server->stopping) {
      int fd = accept_client(listen_fd, 50ms);
      if (fd < 0) continue;
      try {
        std::thread([server, fd] { serve_client(*server, fd); }).detach();
      } catch (const std::system_error&) {
        ::close(fd);  // no thread for this client: it sees the connection close
      }
    }
  } catch (...) {
    ::close(listen_fd);
    ::unlink(address.c_str());
    throw;
  }
  ::close(listen_fd);
  ::unlink(address.c_str());
}

}  // namespace ipclab::manager
