#!/usr/bin/env bash
# The weekly review on ten years of heavy use (a million entries) reads only its window: it must
# take well under 50 ms and 12 MiB, next to the sqlite3 shell running the same queries.
#
# usage: contrib/bench/review_on_large_db.sh [path/to/mgr] [entries] [runs]
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
"$mgr" today >/dev/null  # any migration or first-open work happens here, not in the timing

review="'$mgr' review --format json > /dev/null"
shell="sqlite3 '$work/mgr.db' < '$here/review_queries.sql' > /dev/null"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs "$runs" --export-markdown "$work/review.md" \
    -n "mgr review --format json" "$review" -n "sqlite3 (the same queries)" "$shell"
  cat "$work/review.md"
else
  for command in "$review" "$shell"; do
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do sh -c "$command"; done
    echo "$command: $((($(date +%s%N) - start) / runs / 1000000)) ms per run"
  done
fi
/usr/bin/time -f "mgr review: peak memory %M KiB" "$mgr" review --format json >/dev/null
