#!/usr/bin/env python3
"""Summarises Tools/bench/load-stores.sh output: median merged changes/s and p99 per set-up, and ratios to SQLite."""
import re, statistics, sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    if not parts or "=" in parts[0] or "merged_changes_per_s=" not in line:
        continue
    fields = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    runs[parts[0]].append((float(fields["merged_changes_per_s"]), float(fields["p99_ms"]), int(fields["errors"])))
base = statistics.median(r[0] for r in runs.get("sqlite_1", [(1, 0, 0)]))
print(f"{'set-up':<12} {'passes':>6} {'changes/s':>10} {'p99 ms':>8} {'errors':>6} {'× SQLite':>9}")
for name in ["sqlite_1", "postgres_1", "postgres_2"]:
    if name not in runs:
        continue
    cps = statistics.median(r[0] for r in runs[name])
    p99 = statistics.median(r[1] for r in runs[name])
    print(f"{name:<12} {len(runs[name]):>6} {cps:>10.0f} {p99:>8.1f} {sum(r[2] for r in runs[name]):>6} {cps / base:>9.2f}")
