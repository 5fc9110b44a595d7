#!/usr/bin/env bash
# The first-year view and the self-check history on ten years of heavy use (a million entries):
# `mgr progress` reads the months it shows plus the review's look-back, never the whole log; the
# target is under 100 ms for the default twelve months.
#
# usage: contrib/bench/progress_on_large_db.sh [path/to/mgr] [entries] [runs]
# Uses hyperfine (Debian's package) when installed, else a plain loop; /usr/bin/time for memory.
set -euo pipefail
mgr=$(realpath "${1:-build/mgr}")
entries=${2:-1000000}
runs=${3:-20}
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bash "$here/make_db.sh" "$mgr" "$work/mgr.db" "$entries"
export MGR_DB=$work/mgr.db MGR_CONFIG=/nonexistent/mgr-bench.toml TZ=Europe/Berlin \
  MGR_NOW=2026-11-26T09:00
# A self-check at the end of every month of the ten years, for --history.
for year in $(seq 2017 2026); do
  for month in 01 02 03 04 05 06 07 08 09 10; do
    "$mgr" reflect --answers 4,3,3,4,3,2,3 --date "$year-$month-28" >/dev/null
  done
done
"$mgr" today >/dev/null  # any migration or first-open work happens here, not in the timing

commands=("'$mgr' progress --format json > /dev/null"
          "'$mgr' progress --months 3 > /dev/null"
          "'$mgr' reflect --history --format json > /dev/null")
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs "$runs" --export-markdown "$work/progress.md" "${commands[@]}"
  cat "$work/progress.md"
else
  for command in "${commands[@]}"; do
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do sh -c "$command"; done
    echo "$command: $((($(date +%s%N) - start) / runs / 1000000)) ms per run"
  done
fi
/usr/bin/time -f "mgr progress: peak memory %M KiB" "$mgr" progress --format json >/dev/null
