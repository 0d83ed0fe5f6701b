#!/usr/bin/env python3
"""The grader's speed, side by side with its raw baseline (issue: speed).

Each benchmark runs A (the grader) and B (the baseline doing the same work by
hand) interleaved, pair after pair, and reports the median of the per-pair
ratios A/B with the raw medians, so a slow drift of the machine lands in both.

  bench/suite.py [--pairs N] [--json FILE] [--only NAME,...]

  student_loop  edit one student file, then `grader check EXERCISE` vs
                `cmake --build` of the same target + the same harness tests run
                directly (one harness process, trials repeated)
  overhead      nothing changed: `grader check EXERCISE` vs the harness run
                directly (what the grader adds: planning, the no-op build check,
                one process tree per test, leak sweeps, scoring, the report)

Each side also records the user and system CPU seconds of its whole process
tree (getrusage(RUSAGE_CHILDREN) around each run: every descendant that was
waited for) and the number of test runs (trials) it made; the grader's added
system CPU per test run is (grader sys - baseline sys) / runs, pair by pair.
CPU the kernel spends for the runs in its own threads (a network namespace is
torn down by a kernel worker) is in neither figure.

Needs a built tree (./lab build); uses build/dev unless --build-dir.
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Cost:
    """Wall seconds and the user and system CPU seconds of a process tree."""

    def __init__(self, wall=0.0, user=0.0, system=0.0):
        self.wall, self.user, self.system = wall, user, system

    def __add__(self, other):
        return Cost(self.wall + other.wall, self.user + other.user, self.system + other.system)


def run(argv, env=None, ok=(0, 1)):
    """Runs argv; returns (Cost of its whole process tree, its stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok:
        sys.exit(f"bench: {' '.join(argv[:4])}... exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    cost = Cost(elapsed, after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime)
    return cost, proc.stdout


class Setup:
    """A private copy of the model answers and a grader work folder."""

    def __init__(self, build_dir, exercise):
        self.build_dir = build_dir
        self.exercise = exercise
        self.grader = os.path.join(build_dir, "bin", "grader")
        self.kit = os.path.join(build_dir, "kit")
        self.tmp = tempfile.mkdtemp(prefix="ipclab-bench-")
        self.work = os.path.join(self.tmp, "work")
        self.submission = os.path.join(self.tmp, "submission")
        shutil.copytree(os.path.join(ROOT, "solutions"), self.submission)
        self.tests = self.visible_tests()
        self.runs = self.first_check()  # configures and builds once
        builds = [d for d in os.listdir(self.work) if os.path.isdir(os.path.join(self.work, d, "build"))]
        if len(builds) != 1:
            sys.exit(f"bench: expected one workspace in {self.work}, found {builds}")
        self.workspace = os.path.join(self.work, builds[0])
        self.edits = 0

    def visible_tests(self):
        # In English: the listing is parsed ("3 trials"), whatever the course's language.
        _, listing = run([self.grader, "--course", ROOT, "--lang", "en", "list"], ok=(0,))
        tests, inside = [], False
        for line in listing.splitlines():
            if not line.startswith(" "):
                inside = line.startswith(self.exercise + " ")
                continue
            match = re.match(r"\s+(\S+)\s+\S+ pt\s+visible.*?(?:(\d+) trials)?$", line)
            if inside and match:
                tests.append((match.group(1), int(match.group(2) or 1)))
        if not tests:
            sys.exit(f"bench: no visible tests of {self.exercise}")
        return tests

    def student_file(self):
        folder = os.path.join(self.submission, self.exercise)
        return os.path.join(folder, sorted(f for f in os.listdir(folder) if f.endswith(".cpp"))[0])

    def edit(self):
        """Changes a student file the way a student does: its content."""
        self.edits += 1
        with open(self.student_file(), "a") as out:
            out.write(f"// edit {self.edits}\n")

    def check(self, extra=()):
        # In English, like the harness run directly (no message catalogs to bind).
        return run([self.grader, "--course", ROOT, "--work-dir", self.work, "check", self.exercise,
                    "--submission", self.submission, "--lang", "en", *extra])[0]

    def first_check(self):
        """The first `grader check` (it builds); returns the test runs (trials) one makes,
        which must be the baseline's: every visible test, each trial."""
        report = os.path.join(self.tmp, "report.json")
        self.check(["--json", report])
        with open(report) as text:
            tests = [t for e in json.load(text)["exercises"] for t in e["tests"]]
        runs = sum(t["trials"]["total"] for t in tests)
        if runs != self.baseline_runs():
            sys.exit(f"bench: the grader made {runs} test runs, the baseline makes {self.baseline_runs()}")
        return runs

    def baseline_runs(self):
        return sum(trials for _, trials in self.tests)

    def baseline(self, rebuild):
        elapsed = Cost()
        if rebuild:
            staged = os.path.join(self.workspace, "src", self.exercise)
            shutil.copy(self.student_file(), staged)
            elapsed += run(["cmake", "--build", os.path.join(self.workspace, "build"), "--target",
                            self.exercise + "_student"], ok=(0,))[0]
        env = dict(os.environ,
                   IPCLAB_STUDENT_DRIVER=os.path.join(self.workspace, "build", self.exercise + "_student"),
                   IPCLAB_REFERENCE_DRIVER=os.path.join(self.kit, self.exercise + "_reference"))
        harness = os.path.join(self.kit, self.exercise + "_harness")
        for trial in range(max(t for _, t in self.tests)):
            names = [f"{self.exercise}.{name}" for name, trials in self.tests if trials > trial]
            elapsed += run([harness, "--gtest_filter=" + ":".join(names)], env=env)[0]
        return elapsed

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def pairs(count, a, b, runs):
    """`count` pairs of a() and b() (each returns a Cost), each side making `runs` test runs."""
    rows = []
    for _ in range(count):
        rows.append((a(), b()))
    ratios = [x.wall / y.wall for x, y in rows]
    record = {"pairs": count,
              "grader_s": [x.wall for x, _ in rows], "baseline_s": [y.wall for _, y in rows],
              "grader_median_s": statistics.median(x.wall for x, _ in rows),
              "baseline_median_s": statistics.median(y.wall for _, y in rows),
              "ratio_median": statistics.median(ratios), "ratios": ratios}
    # Additive keys: CPU of each side's whole process tree, and the runs they made.
    for side, index in (("grader", 0), ("baseline", 1)):
        for kind in ("user", "sys"):
            values = [getattr(row[index], "user" if kind == "user" else "system") for row in rows]
            record[f"{side}_{kind}_s"] = values
            record[f"{side}_{kind}_median_s"] = statistics.median(values)
    added = [(x.system - y.system) / runs for x, y in rows]
    record.update(runs=runs, added_sys_per_run_s=added,
                  added_sys_per_run_median_s=statistics.median(added))
    return record


def student_loop(setup, count):
    def grader():
        setup.edit()
        return setup.check()

    def baseline():
        setup.edit()
        return setup.baseline(rebuild=True)

    grader(), baseline()  # warm-up pair
    return dict(pairs(count, grader, baseline, setup.runs), goal_ratio=1.15)


def overhead(setup, count):
    setup.check(), setup.baseline(rebuild=False)
    return pairs(count, setup.check, lambda: setup.baseline(rebuild=False), setup.runs)


BENCHMARKS = {"student_loop": student_loop, "overhead": overhead}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--json")
    parser.add_argument("--only", default=",".join(BENCHMARKS))
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build", "dev"))
    parser.add_argument("--exercise", default="pipe_ping_pong")
    args = parser.parse_args()
    setup = Setup(os.path.abspath(args.build_dir), args.exercise)
    record = {"schema": "ipclab.bench/1", "exercise": args.exercise, "cpus": os.cpu_count(),
              "load_average": os.getloadavg(), "benchmarks": {}}
    try:
        for name in args.only.split(","):
            if name not in BENCHMARKS:
                sys.exit(f"bench: no benchmark '{name}' (have: {', '.join(BENCHMARKS)})")
            result = BENCHMARKS[name](setup, args.pairs)
            record["benchmarks"][name] = result
            goal = f"  (goal <= {result['goal_ratio']})" if "goal_ratio" in result else ""
            print(f"{name:14} grader {result['grader_median_s']:.2f} s  baseline "
                  f"{result['baseline_median_s']:.2f} s  ratio {result['ratio_median']:.2f}{goal}")
            print(f"{'':14} CPU user/sys: grader {result['grader_user_median_s']:.2f}/"
                  f"{result['grader_sys_median_s']:.2f} s  baseline {result['baseline_user_median_s']:.2f}/"
                  f"{result['baseline_sys_median_s']:.2f} s  {result['runs']} test runs: the grader adds "
                  f"{1000 * result['added_sys_per_run_median_s']:.1f} ms system CPU per run")
    finally:
        setup.close()
    record["load_average_end"] = os.getloadavg()
    if args.json:
        with open(args.json, "w") as out:
            json.dump(record, out, indent=2)


if __name__ == "__main__":
    main()
