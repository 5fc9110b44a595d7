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

measure() {
  local entries=$1
  export MGR_DB=$work/mgr.db MGR_CONFIG=$work/none.toml
  
  rm -f "$MGR_DB"*
  "$mgr" person add alice >/dev/null
  sqlite3 "$MGR_DB" <<SQL
  BEGIN;
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $entries)
  INSERT INTO entries (kind, date, logged_at, note, minutes)
  SELECT CASE i % 3 WHEN 0 THEN 'ic' WHEN 1 THEN 'mgmt' ELSE 'note' END,
         date('2020-01-01', '+' || (i % 2500) || ' days'), '2026-01-01T00:00:00Z',
         'entry ' || i, CASE i % 3 WHEN 2 THEN NULL ELSE 30 END
  FROM n;
  INSERT INTO entry_people (entry_id, person_id, position) SELECT id, 1, 0 FROM entries WHERE id % 10 = 0;
  COMMIT;
SQL
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
sqlite_us=$(time_runs sqlite3 "$MGR_DB" "PRAGMA synchronous=FULL; INSERT INTO entries (kind, date, logged_at, minutes) VALUES ('ic', '2026-11-26', '2026-11-26T09:00:00Z', 30);")
echo "mgr log ic 30m:        ${mgr_us} us per run (${runs} runs)"
echo "sqlite3 INSERT:        ${sqlite_us} us per run (${runs} runs)"
echo "ratio mgr / sqlite3:   $(awk -v a="$mgr_us" -v b="$sqlite_us" 'BEGIN { printf "%.2f", a / b }')"
}

measure 1000
measure "$entries"
