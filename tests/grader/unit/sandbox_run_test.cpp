#include <signal.h>

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../scratch_path.hpp"
#include "exec/child.hpp"
#include "fake_process_runner.hpp"
#include "in_language.hpp"
#include "run/runner.hpp"
#include "sandbox/sandbox.hpp"

namespace grader {
namespace {

namespace fs = std::filesystem;
using testing::FakeProcessRunner;

Sandbox bubblewrap_sandbox() {
  BwrapSettings bwrap;
  bwrap.bwrap = "/usr/bin/bwrap";
  bwrap.as_root = true;
  bwrap.system = {{"/usr", {}}};
  return Sandbox({SandboxBackend::bubblewrap, false, "test"}, bwrap, {});
}

ipclab::exec::ProcessSpec harness() {
  ipclab::exec::ProcessSpec spec;
  spec.executable = "/kit/pipe_harness";
  spec.working_dir = "/runs/1";
  return spec;
}

TEST(SandboxRunTest, TheProcessBackendIsAdvisoryAndRunsTheSpecAsItIs) {
  FakeProcessRunner runner;
  Sandbox sandbox = Sandbox::process_only();
  EXPECT_TRUE(sandbox.advisory());
  EXPECT_NE(sandbox.description().find("advisory"), std::string::npos);
  sandbox.run(runner, harness(), {}, {}, {});
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.calls[0].spec.executable, "/kit/pipe_harness");
}

TEST(SandboxRunTest, BubblewrapRunsTheHarnessInsideBwrap) {
  FakeProcessRunner runner;
  Sandbox sandbox = bubblewrap_sandbox();
  EXPECT_FALSE(sandbox.advisory());
  EXPECT_EQ(sandbox.description(),
            "bubblewrap (pid, ipc, net, uts, mount namespaces; drivers run as nobody; read-only "
            "system, no home, private /tmp /dev/shm /dev/mqueue) + rlimits");
  sandbox.run(runner, harness(), {}, {}, {});
  ASSERT_EQ(runner.calls.size(), 1u);
  EXPECT_EQ(runner.calls[0].spec.executable, "/usr/bin/bwrap");
  EXPECT_EQ(runner.calls[0].spec.args.back(), "/kit/pipe_harness");
}

TEST(SandboxRunTest, TheDescriptionIsInTheChosenLanguage) {
  EXPECT_EQ(fixtures::in_spanish([] { return bubblewrap_sandbox().description(); }),
            "bubblewrap (espacios de nombres pid, ipc, net, uts, mount; los drivers se ejecutan "
            "como nobody; sistema de solo lectura, sin home, /tmp /dev/shm /dev/mqueue privados) "
            "+ rlimits");
  Sandbox process({SandboxBackend::process, false, "test"}, {}, {},
                  UidSlots(UidRange{4000000, 16}, "/nonexistent"));
  EXPECT_EQ(
      fixtures::in_spanish([&] { return process.description(); }),
      "proceso (sesión propia, rlimits, entorno limpio, supervisión del árbol de procesos; "
      "sin aislamiento por espacios de nombres; los drivers se ejecutan con un uid propio por "
      "prueba, aparte del de la referencia (4000000-4000031)) -- orientativo (advisory)");
}

TEST(SandboxRunTest, AsRootTheDescriptionNamesTheDriversOwnUidRange) {
  Sandbox bubblewrap({SandboxBackend::bubblewrap, false, "test"}, {}, {},
                     UidSlots(UidRange{4000000, 16}, "/nonexistent"));
  EXPECT_THAT(
      bubblewrap.description(),
      ::testing::HasSubstr("; drivers run as a uid of their own per test, the reference's apart "
                           "(4000000-4000031); "
                           "read-only system"));
  Sandbox process({SandboxBackend::process, false, "test"}, {}, {},
                  UidSlots(UidRange{4000000, 16}, "/nonexistent"));
  EXPECT_THAT(process.description(),
              ::testing::HasSubstr("no namespace isolation; drivers run as a uid of their own per "
                                   "test, the reference's apart (4000000-4000031)) -- advisory"));
  ASSERT_NE(process.uid_slots(), nullptr);
  EXPECT_EQ(Sandbox::process_only().uid_slots(), nullptr);
}

TEST(SandboxRunTest, ABwrapSetupFailureIsTheSandboxsFaultNotTheTests) {
  FakeProcessRunner runner;
  ipclab::exec::ProcessResult failed = FakeProcessRunner::exited(1);
  failed.err = "bwrap: Can't mount proc on /newroot/proc: Operation not permitted\n";
  runner.then(failed);
  try {
    bubblewrap_sandbox().run(runner, harness(), {}, {}, {});
    FAIL() << "expected a SpawnError";
  } catch (const ipclab::exec::SpawnError& e) {
    EXPECT_STREQ(e.what(),
                 "the sandbox could not start /kit/pipe_harness: bwrap: Can't mount proc on "
                 "/newroot/proc: Operation not permitted (see `grader doctor`)");
  }
}

TEST(SandboxRunTest, BwrapsExitCodeForASignalBecomesTheSignal) {
  FakeProcessRunner runner;
  runner.then(FakeProcessRunner::exited(128 + SIGSEGV));
  ipclab::exec::ProcessResult result = bubblewrap_sandbox().run(runner, harness(), {}, {}, {});
  EXPECT_EQ(result.termination, ipclab::exec::Termination::signaled);
  EXPECT_FALSE(result.status.exited);
  EXPECT_EQ(result.status.signal, SIGSEGV);
}

TEST(SandboxRunTest, TheTestRunnerGivesEachRunAPrivateShmFolderAndStillNamesLeftovers) {
  fs::path root = scratch_path("sandbox_run_test");
  fs::remove_all(root);
  FakeProcessRunner runner;
  fs::path seen_shm;
  runner.on_run = [&](const FakeProcessRunner::Call& call) {
    const auto& args = call.spec.args;
    for (std::size_t i = 0; i + 2 < args.size(); ++i) {
      if (args[i] == "--bind" && args[i + 2] == "/dev/shm") seen_shm = args[i + 1];
    }
    std::ofstream(seen_shm / "ipclab_g1_1_segment") << "x";
  };
  Sandbox sandbox = bubblewrap_sandbox();
  TestRunner tests(runner, {"g1", root / "runs", {root / "host-shm", root / "mq"}, sandbox});
  TestRun run;
  run.exercise_id = "pipe";
  run.test_id = "wire";
  run.harness = "/kit/pipe_harness";
  run.student_driver = "/ws/pipe_student";
  run.reference_driver = "/kit/pipe_reference";
  TestResult result = tests.run(run);
  EXPECT_EQ(seen_shm, root / "runs" / "pipe.wire.1.shm");
  ASSERT_EQ(result.trials.size(), 1u);
  const auto& notes = result.trials[0].notes;
  EXPECT_NE(
      std::find(notes.begin(), notes.end(), "left behind (removed): /dev/shm/ipclab_g1_1_segment"),
      notes.end());
  EXPECT_FALSE(fs::exists(seen_shm)) << "the shm folder goes with the run";
  const auto& args = runner.calls.at(0).spec.args;
  std::string line;
  for (const std::string& arg : args)
    line += arg + " ";
  EXPECT_NE(line.find("--ro-bind /kit /kit --ro-bind /ws/pipe_student /ws/pipe_student "
                      "--ro-bind /kit/pipe_reference /kit/pipe_reference"),
            std::string::npos)
      << line;
  EXPECT_EQ(line.find("solutions"), std::string::npos);
}

}  // namespace
}  // namespace grader
