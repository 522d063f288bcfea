"""The floor for `docket overdue`: one hand-written SQL query through sqlite3, then json or csv.

Run: `python tests/perf/floor_overdue.py RECORD.db YYYY-MM-DD json|csv`. It writes what
`docket overdue --as-of DAY --format json|csv` writes (the CSV in its form for people),
computed by one statement: meetings as of the day, each commitment's promises recorded by
then (targets resolved to those meetings' dates, slips counted against the promise
before), the latest promise and note, and only the open commitments whose target is past.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import sys

QUERY = """
WITH moved AS (
  SELECT meeting_id, previous_date,
         ROW_NUMBER() OVER (PARTITION BY meeting_id ORDER BY recorded_on, id) AS k
  FROM meeting_changes WHERE recorded_on > :d AND previous_date IS NOT NULL
), m AS (
  SELECT mt.id, mt.key, COALESCE(mv.previous_date, mt.date) AS date
  FROM meetings mt LEFT JOIN moved mv ON mv.meeting_id = mt.id AND mv.k = 1
), p AS (
  SELECT pr.commitment_id AS cid, pr.id, pr.recorded_on, pr.target_meeting_id AS tm,
         pr.given_by, pr.source, COALESCE(pr.target_date, m.date) AS target
  FROM promises pr LEFT JOIN m ON m.id = pr.target_meeting_id
  WHERE pr.recorded_on <= :d
), w AS (
  SELECT p.*, LAG(target) OVER win AS before, ROW_NUMBER() OVER win AS k,
         COUNT(*) OVER (PARTITION BY cid) AS n
  FROM p WINDOW win AS (PARTITION BY cid ORDER BY recorded_on, id)
), s AS (
  SELECT cid,
         SUM(k > 1 AND ((before IS NOT NULL AND target IS NULL) OR target > before)) AS slips,
         MAX(CASE WHEN k = 1 THEN target END) AS first_target,
         MIN(recorded_on) AS first_on,
         MAX(CASE WHEN k = n THEN id END) AS last_id
  FROM w GROUP BY cid
)
SELECT c.key, c.title, o.name, b.key, b.short_name, b.name, last.target, lm.key,
       s.first_target, COALESCE(s.slips, 0), last.recorded_on, last.given_by, last.source,
       s.first_on,
       (SELECT n.recorded_on FROM notes n WHERE n.commitment_id = c.id AND n.recorded_on <= :d
        ORDER BY n.recorded_on DESC, n.id DESC LIMIT 1),
       (SELECT n.text FROM notes n WHERE n.commitment_id = c.id AND n.recorded_on <= :d
        ORDER BY n.recorded_on DESC, n.id DESC LIMIT 1)
FROM s
JOIN w AS last ON last.cid = s.cid AND last.id = s.last_id
JOIN commitments c ON c.id = s.cid
JOIN bodies b ON b.id = c.body_id
LEFT JOIN owners o ON o.id = c.owner_id
LEFT JOIN m AS lm ON lm.id = last.tm
WHERE (c.status = 'open' OR c.status_on > :d) AND last.target < :d
ORDER BY last.target, c.key
"""

HEADERS = [
    "Key",
    "Commitment",
    "Owner",
    "Body",
    "Due",
    "Target",
    "Target meeting",
    "First target",
    "Days overdue",
    "Slips",
    "RAG",
    "Last promised on",
    "Last promised by",
    "Source",
    "As of",
    "State",
    "Days left",
    "First promised on",
    "Last note on",
    "Last note",
]


def short(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return f"{d.day} {d.strftime('%b %Y')}"


def safe(text: str | None) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text


def main(path: str, day: str, fmt: str) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    as_of = dt.date.fromisoformat(day)
    rows = con.execute(QUERY, {"d": day}).fetchall()
    if fmt == "json":
        out = []
        for r in rows:
            late = (as_of - dt.date.fromisoformat(r[6])).days
            out.append(
                {"key": r[0], "title": r[1], "owner": r[2], "body": r[3], "target": r[6],
                 "target_meeting": r[7], "first_target": r[8], "days_overdue": late,
                 "slips": r[9], "rag": "red", "last_promised_on": r[10],
                 "last_promised_by": r[11], "source": r[12], "as_of": day, "state": "open",
                 "days_left": -late, "first_promised_on": r[13], "last_note_on": r[14],
                 "last_note": r[15]}
            )  # fmt: skip
        text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    else:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(HEADERS)
        for r in rows:
            late = (as_of - dt.date.fromisoformat(r[6])).days
            due = f"{late:,} day{'' if late == 1 else 's'} late"
            meeting = f"Meeting of {short(r[6])}" if r[7] else ""
            writer.writerow(
                [safe(r[0]), safe(r[1]), safe(r[2]), safe(r[4] or r[5] or r[3]), due, r[6],
                 meeting, r[8] or "", late, r[9], "RED", r[10], safe(r[11]), safe(r[12]), day,
                 "Open", -late, r[13], r[14] or "", safe(r[15])]
            )  # fmt: skip
        text = "\ufeff" + buffer.getvalue()
    sys.stdout.buffer.write(text.encode("utf-8"))


if __name__ == "__main__":
    main(*sys.argv[1:4])
