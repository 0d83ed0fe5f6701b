#!/bin/sh
# The Gradescope autograder, run locally the way Gradescope runs it: `grader
# gradescope-package` writes the autograder into <root>/source, a student's
# files are laid out in <root>/submission, run_autograder (with
# AUTOGRADER_ROOT=<root> instead of /autograder) grades them into
# <root>/results/results.json, which must be valid against the schema and
# score the model answer. A grader that cannot grade still leaves a valid
# results.json that says so. (setup.sh installs packages: not run here.)
#   gradescope_package_test.sh GRADER COURSE SCHEMA VALIDATE_GRADESCOPE_PY
set -u
grader=$1
course=$2
schema=$3
validate=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The unprivileged build and test uids must be able to enter the copy.
chmod 755 "$work"
root=$work/autograder
results=$root/results/results.json

fail() { echo "gradescope_package_test: $*" >&2; exit 1; }

"$grader" --course "$course" gradescope-package "$root/source" || fail "gradescope-package failed"
for script in setup.sh run_autograder; do
  [ -x "$root/source/$script" ] || fail "no executable $script at the top of the package"
done
[ -f "$root/source/assignments.yaml" ] || fail "the course is not in the package"
[ -e "$root/source/build" ] && fail "the build folder was packaged"
"$grader" --course "$course" gradescope-package "$root/source" 2>"$work/err" &&
  fail "a second package into the same folder was accepted"
grep -q "is not empty" "$work/err" || fail "no clear refusal: $(cat "$work/err")"

# Gradescope puts the student's upload in /autograder/submission.
mkdir -p "$root/submission/pipe_ping_pong"
cp "$course"/solutions/pipe_ping_pong/*.cpp "$root/submission/pipe_ping_pong/"
AUTOGRADER_ROOT=$root IPCLAB_GRADER=$grader "$root/source/run_autograder" \
  pipe_ping_pong -t wire_format >"$work/out" 2>&1 || fail "run_autograder failed: $(tail -5 "$work/out")"
[ -s "$results" ] || fail "no results.json: $(tail -5 "$work/out")"
python3 "$validate" "$schema" "$results" || fail "results.json is not valid"
python3 - "$results" <<'PY' || fail "results.json does not score the model answer: $(cat "$results")"
import json, sys
results = json.load(open(sys.argv[1]))
names = [t["name"] for t in results["tests"]]
assert "pipe_ping_pong / wire_format" in names, names
assert results["score"] > 0 and all(t["status"] == "passed" for t in results["tests"]), results
PY

# A grader that cannot grade: results.json still there, valid, and honest.
AUTOGRADER_ROOT=$root IPCLAB_GRADER=false "$root/source/run_autograder" >/dev/null 2>&1 ||
  fail "run_autograder failed when the grader did"
python3 "$validate" "$schema" "$results" || fail "the fallback results.json is not valid"
grep -q "could not grade this submission" "$results" || fail "the fallback does not say why"
echo "gradescope_package_test: ok"
