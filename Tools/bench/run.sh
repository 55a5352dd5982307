#!/usr/bin/env bash
# DistrictSync's benchmarks, side by side with the anchors in shared/bench (same rows, same process
# environment, rounds interleaved), reported as ratios.
#   Tools/bench/run.sh insert [N=100000] [ROUNDS=5]
#   Tools/bench/run.sh import [N=100000] [ROUNDS=3]
#   Tools/bench/run.sh sync   [N=100000] [ROUNDS=3]
#   Tools/bench/run.sh load   [OFFICES=1000]
#   Tools/bench/run.sh export [N=1000000] [ROUNDS=3]   (xlsx ledger, constant_memory, vs the C libxlsxwriter anchor;
#                                                       then the formatted reports R1/R2/R6 on REPORT_PROJECTS projects)
#   Tools/bench/run.sh read   [N=100000] [ROUNDS=3]   (xlsx and CSV readers vs python-calamine, polars)
#   Tools/bench/run.sh stores [OFFICES=1000]   (SQLite vs PostgreSQL with 1 and 2 dsync serve instances)
# Environment: SHARED_BENCH (default ../shared/bench next to the repo), BENCH_DATA (generated data; default
# Tools/bench/data), BENCH_OUT (scratch for databases; default a temp dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WHAT=${1:-insert}
N=${2:-100000}
ROUNDS=${3:-5}
SHARED_BENCH=${SHARED_BENCH:-$ROOT/../shared/bench}
DATA=${BENCH_DATA:-$ROOT/Tools/bench/data}
OUT=${BENCH_OUT:-$(mktemp -d)}
mkdir -p "$DATA" "$ROOT/Tools/bench/results"

Tools/setup --bench
swift build -c release --product dsync-bench 2>&1 | grep -E "error|warning" || true
BENCH="$(swift build -c release --show-bin-path)/dsync-bench"
mkdir -p "$ROOT/.build/anchors"
cc -O2 -o "$ROOT/.build/anchors/sqlite_insert" "$SHARED_BENCH/c/sqlite_insert.c" -lsqlite3
if [ ! -f "$DATA/projects_$N.csv" ]; then
  echo "generating $N rows into $DATA ..." >&2
  python3 "$SHARED_BENCH/gen_data.py" --rows "$N" --formats csv --out "$DATA" >&2
fi

case "$WHAT" in
insert)
  exec python3 "$ROOT/Tools/bench/ratios.py" --rounds "$ROUNDS" --rows "$N" \
    --out "$ROOT/Tools/bench/results/insert_$N.json" \
    --case "ceiling|C prepared insert, 1 txn (anchor reference)|$ROOT/.build/anchors/sqlite_insert --sql $SHARED_BENCH/schema.sql $DATA/projects_$N.csv $OUT/c.db" \
    --case "ceiling256|C prepared insert, cache 256 MB|$ROOT/.build/anchors/sqlite_insert --cache-mb 256 --sql $SHARED_BENCH/schema.sql $DATA/projects_$N.csv $OUT/c.db" \
    --case "trigger|C insert + trigger (pk), temp_store=MEMORY|$ROOT/.build/anchors/sqlite_insert --pragma temp_store=MEMORY --sql $SHARED_BENCH/schema.sql --sql $SHARED_BENCH/changelog_pk.sql $DATA/projects_$N.csv $OUT/c.db" \
    --case "applog|C insert + app-side change log|$ROOT/.build/anchors/sqlite_insert --applog --sql $SHARED_BENCH/schema.sql --sql $SHARED_BENCH/changelog_table.sql $DATA/projects_$N.csv $OUT/c.db" \
    --case "replica|dsync replica bulk insert, capture on|$BENCH insert --csv $DATA/projects_$N.csv $OUT/r.dsync"
  ;;
import)
  # CSV → replica through the whole import path (read, header match, coercion and validation of every cell,
  # natural-key upsert, capture, provenance) vs the sqlite3 shell's .import (no validation, no capture) of the
  # same file into the anchor schema. Ratio > 1: dsync import is faster.
  exec python3 "$ROOT/Tools/bench/ratios.py" --rounds "$ROUNDS" --rows "$N" \
    --out "$ROOT/Tools/bench/results/import_$N.json" \
    --case "cli|sqlite3 .import --csv (anchor reference)|sh $SHARED_BENCH/anchors/sqlite_cli_import.sh $DATA/projects_$N.csv $OUT/cli.db" \
    --case "import|dsync import (validated, captured)|$BENCH import --cache-mb 32 $DATA/projects_$N.csv $OUT/import.dsync"
  ;;
sync)
  # Push + merge over loopback HTTP (gzip JSON, real server and client) vs the raw SQLite insert ceiling,
  # as built and with malloc on huge pages as dsync runs (the like-for-like ratio); the last line also
  # reports a fresh replica's clone of all rows.
  python3 "$ROOT/Tools/bench/ratios.py" --rounds "$ROUNDS" --rows "$N" \
    --out "$ROOT/Tools/bench/results/sync_$N.json" \
    --case "ceiling|C prepared insert, 1 txn (anchor reference)|$ROOT/.build/anchors/sqlite_insert --sql $SHARED_BENCH/schema.sql $DATA/projects_$N.csv $OUT/c.db" \
    --case "ceilinghuge|C prepared insert, malloc on huge pages as dsync's|env GLIBC_TUNABLES=glibc.malloc.hugetlb=1 $ROOT/.build/anchors/sqlite_insert --sql $SHARED_BENCH/schema.sql $DATA/projects_$N.csv $OUT/c.db" \
    --case "sync|dsync push+merge over HTTP (changes/s)|$BENCH sync --csv $DATA/projects_$N.csv --dir $OUT/sync"
  "$BENCH" sync --csv "$DATA/projects_$N.csv" --dir "$OUT/sync"
  ;;
