"""The slip chart's geometry: where each row, point, date label, tick and legend item goes.

Pure arithmetic over plain values — no painting, no Qt. Text is measured by the function
the painter passes in, so the widget, the brief's PDF and the tests all read one layout.

Bands, top to bottom: the as-of label; one row per promise (oldest first) and one for the
delivery or drop; the time axis; the legend. The axis spans the commitment's own days
(ChartData.span); an as-of day far after them is marked at the right edge, "as of … →".
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

from app.core.wording import short_date
from ui.slip_chart_data import (
    BROKEN,
    DELIVERED,
    DROPPED,
    LEGEND,
    MADE,
    NO_DATE,
    PENDING,
    VOID,
    ChartData,
)

ROW_HEIGHT = 22.0
MARK = 5.0  # half the size of a point's shape
GAP = 4.0
HIT = 8.0  # how near the pointer must be to a point for its tooltip
TICK_STEPS = (1, 2, 3, 6, 12, 24, 60)  # months between axis ticks, the finest that fits

Measure = Callable[[str], float]


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def overlap(self, other: Box) -> float:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        return w * h if w > 0 and h > 0 else 0.0

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


@dataclass(frozen=True)
class Point:
    shape: str  # MADE, BROKEN, PENDING, KEPT, VOID, DELIVERED, DROPPED
    day: dt.date
    x: float
    y: float
    row: int
    text: str = ""  # its date label, "15 Jul 2020"
    label: Box | None = None


@dataclass(frozen=True)
class Row:
    title: str  # "Original", "Slip 1", "Delivered"
    y: float
    start: float  # its line, from the day the promise was made to its target
    end: float
    line: str  # "solid", "dotted" (no date given), "dashed" (from the last target to a close)
    outcome: str  # the target's shape; DELIVERED or DROPPED for the closing row
    tooltip: str


@dataclass(frozen=True)
class LegendItem:
    shape: str
    text: str
    x: float  # the shape's centre
    y: float


@dataclass(frozen=True)
class Layout:
    bounds: Box
    plot: Box
    rows: tuple[Row, ...]
    points: tuple[Point, ...]
    ticks: tuple[tuple[float, str], ...]
    as_of_x: float
    as_of_text: str  # "as of 29 Mar 2022", or "as of 2 Dec 2026 →" when beyond the axis
    as_of_label: Box
    as_of_beyond: bool
    as_of_tooltip: str
    legend: tuple[LegendItem, ...]
    height: float  # the height the chart needs at this width
    low: dt.date
    high: dt.date
    row_height: float

    def point_at(self, x: float, y: float) -> Point | None:
        """The point nearest (x, y), if one is within reach."""
        near = [(math.hypot(p.x - x, p.y - y), i) for i, p in enumerate(self.points)]
        near = [(d, i) for d, i in near if d <= HIT]
        return self.points[min(near)[1]] if near else None

    def tooltip_at(self, x: float, y: float) -> str | None:
        """What the chart says about the spot (x, y): a promise, the close, the as-of day."""
        point = self.point_at(x, y)
        if point is None:
            point = next((p for p in self.points if p.label and p.label.contains(x, y)), None)
        if point is not None:
            return self.rows[point.row].tooltip
        for i, row in enumerate(self.rows):
            top = self.plot.top + i * self.row_height
            on_line = min(row.start, row.end) - HIT <= x <= max(row.start, row.end) + HIT
            on_title = self.bounds.left <= x < self.plot.left
            if top <= y < top + self.row_height and (on_line or on_title):
                return row.tooltip
        near_line = abs(x - self.as_of_x) <= GAP and self.plot.top <= y <= self.plot.bottom
        if near_line or self.as_of_label.contains(x, y):
            return self.as_of_tooltip
        return None


def lay_out(data: ChartData, bounds: Box, measure: Measure, line: float) -> Layout:
    """Place `data` in `bounds`, text `line` high and as wide as `measure` says. Rows
    shrink to fit a short box; `height` says how tall the chart would like to be."""
    titles = [p.label for p in data.promises]
    if data.closed_as:
        titles.append(data.closed_as.capitalize())
    title_w = max(measure(t) for t in titles) + 2 * GAP
    legend_lines, legend_h = _legend_lines(data, bounds.width, measure, line)
    axis_h = line + 2 * GAP
    fixed = GAP + axis_h + legend_h + GAP
    full_row = max(ROW_HEIGHT, line + 2 * MARK + 3)  # a date label above each point
    row_h = min(full_row, max(line, (bounds.height - fixed) / max(1, len(titles))))
    plot = Box(
        bounds.left + title_w,
        bounds.top,
        max(1.0, bounds.width - title_w - 3 * GAP),
        row_h * len(titles) + GAP,
    )
    beyond = data.as_of_beyond(*data.own_days())
    low, high = data.span()
    pad = dt.timedelta(days=max(3, (high - low).days // 25))
    low, high = low - pad, high + pad
    total = max(1, (high - low).days)

    def x(day: dt.date) -> float:
        return plot.left + plot.width * min(total, (day - low).days) / total

    as_of_x = plot.right + 2 * GAP if beyond else x(data.as_of)
    level = row_h * (line + MARK + 2) / full_row  # from a row's top to its line
    rows, points = _rows(data, plot, (row_h, level), x, as_of_x)
    as_of_text = f"as of {short_date(data.as_of)}" + (" →" if beyond else "")
    w = measure(as_of_text)
    # Beside its line, in the first row's band for date labels: to the right if it fits.
    fits_right = as_of_x + GAP + w <= bounds.right - GAP / 2
    left = as_of_x + GAP if fits_right and not beyond else as_of_x - GAP - w
    as_of_label = Box(max(plot.left, left), plot.top, w, line)
    avoid = _Avoid(
        Box(as_of_x - 2, plot.top, 4, plot.height),
        [Box(p.x - MARK, p.y - MARK, 2 * MARK, 2 * MARK) for p in points],
        [Box(min(r.start, r.end), r.y - 1, abs(r.end - r.start), 2) for r in rows],
    )
    area = Box(plot.left - GAP, plot.top, bounds.right - plot.left + GAP, plot.height)
    placed = _place_labels(points, measure, (line, area), avoid, [as_of_label])
    legend_top = plot.bottom + axis_h
    return Layout(
        bounds,
        plot,
        tuple(rows),
        tuple(placed),
        tuple((x(day), text) for day, text in _ticks(low, high, plot.width, x, measure)),
        as_of_x,
        as_of_text,
        as_of_label,
        beyond,
        data.as_of_tooltip(beyond),
        tuple(_legend(legend_lines, bounds.left + GAP, legend_top, measure, line)),
        full_row * len(titles) + GAP + axis_h + legend_h + GAP,
        low,
        high,
        row_h,
    )


@dataclass(frozen=True)
class _Avoid:
    """What a date label should not cover: the as-of line, the points, the rows' lines."""

    as_of: Box
    marks: list[Box]
    lines: list[Box]


