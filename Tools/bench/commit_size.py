#!/usr/bin/env python3
# usage: commit_size.py projects_N.csv [ROWS_PER_COMMIT ...]   (stdlib only)
# The SQLite ceiling of the central store's merge as a function of commit size: the anchor CSV's rows
# inserted into a table shaped like the store's state table (rowid, UUIDv7 `id` UNIQUE, the natural key and
# the two secondary indexes) in WAL mode with synchronous=NORMAL, a 64 MB cache and checkpoints every 96 MB,
# committing every ROWS_PER_COMMIT rows. Each commit rewrites the leaf pages its rows touched in the
# random-key indexes, so small commits cost more per row as the table grows: why the SQLite store commits
# the pushes that queue up behind a transaction together (SQLiteCentralStore.pushGroup).
import csv, os, sys, tempfile, time, sqlite3

path = sys.argv[1]
sizes = [int(a) for a in sys.argv[2:]] or [5000, 20000, 40000]
with open(path, encoding="utf-8") as f:
    reader = csv.reader(f)
    next(reader)
    rows = list(reader)
ms = int(time.time() * 1000)
data = [("%08x-%04x-7000-8000-%012x" % (ms >> 16, ms & 0xFFFF, i),) + tuple(r) for i, r in enumerate(rows)]
for per in sizes:
    with tempfile.TemporaryDirectory() as d:
        db = sqlite3.connect(os.path.join(d, "t.db"), isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA cache_size=-65536")
        db.execute("PRAGMA wal_autocheckpoint=24576")
        db.execute("""CREATE TABLE t (_rid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, owner TEXT NOT NULL DEFAULT '',
            project_no, name, district, resp_unit, kind, pool, status, total_invest, annual_plan, cum_invest, start_date,
            contact, phone, uscc, image_progress, problems)""")
        db.execute("CREATE INDEX t_project_no ON t (project_no)")
        db.execute("CREATE INDEX t_district_status ON t (district, status)")
        db.execute("CREATE INDEX t_uscc ON t (uscc)")
        sql = "INSERT INTO t (id, project_no, name, district, resp_unit, kind, pool, status, total_invest, annual_plan, cum_invest, " \
              "start_date, contact, phone, uscc, image_progress, problems) VALUES (" + ", ".join("?" * 17) + ")"
        t0 = time.monotonic()
        for start in range(0, len(data), per):
            db.execute("BEGIN")
            db.executemany(sql, data[start:start + per])
            db.execute("COMMIT")
        s = time.monotonic() - t0
        db.close()
    print(f"rows={len(data)} rows_per_commit={per} phase_s={s:.3f} rows_per_s={len(data) / s:.0f}")
