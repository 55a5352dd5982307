#!/usr/bin/env python3
"""Runs benchmark commands in interleaved rounds and prints median rows/s and ratios to the first case.

Each command prints one line with `rows=N phase_s=S ... peak_rss_mb=M` (the shared/bench anchor format).
Ratios are taken round by round (so a noisy moment hits every case alike), then the median.
"""
import argparse, json, re, shlex, statistics, subprocess, sys

def run(cmd):
    out = subprocess.run(shlex.split(cmd), capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {cmd}\n{out.stderr}")
    line = [l for l in out.stdout.splitlines() if "rows=" in l and "phase_s=" in l][-1]
    kv = dict(re.findall(r"(\w+)=([-\d.]+)", line))
    return int(kv["rows"]), float(kv["phase_s"]), float(kv.get("peak_rss_mb", "nan"))

p = argparse.ArgumentParser()
p.add_argument("--rounds", type=int, default=5)
p.add_argument("--rows", type=int, required=True)
p.add_argument("--case", action="append", required=True, help="key|label|command")
p.add_argument("--out")
a = p.parse_args()
cases = [c.split("|", 2) for c in a.case]
ref = cases[0][0]
res = {k: [] for k, _, _ in cases}
for r in range(a.rounds + 1):  # round 0 warms the page cache and is not counted
    for k, _, cmd in cases:
        rows, s, rss = run(cmd)
        if rows != a.rows:
            sys.exit(f"{k}: rows={rows}, expected {a.rows}")
        if r > 0:
            res[k].append((s, rss))
print(f"| case | rows/s (median, min–max) | ratio to {ref} (median of rounds) | peak RSS MB |")
print("|---|---:|---:|---:|")
summary = {}
for k, label, _ in cases:
    speeds = [a.rows / s for s, _ in res[k]]
    ratios = [res[ref][i][0] / res[k][i][0] for i in range(a.rounds)]
    rss = statistics.median(m for _, m in res[k])
    summary[k] = {"label": label, "rows_per_s": statistics.median(speeds), "ratio": statistics.median(ratios), "rss_mb": rss}
    print(f"| {label} | {statistics.median(speeds):,.0f} ({min(speeds):,.0f}–{max(speeds):,.0f}) | {statistics.median(ratios):.2f}× | {rss:.0f} |")
if a.out:
    json.dump({"rows": a.rows, "rounds": a.rounds, "cases": summary}, open(a.out, "w"), indent=1, ensure_ascii=False)
