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

# An installed harness finds the catalogs in <prefix>/share/locale (here its
# driver exits at once, so its first call fails with a message in Spanish).
spoken=$(IPCLAB_LANGUAGE=es IPCLAB_RESULT_FD=3 IPCLAB_STUDENT_DRIVER=/bin/false \
  IPCLAB_REFERENCE_DRIVER=/bin/false "$prefix/libexec/ipclab/pipe_ping_pong_harness" \
  --gtest_filter=pipe_ping_pong.wire_format 3>&1 2>&1 || true)
if ! grep -q "tu driver terminó con el código de salida 1" <<<"$spoken"; then
  echo "the installed harness did not speak Spanish with IPCLAB_LANGUAGE=es:" >&2
  echo "$spoken" >&2
  exit 1
fi
echo "installed harness speaks Spanish"

test -f "$prefix/libexec/ipclab/prebuilt/provided.cmake"
PATH="$prefix/bin:$PATH" grader --work-dir "$prefix/work" check pipe_ping_pong -t wire_format \
  --submission "$source_dir/solutions" >/dev/null
compiled=$(find "$prefix/work" -name '*.o' -printf '%f\n' | sort | tr '\n' ' ')
if [ "$compiled" != "connection.cpp.o ping_pong.cpp.o " ]; then
  echo "the installed grader compiled more than the student files: $compiled" >&2
  exit 1
fi
echo "installed grader linked the kit's prebuilt provided code"
