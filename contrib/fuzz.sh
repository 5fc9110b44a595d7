#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for a bounded time, starting from its committed
# corpus in tests/fuzz/<target>/.
#
#   contrib/fuzz.sh [SECONDS] [TARGET...]     default: 45 seconds each, every target
#
# Inputs that reach new code are kept in build-fuzz/corpus/<target>/ (copy the useful ones into
# tests/fuzz/<target>/ to keep them). A crash, a sanitizer report or a property that does not
# hold stops that target, leaves the input in build-fuzz/findings/ and makes the script exit 1;
# reproduce with build-fuzz/tests/fuzz/fuzz_<target> build-fuzz/findings/<file>.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-45}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMGR_FUZZ=ON -DMGR_BUILD_TESTS=OFF -DMGR_WERROR=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

mkdir -p build-fuzz/findings
failed=()
for target in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$target"
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="build-fuzz/findings/$target-")
  if [ -f "tests/fuzz/$target.dict" ]; then options+=(-dict="tests/fuzz/$target.dict"); fi
  log="build-fuzz/$target.log"
  if "build-fuzz/tests/fuzz/fuzz_$target" "${options[@]}" "build-fuzz/corpus/$target" \
      "tests/fuzz/$target" > "$log" 2>&1; then
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 || true)
    echo "fuzz $target: ${seconds}s, $runs runs, $coverage, nothing found"
  else
    tail -n 40 "$log"
    echo "fuzz $target: FOUND A PROBLEM (input in build-fuzz/findings/, log in $log)" >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
