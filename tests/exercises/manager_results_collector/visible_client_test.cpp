// Manager results collector: the visible tests of the student's client side.
// The harness stands in for the server (to see the exact requests), or a
// reference server does; the student's Manager starts and stops its own.
#include <poll.h>

#include <gtest/gtest.h>

#include "exec/process_tree.hpp"
#include "fixture.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"

namespace mgr_harness {
namespace {

using ipclab::harness::abort_test;
using ipclab::harness::Outcome;
using ipclab::harness::ScopedContext;

/// A driver command, the request it must send, the harness's reply to it, and
/// the driver's answer expected (for errors only "error <Kind>").
struct Case {
  const char* command;
  const char* request;
  const char* reply;
  const char* answer;
};

const Case kDictCases[] = {
    {"dict_get d apple", "dict_get apple", "ok i:7", "ok i:7"},
    {"dict_set d apple s:6869", "dict_set apple s:6869", "ok", "ok"},
    {"dict_set d nums l:1,2,3", "dict_set nums l:1,2,3", "ok", "ok"},
    {"dict_add d done 5", "dict_add done 5", "ok 12", "ok 12"},
    {"dict_add d done -2", "dict_add done -2", "ok 10", "ok 10"},
    {"dict_contains d apple", "dict_contains apple", "ok 1", "ok 1"},
    {"dict_contains d plum", "dict_contains plum", "ok 0", "ok 0"},
    {"dict_size d", "dict_size", "ok 3", "ok 3"},
    {"dict_copy d", "dict_items", "ok a i:1 b l:2,3 c s:", "ok 3 a i:1 b l:2,3 c s:"},
    {"dict_copy d", "dict_items", "ok", "ok 0"},
    {"dict_get d pear", "dict_get pear", "error KeyError pear", "error KeyError"},
    {"dict_add d word 1", "dict_add word 1", "error TypeError word holds a text",
     "error TypeError"},
    {"dict_size d", "dict_size", "error BadRequest something else", "error RemoteError"},
};

const Case kListCases[] = {
    {"list_append l i:4", "list_append i:4", "ok", "ok"},
    {"list_append l s:", "list_append s:", "ok", "ok"},
    {"list_get l -1", "list_get -1", "ok s:", "ok s:"},
    {"list_get l 9", "list_get 9", "error IndexError list index out of range", "error IndexError"},
    {"list_set l 0 l:", "list_set 0 l:", "ok", "ok"},
    {"list_size l", "list_size", "ok 2", "ok 2"},
    {"list_copy l", "list_items", "ok l: s:", "ok 2 l: s:"},
};

bool readable(int fd, std::chrono::milliseconds wait) {
  pollfd entry{fd, POLLIN, 0};
  return ::poll(&entry, 1, static_cast<int>(wait.count())) > 0;
}

/// Waits for the request `c.command` makes the student's proxy send on `conn`
/// (accepting the proxy's first connection when `conn` is empty).
std::string request_of(Driver& student, RawServer& server, UniqueFd& conn, const Case& c) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::optional<Reply> early = student.poll_reply(0ms)) {
      abort_test(Outcome::failed,
                 trf("`{}` returned \"{}\" without sending its request to the server", c.command,
                     early->line));
    }
    if (!conn) {
      conn.reset(server.accept(20ms));
      continue;
    }
    if (server.pending()) {
      abort_test(Outcome::failed,
                 trf("`{}` opened a new connection: a proxy connects once, on its first call, and "
                     "sends every later request on it",
                     c.command));
    }
    if (!readable(conn.get(), 20ms)) continue;
    FrameRead got = read_frame(conn.get(), 2s);
    if (got.payload) return *got.payload;
    abort_test(Outcome::failed,
               trf("`{}`: your proxy closed its connection (or sent half a frame) instead of "
                   "sending \"{}\"",
                   c.command, c.request));
  }
  abort_test(Outcome::timed_out,
             trf("`{}`: no request reached the server within 5 s.\n", c.command) + diagnosis());
}

/// KeyError, IndexError and TypeError carry the server's message, every word
/// of it, as Python re-raises the server's exception.
void expect_server_message(const Case& c, const Reply& answer) {
  const std::string reply = c.reply;
  const std::string kind = reply.substr(0, reply.find(' ', 6) + 1);  // "error KeyError "
  if (kind != "error KeyError " && kind != "error IndexError " && kind != "error TypeError ")
    return;
  const std::string message = reply.substr(kind.size());
  IPCLAB_EXPECT(answer.message == message)
      << trf("when the server answers \"{}\", the exception must carry the server's message "
             "\"{}\" (the words after the kind, joined by single spaces), but its message was "
             "\"{}\"",
             c.reply, message, answer.message.substr(0, 120));
}

