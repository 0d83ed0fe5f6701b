// Manager results collector: a malformed request must cost its client one
// "error BadRequest" reply, never the server. Visible, so that a server whose
// thread lets parse_int()'s exception escape (std::terminate) is seen before
// hand-in.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "harness/expect.hpp"
#include "harness/outcome.hpp"

namespace mgr_harness {
namespace {

using ipclab::harness::ScopedContext;

TEST(manager_results_collector, server_survives_bad_request) {
  ServerUnderTest server = start_server(Build::student);
  RawClient raw(server.path);
  IPCLAB_REQUIRE(raw.call("dict_set a i:1") == "ok") << "dict_set a i:1 must answer ok";
  for (const char* request : {"dict_add a one", "list_get x", "dict_set b x:1"}) {
    ScopedContext context(std::string("after the malformed request `") + request +
                          "`, the server must answer \"error BadRequest <why>\" and go on "
                          "serving: catch std::invalid_argument from parse_int()/decode_value() "
                          "(an exception that leaves a thread ends the whole server)");
    std::string reply = raw.call(request);
    IPCLAB_EXPECT(reply.rfind("error BadRequest", 0) == 0)
        << "the request \"" << request << "\" is malformed: your server must answer \"error "
        << "BadRequest <why>\", it answered \"" << reply.substr(0, 120) << "\"";
  }
  ScopedContext context("after three malformed requests, the server must go on serving");
  IPCLAB_EXPECT(raw.call("dict_get a") == "ok i:1")
      << "after malformed requests the same client must still be served";
  RawClient other(server.path);
  IPCLAB_EXPECT(other.call("dict_get a") == "ok i:1")
      << "after malformed requests a new client must still be served";
}

}  // namespace
}  // namespace mgr_harness
