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
  IPCLAB_REQUIRE(raw.call("dict_set a i:1") == "ok") << tr("dict_set a i:1 must answer ok");
  for (const char* request : {"dict_add a one", "list_get x", "dict_set b x:1"}) {
    ScopedContext context(
        trf("after the malformed request `{}`, the server must answer \"error BadRequest <why>\" "
            "and go on serving: catch std::invalid_argument from parse_int()/decode_value() (an "
            "exception that leaves a thread ends the whole server)",
            request));
    std::string reply = raw.call(request);
    IPCLAB_EXPECT(reply.rfind("error BadRequest", 0) == 0)
        << trf("the request \"{}\" is malformed: your server must answer \"error BadRequest "
               "<why>\", it answered \"{}\"",
               request, reply.substr(0, 120));
  }
  ScopedContext context(tr("after three malformed requests, the server must go on serving"));
  IPCLAB_EXPECT(raw.call("dict_get a") == "ok i:1")
      << tr("after malformed requests the same client must still be served");
  RawClient other(server.path);
  IPCLAB_EXPECT(other.call("dict_get a") == "ok i:1")
      << tr("after malformed requests a new client must still be served");
}

}  // namespace
}  // namespace mgr_harness
