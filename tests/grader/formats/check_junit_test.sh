#!/bin/sh
# `grader check --junit` on a real grading (one exercise, one test: cheap),
# validated against the Jenkins xUnit plugin's junit-10.xsd and our junit.xsd.
#   check_junit_test.sh GRADER COURSE WORK_DIR SCHEMA_DIR
set -u
grader=$1
course=$2
work_dir=$3
schemas=$4
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
status=0
"$grader" --course "$course" --work-dir "$work_dir" check pipe_ping_pong -t wire_format \
  --submission "$course/solutions" --junit "$out/junit.xml" >"$out/log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  echo "check_junit_test: grader check exited $status: $(tail -5 "$out/log")" >&2
  exit 1
fi
grep -q 'name="wire_format"' "$out/junit.xml" || { echo "check_junit_test: no wire_format testcase" >&2; exit 1; }
validate="$(dirname "$0")/validate_junit.sh"
"$validate" "$schemas/jenkins-xunit-junit-10.xsd" "$out/junit.xml" &&
  "$validate" "$schemas/junit.xsd" "$out/junit.xml"
