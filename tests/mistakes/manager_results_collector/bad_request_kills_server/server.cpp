// Manager results collector, part 1: the server -- model answer.
//
// The server is one process that owns the data (a Store: a dict and a list).
// Every client has its own connection and its own thread in the server. A
// thread receives one request, applies it to the store while holding the
// server's lock, and sends back one reply. Because the lock is held for the
// whole request, each request is atomic: "dict_add done 1" reads, adds and
// stores without any other request slipping in between.
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <system_error>
#include <thread>

#include "manager.hpp"

namespace ipclab::manager {
namespace {

using Words = std::vector<std::string>;

/// Thrown inside handle_request() for a request that is not valid; turned
/// into an "error BadRequest" reply at the end.
class BadRequest : public std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// Checks that the request has exactly `count` words after the operation.
void expect_arguments(const Words& words, std::size_t count) {
  if (words.size() != count + 1) {
    throw BadRequest(words[0] + " needs " + std::to_string(count) + " argument(s)");
  }
}

/// Turns a Python-style index (negative counts from the end) into a position
/// in a list of `size` items. Returns false when it is out of range.
bool list_position(std::int64_t index, std::size_t size, std::size_t& position) {
  const std::int64_t length = static_cast<std::int64_t>(size);
  if (index < 0) index += length;  // l[-1] is the last item
  if (index < 0 || index >= length) return false;
  position = static_cast<std::size_t>(index);
  return true;
}

// ---- one function per operation --------------------------------------------

std::string dict_get(Store& store, const Words& words) {
  expect_arguments(words, 1);
  std::optional<Value> value = store.find(words[1]);
  if (!value) return "error KeyError " + words[1];  // never invent a default value
  return "ok " + encode_value(*value);
}

std::string dict_set(Store& store, const Words& words) {
  expect_arguments(words, 2);
  store.put(words[1], decode_value(words[2]));
  return "ok";
}

std::string dict_add(Store& store, const Words& words) {
  expect_arguments(words, 2);
  const std::string& key = words[1];
  std::int64_t delta = parse_int(words[2]);
  // Read, add, store: safe because the caller holds the lock for all three.
  std::int64_t old_value = 0;  // a missing key counts as 0
  if (std::optional<Value> value = store.find(key)) {
    if (!std::holds_alternative<std::int64_t>(*value)) {
      return "error TypeError " + key + " does not hold an integer";
    }
    old_value = std::get<std::int64_t>(*value);
  }
  std::int64_t new_value = old_value + delta;
  store.put(key, new_value);
  return "ok " + std::to_string(new_value);
}

std::string dict_contains(Store& store, const Words& words) {
  expect_arguments(words, 1);
  return store.find(words[1]) ? "ok 1" : "ok 0";
}

std::string dict_items(Store& store, const Words& words) {
  expect_arguments(words, 0);
  std::string reply = "ok";
  for (const auto& [key, value] : store.dict())  // a std::map: keys in increasing order
    reply += " " + key + " " + encode_value(value);
  return reply;
}

std::string list_get(Store& store, const Words& words) {
  expect_arguments(words, 1);
  std::size_t position = 0;
  if (!list_position(parse_int(words[1]), store.list_size(), position)) {
    return "error IndexError list index out of range";
  }
  return "ok " + encode_value(store.at(position));
}

std::string list_set(Store& store, const Words& words) {
  expect_arguments(words, 2);
  std::int64_t index = parse_int(words[1]);
  Value value = decode_value(words[2]);  // check the value before changing anything
  std::size_t position = 0;
  if (!list_position(index, store.list_size(), position)) {
    return "error IndexError list assignment index out of range";
  }
  store.replace(position, value);
  return "ok";
}

std::string list_items(Store& store, const Words& words) {
  expect_arguments(words, 0);
  std::string reply = "ok";
  for (const Value& value : store.list())
    reply += " " + encode_value(value);
  return reply;
}

/// Picks the function for the operation in words[0].
std::string dispatch(Store& store, const Words& words) {
  const std::string& op = words[0];
  if (op == "dict_get") return dict_get(store, words);
  if (op == "dict_set") return dict_set(store, words);
  if (op == "dict_add") return dict_add(store, words);
  if (op == "dict_contains") return dict_contains(store, words);
  if (op == "dict_size") {
    expect_arguments(words, 0);
    return "ok " + std::to_string(store.dict_size());
  }
  if (op == "dict_items") return dict_items(store, words);
  if (op == "list_append") {
    expect_arguments(words, 1);
    store.append(decode_value(words[1]));
    return "ok";
  }
  if (op == "list_get") return list_get(store, words);
  if (op == "list_set") return list_set(store, words);
  if (op == "list_size") {
    expect_arguments(words, 0);
    return "ok " + std::to_string(store.list_size());
  }
  if (op == "list_items") return list_items(store, words);
  if (op == "shutdown") {
    expect_arguments(words, 0);
    return "ok";  // serve_client() does the stopping, after sending this reply
  }
  throw BadRequest("unknown operation " + op);
}

/// True for the request that asks the server to stop.
bool is_shutdown(const std::string& request) {
  return split_words(request) == Words{"shutdown"};
}

}  // namespace

std::string handle_request(Store& store, const std::string& request) {
  Words words = split_words(request);
  if (words.empty()) return "error BadRequest empty request";
  try {
    return dispatch(store, words);
  } catch (const BadRequest& e) {
    return std::string("error BadRequest ") + e.what();
  }
}

void serve_client(Server& server, int client_fd) {
  for (;;) {
    std::optional<std::string> request = recv_frame(client_fd);
    if (!request) break;  // the client has disconnected
    std::string reply;
    {
      std::lock_guard<std::mutex> guard(server.lock);
      reply = handle_request(server.store, *request);
    }
    bool sent = send_frame(client_fd, reply);
    if (reply == "ok" && is_shutdown(*request)) {
      server.stopping = true;  // serve()'s accept loop sees it and ends
      break;
    }
    if (!sent) break;  // the client has gone
  }
  ::close(client_fd);
}

void serve(const std::string& address, int ready_fd) {
  int listen_fd = listen_socket(address);

  // Tell the process that started us that clients can connect now.
  if (ready_fd >= 0) {
    char ready = 'R';
    while (::write(ready_fd, &ready, 1) < 0 && errno == EINTR) {
    }
    ::close(ready_fd);
  }

  // Shared by every client thread. A shared_ptr keeps it alive for threads
  // that are still running when serve() returns.
  auto server = std::make_shared<Server>();
  while (!server->stopping) {
    // Wait at most 100 ms, so that we notice `stopping` soon after "shutdown".
    int client_fd = accept_client(listen_fd, std::chrono::milliseconds(100));
    if (client_fd < 0) continue;
    // One thread per client, like Python's manager server. detach(): we never
    // join them; they end when their client disconnects, or when the server
    // process ends (_exit() right after serve() returns).
    std::thread([server, client_fd] { serve_client(*server, client_fd); }).detach();
  }

  ::close(listen_fd);
  ::unlink(address.c_str());  // leave no socket file behind
}

}  // namespace ipclab::manager
