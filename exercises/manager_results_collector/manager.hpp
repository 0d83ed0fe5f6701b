#pragma once
// Manager results collector: a manager server process that owns a dict and a
// list, and proxies that other processes use to reach them, like Python's
// multiprocessing.Manager():
//
//     with Manager() as m:              # starts the server process
//         results = m.dict()            # a proxy: every call is one request
//         results["a"] = 1              #   and one reply over a socket
//
// The server keeps the data; a proxy keeps only the server's address and its
// connection. A value you get() through a proxy is a copy: changing it changes
// nothing on the server until you set() it back.
//
// You implement the functions marked "you implement" in server.cpp, client.cpp
// and collector.cpp. Everything else is provided; do not change this header.

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "protocol.hpp"

namespace ipclab::manager {

// ============================ the server side ================================

/// The data one server owns: a dict and a list. Like std::map and std::vector
/// it is NOT safe to use from two threads at once: hold Server::lock around
/// every request. (In grading builds each call also pauses for a moment, so
/// threads that skip the lock really do collide.) Provided (store.cpp).
class Store {
 public:
  /// The dict's value for `key`, or std::nullopt if it has none.
  std::optional<Value> find(const std::string& key) const;
  /// Sets the dict's value for `key` (adding the key if it is new).
  void put(const std::string& key, Value value);
  std::size_t dict_size() const;
  /// A copy of the whole dict.
  Dict dict() const;

  /// Appends `value` to the list.
  void append(Value value);
  /// List item `index`; requires index < list_size() (std::out_of_range otherwise).
  Value at(std::size_t index) const;
  /// Replaces list item `index`; requires index < list_size().
  void replace(std::size_t index, Value value);
  std::size_t list_size() const;
  /// A copy of the whole list.
  List list() const;

 private:
  Dict dict_;
  List list_;
};

/// What the threads of one server share.
struct Server {
  std::mutex lock;                    ///< hold it while a request uses `store`
  Store store;                        ///< the data
  std::atomic<bool> stopping{false};  ///< set once a client asked for "shutdown"
};

// ---- you implement these (server.cpp) ---------------------------------------

/// Applies one request (a frame's text, e.g. "dict_add done 1") to `store`
/// and returns the reply's text (e.g. "ok 1"). A request that is not valid
/// gets "error BadRequest <why>". Never throws. "shutdown" just gets "ok" here
/// (serve_client() does the stopping). The caller holds the server's lock.
std::string handle_request(Store& store, const std::string& request);

/// Serves one client until it disconnects: receives each request, calls
/// handle_request() while holding server.lock, sends the reply. After replying "ok" to
/// "shutdown", sets server.stopping. Closes client_fd at the end. Never throws.
void serve_client(Server& server, int client_fd);

/// The server: listens at `address`; then, if ready_fd >= 0, writes one byte
/// to ready_fd and closes it (so the process that started the server knows it
/// can connect); then accepts clients, each served by its own thread running
/// serve_client(), until server.stopping is set. Finally closes the listening
/// socket, removes the socket file and returns. Throws std::system_error if it
/// cannot listen.
void serve(const std::string& address, int ready_fd);

// ============================ the client side ================================

/// The connection of one proxy to its server. It connects on the first call,
/// and connects again when used in a process that did not open the connection
/// (a child after fork()): two processes never share a connection. Copying a
/// Client copies only the address.
class Client {
 public:
  explicit Client(std::string address);
  Client(const Client& other);
  Client& operator=(const Client& other);
  Client(Client&& other) noexcept;
  Client& operator=(Client&& other) noexcept;
  ~Client();

  /// You implement (client.cpp): sends `request` as one frame, waits for the
  /// reply, and returns the words after "ok". An error reply throws KeyError,
  /// IndexError or TypeError for those kinds, RemoteError for any other kind.
  /// Throws ServerGone if the server cannot be reached or closes the connection.
  std::vector<std::string> call(const std::string& request);

  const std::string& address() const { return address_; }
  /// Closes the connection (in a child, only its copy of the parent's); the
  /// next call connects again.
  void close();

 private:
  std::string address_;
  int fd_ = -1;      ///< the connection, or -1
  pid_t owner_ = 0;  ///< the process that opened fd_
};

/// A proxy for the server's dict (Python: DictProxy, what Manager.dict() gives).
class DictProxy {
 public:
  explicit DictProxy(std::string address) : client_(std::move(address)) {}

