# tests/mutants/results.json from the runs behind it, when one run is not all of it:
# pipe_ping_pong's full run plus the regrade of its survivors after new tests
# (--survivors-of), and a seeded sample of the other five exercises.
# Usage: python3 merge_results.py FULL.json REGRADE.json FIVE.json|- OUT.json
#
# A seeded sample and the regrade of its survivors, into the record in place:
#   python3 merge_results.py --sample RESULTS.json SAMPLE.json|- REGRADE.json|- WHAT EXERCISE...
# (SAMPLE "-": the record's own seed-1 sample of those exercises.)
# Each EXERCISE's figures become the sample's after the regrade: its killed plus
# those the regrade killed; the survivors the regrade no longer grades are
# equivalent now. The sample of seed 1 is the exercise's entry itself (as the
# first record had it); another seed goes under the entry as "seed_N". The two
# runs are added to "runs"; the record's own commit, machine, load and date
# stay those of the run it was first made from.
import json, sys


def record(run, what):
    r = {k: run[k] for k in ("commit", "machine", "load", "date")}
    if "sample" in run: r["sample"] = run["sample"]
    r["what"] = what
    return r


def regraded(sample, regrade):
    """The figures of `sample` once its survivors were regraded as `regrade`."""
    if regrade is None:
        return dict(sample)
    graded = regrade["killed"] + regrade["survived"] + regrade["stillborn"] + regrade["errors"]
    killed = sample["killed"] + regrade["killed"]
    figures = dict(sample)
    figures.update({
        "killed": killed, "survived": regrade["survived"],
        "equivalent": sample["equivalent"] + sample["survived"] - graded,
        "stillborn": sample["stillborn"] + regrade["stillborn"],
        "errors": sample["errors"] + regrade["errors"],
        "kill_rate": round(killed / (killed + regrade["survived"]), 3),
        "survivors": regrade["survivors"],
        "stillborn_mutants": sample["stillborn_mutants"] + regrade["stillborn_mutants"],
        "error_mutants": sample["error_mutants"] + regrade["error_mutants"]})
    return figures


def merge_sample(results_path, sample_path, regrade_path, what, exercises):
    result = json.load(open(results_path))
    # "-": the record's own sample (seed 1), whose run is in "runs" already
    S = json.load(open(sample_path)) if sample_path != "-" else None
    R = json.load(open(regrade_path)) if regrade_path != "-" else None
    seed = S["sample"]["seed"] if S else 1
    for exercise in exercises:
        entry = result["mutants"].setdefault(exercise, {})
        own = {k: v for k, v in entry.items() if not k.startswith("seed_")}
        figures = regraded(S["mutants"][exercise] if S else own,
                           R["mutants"][exercise] if R else None)
        if seed == 1:
            others = {k: v for k, v in entry.items() if k.startswith("seed_")}
            result["mutants"][exercise] = {**figures, **others}
        else:
            entry["seed_%d" % seed] = figures
    names = ", ".join(exercises)
    if S:
        per = S["sample"]["per_exercise"]
        result["runs"].append(record(S, "%s: a seeded sample of %d mutants each (--sample %d "
                                        "--seed %d) %s" % (names, per, per, seed, what)))
    if R:
        result["runs"].append(record(R, "%s: the survivors of the seed-%d sample, regraded with "
                                        "the new tests (--survivors-of) %s; the mutants the sample "
                                        "killed stay killed" % (names, seed, what)))
    json.dump(result, open(results_path, "w"), indent=2, sort_keys=True)
    open(results_path, "a").write("\n")


if sys.argv[1:2] == ["--sample"]:
    merge_sample(*sys.argv[2:6], sys.argv[6:])
    sys.exit(0)

full, regrade, five, out = sys.argv[1:5]
A, A2 = (json.load(open(p)) for p in (full, regrade))
B = json.load(open(five)) if five != "-" else None
a, a2 = A["mutants"]["pipe_ping_pong"], A2["mutants"]["pipe_ping_pong"]
killed = a["killed"] + a2["killed"]
ppp = {"generated": a["generated"], "equivalent": a2["equivalent"], "killed": killed,
       "survived": a2["survived"], "stillborn": a["stillborn"], "errors": a["errors"] + a2["errors"],
       "kill_rate": round(killed / (killed + a2["survived"]), 3),
       "survivors": a2["survivors"], "stillborn_mutants": a["stillborn_mutants"],
       "error_mutants": a["error_mutants"] + a2["error_mutants"]}
result = {"mutants": {"pipe_ping_pong": ppp}, "goal": A2["goal"]}
if B: result["mutants"].update(B["mutants"])
result["runs"] = [
    record(A, "pipe_ping_pong: every mutant, before the tests the survivors asked for"),
    record(A2, "pipe_ping_pong: the survivors of the run above, regraded with the new tests "
               "(--survivors-of) with the tests of commit c78e531 (then not yet committed); the mutants the first run killed stay killed"),
] + ([record(B, "the other five exercises: a seeded sample of 40 mutants each (--sample 40 --seed 1)")] if B else [])
for k in ("commit", "machine", "load", "date"):
    result[k] = A2[k]
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
open(out, "a").write("\n")
