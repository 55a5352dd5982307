#!/usr/bin/env python3
"""CSV -> rows with Python's usual readers, every field of every data row materialised (the CSV side of
`Tools/bench/run.sh read`). Prints the shared/bench anchor line.
usage: csv_read.py --lib csv|polars [--encoding utf-8|gb18030] CSV"""
import argparse, resource, sys, time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", required=True)
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("csv")
    a = ap.parse_args()
    t0 = time.perf_counter()
    if a.lib == "csv":
        import csv
        n = 0
        with open(a.csv, newline="", encoding=a.encoding) as f:
            r = csv.reader(f)
            next(r)
            for row in r:
                n += 1
    elif a.lib == "polars":
        import polars as pl
        df = pl.read_csv(a.csv, encoding="utf8" if a.encoding == "utf-8" else a.encoding, infer_schema=False)
        n = df.height
    else:
        ap.error(f"unknown --lib {a.lib}")
    s = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"rows={n} phase_s={s:.3f} rows_per_s={n / s:.0f} peak_rss_mb={rss:.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
