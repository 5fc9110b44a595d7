#!/usr/bin/env bash
# The whole benchmark suite in one command: installs its tools from Debian (hyperfine, sqlite3,
# taskwarrior, GNU time, and mgr's build dependencies), builds a Release mgr in build-bench/,
# writes databases of 10k, 100k and 1M entries, and measures every daily command against its
# targets (see contrib/bench/README.md). The report goes to contrib/bench/results.md and to
# stdout. About ten minutes on a 2-core machine, most of it building and writing databases.
#
# usage: bash contrib/bench/run.sh [--sizes 10000,100000,1000000] [--runs 20]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

tools=(hyperfine sqlite3 task /usr/bin/time python3)
missing=0
for tool in "${tools[@]}"; do command -v "$tool" >/dev/null || missing=1; done
if [ "$missing" = 1 ] || ! command -v cmake >/dev/null; then
  bash contrib/install-deps.sh
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    hyperfine sqlite3 taskwarrior time python3 >/dev/null
fi

cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMGR_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target mgr
python3 contrib/bench/suite.py --mgr build-bench/mgr "$@"