read)
  # Every cell of the generated xlsx / CSV through the Spreadsheet readers, vs python-calamine (reference) and
  # polars (fastexcel/calamine) on the same file; peak RSS of our reader from /usr/bin/time -v.
  python3 -c "import python_calamine, polars, fastexcel" 2>/dev/null ||
    python3 -m pip install -q $(grep -E "^(python-calamine|polars|fastexcel)==" "$SHARED_BENCH/requirements.txt")
  if [ ! -f "$DATA/projects_$N.xlsx" ]; then
    echo "generating $N rows (xlsx) into $DATA ..." >&2
    python3 "$SHARED_BENCH/gen_data.py" --rows "$N" --formats csv,gb18030,xlsx --out "$DATA" >&2
  fi
  XR="python3 $SHARED_BENCH/anchors/xlsx_read.py"
  python3 "$ROOT/Tools/bench/ratios.py" --rounds "$ROUNDS" --rows "$N" \
    --out "$ROOT/Tools/bench/results/read_xlsx_$N.json" \
    --case "calamine|python-calamine iter_rows (anchor reference)|$XR --lib calamine $DATA/projects_$N.xlsx" \
    --case "polars|polars.read_excel (fastexcel/calamine)|$XR --lib polars $DATA/projects_$N.xlsx" \
    --case "dsync|dsync xlsx reader, every cell|$BENCH read $DATA/projects_$N.xlsx"
  CR="python3 $ROOT/Tools/bench/anchors/csv_read.py"
  python3 "$ROOT/Tools/bench/ratios.py" --rounds "$ROUNDS" --rows "$N" \
    --out "$ROOT/Tools/bench/results/read_csv_$N.json" \
    --case "pycsv|python csv.reader (UTF-8, reference)|$CR --lib csv $DATA/projects_$N.csv" \
    --case "polars|polars.read_csv (UTF-8, all text)|$CR --lib polars $DATA/projects_$N.csv" \
    --case "dsync|dsync CSV reader, UTF-8|$BENCH read $DATA/projects_$N.csv" \
    --case "dsyncgb|dsync CSV reader, GB18030 (iconv)|$BENCH read $DATA/projects_$N.gb18030.csv"
  for f in "projects_$N.xlsx" "projects_$N.csv" "projects_$N.gb18030.csv"; do
    echo "peak RSS (/usr/bin/time -v), dsync-bench read $f: $(/usr/bin/time -v "$BENCH" read "$DATA/$f" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2/1024 " MB"}')"
  done
  ;;
load)
  # N simulated offices pushing small batches concurrently (round trips of push + pull).
  "$BENCH" load --offices "$N" --rounds "${LOAD_ROUNDS:-5}" --batch "${LOAD_BATCH:-20}" --workers "${LOAD_WORKERS:-32}" --dir "$OUT/load"
  ;;
export)
  # The same CSV -> xlsx ledger (16 columns, numbers, dates, bold header) in constant_memory mode:
  # shared/bench's raw C program vs dsync's Swift face over libxlsxwriter. Peak RSS from getrusage.
  cc -O2 -o "$ROOT/.build/anchors/xlsx_write" "$SHARED_BENCH/c/xlsx_write.c" -lxlsxwriter
  python3 "$ROOT/Tools/bench/ratios.py" --rounds "$ROUNDS" --rows "$N" \
    --out "$ROOT/Tools/bench/results/export_$N.json" \
    --case "c_cm|C libxlsxwriter constant_memory (anchor)|$ROOT/.build/anchors/xlsx_write --constant-memory $DATA/projects_$N.csv $OUT/c.xlsx" \
    --case "face_cm|dsync Swift face constant_memory|$BENCH export --constant-memory $DATA/projects_$N.csv $OUT/s.xlsx"
  # Formatted reports need normal mode (merged two-level headers): timed on their own.
  "$BENCH" reports --projects "${REPORT_PROJECTS:-10000}" --dir "$OUT/reports"
  ;;
stores)
  # The same load against SQLite, PostgreSQL with one instance and with two (Tools/bench/load-stores.sh).
  swift build -c release --product dsync 2>&1 | grep -E "error|warning" || true
  Tools/with-postgres Tools/bench/load-stores.sh "$BENCH" "$(swift build -c release --show-bin-path)/dsync" "$N" "$OUT/stores" \
    | tee "$ROOT/Tools/bench/results/load_stores_$N.txt"
  python3 "$ROOT/Tools/bench/load_ratios.py" "$ROOT/Tools/bench/results/load_stores_$N.txt"
  ;;
*) echo "unknown benchmark $WHAT" >&2; exit 2 ;;
esac