def _rows(
    data: ChartData,
    plot: Box,
    heights: tuple[float, float],
    x: Callable[[dt.date], float],
    as_of_x: float,
) -> tuple[list[Row], list[Point]]:
    row_h, level = heights
    rows: list[Row] = []
    points: list[Point] = []
    for i, p in enumerate(data.promises):
        y = plot.top + row_h * i + level
        start = x(p.recorded_on)
        points.append(Point(MADE, p.recorded_on, start, y, i))
        outcome = data.outcome(i)
        if p.target is None:
            later = data.promises[i + 1].recorded_on if i + 1 < len(data.promises) else None
            stop = later or data.closed_on
            until = x(stop) if stop else as_of_x
            rows.append(Row(p.label, y, start, min(until, plot.right), "dotted", VOID, ""))
        else:
            end = x(p.target)
            points.append(Point(outcome, p.target, end, y, i, short_date(p.target)))
            rows.append(Row(p.label, y, start, end, "solid", outcome, ""))
        rows[-1] = _with_tooltip(rows[-1], data.tooltip(i))
    if data.closed_on is not None:
        i = len(rows)
        y = plot.top + row_h * i + level
        shape = DELIVERED if data.closed_as == "delivered" else DROPPED
        at = x(data.closed_on)
        last = data.promises[-1].target if data.promises else None
        start = x(last) if last is not None and last < data.closed_on else at
        title = (data.closed_as or "").capitalize()
        rows.append(Row(title, y, start, at, "dashed", shape, data.closed_tooltip()))
        points.append(Point(shape, data.closed_on, at, y, i, short_date(data.closed_on)))
    return rows, points


def _with_tooltip(row: Row, tooltip: str) -> Row:
    return Row(row.title, row.y, row.start, row.end, row.line, row.outcome, tooltip)


