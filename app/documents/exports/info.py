"""What an exported list is: its heading, as-of date and filters, for titles and footers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.wording import long_date, plural, short_date


@dataclass(frozen=True)
class ListInfo:
    heading: str  # "Overdue commitments"
    as_of: dt.date
    body: str | None = None
    owner: str | None = None
    made_on: dt.date = field(default_factory=dt.date.today)
    slug: str = "overdue"  # names the sheet and the calendar

    @property
    def title(self) -> str:
        return f"{self.heading} as of {long_date(self.as_of)}"

    @property
    def filters(self) -> str:
        parts = []
        if self.body:
            parts.append(f"Body: {self.body}")
        if self.owner:
            parts.append(f"Owner: {self.owner}")
        return " · ".join(parts)

    @property
    def sheet_name(self) -> str:
        # Excel sheet names: at most 31 characters, none of []:*?/\
        return f"{self.slug.capitalize()} {short_date(self.as_of)}"[:31]

    @property
    def footer(self) -> str:
        return f"Docket · {self.heading} as of {long_date(self.as_of)}"


def overdue_info(as_of: dt.date, *, body: str | None = None, owner: str | None = None) -> ListInfo:
    return ListInfo("Overdue commitments", as_of, body, owner, slug="overdue")


def due_info(
    as_of: dt.date, within: int, *, body: str | None = None, owner: str | None = None
) -> ListInfo:
    return ListInfo(
        f"Commitments due within {plural(within, 'day')}", as_of, body, owner, slug="due"
    )
