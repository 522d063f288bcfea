"""The floor for `docket import`: the same rows put in by sqlite3.executemany, one transaction.

Run: `python tests/perf/floor_import.py FILE.json RECORD.db EMPTY.db`. It copies EMPTY.db
(a record made by `docket init`, so the schema, indexes and triggers are Docket's own),
reads the whole file with json.load, gives each entry its id in file order, and inserts
every section with one executemany each, in one transaction. It checks nothing and writes
no audit log: the least any importer of this file into this schema must do.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from typing import Any


def load(source: str, target: str, template: str) -> None:
    shutil.copyfile(template, target)
    with open(source, encoding="utf-8") as handle:
        doc: dict[str, Any] = json.load(handle)
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("BEGIN")
    bodies = {b["key"]: i for i, b in enumerate(doc.get("bodies", []), 1)}
    con.executemany(
        "INSERT INTO bodies (id, key, name, short_name, schedule) VALUES (?, ?, ?, ?, ?)",
        [
            (bodies[b["key"]], b["key"], b["name"], b.get("short_name") or "", b.get("schedule"))
            for b in doc.get("bodies", [])
        ],
    )
    meetings = {m["key"]: i for i, m in enumerate(doc.get("meetings", []), 1)}
    con.executemany(
        "INSERT INTO meetings (id, key, body_id, date, time, title, status, location, notes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                meetings[m["key"]],
                m["key"],
                bodies[m["body"]],
                m["date"],
                f"{m['time']}:00.000000" if m.get("time") else None,
                m.get("title") or "",
                m.get("status") or "scheduled",
                m.get("location") or "",
                m.get("notes") or "",
            )
            for m in doc.get("meetings", [])
        ],
    )
    con.executemany(
        "INSERT INTO meeting_changes (meeting_id, recorded_on, previous_date, previous_status,"
        " reason, source) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                meetings[c["meeting"]],
                c["recorded_on"],
                c.get("previous_date"),
                c.get("previous_status"),
                c.get("reason") or "",
                c.get("source") or "",
            )
            for c in doc.get("meeting_changes", [])
        ],
    )
    con.executemany(
        "INSERT INTO agenda_items (meeting_id, position, title, lead, details, outcome,"
        " decision, votes_for, votes_against, votes_abstaining, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                meetings[a["meeting"]],
                a["position"],
                a["title"],
                a.get("lead") or "",
                a.get("details") or "",
                a.get("outcome") or "",
                a.get("decision") or "",
                a.get("votes_for"),
                a.get("votes_against"),
                a.get("votes_abstaining"),
                a.get("status") or "pending",
            )
            for a in doc.get("agenda_items", [])
        ],
    )
    owners: dict[str, int] = {}
    kinds = {o["name"]: o.get("kind") for o in doc.get("owners", [])}
    for c in doc.get("commitments", []):
        if c.get("owner"):
            kinds.setdefault(c["owner"], None)
    for name in kinds:
        owners[name] = len(owners) + 1
    con.executemany(
        "INSERT INTO owners (id, name, kind) VALUES (?, ?, ?)",
        [(owners[name], name, kind) for name, kind in kinds.items()],
    )
    commitments = {c["key"]: i for i, c in enumerate(doc.get("commitments", []), 1)}
    con.executemany(
        "INSERT INTO commitments (id, key, title, body_id, owner_id, status, status_on,"
        " details, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                commitments[c["key"]],
                c["key"],
                c["title"],
                bodies[c["body"]],
                owners.get(c.get("owner") or ""),
                c["status"],
                c.get("status_on"),
                c.get("details") or "",
                c.get("source") or "",
            )
            for c in doc.get("commitments", [])
        ],
    )
    con.executemany(
        "INSERT INTO promises (commitment_id, recorded_on, target_date, target_meeting_id,"
        " given_by, reason, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                commitments[p["commitment"]],
                p["recorded_on"],
                (p["target"] or {}).get("date"),
                meetings[p["target"]["meeting"]]
                if p["target"] and "meeting" in p["target"]
                else None,
                p.get("by") or "",
                p.get("reason") or "",
                p.get("source") or "",
            )
            for p in doc.get("promises", [])
        ],
    )
    con.executemany(
        "INSERT INTO notes (commitment_id, recorded_on, text, source) VALUES (?, ?, ?, ?)",
        [
            (commitments[n["commitment"]], n["recorded_on"], n["text"], n.get("source") or "")
            for n in doc.get("notes", [])
        ],
    )
    con.execute("COMMIT")
    con.close()


if __name__ == "__main__":
    load(*sys.argv[1:4])
