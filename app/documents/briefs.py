"""The meeting brief: what a member reads before a meeting, as data and as HTML.

The brief puts the broken promises in front of the reader: "Matters arising", on its own
page, lists by reason (overdue, due, slipped, open-ended, new, closed: app/ledger/arising)
every promise the meeting must hear about, with its slips, lateness, latest assurance and
latest note. A brief is written before its meeting, as the record stood that morning: it
prints the meeting's agenda but never its outcomes, decisions or votes, and the previous
meeting's decisions. HTML is rendered with Jinja2 with autoescaping, so every user-typed
text appears as text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import jinja2
from sqlalchemy import select

from app.core.errors import DomainError, NotFound
from app.core.sessions import Sessions, action
from app.core.settings import Settings
from app.core.wording import long_date, short_date
from app.documents.templates import environment
from app.ledger.arising import REASONS, Arising, Matter, matters_arising, reason_words
from app.ledger.rules import Standing
from app.ledger.standings import standings
from app.papers.attachments import AttachmentRow, attachments_of
from app.papers.intake import size_words
from app.papers.subjects import Subject
from app.reads import browse
from app.reads.browse import AgendaRow, DecisionRow, MeetingRow
from db import queries
from db.models import Body, Meeting
from db.status import Filters

CHART_MIN_SLIPS = 2  # a small slip chart for those that slipped this often or more


@dataclass(frozen=True)
class Brief:
    body_name: str
    body_key: str
    meeting: MeetingRow  # its date and status as of the brief's day
    as_of: dt.date
    made_on: dt.date
    agenda: list[AgendaRow]
    arising: Arising
    next_meeting: MeetingRow | None
    due_next: list[Standing]
    previous_meeting: MeetingRow | None
    previous_decisions: list[DecisionRow]
    # The meeting's papers: its own under None, each agenda item's under the item's id.
    papers: dict[int | None, list[AttachmentRow]] = field(default_factory=dict)
    # Where each appended paper's pages fall in the printed brief (attachment id: first,
    # last), or why it could not be appended; empty unless papers are appended.
    paper_pages: dict[int, tuple[int, int] | str] = field(default_factory=dict)

    def papers_of(self, item_id: int | None) -> list[AttachmentRow]:
        return self.papers.get(item_id, [])

    def all_papers(self) -> list[AttachmentRow]:
        """Every paper in the order the agenda reads: the meeting's own, then item by item."""
        return [
            *self.papers_of(None),
            *(p for item in self.agenda for p in self.papers_of(item.id)),
        ]

    @property
    def matters_arising(self) -> tuple[Matter, ...]:
        return self.arising.matters

    @property
    def previous_key(self) -> str | None:
        return self.previous_meeting.key if self.previous_meeting else None

    @property
    def footer(self) -> str:
        return f"{self.body_name} · {long_date(self.meeting.date)}"

    @property
    def title(self) -> str:
        return f"Brief: {self.body_name}, {long_date(self.meeting.date)}"

    def groups(self) -> list[tuple[str, str, list[Matter]]]:
        """(reason, heading, matters) for each reason that has matters, in the brief's order."""
        return [
            (reason, GROUP_HEADINGS[reason], self.arising.group(reason))
            for reason in REASONS
            if self.arising.group(reason)
        ]

    def charted(self) -> list[Standing]:
        """The matters arising that get a slip chart."""
        return [m.standing for m in self.matters_arising if m.standing.slips >= CHART_MIN_SLIPS]


GROUP_HEADINGS = {
    "overdue": "Overdue",
    "due": "Due at this meeting",
    "slipped": "Slipped since the last meeting",
    "open_ended": "No date promised",
    "new": "New since the last meeting",
    "closed": "Delivered or dropped since the last meeting: to note or accept",
}


