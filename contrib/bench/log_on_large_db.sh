#!/usr/bin/env bash
# `mgr log ic 30m` on a database holding 1,000,000 entries should cost about what one sqlite3
# INSERT into the same file costs: nothing at start-up may scan the data.
#
# It measures both on a small (1,000-entry) and a large database: the mgr time must not grow
# with the data.
#
# usage: contrib/bench/log_on_large_db.sh [path/to/mgr] [entries] [runs]
set -euo pipefail
mgr=${1:-build/mgr}
entries=${2:-1000000}
runs=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mgr=$(realpath "$mgr")

here=$(dirname "$(realpath "$0")")

measure() {
  local entries=$1
  bash "$here/make_db.sh" "$mgr" "$work/mgr.db" "$entries"
  export MGR_DB=$work/mgr.db MGR_CONFIG=$work/none.toml TZ=Europe/Berlin
  unset MGR_NOW
  echo; echo "entries in the database: $(sqlite3 "$MGR_DB" 'SELECT count(*) FROM entries')"
  
  now_ns() { date +%s%N; }
  time_runs() {
    local start end
    start=$(now_ns)
    for _ in $(seq "$runs"); do "$@" >/dev/null; done
    end=$(now_ns)
    echo $(((end - start) / runs / 1000))
}

mgr_us=$(time_runs "$mgr" log ic 30m benchmark)
sqlite_us=$(time_runs sqlite3 "$MGR_DB" "PRAGMA synchronous=FULL; BEGIN IMMEDIATE; INSERT INTO ids (kind) VALUES ('entry'); INSERT INTO entries (id, kind, date, logged_at, minutes) VALUES (last_insert_rowid(), 'ic', '2026-11-26', '2026-11-26T09:00:00Z', 30); COMMIT;")
echo "mgr log ic 30m:        ${mgr_us} us per run (${runs} runs)"
echo "sqlite3 INSERT:        ${sqlite_us} us per run (${runs} runs)"
echo "ratio mgr / sqlite3:   $(awk -v a="$mgr_us" -v b="$sqlite_us" 'BEGIN { printf "%.2f", a / b }')"
}

measure 1000
measure "$entries"
