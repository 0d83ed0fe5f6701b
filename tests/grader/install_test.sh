#!/usr/bin/env bash
# `cmake --install` puts grader on the PATH with its kit, and the installed
# grader finds the course by walking up from a folder inside it, and grades
# with the kit's prebuilt provided code (only the student files compiled).
set -euo pipefail
build_dir=$1
source_dir=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
test -x "$prefix/bin/grader"
test -x "$prefix/libexec/ipclab/pipe_ping_pong_harness"
test -x "$prefix/libexec/ipclab/pipe_ping_pong_reference"
cd "$source_dir/exercises/pipe_ping_pong"
output=$(PATH="$prefix/bin:$PATH" grader list)
grep -q "wire_format" <<<"$output"
echo "installed grader found the course from $(pwd)"

test -f "$prefix/libexec/ipclab/prebuilt/provided.cmake"
PATH="$prefix/bin:$PATH" grader --work-dir "$prefix/work" check pipe_ping_pong -t wire_format \
  --submission "$source_dir/solutions" >/dev/null
compiled=$(find "$prefix/work" -name '*.o' -printf '%f\n' | sort | tr '\n' ' ')
if [ "$compiled" != "connection.cpp.o ping_pong.cpp.o " ]; then
  echo "the installed grader compiled more than the student files: $compiled" >&2
  exit 1
fi
echo "installed grader linked the kit's prebuilt provided code"
