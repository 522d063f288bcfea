"""Lists of commitments as data and as text: JSON objects and a terminal table."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from typing import Any

from app.core.wording import short_date
from app.ledger.rules import Standing
from app.ledger.words import when

TABLE_COLUMNS = ("Due", "Slips", "RAG", "Target", "First target", "Commitment", "Owner", "Body")


def as_json_object(s: Standing) -> dict[str, Any]:
    """The keys promised by the command-line contract, and a few more."""
    row = s.row
    return {
        "key": row.key,
        "title": row.title,
        "owner": row.owner,
        "body": row.body_key,
        "target": _iso(row.target),
        "target_meeting": row.target_meeting,
        "first_target": _iso(row.first_target),
        "days_overdue": s.days_overdue,
        "slips": s.slips,
        "rag": s.rag,
        "last_promised_on": row.last_promised_on.isoformat(),
        "last_promised_by": row.last_promised_by,
        "source": row.last_source,
        "as_of": s.as_of.isoformat(),
        "state": row.state,
        "days_left": s.days_left,
        "first_promised_on": row.first_promised_on.isoformat(),
        "last_note_on": _iso(row.last_note_on),
        "last_note": row.last_note,
    }


def as_json(standings: Sequence[Standing]) -> str:
    return json.dumps([as_json_object(s) for s in standings], indent=2, ensure_ascii=False) + "\n"


def as_table(standings: Sequence[Standing], *, empty: str, width: int | None = None) -> str:
    """A plain-text table that fits the terminal; the title column gives way first."""
    if not standings:
        return empty + "\n"
    rows = [
        (
            when(s),
            str(s.slips),
            (s.rag or s.row.state).upper(),
            _day(s.row.target),
            _day(s.row.first_target),
            s.row.title,
            s.row.owner or "",
            s.row.body_short_name or s.row.body_key,
        )
        for s in standings
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(TABLE_COLUMNS)]
    total = width or shutil.get_terminal_size((120, 24)).columns
    spare = total - (sum(widths) + 2 * (len(widths) - 1))
    title = TABLE_COLUMNS.index("Commitment")
    if spare < 0:
        widths[title] = max(len(TABLE_COLUMNS[title]), widths[title] + spare)
    numeric = {0, 1}

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            if len(cell) > widths[i]:
                cell = cell[: widths[i] - 1] + "…"
            out.append(cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i]))
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(TABLE_COLUMNS), rule, *(line(r) for r in rows)]) + "\n"


def _day(value: Any) -> str:
    return short_date(value) if value is not None else "none"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
