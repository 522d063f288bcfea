"""A list as the HTML the PDF renderer lays out (ui.pdf.write_pdf, landscape).

Rendered with Jinja2 and autoescaping, like the briefs: user text is always text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib import resources

import jinja2

from app.exports.info import ListInfo, long_date
from app.rules import Standing

TEMPLATE = "overdue.html"
CLIP = 300  # a source or note longer than this is cut in print; the other formats keep it all


def when(s: Standing) -> str:
    if s.overdue:
        return f"{s.days_overdue}d late"
    if s.days_left is None:
        return "no date"
    return f"in {s.days_left}d" if s.days_left else "today"


def clip(text: str, limit: int = CLIP) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "none"


def _environment() -> jinja2.Environment:
    folder = resources.files("resources") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (folder / name).read_text(encoding="utf-8")),
        autoescape=True,  # user text is always shown as text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["long_date"] = long_date
    env.filters["iso"] = _iso
    env.filters["when"] = when
    env.filters["clip"] = clip
    return env


def list_html(standings: Sequence[Standing], info: ListInfo) -> str:
    return _environment().get_template(TEMPLATE).render(rows=list(standings), info=info)
