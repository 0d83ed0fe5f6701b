#!/usr/bin/env python3
"""Grading a class: `grader batch` vs a naive script, and the grader's memory
at scale (issue: speed, items 2 and 4).

  bench/batch.py [--submissions N] [--naive-sample K | --naive-all] [--json FILE]
  bench/batch.py --memory [--submissions 300] [--max-minutes M] [--json FILE]
  bench/batch.py --compiler-cache [--submissions 30] [--pairs 2] [--json FILE]
  bench/batch.py --quick --json FILE          (the ctest smoke run)

batch   N generated submissions (default 30; model answers, starter files and
        the mistakes of tests/mistakes/, across all six exercises, always the
        same ones) graded by
          A  `grader batch` with a fresh --work-dir (cold), then again with
             --regrade on the same work dir (warm: workspaces already built);
          B  the naive script, per submission: copy the course (no build
             folders), overlay the student's files, `cmake --preset dev`,
             `cmake --build build/dev` (only the grader and the kit unless
             --naive-build all), `grader check --hidden --json`.
        B takes 10+ minutes per submission on 2 cores, so it is run on a
        sample of K submissions (default 2, spread evenly; --naive-all for
        every one), interleaved with the batch runs, and its mean per
        submission is extrapolated to N. The output and the JSON record
        (ipclab.bench-batch/1) say so: naive_sampled, naive_extrapolated_s.
        How busy the cores were (CPU s / (cores x wall); goal >= 70 %), cold
        and warm, per kind of phase from `grader batch --timeline`: the
        exclusive phases (run alone) and the shared ones; the build phase as
        cold minus warm. --naive-sample 0: the batch runs only.
cache   the compiler cache (what ccache saves a class): the same N generated
        submissions, builds only (a test filter no test matches: the build
        points), each run with a fresh --work-dir, so every workspace is
        configured and built:
          A  `grader batch` with its compiler cache, empty at the start;
          B  `grader batch --no-compiler-cache`;
          C  `grader batch` with a fresh work dir holding the cache the A
             before it left (the class graded again elsewhere);
        --pairs P rounds, A B C, then B A C, ...; medians of wall and CPU
        seconds, B/A and B/C as the ratios; "N of M compiles reused"; the
        gradebooks of A, B and C must be the same bytes. Starter files are
        handed in untouched (byte-identical), every other file is the
        student's own (see write_exercise).
memory  N small submissions (default 300: the model answer of one exercise,
        each with a declaration of its own so every files digest differs), one
        `grader batch` with a test filter; /proc is polled for the peak RSS
        (VmHWM) of the grader itself and of every process below it, against
        how many students are graded. --max-minutes M stops the batch (SIGINT)
        after M minutes and reports how far it got; the class outputs of the
        students graded so far are then written by a rerun, measured too.
        --resume --tmp DIR resumes such a run (the same batch command: graded
        students are kept, the rest graded, the outputs for all written).

Needs a built tree (./lab build); uses build/dev unless --build-dir. Load on
the machine is recorded before and after, not controlled.
"""
import argparse
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = "ipclab.bench-batch/1"
BATCH_GOAL = 5.0      # grader batch at least 5x faster than the naive script
BUSY_GOAL = 0.70  # grader batch keeps at least 70 % of the cores busy, cold and warm
MEMORY_GOAL_MIB = 200  # grader RSS at 300 submissions
KINDS = ["model", "mistake", "stub", "mistake", "model"]  # cycled per submission and exercise


def course_exercises():
    """[(id, [student files])] in the order of assignments.yaml (no YAML parser: stdlib only)."""
    exercises, current = [], None
    with open(os.path.join(ROOT, "assignments.yaml")) as text:
        for line in text:
            match = re.match(r"  - id: (\S+)", line)
            if match:
                current = match.group(1)
            match = re.match(r"    student_files: \[(.*)\]", line)
            if match and current:
                exercises.append((current, [f.strip() for f in match.group(1).split(",")]))
                current = None
    if not exercises:
        sys.exit("bench: no exercises found in assignments.yaml")
    return exercises


def mistakes_of(exercise):
    folder = os.path.join(ROOT, "tests", "mistakes", exercise)
    return sorted(d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d)))


def written_mistakes(bench):
    """tests/mistakes stores each mistake as edits of the model answer: the grader writes the
    files they make to a folder (<exercise>/<mistake>/<file>), which is returned."""
    folder = os.path.join(bench.tmp, "mistakes")
    subprocess.run([bench.grader, "--course", ROOT, "selftest", "--write-mistakes", folder],
                   check=True, capture_output=True)
    return folder