def find_meeting(sessions: Sessions, text: str, body: str | None = None) -> int:
    """A meeting by its key, or by its date (`YYYY-MM-DD`) with `body` when several met."""
    with action(sessions) as s:
        found = queries.id_by_key(s, Meeting, text)
        if found is not None:
            return found
        try:
            day = dt.date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            raise NotFound(
                f"no meeting {text!r}: give a meeting key (such as nec-2022-03-29) or a date"
            )
        stmt = select(Meeting.id, Body.short_name, Body.name, Body.key).join(Body)
        stmt = stmt.where(Meeting.date == day)
        if body is not None:
            stmt = stmt.where(Body.id.in_(queries.body_ids_named(s, body)))
        rows = s.execute(stmt.order_by(Body.key)).all()
        if not rows:
            where = f" of {body}" if body else ""
            raise NotFound(f"no meeting{where} on {short_date(day)}")
        if len(rows) > 1:
            names = ", ".join(r.short_name or r.name for r in rows)
            raise DomainError(
                f"{len(rows)} meetings on {short_date(day)} ({names}); add --body NAME"
            )
        return int(rows[0].id)


def brief_data(
    sessions: Sessions,
    meeting_id: int,
    settings: Settings,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
) -> Brief:
    """Gather the brief for a meeting, as of its date unless `as_of` says otherwise."""
    arising = matters_arising(sessions, meeting_id, settings, as_of)
    day = arising.as_of
    then = {m.id: m for m in browse.meetings(sessions, as_of=day)}
    meeting = then.get(meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting with id {meeting_id}")
    with action(sessions) as s:
        body_key, body_name = s.execute(
            select(Body.key, Body.name).where(Body.id == meeting.body_id)
        ).one()
    same_body = [
        m for m in then.values() if m.body_id == meeting.body_id and m.status != "cancelled"
    ]
    same_body.sort(key=lambda m: (m.date, m.time or dt.time(), m.key))
    later = [m for m in same_body if m.date > meeting.date]
    next_meeting = later[0] if later else None
    previous = then.get(arising.previous.id) if arising.previous else None

    due_next: list[Standing] = []
    if next_meeting is not None:
        open_here = standings(
            sessions, day, settings, Filters(body_id=meeting.body_id, states=("open",))
        )
        due_next = [
            s
            for s in open_here
            if s.row.target_meeting == next_meeting.key
            or (s.row.target is not None and meeting.date < s.row.target <= next_meeting.date)
        ]
    decisions: list[DecisionRow] = []
    if previous is not None:
        order = {row.id: row.position for row in browse.agenda(sessions, previous.id)}
        decisions = [d for d in browse.decisions(sessions, day) if d.meeting_id == previous.id]
        decisions.sort(key=lambda d: order.get(d.item_id, 0))
    agenda = browse.agenda(sessions, meeting_id)
    with sessions() as s:
        papers: dict[int | None, list[AttachmentRow]] = {
            None: attachments_of(s, Subject("meeting", meeting_id))
        }
        for item in agenda:
            papers[item.id] = attachments_of(s, Subject("agenda_item", item.id))
    return Brief(
        body_name=body_name,
        body_key=body_key,
        meeting=meeting,
        as_of=day,
        made_on=today or dt.date.today(),
        agenda=agenda,
        arising=arising,
        next_meeting=next_meeting,
        due_next=due_next,
        previous_meeting=previous,
        previous_decisions=decisions,
        papers=papers,
    )


# --- HTML ---------------------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    return environment(
        {
            "long_date": long_date,
            "short_date": short_date,
            "reason_words": reason_words,
            "size_words": size_words,
        }
    )


def paper_line(brief: Brief, paper: AttachmentRow) -> str:
    """How the brief names a paper: "report.pdf (130 KB) — pages 3–14"."""
    where = brief.paper_pages.get(paper.id)
    line = f"{paper.name} ({size_words(paper.size)})"
    if paper.description:
        line += f", {paper.description}"
    if isinstance(where, tuple):
        first, last = where
        line += f" — page {first}" if first == last else f" — pages {first}–{last}"
    elif isinstance(where, str):
        line += f" — not appended: {where}"
    return line


def chart_name(key: str) -> str:
    """The image name a slip chart is registered under in the rendered document.

    The key is hex-encoded: as a URL's host, Qt would lowercase it and mangle accents.
    """
    return f"docket-chart:/{key.encode('utf-8').hex()}"


def render_html(brief: Brief, *, with_charts: bool = True) -> str:
    """The brief as an HTML document for QTextDocument (tables, no external resources)."""
    template = _environment().get_template("brief.html")
    charted = {s.key for s in brief.charted()} if with_charts else set()
    return template.render(
        brief=brief, charted=charted, chart_name=chart_name, paper_line=paper_line
    )
