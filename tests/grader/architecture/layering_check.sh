#!/bin/sh
# Fails when a folder of grader/ includes one it must not see:
#   layering_check.sh <grader dir> <folder> <forbidden folder>...
# e.g. `layering_check.sh grader plan build`: planning is pure and comes
# before building, so nothing in grader/plan/ includes "build/...".
set -eu
root=$1 folder=$2
shift 2
status=0
for forbidden in "$@"; do
  if hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"$forbidden/" "$root/$folder"); then
    echo "grader/$folder/ must not include $forbidden/ (move the type it needs out of $forbidden/):"
    echo "$hits"
    status=1
  fi
done
exit $status