def write_exercise(dest, exercise, files, kind, mistake, tag, written=None):
    """One exercise of a submission: model answer, starter file or mistake (on the model answer).
    Starter files are handed in as they were handed out (byte-identical); every other file is
    the student's own, with a declaration naming its student (a comment would not do: it
    compiles to the same object, and ccache's preprocessed mode sees through comments).
    written: the folder written_mistakes() wrote the mistakes to; needed for kind "mistake"."""
    os.makedirs(os.path.join(dest, exercise), exist_ok=True)
    for name in files:
        source = os.path.join(ROOT, "solutions" if kind != "stub" else "exercises", exercise, name)
        if kind == "mistake":
            assert written, "a mistake needs the folder written_mistakes() wrote"
            own = os.path.join(written, exercise, mistake, name)
            source = own if os.path.exists(own) else source
        with open(source) as src, open(os.path.join(dest, exercise, name), "w") as out:
            text = src.read()
            if kind != "stub":
                text += f'\n[[maybe_unused]] static const char kIpclabBenchStudent[] = "{tag}";\n'
            out.write(text)


def generate(folder, count, exercises, written):
    """count submissions, student-000 ... ; returns [(student, {exercise: description})].
    written: the folder written_mistakes() wrote the mistakes to."""
    made = []
    for s in range(count):
        student = f"student-{s:03d}"
        what = {}
        for e, (exercise, files) in enumerate(exercises):
            kind = KINDS[(s + 2 * e) % len(KINDS)]
            mistakes = mistakes_of(exercise)
            mistake = mistakes[(7 * s + e) % len(mistakes)] if kind == "mistake" else None
            write_exercise(os.path.join(folder, student), exercise, files, kind, mistake, student,
                           written)
            what[exercise] = f"mistake:{mistake}" if mistake else kind
        made.append((student, what))
    return made


def children_cpu():
    """CPU seconds (user + system) of every waited-for descendant so far: less sensitive to
    the machine's load than wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv, log, ok=(0, 1, 3), cwd=None, cpu=None):
    """Runs argv, its output appended to log; returns (seconds, exit code). cpu: a dict that
    gets the CPU seconds of the run's process tree under "cpu_s"."""
    start, cpu_start = time.monotonic(), children_cpu()
    with open(log, "a") as out:
        out.write(f"$ {' '.join(argv)}\n")
        out.flush()
        code = subprocess.run(argv, stdout=out, stderr=subprocess.STDOUT, cwd=cwd).returncode
    elapsed = time.monotonic() - start
    if cpu is not None:
        cpu["cpu_s"] = children_cpu() - cpu_start
    if code not in ok:
        with open(log) as text:
            tail = text.read()[-3000:]
        sys.exit(f"bench: {' '.join(argv[:6])}... exited {code} (log {log}):\n{tail}")
    return elapsed, code


def machine(build_dir):
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "kernel": platform.release(), "machine": platform.machine(),
            "git_commit": commit or None, "git_dirty": bool(dirty), "build_dir": build_dir,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


class Bench:
    """A private temp folder, the grader, and the common options of its runs."""

    def __init__(self, args):
        self.args = args
        self.build_dir = os.path.abspath(args.build_dir)
        self.grader = os.path.join(self.build_dir, "bin", "grader")
        if not os.access(self.grader, os.X_OK):
            sys.exit(f"bench: no grader at {self.grader}: build first (./lab build)")
        self.tmp = os.path.abspath(args.tmp) if args.tmp else tempfile.mkdtemp(prefix="ipclab-bench-batch-")
        os.makedirs(self.tmp, exist_ok=True)
        self.log = os.path.join(self.tmp, "bench.log")
        # batch speaks the course's language whatever the locale; the figures are parsed
        # from its English lines ("compiler cache: N of M compiles reused").
        self.global_options = ["--course", ROOT, "--lang", "en"] + (["--allow-advisory"] if args.allow_advisory else [])

    def batch(self, submissions, work, out, regrade=False, extra=()):
        argv = [self.grader] + self.global_options + ["--work-dir", work, "batch", submissions,
                                                      "--out", out, "--jobs", str(self.args.jobs)]
        for exercise in self.args.exercise:
            argv += ["--exercise", exercise]
        for glob in self.args.test:
            argv += ["--test", glob]
        return argv + (["--regrade"] if regrade else []) + list(extra)

    def close(self):
        if not self.args.keep and not self.args.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def graded_rows(out):
    """Rows of gradebook.csv (one per student) and how many carry an error."""
    with open(os.path.join(out, "gradebook.csv")) as text:
        rows = text.read().splitlines()[1:]
    return len(rows), sum(1 for row in rows if not row.endswith(","))


