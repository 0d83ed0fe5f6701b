#!/usr/bin/env bash
# Gradescope runs this once, as root, when the autograder is built: it installs
# IPC Lab's packages and the grader (with its kit) on Gradescope's Ubuntu image.
# The autograder zip (written by `grader gradescope-package OUT`) is unpacked
# into /autograder/source: the course, this file and run_autograder.
# Boost 1.81 or newer is needed: choose the Ubuntu 24.04 base image in the
# assignment's autograder settings (22.04 ships Boost 1.74).
set -euo pipefail
cd "$(dirname "$0")"

. /etc/os-release
if [ "${ID:-}" = ubuntu ] && dpkg --compare-versions "${VERSION_ID:-0}" lt 24.04; then
  echo "setup.sh: Ubuntu $VERSION_ID ships Boost 1.74; IPC Lab needs 1.81 or newer:" \
    "choose the Ubuntu 24.04 base image in the autograder settings" >&2
  exit 1
fi

. scripts/deps.sh
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(ipclab_packages)

cmake -S . -B /tmp/ipclab-build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIPCLAB_BUILD_TESTS=OFF
cmake --build /tmp/ipclab-build
cmake --install /tmp/ipclab-build --prefix /usr/local
rm -rf /tmp/ipclab-build
