#!/usr/bin/env bash
# `cmake --install` puts grader on the PATH with its kit, and the installed
# grader finds the course by walking up from a folder inside it.
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