def naive(bench, submission, index):
    """The naive script for one submission; returns its phases in seconds."""
    copy = os.path.join(bench.tmp, f"naive-{index}")
    phases = {}
    start = time.monotonic()
    top = {"build", ".grader", ".cache", ".git"}  # only at the top: grader/build/ is source
    shutil.copytree(ROOT, copy, symlinks=True, ignore=lambda d, names: top & set(names) if d == ROOT else [])
    for exercise in os.listdir(submission):
        for name in os.listdir(os.path.join(submission, exercise)):
            shutil.copy(os.path.join(submission, exercise, name), os.path.join(copy, "exercises", exercise, name))
    phases["copy_s"] = time.monotonic() - start
    cpu = {}
    phases["configure_s"] = run(["cmake", "--preset", "dev"], bench.log, ok=(0,), cwd=copy, cpu=cpu)[0]
    phases["configure_cpu_s"] = cpu["cpu_s"]
    build = ["cmake", "--build", "build/dev"]
    if bench.args.naive_build == "grading":  # only what `grader check` runs: the grader and the kit
        for exercise in bench.args.exercise or [e for e, _ in course_exercises()]:
            build += ["--target", f"{exercise}_reference", f"{exercise}_harness"]
        build += ["--target", "grader"]
    phases["build_s"] = run(build, bench.log, ok=(0,), cwd=copy, cpu=cpu)[0]
    phases["build_cpu_s"] = cpu["cpu_s"]
    check = [os.path.join(copy, "build", "dev", "bin", "grader"), "--course", copy] + bench.global_options[2:]
    check += ["check"] + bench.args.exercise + ["--hidden", "--json", os.path.join(copy, "grade.json")]
    for glob in bench.args.test:
        check += ["--test", glob]
    phases["grade_s"], phases["grade_exit"] = run(check, bench.log, cwd=copy, cpu=cpu)
    phases["grade_cpu_s"] = cpu["cpu_s"]
    phases["cpu_s"] = phases["configure_cpu_s"] + phases["build_cpu_s"] + phases["grade_cpu_s"]
    with open(os.path.join(copy, "grade.json")) as grade:
        phases["score"] = json.load(grade)["score"]
    phases["total_s"] = phases["copy_s"] + phases["configure_s"] + phases["build_s"] + phases["grade_s"]
    shutil.rmtree(copy, ignore_errors=True)
    return phases


def union_seconds(intervals):
    """Seconds covered by the union of (start, end) intervals."""
    total, reach = 0.0, None
    for start, end in sorted(intervals):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def json_jobs(timeline_file):
    with open(timeline_file) as text:
        return json.load(text)["jobs"]


def idle_slot_seconds(phases, jobs):
    """Slot-seconds no phase used while no exclusive phase ran, between the first phase's start and
    the last one's end: a job slot waiting for the pool to drain before an exclusive phase, or for
    the last shared phases at the end of the class."""
    events = sorted([(p["start_us"], 1, p["exclusive"]) for p in phases] +
                    [(p["end_us"], -1, p["exclusive"]) for p in phases])
    idle, running, alone, last = 0.0, 0, 0, None
    for when, step, exclusive in events:
        if last is not None and alone == 0:
            idle += max(jobs - running, 0) * (when - last) / 1e6
        running += step
        alone += step if exclusive else 0
        last = when
    return idle


def busy_figures(wall, cpu, timeline_file):
    """How busy the cores were (CPU s / (cores x wall)), whole run and per kind of phase, from
    `grader batch --timeline`. Exclusive phases run alone: the time they cover, and their CPU (the
    grader notes it for them only), is the part the goal's tests-run-alone rule keeps idle; the
    rest of the wall time is shared phases (builds and the other tests)."""
    cores = os.cpu_count()
    with open(timeline_file) as text:
        phases = json.load(text)["phases"]
    alone = [p for p in phases if p["exclusive"]]
    alone_s = union_seconds([(p["start_us"] / 1e6, p["end_us"] / 1e6) for p in alone])
    alone_cpu = sum(p.get("cpu_s", 0.0) for p in alone)
    shared_s = max(wall - alone_s, 1e-9)
    figures = {"cores": cores, "busy": cpu / (cores * wall), "goal_busy": BUSY_GOAL,
               "exclusive_phases": len(alone), "exclusive_wall_s": alone_s, "exclusive_cpu_s": alone_cpu,
               "exclusive_busy": alone_cpu / (cores * alone_s) if alone_s else None,
               "shared_phases": len(phases) - len(alone), "shared_wall_s": shared_s,
               "shared_cpu_s": cpu - alone_cpu, "shared_busy": (cpu - alone_cpu) / (cores * shared_s)}
    figures["idle_slot_s"] = idle_slot_seconds(phases, json_jobs(timeline_file))
    # The best this run could do with its exclusive phases kept alone as they ran and every
    # other CPU second packed onto the cores with no idle time at all.
    figures["busy_bound"] = cpu / (cores * (alone_s + (cpu - alone_cpu) / cores))
    return figures