void check_case(Driver& student, RawServer& server, UniqueFd& conn, const Case& c) {
  student.post(c.command);
  std::string request = request_of(student, server, conn, c);
  IPCLAB_EXPECT(request == c.request)
      << trf("`{}` must send the request \"{}\", your proxy sent \"{}\"", c.command, c.request,
             request.substr(0, 120));
  write_frame(conn.get(), c.reply);
  Reply answer = student.await_reply(5s);
  std::string got = answer.ok ? answer.line : "error " + answer.kind;
  IPCLAB_EXPECT(got == c.answer) << trf(
      // TRANSLATORS: when the server answers "REPLY" to "REQUEST", `COMMAND` must give "ANSWER",
      // your driver gave "LINE".
      "when the server answers \"{}\" to \"{}\", `{}` must give \"{}\", your driver gave \"{}\"",
      c.reply, c.request, c.command, c.answer, answer.line.substr(0, 120));
  expect_server_message(c, answer);
}

/// After a call threw ServerGone (`how`), the proxy's next call must connect
/// again to the server now listening, because call() closed the dead connection.
void expect_next_call_connects(Driver& student, RawServer& server, const std::string& how) {
  student.post("dict_get d apple");
  UniqueFd conn(server.accept(5s));
  if (!conn) {
    abort_test(Outcome::failed,
               trf(
                   // TRANSLATORS: after a call threw ServerGone (WHY: "the server closed the
                   // connection before replying"), ...
                   "after a call threw ServerGone ({}), the next call must connect again, but it "
                   "opened no new connection and gave \"{}\": close() the dead connection "
                   "before throwing ServerGone",
                   how, student.await_reply(5s).line));
  }
  IPCLAB_REQUIRE(read_frame(conn.get(), 3s).payload)
      << trf("after reconnecting ({}), the proxy sent no request", how);
  write_frame(conn.get(), "ok i:7");
  Reply answer = student.await_reply(5s);
  IPCLAB_EXPECT(answer.line == "ok i:7")
      << trf("after reconnecting ({}), `dict_get d apple` must give \"ok i:7\", your driver "
             "gave \"{}\"",
             how, answer.line);
}

/// A key of 201 characters: check_key() rejects it before anything is sent.
void expect_key_checked(Driver& student, int conn, const std::string& command) {
  student.post(command);
  std::optional<Reply> answer = student.poll_reply(3s);
  if (!answer) {
    abort_test(Outcome::failed,
               trf("`{}...` with a key of 201 characters sent a request and waits for its reply: "
                   "call check_key(key) before sending anything",
                   command.substr(0, 40)));
  }
  IPCLAB_EXPECT(answer->kind == "ValueError" && !readable(conn, 0ms))
      << trf("`{}...` with a key of 201 characters must throw std::invalid_argument from "
             "check_key() before anything is sent; your driver gave \"{}\"",
             command.substr(0, 40), answer->line.substr(0, 80));
}

/// The server closes the connection in the middle of a call: the call throws
/// ServerGone, and the proxy's next call connects again.
void expect_reconnect_after_gone(Driver& student, RawServer& server, UniqueFd& conn) {
  const std::string how = tr("the server closed the connection before replying");
  ScopedContext context(how);
  const Case lost{"dict_get d apple", "dict_get apple", "", ""};
  student.post(lost.command);
  request_of(student, server, conn, lost);
  conn.reset();  // gone without a reply
  Reply gone = student.await_reply(5s);
  IPCLAB_EXPECT(gone.kind == "ServerGone")
      << trf("when the server closes the connection before replying, the call must throw "
             "ServerGone; your driver gave \"{}\"",
             gone.line);
  expect_next_call_connects(student, server, how);
}

TEST(manager_results_collector, client_requests) {
  Driver student = Driver::start(Build::student);
  const std::string address = fresh_address();
  RawServer server(folder_of(student) / address);
  student.ok("dict d " + address);
  student.ok("list l " + address);
  UniqueFd dict_conn, list_conn;
  for (const Case& c : kDictCases)
    check_case(student, server, dict_conn, c);
  for (const Case& c : kListCases)
    check_case(student, server, list_conn, c);
  const std::string long_key(201, 'k');
  for (const std::string& command :
       {"dict_get d " + long_key, "dict_add d " + long_key + " 1", "dict_contains d " + long_key})
    expect_key_checked(student, dict_conn.get(), command);
  expect_reconnect_after_gone(student, server, dict_conn);
  dict_conn.reset();
  server.stop();
  ScopedContext context(tr("a call to a server that has gone must throw ServerGone at once"));
  Reply gone = student.call("dict_get d apple", 3s);
  IPCLAB_EXPECT(gone.kind == "ServerGone")
      << trf("when the server closes the connection, the call must throw ServerGone; your driver "
             "gave \"{}\"",
             gone.line);
  student.ok("dict d2 " + address);
  Reply nobody = student.call("dict_get d2 apple", 3s);
  IPCLAB_EXPECT(nobody.kind == "ServerGone")
      << trf("a call to an address where nobody listens must throw ServerGone; your driver gave "
             "\"{}\"",
             nobody.line);
  RawServer again(folder_of(student) / address);
  expect_next_call_connects(student, again, tr("its request could not be sent"));
}

