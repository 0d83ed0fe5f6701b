// Manager results collector, part 1: the server. Your file: replace every
// `throw NotImplemented(...)` with an implementation. The contracts are in
// manager.hpp; README.md has the wire format and walks through them.
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <system_error>
#include <thread>

#include "manager.hpp"

namespace ipclab::manager {

std::string handle_request(Store& store, const std::string& request) {
  // TODO: words = split_words(request); look at words[0] (the op) and check
  // that the number of words is right. Then, for example:
  //   "dict_get KEY"        -> "ok " + encode_value(value), or "error KeyError KEY"
  //   "dict_add KEY DELTA"  -> read the old value (missing: 0), store old + delta,
  //                            reply "ok <new value>" -- the whole read-modify-write
  //                            happens here, in one request: that makes it atomic
  //   "list_get INDEX"      -> a negative index counts from the end; out of range:
  //                            "error IndexError ..."
  //   "shutdown"            -> "ok"
  // Anything wrong (unknown op, wrong number of words, a word that is not an
  // integer or a value): "error BadRequest <why>". parse_int() and
  // decode_value() throw std::invalid_argument on bad words: catch it here,
  // handle_request() must never throw.
  (void)store;
  (void)request;
  throw NotImplemented("handle_request");
}

void serve_client(Server& server, int client_fd) {
  // TODO: loop: request = recv_frame(client_fd); std::nullopt means the client
  // has gone: stop. Lock server.lock (std::lock_guard) only around handle_request(),
  // then send_frame() the reply. After replying to "shutdown", set
  // server.stopping = true. Finally ::close(client_fd).
  // This runs in its own thread: an exception escaping it would end the whole
  // server process (std::terminate), so catch what recv_frame()/send_frame() throw.
  (void)server;
  (void)client_fd;
  throw NotImplemented("serve_client");
}

void serve(const std::string& address, int ready_fd) {
  // TODO:
  //  1. int listen_fd = listen_socket(address);
  //  2. if ready_fd >= 0: ::write() one byte to it, then ::close(ready_fd).
  //  3. auto server = std::make_shared<Server>();   (shared by every thread)
  //  4. until server->stopping:
  //       int fd = accept_client(listen_fd, std::chrono::milliseconds(100));
  //       (-1: nobody came in time -- look at stopping again); otherwise start
  //       std::thread([server, fd] { serve_client(*server, fd); }) and detach() it.
  //  5. ::close(listen_fd) and ::unlink(address.c_str()).
  (void)address;
  (void)ready_fd;
  throw NotImplemented("serve");
}

}  // namespace ipclab::manager
