"""The peer a data analyst would reach for: DuckDB, the store's rows loaded
in memory, computing the attendance and pre/post score figures by sex as
DOMAIN.md defines them. Called by `binome-bench --dashboard` with the
decrypted twin of the store; prints one JSON object: the best of three
times (seconds) and the figures per sex, which the harness checks against
Binôme's own before it reports any time.

Usage: dashboard_duckdb.py PLAIN_STORE
"""

import csv
import json
import os
import sqlite3
import sys
import tempfile
import time

import duckdb

# The columns each figure reads, no more.
TABLES = {
    "programmes": "id, deleted, hours_per_day, pass_mark",
    "missions": "id, programme_id, deleted",
    "sessions": "id, mission_id, duration, deleted",
    "persons": "id, sex, deleted",
    "person_aliases": "person_id, canonical_id",
    "attendance": "session_id, person_id, status, deleted",
    "test_scores": "session_id, person_id, phase, score, max_score, deleted",
}

LIVE = """
    CREATE TEMP VIEW live_sessions AS
    SELECT s.id, s.duration, pr.hours_per_day, pr.pass_mark
    FROM sessions s
    JOIN missions m ON m.id = s.mission_id AND m.deleted = 0
    JOIN programmes pr ON pr.id = m.programme_id AND pr.deleted = 0
    WHERE s.deleted = 0
"""

# A (session, person) pair is one row whatever a merge left in it; counted
# when present, late or left early; excused rows leave the denominator.
ATTENDANCE = """
    WITH pairs AS (
        SELECT a.session_id, COALESCE(al.canonical_id, a.person_id) AS person,
               bool_or(a.status IN ('present', 'late', 'left_early')) AS counted,
               bool_or(a.status = 'excused') AS excused
        FROM attendance a LEFT JOIN person_aliases al ON al.person_id = a.person_id
        WHERE a.deleted = 0
        GROUP BY ALL
    )
    SELECT COALESCE(p.sex, '') AS sex,
           count(DISTINCT pairs.person) FILTER (WHERE counted) AS persons_trained,
           COALESCE(sum(s.duration) FILTER (WHERE counted), 0) / 60.0 AS person_hours,
           COALESCE(sum(s.duration / 60.0 / s.hours_per_day) FILTER (WHERE counted), 0) AS person_days,
           count(*) FILTER (WHERE counted) / nullif(count(*) - count(*) FILTER (WHERE excused AND NOT counted), 0)
               AS attendance_rate
    FROM pairs
    JOIN live_sessions s ON s.id = pairs.session_id
    JOIN persons p ON p.id = pairs.person AND p.deleted = 0
    GROUP BY ALL
"""

# A pair scores when it has both tests, each its best; passed when the
# post-test reaches the programme's pass mark.
SCORES = """
    WITH pairs AS (
        SELECT t.session_id, COALESCE(al.canonical_id, t.person_id) AS person,
               max(t.score * 100.0 / t.max_score) FILTER (WHERE t.phase = 'pre') AS pre,
               max(t.score * 100.0 / t.max_score) FILTER (WHERE t.phase = 'post') AS post
        FROM test_scores t LEFT JOIN person_aliases al ON al.person_id = t.person_id
        WHERE t.deleted = 0
        GROUP BY ALL
    )
    SELECT COALESCE(p.sex, '') AS sex, count(*) AS scored_pairs,
           avg(pre) AS pre_mean_percent, avg(post) AS post_mean_percent,
           avg(CASE WHEN post >= s.pass_mark THEN 1.0 ELSE 0.0 END) AS pass_rate
    FROM pairs
    JOIN live_sessions s ON s.id = pairs.session_id
    JOIN persons p ON p.id = pairs.person AND p.deleted = 0
    WHERE pre IS NOT NULL AND post IS NOT NULL
    GROUP BY ALL
"""


def load(plain_store, db, folder):
    source = sqlite3.connect(plain_store)
    for table, columns in TABLES.items():
        path = os.path.join(folder, table + ".csv")
        with open(path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([c.strip() for c in columns.split(",")])
            writer.writerows(source.execute(f"SELECT {columns} FROM {table}"))
        db.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, all_varchar = false)")
    db.execute(LIVE)


def figures(db):
    out = {}
    for sql in (ATTENDANCE, SCORES):
        cursor = db.execute(sql)
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            out.setdefault(row[0], {}).update({n: v for n, v in zip(names[1:], row[1:])})
    return out


def main():
    db = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        load(sys.argv[1], db, folder)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        result = figures(db)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "by_sex": result, "threads": db.execute("SELECT current_setting('threads')").fetchone()[0]}))


if __name__ == "__main__":
    main()
