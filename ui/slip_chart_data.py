"""What the slip chart shows, in plain values: each promise, how it ended, and its tooltip.

No Qt here: `ChartData` is read from a commitment's ledger as of a day, and each promise's
outcome (missed, pending, kept, no longer due) and words follow DESIGN.md's rules, so
ui/slip_chart_layout.py can place it and tests can read it without painting anything.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, replace

from app.core.wording import days_late, days_left, short_date
from app.ledger import slips
from app.reads.ledger import MOVED, PROMISE, CommitmentDetail

# The shape of each point of the chart.
MADE = "made"  # the day a promise was made: an upright tick
BROKEN = "broken"  # a target missed, or given up by a slip: ✕
PENDING = "pending"  # a target still ahead on the as-of day: ◆
KEPT = "kept"  # a target met by the delivery: ●
VOID = "void"  # no longer due without being missed (reaffirmed, brought forward, dropped): ◇
DELIVERED = "delivered"  # ●
DROPPED = "dropped"  # ○
NO_DATE = "no date"  # a promise that gave no date: a dotted line, in the legend only
LEGEND = {
    MADE: "promise made",
    BROKEN: "missed",
    PENDING: "pending",
    DELIVERED: "delivered",
    KEPT: "kept",
    VOID: "no longer due",
    DROPPED: "dropped",
    NO_DATE: "no date given",
}


@dataclass(frozen=True)
class ChartPromise:
    recorded_on: dt.date
    target: dt.date | None  # as of the chart's day
    label: str  # "Original", "Slip 1", "Reaffirmed", ...
    kind: str = slips.ORIGINAL  # the ledger's word: slips.ORIGINAL, slips.SLIP, ...
    by: str = ""
    source: str = ""
    reason: str = ""
    meeting: bool = False  # the target is a meeting's date
    moved_from: dt.date | None = None  # that meeting's date when promised, if it moved since


@dataclass(frozen=True)
class ChartData:
    promises: tuple[ChartPromise, ...]
    as_of: dt.date
    closed_on: dt.date | None
    closed_as: str | None  # "delivered" / "dropped"

    @classmethod
    def from_detail(cls, detail: CommitmentDetail, as_of: dt.date) -> ChartData:
        """The promises recorded on or before `as_of`, and the delivery or drop by then."""
        found: list[ChartPromise] = []
        moved: dict[int, dt.date | None] = {}
        numbered = 0
        for e in detail.entries:
            if e.recorded_on > as_of:
                continue
            if e.kind == MOVED and found:
                moved.setdefault(len(found) - 1, e.moved_from)
            if e.kind != PROMISE:
                continue
            numbered += e.label == slips.SLIP
            found.append(
                ChartPromise(
                    e.recorded_on,
                    e.target,
                    _title(e.label, numbered),
                    e.label,
                    e.by,
                    e.source,
                    e.text,
                    e.target_meeting is not None,
                )
            )
        promises = tuple(
            replace(p, moved_from=moved[i]) if i in moved else p for i, p in enumerate(found)
        )
        closed = detail.status_on is not None and detail.status_on <= as_of
        return cls(
            promises,
            as_of,
            detail.status_on if closed else None,
            detail.status if closed else None,
        )

    def own_days(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the commitment's own: promises made, targets, close."""
        days = [p.recorded_on for p in self.promises]
        days += [p.target for p in self.promises if p.target]
        days += [self.closed_on] if self.closed_on else []
        return min(days), max(days)

    def span(self) -> tuple[dt.date, dt.date]:
        """The days the axis shows: the commitment's own, and the as-of day when that is
        near them; at least 30 days."""
        low, high = self.own_days()
        if not self.as_of_beyond(low, high):
            high = max(high, self.as_of)
        if (high - low).days < 30:
            high = low + dt.timedelta(days=30)
        return low, high

    def as_of_beyond(self, low: dt.date, high: dt.date) -> bool:
        """Whether the as-of day is so far after the commitment's days that drawing it to
        scale would squash them: it is then marked at the right edge instead."""
        return (self.as_of - high).days > max(60, (high - low).days) // 4

    def outcome(self, i: int) -> str:
        """How promise `i`'s target ended, as of the chart's day: a shape of this module."""
        promise = self.promises[i]
        target = promise.target
        if target is None:
            return VOID
        if i + 1 < len(self.promises):
            later = self.promises[i + 1]
            missed = later.kind in slips.SLIPS or target < later.recorded_on
            return BROKEN if missed else VOID
        if self.closed_on is not None:
            if self.closed_as == "delivered":
                return KEPT if self.closed_on <= target else BROKEN
            return BROKEN if target < self.closed_on else VOID
        return BROKEN if target < self.as_of else PENDING

    def tooltip(self, i: int) -> str:
        """Promise `i` in words: what was promised, when and by whom, where it was said,
        and how it ended (rich text)."""
        p = self.promises[i]
        target = short_date(p.target) if p.target else "no date"
        if p.meeting and p.target:
            target = f"the meeting of {target}"
            if p.moved_from:
                target += f" (moved from {short_date(p.moved_from)})"
        kind = p.label if p.kind == slips.SLIP else p.kind.capitalize()  # "Original promise"
        lines = [f"<b>{_esc(kind)}</b> — promised for {_esc(target)}"]
        said = f"Said on {short_date(p.recorded_on)}"
        lines.append(f"{said} by {_esc(p.by)}" if p.by else said)
        if p.reason:
            lines.append(_esc(p.reason))
        if p.source:
            lines.append(f"Source: {_esc(p.source)}")
        lines.append(f"<i>{_esc(self._ending(i))}</i>")
        return "<br>".join(lines)

    def closed_tooltip(self) -> str:
        if self.closed_on is None:
            return ""
        lines = [
            f"<b>{_esc((self.closed_as or '').capitalize())}</b> on {short_date(self.closed_on)}"
        ]
        last = self.promises[-1].target if self.promises else None
        if last is not None and self.closed_as == "delivered":
            late = (self.closed_on - last).days
            lines.append(days_late(late) + " against the last promise" if late > 0 else "On time")
        if self.promises and self.promises[0].target and self.closed_as == "delivered":
            late = (self.closed_on - self.promises[0].target).days
            if late > 0:
                lines.append(days_late(late) + " against the first promise")
        return "<br>".join(lines)

    def summary(self) -> str:
        """The chart in words, for a screen reader."""
        said = []
        for i, p in enumerate(self.promises):
            target = short_date(p.target) if p.target else "no date"
            ending = LEGEND[self.outcome(i)] if p.target else "no date given"
            said.append(f"{p.label}, {short_date(p.recorded_on)}: for {target}, {ending}")
        if self.closed_on:
            said.append(f"{(self.closed_as or '').capitalize()} on {short_date(self.closed_on)}")
        return "; ".join(said) + f"; as of {short_date(self.as_of)}."

    def as_of_tooltip(self, beyond: bool) -> str:
        text = f"<b>As of {short_date(self.as_of)}</b>: the record as it stood that day"
        if beyond:
            text += "<br>Far after the commitment's own dates, so marked at the edge"
        return text

    def _ending(self, i: int) -> str:
        p, outcome = self.promises[i], self.outcome(i)
        later = self.promises[i + 1] if i + 1 < len(self.promises) else None
        if p.target is None:
            if later is not None:
                return f"No date, until a date was given on {short_date(later.recorded_on)}"
            return "No date given"
        if outcome == PENDING:
            left = (p.target - self.as_of).days
            due = days_left(left) if left else "today"
            return f"Pending — due {due} as of {short_date(self.as_of)}"
        if outcome == KEPT:
            return f"Kept — delivered on {short_date(self.closed_on)}"
        if later is not None:
            if outcome == BROKEN and later.kind in slips.SLIPS:
                moved_to = short_date(later.target) if later.target else "no date"
                return f"Missed — on {short_date(later.recorded_on)} it slipped to {moved_to}"
            if outcome == BROKEN:
                return f"Missed — the day passed before the next promise ({later.label})"
            return f"Superseded — {later.label.lower()} on {short_date(later.recorded_on)}"
        if outcome == VOID:
            return f"No longer due — dropped on {short_date(self.closed_on)}"
        end = self.closed_on or self.as_of
        late = days_late((end - p.target).days)
        if self.closed_as == "delivered":
            return f"Missed — delivered {late}, on {short_date(end)}"
        if self.closed_as == "dropped":
            return f"Missed — {late} when dropped on {short_date(end)}"
        return f"Missed — {late} as of {short_date(end)}"


def _title(kind: str, slip_number: int) -> str:
    if kind == slips.ORIGINAL:
        return "Original"
    if kind == slips.SLIP:
        return f"Slip {slip_number}"
    return kind.capitalize()


def _esc(text: str) -> str:
    return html.escape(text, quote=False)
