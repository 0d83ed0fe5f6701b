# tests/mutants/results.json from the runs behind it, when one run is not all of it:
# pipe_ping_pong's full run plus the regrade of its survivors after new tests
# (--survivors-of), and a seeded sample of the other five exercises.
# Usage: python3 merge_results.py FULL.json REGRADE.json FIVE.json|- OUT.json
import json, sys
full, regrade, five, out = sys.argv[1:5]
A, A2 = (json.load(open(p)) for p in (full, regrade))
B = json.load(open(five)) if five != "-" else None
def record(run, what):
    r = {k: run[k] for k in ("commit", "machine", "load", "date")}
    if "sample" in run: r["sample"] = run["sample"]
    r["what"] = what
    return r
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
