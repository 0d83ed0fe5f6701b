#include "sandbox/uid_slots.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <fmt/format.h>

#include "i18n/messages.hpp"
#include "model/grader_error.hpp"

namespace grader {
namespace {

/// How long the processes of a run get to die before the slot is given up.
constexpr std::chrono::seconds kKillBudget{5};

std::string error_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

}  // namespace

UidRange configured_uid_range() {
  UidRange range;
  if (const char* base = std::getenv("IPCLAB_UID_BASE"); base != nullptr && *base != '\0') {
    char* end = nullptr;
    unsigned long value = std::strtoul(base, &end, 0);
    // Never 0 (root), never past (uid_t)-1, the "no change" uid of setresuid.
    if (*end != '\0' || value == 0 || value + 3UL * range.count >= 0xffffffffUL) {
      throw GraderError(std::string("IPCLAB_UID_BASE=") + base + " is not a usable first uid");
    }
    range.first = static_cast<uid_t>(value);
  }
  return range;
}

std::string describe(const UidRange& range) {
  // Both blocks: the student uids, then the reference uids.
  return std::to_string(range.first) + "-" + std::to_string(range.first + 2 * range.count - 1);
}

std::vector<std::string> UidSlot::clean_up(const UidSweepPlaces& where) {
  std::vector<std::string> notes;
  int left = kill_processes_of({uid_, reference_uid_}, kKillBudget);
  clean_ = left == 0;
  if (left > 0) {
    notes.push_back(std::to_string(left) + " process(es) of the test could not be killed");
  }
  for (const std::string& leak : sweep_uid(uid_, where))
    notes.push_back(fmt::format(fmt::runtime(ipclab::i18n::tr("left behind (removed): {}")), leak));
  // The reference's own leftovers are the harness's business, not the student's.
  sweep_uid(reference_uid_, where);
  return notes;
}

struct UidSlots::Kept {
  std::mutex mutex;
  std::vector<UidSlot> slots;
};

UidSlots::UidSlots(UidRange range, std::filesystem::path lock_dir)
    : range_(range), lock_dir_(std::move(lock_dir)), kept_(std::make_shared<Kept>()) {}

void UidSlots::prepare_lock_dir() const {
  std::error_code ec;
  std::filesystem::create_directories(lock_dir_.parent_path(), ec);
  if (::mkdir(lock_dir_.c_str(), 0700) != 0 && errno != EEXIST) {
    throw GraderError(error_text("cannot create " + lock_dir_.string()));
  }
  // Whoever else could write here could hold every slot, or swap a lock file.
  struct stat info {};
  if (::lstat(lock_dir_.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) ||
      info.st_uid != ::geteuid() || (info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    throw GraderError(lock_dir_.string() +
                      " must be a folder of the grader's user that nobody else may write to");
  }
}

UidSlot UidSlots::acquire() const {
  {
    std::lock_guard lock(kept_->mutex);
    if (!kept_->slots.empty()) {
      UidSlot slot = std::move(kept_->slots.back());
      kept_->slots.pop_back();
      return slot;
    }
  }
  return acquire_fresh();
}

void UidSlots::give_back(UidSlot slot) const {
  if (!slot.clean()) return;  // released here: the next taker cleans it as stale
  std::lock_guard lock(kept_->mutex);
  kept_->slots.push_back(std::move(slot));
}

UidSlot UidSlots::acquire_fresh() const {
  prepare_lock_dir();
  for (unsigned i = 0; i < range_.count; ++i) {
    uid_t uid = range_.first + i;
    uid_t reference_uid = uid + range_.count;
    std::string path = (lock_dir_ / (std::to_string(uid) + ".lock")).string();
    ipclab::exec::UniqueFd lock(
        ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!lock) throw GraderError(error_text("cannot open " + path));
    if (::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) continue;  // another run holds it
    UidSlot slot(uid, reference_uid, std::move(lock));
    // Free but not clean: a grader killed mid-run leaves its slot's
    // processes and files. Silently: they are no fault of this run's student.
    if (kill_processes_of({uid, reference_uid}, kKillBudget) > 0) continue;
    sweep_uid(uid, host_places());
    sweep_uid(reference_uid, host_places());
    return slot;
  }
  throw GraderError("every uid of the grading range " + describe(range_) + " is in use (" +
                    std::to_string(range_.count) + " runs at once?)");
}

}  // namespace grader