def describe_busy(figures):
    alone = figures["exclusive_busy"]
    return (f"busy {figures['busy']:.0%} (goal >= {figures['goal_busy']:.0%}); exclusive phases alone "
            f"{figures['exclusive_wall_s']:.0f} s at "
            f"{'-' if alone is None else format(alone, '.0%')}, shared {figures['shared_wall_s']:.0f} s "
            f"at {figures['shared_busy']:.0%}; at best {figures['busy_bound']:.0%} with the exclusive "
            f"phases as they ran; {figures['idle_slot_s']:.0f} slot-s idle waiting for a drain or the "
            f"last students")


def sample_indexes(count, k):
    """k submissions spread evenly over count (always the same ones)."""
    k = min(k, count)
    return sorted({min(count - 1, (i * count) // k + i) for i in range(k)})  # +i: not all alike mod 5


def batch_benchmark(bench, record):
    args = bench.args
    exercises = [e for e in course_exercises() if not args.exercise or e[0] in args.exercise]
    submissions = os.path.join(bench.tmp, "submissions")
    shutil.rmtree(submissions, ignore_errors=True)
    made = generate(submissions, args.submissions, exercises, written_mistakes(bench))
    kinds = {}
    for _, what in made:
        for description in what.values():
            kinds[description.split(":")[0]] = kinds.get(description.split(":")[0], 0) + 1
    sample = sample_indexes(args.submissions, args.submissions if args.naive_all else args.naive_sample)
    work, out = os.path.join(bench.tmp, "work"), os.path.join(bench.tmp, "out")

    # Interleaved: naive sample 0, batch cold, naive sample 1, batch warm, the rest of the sample.
    naive_runs, batch_runs = [], {}
    steps = [("naive", i) for i in sample]
    steps.insert(min(1, len(steps)), ("cold", None))
    steps.insert(min(3, len(steps)), ("warm", None))
    for step, index in steps:
        if step == "naive":
            student = made[index][0]
            print(f"naive  {student} ...", file=sys.stderr, flush=True)
            phases = naive(bench, os.path.join(submissions, student), len(naive_runs))
            naive_runs.append(dict(phases, student=student, submission=made[index][1]))
            print(f"naive  {student}: {phases['total_s']:.1f} s (configure {phases['configure_s']:.1f}, "
                  f"build {phases['build_s']:.1f}, grade {phases['grade_s']:.1f})", file=sys.stderr)
        else:
            print(f"batch  {step} ...", file=sys.stderr, flush=True)
            if step == "cold":
                shutil.rmtree(work, ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
            cpu = {}
            timeline = os.path.join(bench.tmp, f"timeline-{step}.json")
            seconds, code = run(bench.batch(submissions, work, out, regrade=(step == "warm"),
                                            extra=["--timeline", timeline]), bench.log, cpu=cpu)
            rows, errors = graded_rows(out)
            batch_runs[step] = {"seconds": seconds, "cpu_s": cpu["cpu_s"], "exit": code, "students": rows,
                                "error_rows": errors}
            batch_runs[step].update(busy_figures(seconds, cpu["cpu_s"], timeline))
            print(f"batch  {step}: {seconds:.1f} s for {rows} submissions (exit {code}); "
                  f"{describe_busy(batch_runs[step])}", file=sys.stderr)

    result = {"submissions": args.submissions, "jobs": args.jobs, "exercises": [e for e, _ in exercises],
              "tests": args.test, "mix": kinds, "students": {s: w for s, w in made},
              "batch_cold_s": batch_runs["cold"]["seconds"], "batch_warm_s": batch_runs["warm"]["seconds"],
              "batch_runs": batch_runs, "naive_sampled": len(naive_runs), "naive_all": bool(args.naive_all),
              "naive_build": args.naive_build, "naive_runs": naive_runs, "goal_speedup": BATCH_GOAL}
    if naive_runs:
        per = [r["total_s"] for r in naive_runs]
        result["naive_per_submission_mean_s"] = statistics.mean(per)
        result["naive_per_submission_median_s"] = statistics.median(per)
        result["naive_extrapolated_s"] = statistics.mean(per) * args.submissions
        result["naive_extrapolated"] = len(naive_runs) < args.submissions
        result["speedup_cold"] = result["naive_extrapolated_s"] / result["batch_cold_s"]
        result["speedup_warm"] = result["naive_extrapolated_s"] / result["batch_warm_s"]
        result["goal_met"] = result["speedup_cold"] >= BATCH_GOAL
        cpu = statistics.mean(r["cpu_s"] for r in naive_runs) * args.submissions
        result["naive_extrapolated_cpu_s"] = cpu
        result["speedup_cold_cpu"] = cpu / max(batch_runs["cold"]["cpu_s"], 1e-9)
    cold, warm = batch_runs["cold"], batch_runs["warm"]
    if cold["seconds"] > warm["seconds"]:
        # Building the workspaces is what a cold run does more than a warm one.
        result["build_phase"] = {"wall_s": cold["seconds"] - warm["seconds"],
                                 "cpu_s": cold["cpu_s"] - warm["cpu_s"],
                                 "busy": (cold["cpu_s"] - warm["cpu_s"]) /
                                         (os.cpu_count() * (cold["seconds"] - warm["seconds"]))}
    record["benchmarks"]["batch"] = result

    print(f"batch  {args.submissions} submissions, --jobs {args.jobs}: cold {result['batch_cold_s']:.1f} s, "
          f"warm (--regrade) {result['batch_warm_s']:.1f} s")
    if not naive_runs:
        print("naive  not measured (--naive-sample 0): no ratio")
        return
    how = "measured on all" if not result["naive_extrapolated"] else \
        f"EXTRAPOLATED from a sample of {len(naive_runs)} of {args.submissions}"
    print(f"naive  {result['naive_per_submission_mean_s']:.1f} s per submission (mean); "
          f"{args.submissions} submissions: {result['naive_extrapolated_s']:.0f} s ({how})")
    print(f"speed-up naive/batch: cold {result['speedup_cold']:.1f}x, warm {result['speedup_warm']:.1f}x "
          f"(goal >= {BATCH_GOAL:g}x cold: {'met' if result['goal_met'] else 'NOT met'}); in CPU seconds "
          f"(less load-sensitive): naive {result['naive_extrapolated_cpu_s']:.0f} vs batch cold "
          f"{batch_runs['cold']['cpu_s']:.0f}, {result['speedup_cold_cpu']:.1f}x")


# --- memory -------------------------------------------------------------------

def status_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as name:
            return name.read().strip()
    except OSError:
        return "?"


def descendants(pid):
    """Every process below pid, from /proc/<pid>/task/*/children (no full /proc scan)."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{parent}/task/{task}/children") as children:
                    kids = [int(k) for k in children.read().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


NO_TEST = "-builds-only-"  # a --test glob no test id matches
SKIPPED = 77  # ctest's SKIP_RETURN_CODE: nothing to measure on this machine


def cache_benchmark(bench, record):
    args = bench.args
    exercises = [e for e in course_exercises() if not args.exercise or e[0] in args.exercise]
    submissions = os.path.join(bench.tmp, "submissions")
    shutil.rmtree(submissions, ignore_errors=True)
    generate(submissions, args.submissions, exercises, written_mistakes(bench))
    args.test = [NO_TEST]
    order = []
    for pair in range(args.pairs):
        order += ["cache", "no_cache", "warm_cache"] if pair % 2 == 0 else ["no_cache", "cache", "warm_cache"]
    runs, gradebooks, kept = {"cache": [], "no_cache": [], "warm_cache": []}, {}, None
    for index, mode in enumerate(order):
        work, out = os.path.join(bench.tmp, f"cache-work-{index}"), os.path.join(bench.tmp, f"cache-out-{index}")
        extra = ["--no-compiler-cache"] if mode == "no_cache" else []
        shutil.rmtree(work, ignore_errors=True)  # cold: every workspace configured and built
        shutil.rmtree(out, ignore_errors=True)  # and every student graded (none kept)
        if mode == "warm_cache":  # a fresh work dir with the cache the last cold run left
            shutil.copytree(kept, os.path.join(work, "ccache"), symlinks=True)
        print(f"cache  run {index + 1}/{len(order)}: {mode} ...", file=sys.stderr, flush=True)
        cpu, mark = {}, os.path.getsize(bench.log) if os.path.exists(bench.log) else 0
        seconds, code = run(bench.batch(submissions, work, out, extra=extra), bench.log, cpu=cpu)
        with open(bench.log) as text:
            text.seek(mark)
            said = re.findall(r"compiler cache: (\d+) of (\d+) compiles reused", text.read())
        reused, compiles = (int(said[-1][0]), int(said[-1][1])) if said else (None, None)
        if mode != "no_cache" and reused is None:
            if shutil.which("ccache") is not None:  # a cache was there: the line was reworded
                sys.exit(f"bench: batch did not say 'compiler cache: N of M compiles reused' although "
                         f"ccache is installed (see {bench.log}): fix the parsing in bench/batch.py")
            print(f"bench: the batch used no compiler cache here (see its first line in {bench.log})",
                  file=sys.stderr)
            sys.exit(SKIPPED)
        with open(os.path.join(out, "gradebook.csv"), "rb") as book:
            gradebooks.setdefault(mode, book.read())
        runs[mode].append({"seconds": seconds, "cpu_s": cpu["cpu_s"], "exit": code,
                           "compiles_reused": reused, "compiles": compiles})
        if mode == "cache":
            kept = os.path.join(bench.tmp, "cache-kept")
            shutil.rmtree(kept, ignore_errors=True)
            shutil.move(os.path.join(work, "ccache"), kept)
        shutil.rmtree(work, ignore_errors=True)
        print(f"cache  run {index + 1}/{len(order)}: {mode} {seconds:.1f} s, CPU {cpu['cpu_s']:.1f} s"
              + (f", {reused} of {compiles} compiles reused" if reused is not None else ""), file=sys.stderr)
    median = {mode: {key: statistics.median(r[key] for r in runs[mode]) for key in ("seconds", "cpu_s")}
              for mode in runs}
    same = gradebooks["cache"] == gradebooks["no_cache"] == gradebooks["warm_cache"]
    result = {"submissions": args.submissions, "exercises": [e for e, _ in exercises], "jobs": args.jobs,
              "pairs": args.pairs, "order": order, "runs": runs, "median": median,
              "wall_ratio": median["no_cache"]["seconds"] / median["cache"]["seconds"],
              "cpu_ratio": median["no_cache"]["cpu_s"] / median["cache"]["cpu_s"],
              "warm_wall_ratio": median["no_cache"]["seconds"] / median["warm_cache"]["seconds"],
              "warm_cpu_ratio": median["no_cache"]["cpu_s"] / median["warm_cache"]["cpu_s"],
              "gradebooks_identical": same,
              "what": "grader batch, builds only (--test " + NO_TEST + "), a fresh work dir per run: "
                      "with its compiler cache (empty at the start) vs --no-compiler-cache; warm_cache: "
                      "a fresh work dir holding the cache the cold run before left (the class graded "
                      "again elsewhere); starter files handed in untouched, every other file the "
                      "student's own (a declaration of its own)"}
    record["benchmarks"]["compiler_cache"] = result
    reused, warm = runs["cache"][0], runs["warm_cache"][0]
    print(f"cache  {args.submissions} submissions, builds only, --jobs {args.jobs}, {args.pairs} pairs: "
          f"with the compiler cache {median['cache']['seconds']:.1f} s (CPU {median['cache']['cpu_s']:.1f} s), "
          f"without {median['no_cache']['seconds']:.1f} s (CPU {median['no_cache']['cpu_s']:.1f} s): "
          f"{result['wall_ratio']:.2f}x wall, {result['cpu_ratio']:.2f}x CPU; "
          f"{reused['compiles_reused']} of {reused['compiles']} compiles reused; gradebooks "
          + ("identical" if same else "DIFFER"))
    print(f"cache  the class again in a fresh work dir with that cache: {median['warm_cache']['seconds']:.1f} s "
          f"(CPU {median['warm_cache']['cpu_s']:.1f} s): {result['warm_wall_ratio']:.2f}x wall, "
          f"{result['warm_cpu_ratio']:.2f}x CPU; {warm['compiles_reused']} of {warm['compiles']} compiles reused")
    if not same:
        sys.exit("bench: the gradebooks with and without the compiler cache differ")


class Watch:
    """Runs argv and polls its tree's VmHWM. Counts graded students from the
    progress lines (`[12/300] alice: 4/4`) on stderr, so that the grader's
    peak can be told against how many it has graded. max_seconds: then SIGINT
    (the batch stops cleanly, finished results stay)."""

    def __init__(self, argv, log, interval, max_seconds=None):
        self.parent_kib, self.children, self.polls, self.done, self.curve = 0, {}, 0, 0, []
        self.interrupted = False
        start = time.monotonic()
        with open(log, "a") as out:
            out.write(f"$ {' '.join(argv)}\n")
            out.flush()
            proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, text=True)
            reader = threading.Thread(target=self.read_progress, args=(proc.stderr, out), daemon=True)
            reader.start()
            while proc.poll() is None:
                self.poll(proc.pid)
                if max_seconds and not self.interrupted and time.monotonic() - start > max_seconds:
                    proc.send_signal(signal.SIGINT)
                    self.interrupted = True
                time.sleep(interval)
            reader.join()
        self.seconds, self.exit = time.monotonic() - start, proc.returncode

    def read_progress(self, stream, out):
        for line in stream:
            out.write(line)
            match = re.match(r"\[(\d+)/(\d+)\] ", line)
            if match:
                self.done = int(match.group(1))

    def poll(self, pid):
        self.parent_kib = max(self.parent_kib, status_kib(pid, "VmHWM") or 0)
        if not self.curve or self.curve[-1][0] != self.done:
            self.curve.append((self.done, self.parent_kib / 1024))
        for child in descendants(pid):
            kib = status_kib(child, "VmHWM")
            if kib:
                name = comm(child)
                self.children[name] = max(self.children.get(name, 0), kib)  # the largest of that name
        self.polls += 1


def memory_benchmark(bench, record):
    args = bench.args
    exercise = args.exercise[0] if args.exercise else "pipe_ping_pong"
    tests = args.test or ["wire_format"]
    files = dict(course_exercises())[exercise]
    submissions = os.path.join(bench.tmp, "memory-submissions")
    work, out = os.path.join(bench.tmp, "memory-work"), os.path.join(bench.tmp, "memory-out")
    if not args.resume:
        shutil.rmtree(submissions, ignore_errors=True)
        for s in range(args.submissions):
            write_exercise(os.path.join(submissions, f"student-{s:03d}"), exercise, files, "model", None,
                           f"student-{s:03d}")
        shutil.rmtree(work, ignore_errors=True)  # cold: every workspace configured and built
        shutil.rmtree(out, ignore_errors=True)
    elif not os.path.isdir(submissions):
        sys.exit(f"bench: --resume: nothing to resume in {bench.tmp} (give the --tmp of the stopped run)")

    def argv(folder):
        command = [bench.grader] + bench.global_options + ["--work-dir", work, "batch", folder, "--out", out,
                                                           "--jobs", str(args.jobs), "--exercise", exercise]
        for glob in tests:
            command += ["--test", glob]
        return command

    print(f"memory {args.submissions} submissions of {exercise} (--test {' '.join(tests)}) ...",
          file=sys.stderr, flush=True)
    max_seconds = args.max_minutes * 60 if args.max_minutes else None
    grading = Watch(argv(submissions), bench.log, args.poll_interval, max_seconds)
    students = os.path.join(out, "students")
    graded = sorted(s for s in os.listdir(students) if os.path.exists(os.path.join(students, s, "record.json"))) \
        if os.path.isdir(students) else []
    result = {"submissions": args.submissions, "exercise": exercise, "tests": tests, "jobs": args.jobs,
              "resumed": args.resume, "seconds": grading.seconds, "exit": grading.exit, "graded": len(graded),
              "interrupted_at_max_minutes": args.max_minutes if grading.interrupted else None,
              "grader_peak_rss_mib": grading.parent_kib / 1024,
              "grader_peak_rss_by_graded_mib": thin(grading.curve, 25),
              "child_grader_peak_rss_mib": grading.children.get("grader", 0) / 1024,
              "descendant_peaks_mib": {k: v / 1024 for k, v in sorted(grading.children.items())},
              "poll_interval_s": args.poll_interval, "polls": grading.polls,
              "method": "VmHWM of /proc/<pid>/status, polled; children via /proc/<pid>/task/*/children; "
                        "peaks per process name (comm)"}
    if grading.interrupted and graded:
        # The class outputs were not written: rerun over the graded students only (all kept, none
        # graded again) to measure the end of a batch, loading every record and writing the outputs.
        subset = os.path.join(bench.tmp, "memory-graded")
        shutil.rmtree(subset, ignore_errors=True)
        for student in graded:
            shutil.copytree(os.path.join(submissions, student), os.path.join(subset, student))
        outputs = Watch(argv(subset), bench.log, args.poll_interval)
        result["outputs_phase"] = {"students": len(graded), "seconds": outputs.seconds, "exit": outputs.exit,
                                   "grader_peak_rss_mib": outputs.parent_kib / 1024}
    peak = max(result["grader_peak_rss_mib"], result.get("outputs_phase", {}).get("grader_peak_rss_mib", 0))
    result.update(goal_mib=MEMORY_GOAL_MIB, goal_at=args.submissions, measured_at=len(graded),
                  goal_met=(peak <= MEMORY_GOAL_MIB) if len(graded) == args.submissions else None)
    record["benchmarks"]["memory"] = result

    largest = max(grading.children.items(), key=lambda item: item[1]) if grading.children else ("-", 0)
    how = "all" if len(graded) == args.submissions else \
        f"ONLY {len(graded)} of {args.submissions} (stopped after --max-minutes {args.max_minutes})"
    print(f"memory {how} graded in {grading.seconds:.0f} s (exit {grading.exit}): grader peak RSS "
          f"{grading.parent_kib / 1024:.1f} MiB")
    if "outputs_phase" in result:
        print(f"memory class outputs for the {len(graded)} graded: grader peak RSS "
              f"{result['outputs_phase']['grader_peak_rss_mib']:.1f} MiB")
    verdict = {True: "met", False: "NOT met", None: "not measured at the goal's size"}[result["goal_met"]]
    print(f"memory goal <= {MEMORY_GOAL_MIB} MiB at {args.submissions}: {verdict}; largest `grader check` "
          f"child {result['child_grader_peak_rss_mib']:.1f} MiB; largest process below the grader: "
          f"{largest[0]} {largest[1] / 1024:.1f} MiB")


def thin(curve, step):
    """Every step-th point of [(graded, MiB)], and the last."""
    points = [point for point in curve if point[0] % step == 0]
    if curve and (not points or points[-1] != curve[-1]):
        points.append(curve[-1])
    return [list(point) for point in points]


def check_record(path):
    """Reads the record back: the smoke test's assertion that it is written and well-formed."""
    with open(path) as text:
        record = json.load(text)
    problems = [key for key in ("schema", "machine", "load_average_before", "load_average_after",
                                "benchmarks") if key not in record]
    if record.get("schema") != SCHEMA:
        problems.append(f"schema is {record.get('schema')!r}")
    batch = record.get("benchmarks", {}).get("batch")
    if batch is not None:
        problems += [k for k in ("batch_cold_s", "batch_warm_s", "naive_sampled") if k not in batch]
        if batch.get("naive_sampled") and "naive_extrapolated_s" not in batch:
            problems.append("naive_extrapolated_s")
        if batch.get("batch_runs", {}).get("cold", {}).get("students") != batch.get("submissions"):
            problems.append("the cold batch did not grade every submission")
        for step, figures in batch.get("batch_runs", {}).items():
            if not 0 < figures.get("busy", 0) <= figures.get("busy_bound", 0) + 0.05:
                problems.append(f"{step}: busy {figures.get('busy')} not within (0, {figures.get('busy_bound')}]")
            if record.get("quick") and not (figures.get("exclusive_phases") and figures.get("exclusive_cpu_s")):
                problems.append(f"{step}: no exclusive phase timed (--quick grades one exclusive test)")
    cache = record.get("benchmarks", {}).get("compiler_cache")
    if cache is not None:
        problems += [k for k in ("wall_ratio", "cpu_ratio", "gradebooks_identical") if k not in cache]
        if not cache.get("gradebooks_identical"):
            problems.append("the gradebooks with and without the compiler cache differ")
        for warm in cache.get("runs", {}).get("warm_cache", []):
            if not warm.get("compiles") or warm.get("compiles_reused") != warm.get("compiles"):
                problems.append("a fresh work dir with a warm cache compiled something again")
    memory = record.get("benchmarks", {}).get("memory")
    if memory is not None and not memory.get("grader_peak_rss_mib"):
        problems.append("no grader peak RSS measured")
    if problems:
        sys.exit(f"bench: {path} is not a well-formed {SCHEMA} record: missing or wrong: {', '.join(problems)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, help="how many (default 30; --memory 300)")
    parser.add_argument("--naive-sample", type=int, default=2, help="submissions the naive script runs (default 2)")
    parser.add_argument("--naive-all", action="store_true", help="run the naive script on every submission")
    parser.add_argument("--naive-build", choices=["grading", "all"], default="grading",
                        help="the naive script builds only the grader and the kit (default), or everything "
                             "(`cmake --build build/dev` as ./lab does, tests included)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="grader batch --jobs (default: cores)")
    parser.add_argument("--exercise", action="append", default=[], help="only this exercise (repeatable)")
    parser.add_argument("--test", action="append", default=[], help="only tests matching this glob (repeatable)")
    parser.add_argument("--memory", action="store_true", help="the memory benchmark instead")
    parser.add_argument("--compiler-cache", action="store_true",
                        help="the compiler cache benchmark instead (builds only, with vs without)")
    parser.add_argument("--pairs", type=int, default=2, help="--compiler-cache: interleaved pairs (default 2)")
    parser.add_argument("--poll-interval", type=float, default=0.05, help="--memory: seconds between polls")
    parser.add_argument("--max-minutes", type=float,
                        help="--memory: stop the batch (SIGINT) after this long and report how far it got")
    parser.add_argument("--resume", action="store_true",
                        help="--memory with --tmp of a stopped run: resume it (the grader keeps what is graded)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 2 submissions of pipe_ping_pong, --test wire_format, no naive run")
    parser.add_argument("--json", help="write the record (schema " + SCHEMA + ") here")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build", "dev"))
    parser.add_argument("--tmp", help="work here (kept) instead of a fresh temp folder (removed)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--allow-advisory", action="store_true", help="pass --allow-advisory (no sandbox)")
    args = parser.parse_args()
    if args.quick:
        args.pairs = 1
        args.exercise = args.exercise or ["pipe_ping_pong"]
        args.test = args.test or ["wire_format"]
        if not args.memory and not args.compiler_cache:
            args.test.append("ping_pong_game")  # trials: 3, exclusive: the busy figures' second phase
        args.submissions = args.submissions or 2
        args.naive_sample = 0
    if args.submissions is None:
        args.submissions = 300 if args.memory else 30
    if args.submissions < 1:
        sys.exit("bench: --submissions must be at least 1")

    bench = Bench(args)
    record = {"schema": SCHEMA, "machine": machine(bench.build_dir), "load_average_before": os.getloadavg(),
              "quick": args.quick, "benchmarks": {}}
    try:
        if args.memory:
            memory_benchmark(bench, record)
        elif args.compiler_cache:
            cache_benchmark(bench, record)
        else:
            batch_benchmark(bench, record)
    finally:
        bench.close()
    record["load_average_after"] = os.getloadavg()
    print(f"load average before {record['load_average_before'][0]:.2f}, after "
          f"{record['load_average_after'][0]:.2f} ({os.cpu_count()} CPUs)")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(record, out, indent=2)
        check_record(args.json)


if __name__ == "__main__":
    main()
