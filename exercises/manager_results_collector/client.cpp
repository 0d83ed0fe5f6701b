// Manager results collector, part 2: the client side -- the connection, the
// proxies and the Manager. Your file: replace every `throw NotImplemented(...)`
// with an implementation. The contracts are in manager.hpp.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>

#include "manager.hpp"

namespace ipclab::manager {

// ---- the connection ----------------------------------------------------------

std::vector<std::string> Client::call(const std::string& request) {
  // TODO:
  //  1. Not connected (fd_ < 0), or connected by another process
  //     (owner_ != ::getpid(): we are a child made by fork())? Then close() the
  //     old descriptor, fd_ = connect_socket(address_), owner_ = ::getpid().
  //  2. send_frame(fd_, request); false means the server has gone: ServerGone.
  //  3. reply = recv_frame(fd_); std::nullopt means the server has gone: ServerGone.
  //     (Never wait or retry: a call to a dead server fails at once.)
  //  4. words = split_words(*reply). "ok ..." -> return the words after "ok".
  //     "error KeyError ..." -> throw KeyError(message); likewise IndexError and
  //     TypeError; any other error kind -> throw RemoteError(kind + ": " + message).
  (void)request;
  throw NotImplemented("Client::call");
}

// ---- DictProxy: each method is one request (see the table in README.md) ------

Value DictProxy::get(const std::string& key) {
  // TODO: check_key(key); words = client_.call("dict_get " + key);
  // return decode_value(words.at(0)).
  (void)key;
  throw NotImplemented("DictProxy::get");
}

void DictProxy::set(const std::string& key, const Value& value) {
  // TODO: "dict_set KEY VALUE", the value written with encode_value().
  (void)key;
  (void)value;
  throw NotImplemented("DictProxy::set");
}

std::int64_t DictProxy::add(const std::string& key, std::int64_t delta) {
  // TODO: "dict_add KEY DELTA"; the reply is the new value (parse_int()).
  (void)key;
  (void)delta;
  throw NotImplemented("DictProxy::add");
}

bool DictProxy::contains(const std::string& key) {
  // TODO: "dict_contains KEY"; the reply is 1 or 0.
  (void)key;
  throw NotImplemented("DictProxy::contains");
}

std::size_t DictProxy::size() {
  // TODO: "dict_size".
  throw NotImplemented("DictProxy::size");
}

Dict DictProxy::copy() {
  // TODO: "dict_items"; the reply is KEY VALUE KEY VALUE ...
  throw NotImplemented("DictProxy::copy");
}

// ---- ListProxy -----------------------------------------------------------------

void ListProxy::append(const Value& value) {
  // TODO: "list_append VALUE".
  (void)value;
  throw NotImplemented("ListProxy::append");
}

Value ListProxy::get(std::int64_t index) {
  // TODO: "list_get INDEX" (the server handles negative indexes).
  (void)index;
  throw NotImplemented("ListProxy::get");
}

void ListProxy::set(std::int64_t index, const Value& value) {
  // TODO: "list_set INDEX VALUE".
  (void)index;
  (void)value;
  throw NotImplemented("ListProxy::set");
}

std::size_t ListProxy::size() {
  // TODO: "list_size".
  throw NotImplemented("ListProxy::size");
}

List ListProxy::copy() {
  // TODO: "list_items"; the reply is VALUE VALUE ...
  throw NotImplemented("ListProxy::copy");
}

// ---- Manager -----------------------------------------------------------------------

void Manager::start() {
  // TODO:
  //  1. int ready[2]; ::pipe2(ready, O_CLOEXEC): the server tells us it listens.
  //  2. std::fflush(nullptr); then fork().
  //  3. Child: close the read end; serve(address_, write end); end with
  //     _exit(0) (_exit(1) if serve() threw) -- never return.
  //  4. Parent: close the write end; read() one byte from the read end (retry
  //     on EINTR). No byte (read() returned 0): the server failed -- waitpid()
  //     it and throw std::runtime_error. Otherwise server_pid_ = the child.
  throw NotImplemented("Manager::start");
}

void Manager::shutdown() {
  // TODO: if server_pid_ <= 0, return. Otherwise send "shutdown" with a
  // Client(address_) (ServerGone is fine: the server may have died already),
  // then waitpid() the server (retry on EINTR) and set server_pid_ = -1.
  throw NotImplemented("Manager::shutdown");
}

}  // namespace ipclab::manager