def _place_labels(
    points: list[Point],
    measure: Measure,
    room: tuple[float, Box],
    avoid: _Avoid,
    taken: list[Box],
) -> list[Point]:
    """Put each date label where it covers the least: just above its point, else beside
    it; never outside the chart. Lines it crosses are cut back behind it when painted."""
    line, area = room
    placed: list[Point] = []
    for p in points:
        if not p.text:
            placed.append(p)
            continue
        w = measure(p.text)
        off = MARK + GAP
        above = p.y - MARK - 2 - line
        centred = min(max(area.left, p.x - w / 2), area.right - w)
        candidates = [
            (0.0, Box(centred, above, w, line)),
            (0.5, Box(p.x + off, p.y - line / 2, w, line)),
            (1.0, Box(p.x - off - w, p.y - line / 2, w, line)),
            (2.0, Box(centred, p.y + MARK + 1, w, line)),
        ]

        def cost(item: tuple[float, Box]) -> float:
            bias, box = item
            outside = box.left < area.left - 0.5 or box.right > area.right + 0.5
            outside |= box.top < area.top - 0.5 or box.bottom > area.bottom + 0.5
            covered = 3 * sum(box.overlap(o) for o in avoid.marks)
            covered += 0.1 * sum(box.overlap(o) for o in avoid.lines)
            covered += 0.2 * box.overlap(avoid.as_of) + 10 * sum(box.overlap(t) for t in taken)
            return bias + (1e6 if outside else 0) + covered

        box = min(candidates, key=cost)[1]
        taken.append(box)
        placed.append(Point(p.shape, p.day, p.x, p.y, p.row, p.text, box))
    return placed


def _ticks(
    low: dt.date,
    high: dt.date,
    width: float,
    x: Callable[[dt.date], float],
    measure: Measure,
) -> list[tuple[dt.date, str]]:
    """First-of-month ticks at the finest step whose labels do not touch: a year names
    its January ("2021"), other months their short name ("Jul")."""
    for step in TICK_STEPS:
        days = [d for d in _months(low, high) if (d.year * 12 + d.month - 1) % step == 0]
        if step >= 12:
            ticks = [(d, str(d.year)) for d in days]
        else:
            ticks = [(d, str(d.year) if d.month == 1 else d.strftime("%b")) for d in days]
            if ticks and all(d.month != 1 for d, _ in ticks):
                ticks[0] = (ticks[0][0], ticks[0][0].strftime("%b %Y"))
        room = [
            x(b) - x(a) - (measure(ta) + measure(tb)) / 2
            for (a, ta), (b, tb) in itertools.pairwise(ticks)
        ]
        if all(r >= 2 * GAP for r in room):
            return ticks
    return []


def _months(low: dt.date, high: dt.date) -> list[dt.date]:
    found = []
    y, m = (low.year, low.month + 1) if low.month < 12 else (low.year + 1, 1)
    while dt.date(y, m, 1) <= high:
        found.append(dt.date(y, m, 1))
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    return found


def _legend_shapes(data: ChartData) -> list[str]:
    shapes = [MADE, BROKEN, PENDING, DELIVERED]
    outcomes = {data.outcome(i) for i, p in enumerate(data.promises) if p.target}
    shapes += [VOID] if VOID in outcomes else []
    shapes += [DROPPED] if data.closed_as == "dropped" else []
    shapes += [NO_DATE] if any(p.target is None for p in data.promises) else []
    return shapes


def _legend_lines(
    data: ChartData, width: float, measure: Measure, line: float
) -> tuple[list[list[str]], float]:
    """The legend's items, flowed into as many lines as the width needs."""
    lines: list[list[str]] = [[]]
    used = 0.0
    for shape in _legend_shapes(data):
        w = _legend_width(shape, measure)
        if lines[-1] and used + w > width - 2 * GAP:
            lines.append([])
            used = 0.0
        lines[-1].append(shape)
        used += w
    return lines, len(lines) * (line + GAP)


def _legend_width(shape: str, measure: Measure) -> float:
    return 2 * MARK + GAP + measure(LEGEND[shape]) + 4 * GAP


def _legend(
    lines: list[list[str]], left: float, top: float, measure: Measure, line: float
) -> list[LegendItem]:
    items = []
    for n, shapes in enumerate(lines):
        x = left + MARK
        y = top + n * (line + GAP) + line / 2
        for shape in shapes:
            items.append(LegendItem(shape, LEGEND[shape], x, y))
            x += _legend_width(shape, measure)
    return items
