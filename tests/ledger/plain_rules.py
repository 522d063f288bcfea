"""The rules of docs/rules.md, stated plainly over an interchange document, for tests.

Deliberately naive: no SQL, no shared code with app/ or db/, one loop per rule, read
straight from the words. Tests hold the engine to it on generated and hand-made records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

D = dt.date
Doc = dict[str, Any]

REASONS = ("overdue", "due", "slipped", "open_ended", "new", "closed")


def day(text: str | None) -> D | None:
    return None if text is None else D.fromisoformat(text)


def meeting_as_of(doc: Doc, key: str, on: D) -> tuple[D, str]:
    """A meeting's date and status as of `on`: its changes recorded after `on` undone."""
    meeting = next(m for m in doc["meetings"] if m["key"] == key)
    date = day(meeting["date"])
    status = meeting.get("status") or "scheduled"
    assert date is not None
    changes = [c for c in doc.get("meeting_changes", []) if c["meeting"] == key]
    # Walk back from the newest change: each one recorded after `on` had not happened yet.
    for change in reversed(changes):
        if day(change["recorded_on"]) > on:  # type: ignore[operator]
            if change.get("previous_date") is not None:
                date = day(change["previous_date"])
                assert date is not None
            if change.get("previous_status") is not None:
                status = change["previous_status"]
    if status == "held" and date >= on:
        status = "scheduled"  # nobody knew yet
    return date, status


def resolve(doc: Doc, target: dict[str, str] | None, on: D) -> D | None:
    if target is None:
        return None
    if "meeting" in target:
        return meeting_as_of(doc, target["meeting"], on)[0]
    return day(target["date"])


def ledger(doc: Doc, key: str, on: D) -> list[dict[str, Any]]:
    """The commitment's promises recorded on or before `on`, oldest first (file order on ties)."""
    found = [
        (day(p["recorded_on"]), i, p)
        for i, p in enumerate(doc["promises"])
        if p["commitment"] == key and day(p["recorded_on"]) <= on  # type: ignore[operator]
    ]
    return [p for _, _, p in sorted(found, key=lambda e: (e[0], e[1]))]


def kind(before: D | None, after: D | None) -> str:
    """What a later promise did, compared with the promise before it."""
    if before is None and after is None:
        return "reaffirmed"
    if before is None:
        return "dated"
    if after is None:
        return "withdrawn"  # a date that had been given, taken back: a slip
    if after > before:
        return "slip"
    if after == before:
        return "reaffirmed"
    return "brought_forward"


def kinds(doc: Doc, key: str, on: D) -> list[tuple[D, str]]:
    """Each promise's recorded day and kind, targets compared as of `on`."""
    promises = ledger(doc, key, on)
    out: list[tuple[D, str]] = []
    previous: D | None = None
    for i, p in enumerate(promises):
        target = resolve(doc, p["target"], on)
        recorded = day(p["recorded_on"])
        assert recorded is not None
        out.append((recorded, "original" if i == 0 else kind(previous, target)))
        previous = target
    return out


def is_slip(k: str) -> bool:
    return k in ("slip", "withdrawn")


@dataclass(frozen=True)
class Plain:
    key: str
    body: str
    state: str
    target: D | None
    first_target: D | None
    first_promised_on: D
    slips: int
    last_slip_on: D | None
    overdue: bool
    days_overdue: int
    due_soon: bool
    open_ended: bool
    rag: str | None
    state_on: D | None


def standing(
    doc: Doc, key: str, on: D, *, due_soon_days: int = 14, amber_slips: int = 2, open_days: int = 90
) -> Plain | None:
    """The commitment as it stood on `on`, or None if its first promise came later."""
    promises = ledger(doc, key, on)
    if not promises:
        return None
    commitment = next(c for c in doc["commitments"] if c["key"] == key)
    closed_on = day(commitment.get("status_on"))
    closed = commitment["status"] != "open" and closed_on is not None and closed_on <= on
    state = commitment["status"] if closed else "open"
    is_open = state == "open"
    target = resolve(doc, promises[-1]["target"], on)
    slips = [d for d, k in kinds(doc, key, on) if is_slip(k)]
    overdue = is_open and target is not None and target < on
    due_soon = (
        is_open and not overdue and target is not None and (target - on).days <= due_soon_days
    )
    first_on = day(promises[0]["recorded_on"])
    assert first_on is not None
    open_ended = is_open and target is None and (on - first_on).days >= open_days
    rag = None
    if is_open:
        if overdue:
            rag = "red"
        elif due_soon or len(slips) >= amber_slips or open_ended:
            rag = "amber"
        else:
            rag = "green"
    return Plain(
        key=key,
        body=commitment["body"],
        state=state,
        target=target,
        first_target=resolve(doc, promises[0]["target"], on),
        first_promised_on=first_on,
        slips=len(slips),
        last_slip_on=max(slips) if slips else None,
        overdue=overdue,
        days_overdue=(on - target).days if overdue and target else 0,
        due_soon=due_soon,
        open_ended=open_ended,
        rag=rag,
        state_on=closed_on if closed else None,
    )


def previous_meeting(doc: Doc, key: str, on: D) -> str | None:
    """The latest other meeting of the same body before this one, as of `on`, not cancelled."""
    meeting = next(m for m in doc["meetings"] if m["key"] == key)
    this_date, _ = meeting_as_of(doc, key, on)
    best: tuple[D, str] | None = None
    for other in doc["meetings"]:
        if other["key"] == key or other["body"] != meeting["body"]:
            continue
        date, status = meeting_as_of(doc, other["key"], on)
        # On a tie of dates, the greater key (an arbitrary but fixed choice).
        if (
            date < this_date
            and status != "cancelled"
            and (best is None or (date, other["key"]) > best)
        ):
            best = (date, other["key"])
    return best[1] if best else None


def matters_arising(doc: Doc, key: str, on: D | None = None) -> list[tuple[str, list[str]]]:
    """(commitment key, reasons) for each matter arising of the meeting, in the brief's order."""
    meeting = next(m for m in doc["meetings"] if m["key"] == key)
    if on is None:
        on = day(meeting["date"])
        assert on is not None
    this_date, _ = meeting_as_of(doc, key, on)
    previous = previous_meeting(doc, key, on)
    since = meeting_as_of(doc, previous, on)[0] if previous else None
    found: list[tuple[int, D | None, str, list[str], int]] = []
    for commitment in doc["commitments"]:
        if commitment["body"] != meeting["body"]:
            continue
        s = standing(doc, commitment["key"], on)
        if s is None:
            continue
        is_open = s.state == "open"
        reasons = []
        if s.overdue:
            reasons.append("overdue")
        if is_open and not s.overdue and s.target is not None and s.target <= this_date:
            reasons.append("due")
        if is_open and s.last_slip_on is not None:
            slipped_since = [
                d for d, k in kinds(doc, s.key, on) if is_slip(k) and (since is None or d >= since)
            ]
            if slipped_since:
                reasons.append("slipped")
        if s.open_ended:
            reasons.append("open_ended")
        if since is not None and s.first_promised_on >= since:
            reasons.append("new")
        if since is not None and s.state_on is not None and s.state_on >= since:
            reasons.append("closed")
        if reasons:
            group = REASONS.index(reasons[0])
            found.append((group, s.target, s.key, reasons, s.days_overdue))
    found.sort(key=lambda f: (f[0], -f[4], f[1] is None, f[1] or D.min, f[2]))
    return [(f[2], f[3]) for f in found]
