# Sourced by ./lab: the Debian/Ubuntu packages IPC Lab needs, and installing
# the missing ones. Boost must be 1.81 or newer (Process v2, robust mutexes):
# Debian 12 ships it as the versioned 1.81 packages, Ubuntu 24.04 as default.
# elfutils brings eu-stack: a hang diagnosis's backtraces in ~0.5 s a process
# where gdb takes 2 s or more on a busy machine -- within the time a test has
# left, so a verdict can name the student's file:line (gdb stays the fallback).

ipclab_packages() {
  local boost="libboost-dev libboost-filesystem-dev"
  if [ -r /etc/os-release ]; then
    . /etc/os-release
    if [ "${ID:-}" = debian ] && [ "${VERSION_ID:-}" = 12 ]; then
      boost="libboost1.81-dev libboost-filesystem1.81-dev"
    fi
  fi
  echo "cmake ninja-build ccache g++ $boost libyaml-cpp-dev libgtest-dev libgmock-dev" \
       "libcli11-dev nlohmann-json3-dev libfmt-dev libarchive-dev libssl-dev bubblewrap gdb elfutils python3" \
       "gettext"
}

# Only the tests need these: the validators of the result formats (xmllint,
# jsonschema), YAML for the scale-out test, libclang for `grader selftest
# --mutants` (it parses the model answers to make mutants; the grader builds
# without it), and the browser that renders report.html (ctest label `browser`). Debian ships Chromium as a package;
# Ubuntu 24.04 only as a snap, so there the browser tests report themselves
# skipped unless a Chromium is on the PATH (`sudo snap install chromium`).
ipclab_test_packages() {
  local browser=chromium
  if [ -r /etc/os-release ]; then
    . /etc/os-release
    [ "${ID:-}" = ubuntu ] && browser=""
  fi
  echo "libxml2-utils python3-jsonschema python3-yaml libclang-dev $browser"
}

# ipclab_missing_packages [EXTRA...]: the packages (plus EXTRA) not installed.
ipclab_missing_packages() {
  local missing="" pkg
  for pkg in $(ipclab_packages) "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  echo "${missing# }"
}

# ipclab_ensure_packages [EXTRA...]: installs what is missing when run as
# root; otherwise prints the command and fails.
ipclab_ensure_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "lab: this is not a Debian/Ubuntu system; install: $(ipclab_packages)" >&2
    return 1
  fi
  local missing
  missing=$(ipclab_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "lab: missing packages: $missing" >&2
    echo "lab: install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $missing" >&2
    return 1
  fi
  echo "lab: installing $missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >&2
}
