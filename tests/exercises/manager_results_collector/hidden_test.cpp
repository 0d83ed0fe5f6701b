// Manager results collector: hidden tests (run when the instructor grades):
// malformed requests, a server that dies, mixed student/reference clients with
// large values, proxies across fork(), a manager that cannot start, and more
// collector runs.
#include <signal.h>

#include <gtest/gtest.h>

#include "collected.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"

namespace mgr_harness {
namespace {

using ipclab::harness::ScopedContext;

TEST(manager_results_collector, server_bad_requests) {
  ServerUnderTest server = start_server(Build::student);
  RawClient raw(server.path);
  const char* bad[] = {"",
                       "fly away",
                       "dict_get",
                       "dict_get a b",
                       "dict_set a 5",
                       "dict_set a x:1",
                       "dict_add a one",
                       "list_get x",
                       "list_set 0",
                       "list_append",
                       "dict_size now",
                       "DICT_GET a",
                       "list_append l:1,,2",
                       "dict_set a s:6"};
  for (const char* request : bad) {
    std::string reply = raw.call(request);
    IPCLAB_EXPECT(reply.rfind("error BadRequest", 0) == 0)
        << trf("the request \"{}\" is not valid: your server must answer \"error BadRequest "
               "<why>\" (and go on serving), it answered \"{}\"",
               request, reply.substr(0, 120));
  }
  IPCLAB_EXPECT(raw.call("dict_set a i:1") == "ok" && raw.call("dict_get a") == "ok i:1")
      << tr("after answering bad requests, the server must go on serving the same client");
}

TEST(manager_results_collector, server_gone_never_hangs) {
  ServerUnderTest server = start_server(Build::reference);
  Driver student = client_driver(Build::student, server.address);
  student.ok("dict_set d a i:1");
  student.ok("list_append l i:1");
  ::kill(server.pid, SIGKILL);  // the server dies while the proxies are connected
  server.host.ok("server_wait " + std::to_string(server.pid) + " 3000", 5s);
  ScopedContext context(
      tr("a call to a server that died must throw ServerGone at once, never wait"));
  for (const char* command : {"dict_get d a", "list_size l", "dict_add d a 1"}) {
    Reply gone = student.call(command, 3s);
    IPCLAB_EXPECT(gone.kind == "ServerGone")
        << trf("after the server process died, `{}` must throw ServerGone, your driver gave "
               "\"{}\"",
               command, gone.line);
  }
  student.ok("dict fresh " + server.address);
  Reply fresh = student.call("dict_get fresh a", 3s);
  IPCLAB_EXPECT(fresh.kind == "ServerGone")
      << trf("a new proxy for a server that died must throw ServerGone on its first call, your "
             "driver gave \"{}\"",
             fresh.line);
}

TEST(manager_results_collector, mixed_stress) {
  ServerUnderTest server = start_server(Build::student);
  std::vector<Driver> clients;
  for (int i = 0; i < 8; ++i)
    clients.push_back(
        client_driver(i % 2 == 0 ? Build::student : Build::reference, server.address));
  hammer_all(clients, 12, 20000);  // 20 kB texts: frames of 40 kB
  RawClient raw(server.path);
  expect_hammered(raw, clients.size(), 12, 20000, tr("your server"));
  // Student clients read back what reference clients stored, and the other way round.
  for (std::size_t i = 0; i < 2; ++i) {
    std::string key = "c" + std::to_string(i + 2) + "_5";
    Reply got = clients[i].ok("dict_get d " + key);
    IPCLAB_EXPECT(got.word(0) == hammer_value(static_cast<std::int64_t>(i + 2), 5, 20000, true))
        << trf("{} read {} (a 20 kB text stored by another client) and got something else",
               clients[i].label(), key);
  }
}

std::string fork_explanation(const std::string& verdict) {
  if (verdict == "mismatch") return tr("got a reply meant for another process");
  if (verdict == "hung")
    return tr("waited 5 s for a reply that never came (another process read it)");
  if (verdict == "error") return tr("threw an exception");
  return verdict;
}

TEST(manager_results_collector, proxy_after_fork) {
  ServerUnderTest server = start_server(Build::reference);
  Driver student = client_driver(Build::student, server.address);
  Reply checked = student.ok("fork_check d 3 100", 30s);
  std::string failures;
  for (std::size_t i = 0; i < checked.words.size(); ++i) {
    if (checked.words[i] == "ok") continue;
    // TRANSLATORS: the parent / child N, then what went wrong ("threw an exception").
    failures += "\n    " + (i == 3 ? trf("the parent {}", fork_explanation(checked.words[i]))
                                   : trf("child {} {}", i + 1, fork_explanation(checked.words[i])));
  }
  IPCLAB_EXPECT(failures.empty())
      << tr("3 children used a DictProxy that the parent had used before fork(), then the parent "
            "used it again:")
      << failures
      << tr("\nTwo processes must never share a connection: in a process that did not open it "
            "(owner_ != getpid()), call() must open a new one.")
      << student.printed();
  std::string left = leftover_children(student);
  IPCLAB_EXPECT(left.empty()) << tr("processes left after the check:") << left;
}

TEST(manager_results_collector, manager_start_failure) {
  Driver student = Driver::start(Build::student);
  ScopedContext context(tr("Manager::start() with an address where no server can listen"));
  Reply failed = student.call("manager_start m no_such_folder/manager.sock", 5s);
  IPCLAB_EXPECT(!failed.ok) << trf(
      "Manager(\"no_such_folder/manager.sock\").start() must throw (the server cannot listen "
      "there, so it never writes its ready byte and the pipe ends empty), but it returned \"{}\"",
      failed.line);
  std::string left = leftover_children(student);
  IPCLAB_EXPECT(left.empty()) << tr("a Manager that failed to start must leave no process behind "
                                    "(waitpid() the server that exited):")
                              << left;
}

TEST(manager_results_collector, collector_edge_cases) {
  Driver student = Driver::start(Build::student);
  const std::pair<int, int> runs[] = {{1, 7}, {6, 4}, {8, 200}};
  for (auto [workers, tasks] : runs) {
    ScopedContext context("run_collector(" + std::to_string(workers) + ", " +
                          std::to_string(tasks) + ")");  // code: the same in every language
    Reply collected =
        student.ok("collect " + std::to_string(workers) + " " + std::to_string(tasks), 30s);
    expect_collected(collected, workers, tasks);
    expect_collector_cleaned_up(student);
  }
}

// Drivers may open 256 files: a server that keeps one descriptor per client
// that has gone dies (accept() fails with EMFILE) well before the 300th.
TEST(manager_results_collector, server_closes_connections) {
  constexpr int kClients = 300;
  ServerUnderTest server = start_server(Build::student);
  for (int client = 1; client <= kClients; ++client) {
    ScopedContext context(
        trf("client {} of {}, one after the other (each connects, sends one request and closes; "
            "your server may have 256 files open at a time: close() each client's descriptor "
            "when it disconnects)",
            client, kClients));
    RawClient raw(server.path);
    std::string reply = raw.call("dict_add clients 1");
    IPCLAB_REQUIRE(reply == "ok " + std::to_string(client))
        << trf("client {0}: dict_add clients 1 must answer \"ok {0}\", it answered \"{1}\"", client,
               reply.substr(0, 120));
  }
}

}  // namespace
}  // namespace mgr_harness
