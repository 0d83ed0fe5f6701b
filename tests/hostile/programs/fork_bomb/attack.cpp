// The unbounded fork bomb: every process forks for ever. Run only where the
// grader bounds the test's processes (needs_process_bound): a pids cgroup, or
// RLIMIT_NPROC on a uid of the test's own; see docs/hostile.md.
void hostile::attack() {
  hostile::child([] {
    for (;;)
      (void)::fork();
  });
}