TEST(manager_results_collector, manager_lifecycle) {
  Driver student = Driver::start(Build::student);
  Reply started = student.ok("manager_start m", 10s);
  const std::string pid = started.word(0);
  const std::string address = started.word(1);
  student.ok("dict d " + address);
  Reply first = student.call("dict_set d x i:1");
  IPCLAB_REQUIRE(first.ok)
      << trf("the first call right after Manager::start() threw {}: {}", first.kind, first.message)
      << (first.kind == "ServerGone"
              ? tr("\nstart() returned before the server was listening: read the server's ready "
                   "byte from the pipe before returning")
              : "");
  IPCLAB_EXPECT(student.ok("dict_add d x 4").line == "ok 5")
      << tr("a call through the server Manager::start() started gave a wrong answer");
  bool child = false;
  for (const auto& p : ipclab::exec::descendants(ipclab::exec::list_processes(), student.pid()))
    child = child || (std::to_string(p.pid) == pid && p.state != 'Z');
  IPCLAB_EXPECT(child) << trf(
      "server_pid() must be the running server, a child process of the process that called "
      "start(); {} is not",
      pid);
  {
    ScopedContext context(tr("Manager::shutdown() must ask the server to stop and wait for it"));
    student.ok("manager_shutdown m", 6s);
  }
  std::string left = leftover_children(student);
  IPCLAB_EXPECT(left.empty()) << tr("after Manager::shutdown() returned, the server process must "
                                    "be gone and waitpid()ed:")
                              << left;
  IPCLAB_EXPECT(!std::filesystem::exists(folder_of(student) / address))
      << trf("after shutdown the socket file {} must be gone (serve() unlinks it)", address);
  ScopedContext context(tr("a call after Manager::shutdown() must throw ServerGone at once"));
  Reply gone = student.call("dict_get d x", 3s);
  IPCLAB_EXPECT(gone.kind == "ServerGone") << trf(
      "a call after Manager::shutdown() must throw ServerGone, your driver gave \"{}\"", gone.line);
  Reply again = student.call("manager_shutdown m", 3s);
  IPCLAB_EXPECT(again.ok) << trf("a second Manager::shutdown() must do nothing, it threw {}: {}",
                                 again.kind, again.message);
}

/// A driver command and the exact answer it must give.
struct Step {
  const char* command;
  const char* answer;
};

const Step kSteps[] = {
    {"dict_set d apple i:5", "ok"},
    {"dict_get d apple", "ok i:5"},
    {"dict_add d apple 2", "ok 7"},
    {"dict_add d fresh -4", "ok -4"},
    {"dict_set d word s:68656c6c6f", "ok"},
    {"dict_get d word", "ok s:68656c6c6f"},
    {"dict_set d nums l:1,-2,3", "ok"},
    {"dict_get d nums", "ok l:1,-2,3"},
    {"dict_set d none l:", "ok"},
    {"dict_contains d apple", "ok 1"},
    {"dict_contains d plum", "ok 0"},
    {"dict_size d", "ok 5"},
    {"dict_copy d", "ok 5 apple i:7 fresh i:-4 none l: nums l:1,-2,3 word s:68656c6c6f"},
    {"dict_get d plum", "error KeyError"},
    {"dict_add d word 1", "error TypeError"},
    {"list_size l", "ok 0"},
    {"list_copy l", "ok 0"},
    {"list_append l i:1", "ok"},
    {"list_append l s:", "ok"},
    {"list_append l l:5", "ok"},
    {"list_get l 0", "ok i:1"},
    {"list_get l -1", "ok l:5"},
    {"list_set l 1 i:2", "ok"},
    {"list_copy l", "ok 3 i:1 i:2 l:5"},
    {"list_get l 3", "error IndexError"},
    {"list_set l -4 i:0", "error IndexError"},
    {"list_size l", "ok 3"},
};

TEST(manager_results_collector, proxies_with_reference_server) {
  ServerUnderTest server = start_server(Build::reference);
  Driver student = client_driver(Build::student, server.address);
  for (const Step& step : kSteps) {
    Reply answer = student.call(step.command);
    std::string got = answer.ok ? answer.line : "error " + answer.kind;
    IPCLAB_EXPECT(got == step.answer)
        << trf("with the reference server, `{}` must give \"{}\", your driver gave \"{}\"",
               step.command, step.answer, answer.line.substr(0, 120));
  }
  Driver other = client_driver(Build::student, server.address);
  IPCLAB_EXPECT(other.ok("dict_get d apple").line == "ok i:7")
      << tr("a second process with its own proxy must see what the first one stored: the data "
            "lives in the server");
}

}  // namespace
}  // namespace mgr_harness
