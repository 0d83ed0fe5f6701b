#pragma once
// Provided: the driver's fault injection. Nothing for you to call: the tests
// use it to make a worker process die in the middle of its work, the way a
// crash or `kill -9` would, to check that the others report it instead of
// hanging.

namespace ipclab::shm::fault {

/// From now on, every process forked from this one (not this one itself)
/// kills itself with SIGKILL inside its `stores`-th Value::store(), while it
/// holds the lock if the code took it. 0 turns it off.
void kill_children_at_store(long stores);

/// Called by Value::store(): dies if this process is due to.
void before_store();

}  // namespace ipclab::shm::fault
