"""The slip chart (issue 11): dated points, tooltips, shapes not colour alone, the as-of line,
an axis zoomed to the commitment's own days, and a legend. Asserted on the layout the
painter draws from (ui/slip_chart_layout.py), and on the real widget in the detail pane."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication, QToolTip

from app.core.settings import Settings
from app.core.wording import short_date
from app.ledger.standings import standings
from app.reads.ledger import commitment_detail
from app.safety.opening import Database
from db.models import Commitment
from tests.builders import id_of
from ui.slip_chart import ChartData, ChartPromise, SlipChart, chart_font, layout_for
from ui.slip_chart import paint_slip_chart as paint
from ui.slip_chart_data import BROKEN, DELIVERED, KEPT, MADE, PENDING
from ui.slip_chart_layout import Box, Layout, Point
from ui.store import Store
from ui.theme import palette
from ui.views.commitment_detail import CommitmentDetailPane

D = dt.date
MARCH_29 = D(2022, 3, 29)
FEBRUARY_1 = D(2022, 2, 1)  # the chair's "next month" still ahead
DELIVERED_ON = D(2022, 7, 19)
TODAY = dt.date.today()


def forde(db: Database, as_of: dt.date) -> ChartData:
    detail = commitment_detail(db.sessions, id_of(db, Commitment, "forde-report"), as_of)
    assert detail is not None
    return ChartData.from_detail(detail, as_of)


def laid_out(qapp: Any, data: ChartData, width: float = 430) -> Layout:
    return layout_for(data, QRectF(0, 0, width, 1000), chart_font(qapp.font()))


def targets(layout: Layout) -> list[Point]:
    return [p for p in layout.points if p.shape != MADE]


def across(layout: Layout, x: float) -> float:
    """How far along the plot `x` lies: 0 at its left edge, 1 at its right."""
    return (x - layout.plot.left) / layout.plot.width


def test_as_of_the_march_meeting_the_axis_spans_the_forde_story(
    qapp: Any, sample_db: Database
) -> None:
    layout = laid_out(qapp, forde(sample_db, MARCH_29))
    assert D(2020, 3, 1) < layout.low <= D(2020, 5, 1)  # the first promise, a small margin
    assert MARCH_29 <= layout.high < D(2022, 6, 1)
    assert not layout.as_of_beyond
    assert layout.as_of_text == "as of 29 Mar 2022"
    assert 0.9 < across(layout, layout.as_of_x) < 1.0
    made = [p for p in layout.points if p.shape == MADE]
    assert [p.day for p in made] == [D(2020, 5, 1), D(2021, 11, 16), D(2022, 1, 25)]
    assert across(layout, made[0].x) < 0.1
    assert layout.ticks
    assert all(text for _x, text in layout.ticks)


def test_as_of_today_the_forde_story_is_not_squashed_into_the_left_third(
    qapp: Any, sample_db: Database
) -> None:
    """The axis stops at the delivery; today is marked at the right edge, "as of … →"."""
    data = forde(sample_db, TODAY)
    assert data.span()[1] == DELIVERED_ON
    layout = laid_out(qapp, data)
    assert layout.high < D(2022, 10, 1)
    assert layout.as_of_beyond
    assert layout.as_of_text == f"as of {short_date(TODAY)} →"
    assert layout.as_of_x > layout.plot.right
    *_, slip_1, slip_2, delivered = targets(layout)
    assert (slip_1.day, slip_2.day, delivered.day) == (D(2022, 1, 25), D(2022, 2, 28), DELIVERED_ON)
    assert all(across(layout, p.x) > 2 / 3 for p in (slip_1, slip_2, delivered))
    assert across(layout, delivered.x) > 0.9
    assert across(layout, min(p.x for p in layout.points)) < 0.1


def test_missed_pending_and_kept_are_different_shapes(qapp: Any, sample_db: Database) -> None:
    def shapes(data: ChartData) -> list[str]:
        return [p.shape for p in targets(laid_out(qapp, data))]

    assert shapes(forde(sample_db, MARCH_29)) == [BROKEN, BROKEN, BROKEN]  # 29 days late
    assert shapes(forde(sample_db, FEBRUARY_1)) == [BROKEN, BROKEN, PENDING]
    assert shapes(forde(sample_db, TODAY)) == [BROKEN, BROKEN, BROKEN, DELIVERED]
    on_time = ChartData((ChartPromise(D(2022, 1, 4), D(2022, 2, 1), "Original"),),
                        D(2022, 3, 1), D(2022, 1, 30), "delivered")  # fmt: skip
    assert shapes(on_time) == [KEPT, DELIVERED]
    layout = laid_out(qapp, forde(sample_db, MARCH_29))
    assert [(i.shape, i.text) for i in layout.legend] == [
        (MADE, "promise made"),
        (BROKEN, "missed"),
        (PENDING, "pending"),
        (DELIVERED, "delivered"),
    ]


@pytest.mark.parametrize("as_of", [FEBRUARY_1, MARCH_29, TODAY])
@pytest.mark.parametrize("width", [300, 430, 520])
def test_every_target_is_dated_and_no_label_covers_another_or_a_point(
    qapp: Any, sample_db: Database, as_of: dt.date, width: int
) -> None:
    layout = laid_out(qapp, forde(sample_db, as_of), width)
    labels: list[Box] = [layout.as_of_label]
    for point in targets(layout):
        assert point.text == short_date(point.day)
        assert point.label is not None
        labels.append(point.label)
    for a, b in itertools.combinations(labels, 2):
        assert a.overlap(b) == 0, (a, b)
    marks = [Box(p.x - 4, p.y - 4, 8, 8) for p in layout.points]
    for label, mark in itertools.product(labels, marks):
        assert label.overlap(mark) == 0, (label, mark)
    for box in labels:
        assert layout.bounds.left <= box.left
        assert box.right <= layout.bounds.right
        assert layout.bounds.top <= box.top
        assert box.bottom <= layout.plot.bottom
    assert all(item.y < layout.height for item in layout.legend)


def test_the_tooltip_of_a_point_tells_its_promise(qtbot: Any, sample_db: Database) -> None:
    chart = SlipChart()
    qtbot.addWidget(chart)
    chart.set_data(forde(sample_db, MARCH_29))
    chart.resize(430, chart.heightForWidth(430))
    chart.show()
    layout = chart.chart_layout()
    assert layout is not None
    slip_1 = targets(layout)[1]
    tip = chart.tooltip_at(QPointF(slip_1.x + 2, slip_1.y - 1))
    assert tip is not None
    for words in ("Slip 1", "the meeting of 25 Jan 2022", "moved from 18 Jan 2022",
                  "Said on 16 Nov 2021 by NEC officers",
                  "Source: NEC meeting, November 2021 (day approximate)",
                  "Missed — on 25 Jan 2022 it slipped to 28 Feb 2022"):  # fmt: skip
        assert words in tip
    original = targets(layout)[0]
    assert "Original promise" in (chart.tooltip_at(QPointF(original.x, original.y)) or "")
    assert "15 Jul 2020" in (chart.tooltip_at(QPointF(original.x, original.y)) or "")
    assert chart.tooltip_at(QPointF(layout.plot.left + 2, layout.plot.bottom + 2)) is None

    pos = QPoint(round(slip_1.x), round(slip_1.y))
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: "25 Jan 2022" in QToolTip.text())
    QToolTip.hideText()


def test_the_detail_pane_shows_the_chart_unsqueezed(qtbot: Any, store: Store) -> None:
    pane = CommitmentDetailPane(store, [])
    qtbot.addWidget(pane)
    pane.resize(800, 200)  # short: the chart keeps its rows, the labels their room
    pane.show()
    [standing] = [
        s for s in standings(store.sessions, MARCH_29, Settings()) if s.key == "forde-report"
    ]
    pane.show_commitment(standing, commitment_detail(store.sessions, standing.row.id, MARCH_29))
    chart = pane.chart
    qtbot.waitUntil(lambda: chart.height() >= chart.heightForWidth(chart.width()) > 0)
    layout = chart.chart_layout()
    assert layout is not None
    assert layout.as_of_text == "as of 29 Mar 2022"
    assert [i.text for i in layout.legend] == ["promise made", "missed", "pending", "delivered"]
    assert [p.text for p in targets(layout)] == ["15 Jul 2020", "25 Jan 2022", "28 Feb 2022"]
    assert "Slip 2, 25 Jan 2022: for 28 Feb 2022, missed" in chart.accessibleDescription()


@pytest.mark.parametrize("dark", [False, True])
def test_the_chart_paints_in_either_palette(qapp: Any, sample_db: Database, dark: bool) -> None:
    data = forde(sample_db, TODAY)
    image = QImage(520, 200, QImage.Format.Format_ARGB32)
    colours = palette(dark)
    back = colours.color(colours.ColorRole.Window)
    image.fill(back)
    painter = QPainter(image)
    paint(painter, QRectF(0, 0, 520, 200), data, colours)
    painter.end()
    seen = {image.pixelColor(x, y).name() for x in range(0, 520, 2) for y in range(0, 200, 2)}
    assert QColor(back).name() in seen
    red = "#ff6b6b" if dark else "#c62828"  # the missed marks, lighter on the dark background
    assert red in seen
    assert colours.color(colours.ColorRole.WindowText).name() in seen  # the labels
