#!/usr/bin/env bash
# Installs the dependencies, builds mgr and its tests with warnings as errors under
# AddressSanitizer and UndefinedBehaviorSanitizer (in build-test/, apart from the demo's build/),
# and runs the whole test suite: any memory error, leak or undefined behaviour fails its test.
#
#   contrib/test.sh               build and run every test
#   contrib/test.sh --build-only  build only (.ci/run checks the .deb of this build first)
set -euo pipefail
cd "$(dirname "$0")/.."
bash contrib/install-deps.sh
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMGR_WERROR=ON -DMGR_SANITIZE=ON
cmake --build build-test -j "$(nproc)"
if [ "${1:-}" = "--build-only" ]; then exit 0; fi
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
ctest --test-dir build-test --output-on-failure -j "$(nproc)"
