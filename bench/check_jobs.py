#!/usr/bin/env python3
"""`grader check` with its tests run at once vs one after another (issue 19).

Grades the model answers (hidden tests included) in a workspace built once,
alternating A = `grader check --jobs N` (default: the cores) and B =
`grader check --jobs 1`, pair after pair, and reports per side the medians of
wall time and CPU seconds (of the grader's whole process tree), the CPU floor
(CPU seconds / cores: the least wall time the work could take) and wall /
floor (goal for A: <= 1.5), and the speed-up B / A (median of the pairs).
Every run must give full marks; a run that does not is a flip, counted and
named per test (a false failure bought with speed would show here).

  bench/check_jobs.py [--pairs N] [--jobs N] [--exercise ID] [--json FILE]
  bench/check_jobs.py --flips RUNS [--jobs N] [--json FILE]

  --exercise ID   grade one exercise instead of all (goal: no slower than one job)
  --flips RUNS    only A, RUNS times in a row: counts the runs without full marks

Each A run also writes the grader's --timeline; the record keeps, per run,
how many tests ran, the exclusive ones, and "busy": the sum of the tests'
durations / wall (how many tests ran at once on average).

Needs a built tree (./lab build); uses build/dev unless --build-dir.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Bench:
    """A private copy of the model answers and a grader work folder."""

    def __init__(self, build_dir, exercise):
        self.grader = os.path.join(build_dir, "bin", "grader")
        self.exercise = exercise
        self.tmp = tempfile.mkdtemp(prefix="ipclab-bench-jobs-")
        self.work = os.path.join(self.tmp, "work")
        self.submission = os.path.join(self.tmp, "submission")
        shutil.copytree(os.path.join(ROOT, "solutions"), self.submission)
        self.runs = 0

    def check(self, jobs):
        """One `grader check`: wall s, CPU s, the report and the timeline (or None)."""
        self.runs += 1
        report = os.path.join(self.tmp, f"report-{self.runs}.json")
        timeline = os.path.join(self.tmp, f"timeline-{self.runs}.json")
        argv = [self.grader, "--course", ROOT, "--work-dir", self.work, "check"]
        argv += [self.exercise] if self.exercise else []
        argv += ["--hidden", "--submission", self.submission, "--json", report,
                 "--jobs", str(jobs), "--timeline", timeline, "--color", "never"]
        cpu, start = children_cpu(), time.monotonic()
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall, cpu = time.monotonic() - start, children_cpu() - cpu
        if proc.returncode not in (0, 1, 3):
            sys.exit(f"bench: grader check exited {proc.returncode}:\n{proc.stderr[-2000:]}")
        with open(report) as f:
            graded = json.load(f)
        with open(timeline) as f:
            spans = json.load(f)["runs"]
        return {"jobs": jobs, "wall_s": wall, "cpu_s": cpu, "score": graded["score"],
                "max_score": graded["max_score"], "not_passed": not_passed(graded),
                **timeline_figures(spans, wall)}

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def not_passed(report):
    return [f"{e['id']}/{t['id']}: {t['outcome']}" for e in report["exercises"]
            for t in e["tests"] if t["outcome"] != "passed"]


def timeline_figures(spans, wall):
    busy = sum(s["end_us"] - s["start_us"] for s in spans) / 1e6
    exclusive = sum(s["end_us"] - s["start_us"] for s in spans if s["exclusive"]) / 1e6
    return {"tests": len(spans), "exclusive_tests": sum(1 for s in spans if s["exclusive"]),
            "tests_s": busy, "exclusive_tests_s": exclusive, "busy": busy / wall if wall else 0}


def side(runs, cores):
    wall = statistics.median(r["wall_s"] for r in runs)
    cpu = statistics.median(r["cpu_s"] for r in runs)
    floor = cpu / cores
    return {"runs": runs, "wall_median_s": wall, "cpu_median_s": cpu, "cpu_floor_s": floor,
            "wall_over_floor": wall / floor if floor else None}


def flips(runs):
    flipped = {}
    for run in runs:
        for test in run["not_passed"]:
            flipped[test] = flipped.get(test, 0) + 1
    return {"runs_without_full_marks": sum(1 for r in runs if r["score"] != r["max_score"]),
            "tests": flipped}


def compare(bench, pairs, jobs, cores):
    bench.check(jobs)  # builds the workspace: not measured
    a, b = [], []
    for _ in range(pairs):
        a.append(bench.check(jobs))
        b.append(bench.check(1))
    speedups = [y["wall_s"] / x["wall_s"] for x, y in zip(a, b)]
    return {"parallel": side(a, cores), "sequential": side(b, cores),
            "speedup_median": statistics.median(speedups), "speedups": speedups,
            "goal_wall_over_floor": 1.5, "flips": flips(a + b)}


def repeated(bench, count, jobs, cores):
    bench.check(jobs)
    runs = [bench.check(jobs) for _ in range(count)]
    return {"parallel": side(runs, cores), "flips": flips(runs)}


def print_summary(result):
    for name in ("parallel", "sequential"):
        if name in result:
            s = result[name]
            print(f"{name:10}  wall {s['wall_median_s']:.1f} s  CPU {s['cpu_median_s']:.1f} s  "
                  f"floor {s['cpu_floor_s']:.1f} s  wall/floor {s['wall_over_floor']:.2f}")
    if "speedup_median" in result:
        print(f"speed-up (sequential / parallel wall): {result['speedup_median']:.2f}  "
              f"({' '.join(f'{x:.2f}' for x in result['speedups'])})")
    f = result["flips"]
    print(f"runs without full marks: {f['runs_without_full_marks']}  {f['tests'] or ''}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--flips", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--exercise", default="")
    parser.add_argument("--json")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build", "dev"))
    args = parser.parse_args()
    cores = os.cpu_count()
    bench = Bench(os.path.abspath(args.build_dir), args.exercise)
    record = {"schema": "ipclab.bench-check-jobs/1", "exercise": args.exercise or "all",
              "cpus": cores, "jobs": args.jobs, "load_average_before": os.getloadavg(),
              "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        if args.flips:
            result = repeated(bench, args.flips, args.jobs, cores)
        else:
            result = compare(bench, args.pairs, args.jobs, cores)
    finally:
        bench.close()
    record.update(result, load_average_after=os.getloadavg())
    print_summary(result)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(record, out, indent=2)


if __name__ == "__main__":
    main()
