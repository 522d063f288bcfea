"""A list as the HTML the PDF renderer lays out (ui.pdf.write_pdf, landscape).

Rendered with Jinja2 and autoescaping, like the briefs: user text is always text. Dates
and standings read as everywhere else for people (app.core.wording, app.ledger.words):
"29 Mar 2022", "29 days late", "in 3 days".
"""

from __future__ import annotations

from collections.abc import Sequence

import jinja2

from app.core.wording import long_date, short_date
from app.documents.exports.info import ListInfo
from app.documents.templates import environment
from app.ledger.rules import Standing
from app.ledger.words import when

TEMPLATE = "overdue.html"
CLIP = 300  # a source or note longer than this is cut in print; the other formats keep it all


def clip(text: str, limit: int = CLIP) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _environment() -> jinja2.Environment:
    return environment(
        {"long_date": long_date, "short_date": short_date, "when": when, "clip": clip}
    )


def list_html(standings: Sequence[Standing], info: ListInfo) -> str:
    return _environment().get_template(TEMPLATE).render(rows=list(standings), info=info)
