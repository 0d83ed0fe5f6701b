#include "stuck.hpp"

#include "harness/diagnosis.hpp"
#include "harness/driver.hpp"
#include "harness/words.hpp"
#include "queue_view.hpp"

namespace pc_harness {
namespace {

using ipclab::harness::tr;
using ipclab::harness::trf;
using ipclab::harness::WaitFact;

/// The fact behind a queue wait: what the queue holds, and whether that is
/// what the process waits for already.
WaitFact fact_of(const QueueWait& wait) {
  WaitFact fact;
  // TRANSLATORS: a queue, by its name; a diagnosis reads "waits in get() for an item in {}".
  fact.object = trf("queue '{}'", wait.queue);
  fact.state = trf("{} of {} items", wait.count, wait.capacity);
  if (wait.what == Waiting::for_item) {
    fact.want = WaitFact::Want::item;
    fact.call = "get()";
    fact.satisfied = wait.count > 0;
  } else if (wait.what == Waiting::for_room) {
    fact.want = WaitFact::Want::room;
    fact.call = "put()";
    fact.satisfied = wait.count < wait.capacity;
  } else {
    fact.want = WaitFact::Want::lock;
    fact.call = tr("put() or get()");
  }
  return fact;
}

// Every diagnosis of this harness, the whole-test deadline's included, sees the queues.
const bool kRegistered = (ipclab::harness::add_evidence_source(add_queue_evidence), true);

}  // namespace

void add_queue_evidence(ipclab::harness::Scene& scene) {
  for (const ipclab::exec::ProcessInfo& p : scene.processes) {
    QueueWait wait = queue_wait(p);
    if (wait.what != Waiting::nothing) scene.waits[p.pid] = fact_of(wait);
  }
}

std::string explain_stuck_processes() {
  (void)kRegistered;
  std::vector<ipclab::harness::LabelledRoot> roots;
  for (const ipclab::harness::Driver* driver : ipclab::harness::running_drivers())
    roots.push_back({driver->pid(), driver->label()});
  return ipclab::harness::diagnose_hang(roots);
}

}  // namespace pc_harness
