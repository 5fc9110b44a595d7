#!/usr/bin/env bash
# Installs the dependencies, builds mgr and shows it on a sample team in its own database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash contrib/install-deps.sh
cmake -S . -B build -G Ninja
cmake --build build -j "$(nproc)" --target mgr
demo_db="${TMPDIR:-/tmp}/mgr-demo-$$/mgr.db"
./build/mgr demo --db "$demo_db"
