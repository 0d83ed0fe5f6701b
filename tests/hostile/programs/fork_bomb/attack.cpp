// The unbounded fork bomb: every process forks for ever. Run only where the
// grader gives the test's tree a pids cgroup (needs_pids_cgroup), which stops
// it at the test's process limit; see docs/hostile.md.
void hostile::attack() {
  hostile::child([] {
    for (;;)
      (void)::fork();
  });
}