  // ---- you implement these (client.cpp): one call() each -------------------

  /// The value for `key` (a copy). Throws KeyError if the dict has no such key.
  Value get(const std::string& key);
  /// Sets the value for `key`.
  void set(const std::string& key, const Value& value);
  /// Adds `delta` to the integer at `key` in ONE request, so the server does
  /// the read-modify-write atomically; a missing key counts as 0. Returns the
  /// new value. Throws TypeError if the key holds a text or a list.
  std::int64_t add(const std::string& key, std::int64_t delta);
  bool contains(const std::string& key);
  std::size_t size();
  /// A copy of the whole dict.
  Dict copy();

  Client& client() { return client_; }

 private:
  Client client_;
};

/// A proxy for the server's list (Python: ListProxy, what Manager.list() gives).
class ListProxy {
 public:
  explicit ListProxy(std::string address) : client_(std::move(address)) {}

  // ---- you implement these (client.cpp): one call() each -------------------

  void append(const Value& value);
  /// Item `index` (a copy); a negative index counts from the end, like
  /// Python's l[-1]. Throws IndexError if it is out of range.
  Value get(std::int64_t index);
  /// Replaces item `index` (negative counts from the end). Throws IndexError.
  void set(std::int64_t index, const Value& value);
  std::size_t size();
  /// A copy of the whole list.
  List copy();

  Client& client() { return client_; }

 private:
  Client client_;
};

/// Starts and stops a server process (Python: multiprocessing.Manager()).
class Manager {
 public:
  /// A manager whose server will listen at `address`; empty: a fresh
  /// ipclab::unique_name("manager") + ".sock" in the working folder.
  /// Does not start anything: call start().
  explicit Manager(std::string address = "");
  Manager(Manager&& other) noexcept;
  Manager& operator=(Manager&& other) noexcept;
  Manager(const Manager&) = delete;
  Manager& operator=(const Manager&) = delete;
  /// shutdown() if the server is still running (errors are ignored).
  ~Manager();

  // ---- you implement these (client.cpp) -------------------------------------

  /// Forks the server process, which runs serve(address(), ...) and then ends
  /// with _exit(). Returns only once the server accepts connections. Throws
  /// std::runtime_error (and leaves no process behind) if it failed to start.
  void start();
  /// Asks the server to stop ("shutdown") and waits for its process to exit.
  /// Does nothing if the server is not running; calling it twice is fine.
  void shutdown();

  // ---- provided ---------------------------------------------------------------

  /// A new proxy for the server's dict / list.
  DictProxy dict() const { return DictProxy(address_); }
  ListProxy list() const { return ListProxy(address_); }
  const std::string& address() const { return address_; }
  /// The server's process id, or -1 when it is not running.
  pid_t server_pid() const { return server_pid_; }

 private:
  std::string address_;
  pid_t server_pid_ = -1;
};

// ========================== the results collector ============================

/// What run_collector() gathers: copies of the manager's dict and list.
struct Collected {
  Dict results;
  List finished;
};

// ---- you implement these (collector.cpp) ------------------------------------

/// The work of worker number `worker` (0 <= worker < workers). Its tasks are
/// the t in [0, tasks) with t % workers == worker, in increasing order. It:
///   - first sets results["worker<w>"] to an empty list;
///   - for each of its tasks t: sets results["task<t>"] = t * t, adds 1 to
///     results["done"] with add(), and appends t to the list in
///     results["worker<w>"] (remember: get() returns a copy);
///   - at the end appends `worker` to `finished`.
void collect_worker(DictProxy& results, ListProxy& finished, int worker, int workers, int tasks);

/// The whole collector: starts a Manager, sets results["done"] = 0, forks
/// `workers` worker processes that each run collect_worker() and end with
/// _exit(), waits for every one of them, then copies the dict and the list,
/// shuts the manager down and returns the copies. Throws std::runtime_error
/// if a worker failed (after shutting the manager down).
Collected run_collector(int workers, int tasks);

/// Counts `words`: adds 1 to counts[word] for each word, with one atomic
/// add() per word (never get() then set(): other processes count too).
void tally(DictProxy& counts, const std::vector<std::string>& words);

}  // namespace ipclab::manager
