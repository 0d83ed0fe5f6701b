#pragma once
// Helpers shared by the locked shared counter tests: region names that are
// cleaned up, direct reads of Values and Arrays, calls that explain a hang in
// terms of who holds which lock, and the checks for leftovers.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "harness/driver.hpp"
#include "harness/words.hpp"
#include "region_view.hpp"

namespace lsc_harness {

using ipclab::harness::Build;
using ipclab::harness::Driver;
using ipclab::harness::Reply;
// Every message a student reads is marked: tr("text"), trf("text {}", value).
using ipclab::harness::tr;
using ipclab::harness::trf;
using namespace std::chrono_literals;

/// A fresh region name (with the run's prefix) whose segment is removed when
/// the test ends, whoever created it.
class RegionName {
 public:
  explicit RegionName(const std::string& stem = "r");
  ~RegionName();
  RegionName(const RegionName&) = delete;
  RegionName& operator=(const RegionName&) = delete;
  const std::string& str() const { return name_; }

 private:
  std::string name_;
};

/// The words joined by spaces: a driver command.
std::string join(std::initializer_list<std::string> words);

/// The objects of a region whose locks a hang report describes.
struct Watch {
  std::string region;
  std::vector<std::string> objects;
};

/// `request` on `driver`; when no reply comes within `timeout`, ends the test
/// (timed_out) saying who holds the locks of `watch` and what each process does.
Reply call_or_explain(Driver& driver, const std::string& request, std::chrono::milliseconds timeout,
                      const Watch& watch);

/// The reply to `request`, posted earlier on `driver`, explained like call_or_explain().
Reply await_or_explain(Driver& driver, const std::string& request,
                       std::chrono::milliseconds timeout, const Watch& watch);

/// Posts `request` to every driver at once, then collects every reply, so the
/// drivers really work at the same time. Hangs are explained like call_or_explain().
std::vector<Reply> run_together(const std::vector<Driver*>& drivers, const std::string& request,
                                std::chrono::milliseconds timeout, const Watch& watch);

/// "your driver (pid 12)", "the reference driver (pid 13)", "process 14".
std::string who(pid_t pid);

/// The number in Value `name` of `region`, read directly; ends the test
/// (failed) with `context` if there is no such Value.
std::int64_t value_of(const std::string& region, const std::string& name,
                      const std::string& context);

/// The items of Array `name` of `region`, read directly; ends the test like value_of().
std::vector<std::int64_t> items_of(const std::string& region, const std::string& name,
                                   const std::string& context);

/// The process holding the lock of Value or Array `name` (0: unlocked).
pid_t owner_of(const std::string& region, const std::string& name);

/// "returned 7", "threw LockError (...)": what a reply says, for messages
/// that go on after their subject ("increment(v, 5) {}").
std::string outcome(const Reply& reply);

/// "prefix_sum(a) returned", "increment(v, 5) threw LockError (...)": what
/// `call` did, as a whole sentence.
std::string did(const std::string& call, const Reply& reply);

/// For a call posted on `driver` while another process holds the lock it
/// needs: its reply if it answered without waiting for the lock, or nothing
/// once it is seen asleep on a lock (in futex()), or after `patience` without
/// a reply. A call that does not take the lock answers within milliseconds
/// once it runs; one that takes it blocks at once -- so the verdict never
/// depends on a short window on a loaded machine.
std::optional<Reply> reply_unless_waiting(Driver& driver, std::chrono::milliseconds patience = 3s);

/// "[1, 2, 3]", shortened after 12 numbers.
std::string show(const std::vector<std::int64_t>& numbers);

/// ". A child process returned instead of calling _exit() ..." when `driver`
/// printed that one of its children did, else "".
std::string stray_child_note(const Driver& driver);

/// Fails (does not end) the test if `driver` has child processes left 2 s
/// after `call` returned, or printed that a child returned instead of _exit().
void expect_children_gone(const Driver& driver, const std::string& call);

/// Fails the test if segments named with the run's prefix, other than
/// `known`, are in /dev/shm after `call` (and removes them).
void expect_no_segments(const Driver& driver, const std::string& call,
                        const std::vector<std::string>& known = {});

}  // namespace lsc_harness
