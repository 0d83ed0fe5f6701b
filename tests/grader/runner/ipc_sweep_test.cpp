#include "exec/ipc_sweep.hpp"
#include "../scratch_path.hpp"

#include <fstream>

#include <gtest/gtest.h>

namespace ipclab::exec {
namespace {

namespace fs = std::filesystem;

TEST(SweepIpc, RemovesAndNamesOnlyTheRunsObjects) {
  fs::path root = scratch_path("sweep");
  fs::remove_all(root);
  IpcLocations where{root / "shm", root / "mqueue"};
  fs::create_directories(where.shm_dir);
  fs::create_directories(where.mqueue_dir);
  for (fs::path file : {where.shm_dir / "ipclab_r1_counter", where.shm_dir / "sem.ipclab_r1_lock",
                        where.shm_dir / "ipclab_r2_other", where.mqueue_dir / "ipclab_r1_queue"}) {
    std::ofstream(file) << "x";
  }
  EXPECT_EQ(sweep_ipc("ipclab_r1_", where),
            (std::vector<std::string>{"/dev/mqueue/ipclab_r1_queue", "/dev/shm/ipclab_r1_counter",
                                      "/dev/shm/sem.ipclab_r1_lock"}));
  EXPECT_TRUE(fs::exists(where.shm_dir / "ipclab_r2_other"));
  EXPECT_FALSE(fs::exists(where.shm_dir / "ipclab_r1_counter"));
  EXPECT_TRUE(sweep_ipc("", where).empty()) << "an empty prefix must never sweep everything";
}

TEST(SweepIpc, AMissingLocationHoldsNothing) {
  EXPECT_TRUE(sweep_ipc("x", {"/nonexistent/shm", "/nonexistent/mq"}).empty());
}

}  // namespace
}  // namespace ipclab::exec
