#!/usr/bin/env bash
# The same office load against three set-ups, one after another in one run, as real `dsync serve`
# processes on 127.0.0.1: SQLite file; PostgreSQL with one instance; PostgreSQL with two instances (the
# offices split between them). Run inside Tools/with-postgres (Tools/bench/run.sh stores does).
#   load-stores.sh BENCH DSYNC OFFICES OUT
# Environment: LOAD_ROUNDS (5), LOAD_BATCH (20), LOAD_WORKERS (32), LOAD_PASSES (1: how many times the three
# set-ups are run, interleaved).
set -euo pipefail
BENCH=$1 DSYNC=$2 OFFICES=$3 OUT=$4
ROUNDS=${LOAD_ROUNDS:-5} BATCH=${LOAD_BATCH:-20} WORKERS=${LOAD_WORKERS:-32} PASSES=${LOAD_PASSES:-1}
: "${DSYNC_TEST_POSTGRES_URL:?run inside Tools/with-postgres}"
mkdir -p "$OUT"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# start_server STORE: starts `dsync serve` on a free port; sets SERVER_URL.
start_server() {
  local log
  log=$(mktemp -p "$OUT" serve.XXXX.log)
  "$DSYNC" serve --store "$1" --port 0 --log-level error >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do grep -q "已启动" "$log" && break; sleep 0.1; done
  SERVER_URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
  [[ -n "$SERVER_URL" ]] || { cat "$log" >&2; exit 1; }
}
stop_servers() { cleanup; pids=(); }

pg_db() { # pg_db NAME: a new database, prints its URL
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -d "$DSYNC_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  echo "${DSYNC_TEST_POSTGRES_URL%/*}/$1"
}

run_load() { # run_load LABEL STORE URLS
  local line
  line=$("$BENCH" load --offices "$OFFICES" --rounds "$ROUNDS" --batch "$BATCH" --workers "$WORKERS" \
         --dir "$OUT/load" --server "$3" --store "$2")
  echo "$1 $line"
}

for pass in $(seq 1 "$PASSES"); do
  rm -f "$OUT/central.db"*
  start_server "$OUT/central.db"
  run_load "sqlite_1" "$OUT/central.db" "$SERVER_URL"
  stop_servers

  db=$(pg_db "bench_one_$pass")
  start_server "$db"
  run_load "postgres_1" "$db" "$SERVER_URL"
  stop_servers

  db=$(pg_db "bench_two_$pass")
  start_server "$db"; a=$SERVER_URL
  start_server "$db"; b=$SERVER_URL
  run_load "postgres_2" "$db" "$a,$b"
  stop_servers
done
