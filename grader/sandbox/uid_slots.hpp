#pragma once
// A uid of its own for the drivers of every test run, when the grader is
// root. Drivers used to run as `nobody`, shared by every grading on the
// machine: kill(-1) from one reached the others, and files it left in /tmp
// could not be told apart. With a uid per run, kill(-1) reaches only the run,
// RLIMIT_NPROC (which counts the processes of a real uid) bounds only the
// run, and whatever the uid owns afterwards is the run's leftover.
//
// Each slot is a pair: the uid of the run's student drivers and, kSlotCount
// further on, the uid of its reference drivers. The two never share a uid, so
// student code can neither signal nor trace the reference, nor replace what it
// runs.
//
// The uids come from a range no account uses: kFirstSlotUid .. + 2 kSlotCount,
// in the block that systemd's map of uid ranges leaves unused (0x70000000 ..
// 0x7ffdffff), below its "foreign" range at 0x7ffe0000. A slot is held by an
// flock()ed file <lock dir>/<uid>.lock in a folder only root can write to
// (/run/ipclab/uids, not /tmp where students write), so concurrent runs --
// threads of one grader, several graders -- never share a uid, and a slot of
// a grader that died is free again (the kernel drops its lock).
//
// A grader keeps the slots it took (their locks held) for its next runs: a
// slot is given back only after its run's clean_up() killed every process of
// both uids and swept what they owned, so the next run finds it as clean as a
// fresh one, without the stale-slot check (a walk of /proc and of every
// world-writable folder of the host) that a slot of unknown history needs.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "exec/unique_fd.hpp"
#include "sandbox/uid_sweep.hpp"

namespace grader {

inline constexpr uid_t kFirstSlotUid = 0x7ffd0000;  // 2147287040
inline constexpr unsigned kSlotCount = 1024;
inline constexpr const char* kSlotLockDir = "/run/ipclab/uids";

struct UidRange {
  uid_t first = kFirstSlotUid;
  unsigned count = kSlotCount;
};

/// The range, with IPCLAB_UID_BASE (a number) moving its start: for tests
/// that must not meet the slots of a grading running on the same machine.
UidRange configured_uid_range();

/// "2147287040-2147289087" (student and reference uids) for reports.
std::string describe(const UidRange& range);

/// A slot held by this process: its two uids (and gids, the same numbers)
/// are this run's until the slot is destroyed.
class UidSlot {
 public:
  UidSlot(uid_t uid, uid_t reference_uid, ipclab::exec::UniqueFd lock)
      : uid_(uid), reference_uid_(reference_uid), lock_(std::move(lock)) {}
  /// The uid of the run's student drivers.
  uid_t uid() const { return uid_; }
  /// The uid of the run's reference drivers: never uid().
  uid_t reference_uid() const { return reference_uid_; }

  /// Kills every process of both uids and removes what they own in `where`;
  /// returns the notes for the report ("left behind (removed): ...").
  std::vector<std::string> clean_up(const UidSweepPlaces& where);
  /// True when the last clean_up() left no process of either uid running:
  /// the slot may serve another run (UidSlots::give_back()).
  bool clean() const { return clean_; }

 private:
  uid_t uid_;
  uid_t reference_uid_;
  ipclab::exec::UniqueFd lock_;  ///< closing it releases the slot
  bool clean_ = false;
};

class UidSlots {
 public:
  explicit UidSlots(UidRange range = configured_uid_range(),
                    std::filesystem::path lock_dir = kSlotLockDir);

  /// A slot given back clean by an earlier run of this grader, else the
  /// first slot that no other run holds and no process of which is left (a
  /// stale slot -- of a grader killed mid-run -- is cleaned first; one whose
  /// processes cannot be killed is skipped). Throws GraderError when the lock
  /// folder cannot be made safe or every slot is taken.
  UidSlot acquire() const;

  /// Keeps `slot` for a later acquire() when clean() (its run's clean_up()
  /// left nothing running); otherwise lets it go: its lock is released, and
  /// whoever takes it next cleans it as a stale slot.
  void give_back(UidSlot slot) const;

  const UidRange& range() const { return range_; }

 private:
  struct Kept;  ///< the slots given back, shared by copies of this object

  void prepare_lock_dir() const;
  UidSlot acquire_fresh() const;

  UidRange range_;
  std::filesystem::path lock_dir_;
  std::shared_ptr<Kept> kept_;
};

}  // namespace grader
