"""Searching the whole record: which rows match, and what to show for each.

Matching uses SQLite's FTS5 index where there is one (db/search_sqlite.py) and a
portable LIKE search elsewhere (PostgreSQL, or a SQLite file whose index is missing).
Describing a hit — its heading, its text, the commitment or meeting it leads to, and
the day it became known — is portable SQL, one query per kind of hit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal, or_, select
from sqlalchemy.orm import Session

from db import search_sqlite
from db.models import (
    AgendaItem,
    Attachment,
    Commitment,
    Meeting,
    Note,
    PrivateNote,
    Promise,
)

Hit = tuple[str, int, float]  # kind, id, rank (lower is better)


@dataclass(frozen=True)
class Found:
    """A hit described: enough to show it and to go to it."""

    kind: str
    id: int
    rank: float
    context: str  # the commitment or meeting it belongs to, by its title
    day: dt.date | None  # the day to show beside it
    title: str  # the hit's own title text (highlighted in the list)
    text: str  # the hit's body text (a snippet of it is shown)
    commitment_key: str | None
    meeting_key: str | None
    known_on: dt.date | None  # the day it became part of the record, for as-of searches


def find(
    session: Session,
    fts_query: str,
    needles: Sequence[str],
    limit: int,
    *,
    any_part: bool = False,
) -> list[Hit]:
    """The best matches: FTS5 when the file has its index, else the needles by LIKE (every
    one of them, or with `any_part` any one)."""
    conn = session.connection()
    if conn.dialect.name == "sqlite" and search_sqlite.has_index(conn):
        return list(search_sqlite.find(conn, fts_query, limit))
    return _find_portable(session, needles, limit, any_part=any_part)


# Accented letters and their plain forms, for PostgreSQL's translate(): what FTS5's
# remove_diacritics does on SQLite, for the letters of the languages members write in.
ACCENTED = "àáâãäåāăąçćčďèéêëēĕėęěğìíîïīįıłñńňòóôõöøōőœřśşšťùúûüūůűųýÿźżž"
PLAIN = "aaaaaaaaacccdeeeeeeeeegiiiiiiilnnnooooooooorssstuuuuuuuuyyzzz"


def _fold_text(*columns: Any, fold: bool = False) -> ColumnElement[str]:
    joined: ColumnElement[str] = literal("")
    for column in columns:
        joined = joined + " " + func.coalesce(column, "")
    lowered = func.lower(joined)
    return func.translate(lowered, ACCENTED, PLAIN) if fold else lowered


def _portable_queries(fold: bool) -> list[tuple[str, ColumnElement[str], Select[Any]]]:
    """Each kind's text and rows, in the order results are shown (no ranking here)."""
    a = Attachment
    _text = partial(_fold_text, fold=fold)
    return [
        ("commitment", _text(Commitment.title, Commitment.details, Commitment.source), select(Commitment.id)),
        ("promise", _text(Promise.given_by, Promise.reason, Promise.source), select(Promise.id)),
        ("note", _text(Note.text, Note.source), select(Note.id)),
        ("meeting", _text(Meeting.title, Meeting.location, Meeting.notes), select(Meeting.id)),
        ("agenda_item", _text(AgendaItem.title, AgendaItem.lead, AgendaItem.details, AgendaItem.outcome), select(AgendaItem.id)),
        ("decision", _text(AgendaItem.decision), select(AgendaItem.id).where(AgendaItem.decision != "")),
        ("attachment", _text(a.name, a.description, a.text), select(a.id).where(a.removed_at.is_(None))),
        ("private_note", _text(PrivateNote.text), select(PrivateNote.id)),
    ]  # fmt: skip


def _find_portable(
    session: Session, needles: Sequence[str], limit: int, *, any_part: bool
) -> list[Hit]:
    hits: list[Hit] = []
    lowered = [n.lower() for n in needles if n]
    if not lowered:
        return hits
    fold = session.get_bind().dialect.name == "postgresql"
    for kind, haystack, query in _portable_queries(fold):
        each = [haystack.contains(n, autoescape=True) for n in lowered]
        matches = or_(*each) if any_part else and_(*each)
        for (found_id,) in session.execute(query.where(matches).limit(limit)):
            hits.append((kind, int(found_id), float(len(hits))))
    return hits[:limit]


def describe(session: Session, hits: Sequence[Hit]) -> list[Found]:
    """Each hit with its heading, text and where it leads, in the hits' order."""
    by_kind: dict[str, list[int]] = {}
    for kind, found_id, _rank in hits:
        by_kind.setdefault(kind, []).append(found_id)
    described: dict[tuple[str, int], Found] = {}
    for kind, ids in by_kind.items():
        for found in _DESCRIBERS[kind](session, ids):
            described[(kind, found.id)] = found
    ranked = []
    for kind, found_id, rank in hits:
        known = described.get((kind, found_id))
        if known is not None:
            ranked.append(Found(**{**known.__dict__, "rank": rank}))
    return ranked


def _first_promised(session: Session, ids: Sequence[int]) -> dict[int, dt.date]:
    rows = session.execute(
        select(Promise.commitment_id, func.min(Promise.recorded_on))
        .where(Promise.commitment_id.in_(ids))
        .group_by(Promise.commitment_id)
    )
    return {cid: day for cid, day in rows}  # noqa: C416  (rows are Row objects)


def _commitments(session: Session, ids: Sequence[int]) -> list[Found]:
    first = _first_promised(session, ids)
    rows = session.execute(
        select(
            Commitment.id, Commitment.key, Commitment.title, Commitment.details, Commitment.source
        ).where(Commitment.id.in_(ids))
    )
    return [
        Found("commitment", i, 0, "", first.get(i), title, f"{details} {source}".strip(), key, None, first.get(i))
        for i, key, title, details, source in rows
    ]  # fmt: skip


def _ledger(session: Session, kind: str, ids: Sequence[int]) -> list[Found]:
    model = Promise if kind == "promise" else Note
    title_col = Promise.given_by if kind == "promise" else literal("")
    body = (
        (Promise.reason + " — " + Promise.source)
        if kind == "promise"
        else (Note.text + " — " + Note.source)
    )
    rows = session.execute(
        select(model.id, Commitment.key, Commitment.title, model.recorded_on, title_col, body)
        .join(Commitment, Commitment.id == model.commitment_id)
        .where(model.id.in_(ids))
    )
    return [
        Found(kind, i, 0, ctitle, day, who or "", text.strip(" —"), key, None, day)
        for i, key, ctitle, day, who, text in rows
    ]


def _promises(session: Session, ids: Sequence[int]) -> list[Found]:
    return _ledger(session, "promise", ids)


def _notes(session: Session, ids: Sequence[int]) -> list[Found]:
    return _ledger(session, "note", ids)


def _meetings(session: Session, ids: Sequence[int]) -> list[Found]:
    rows = session.execute(
        select(
            Meeting.id, Meeting.key, Meeting.date, Meeting.title, Meeting.location, Meeting.notes
        ).where(Meeting.id.in_(ids))
    )
    return [
        Found("meeting", i, 0, "", day, title, f"{where} {notes}".strip(), None, key, None)
        for i, key, day, title, where, notes in rows
    ]


def _agenda(session: Session, ids: Sequence[int], kind: str) -> list[Found]:
    a = AgendaItem
    rows = session.execute(
        select(a.id, Meeting.key, Meeting.title, Meeting.date, a.title, a.lead, a.details, a.outcome, a.decision)
        .join(Meeting, Meeting.id == a.meeting_id)
        .where(a.id.in_(ids))
    )  # fmt: skip
    found = []
    for i, key, mtitle, day, title, lead, details, outcome, decision in rows:
        if kind == "decision":
            found.append(Found(kind, i, 0, mtitle, day, title, decision, None, key, day))
        else:
            text = " ".join(t for t in (lead, details, outcome) if t)
            found.append(Found(kind, i, 0, mtitle, day, title, text, None, key, day))
    return found


def _agenda_items(session: Session, ids: Sequence[int]) -> list[Found]:
    return _agenda(session, ids, "agenda_item")


def _decisions(session: Session, ids: Sequence[int]) -> list[Found]:
    return _agenda(session, ids, "decision")


Lead = tuple[str | None, str | None, dt.date | None, str, dt.date | None]
NO_LEAD: Lead = (None, None, None, "", None)


def _owners_of(
    session: Session, model: type[Attachment] | type[PrivateNote], ids: Sequence[int]
) -> dict[int, Lead]:
    """Where each attachment or private note leads: (commitment key, meeting key, day known,
    the title of what it is on, that record's day)."""
    leads: dict[int, Lead] = {}
    on_commitment = select(model.id, Commitment.key, Commitment.title)
    on_commitment = on_commitment.join(Commitment, Commitment.id == model.commitment_id)
    for i, key, title in session.execute(on_commitment.where(model.id.in_(ids))):
        leads[i] = (key, None, None, title, None)
    for entry in (Promise, Note):
        via = select(model.id, Commitment.key, Commitment.title, entry.recorded_on)
        via = via.join(entry, entry.id == getattr(model, f"{entry.__tablename__[:-1]}_id"))
        via = via.join(Commitment, Commitment.id == entry.commitment_id)
        for i, key, title, day in session.execute(via.where(model.id.in_(ids))):
            leads[i] = (key, None, day, title, day)
    at_meeting = select(model.id, Meeting.key, Meeting.title, Meeting.date)
    at_meeting = at_meeting.join(Meeting, Meeting.id == model.meeting_id)
    for i, key, title, day in session.execute(at_meeting.where(model.id.in_(ids))):
        leads[i] = (None, key, None, title, day)
    at_item = (
        select(model.id, Meeting.key, Meeting.title, Meeting.date)
        .join(AgendaItem, AgendaItem.id == model.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
    )
    for i, key, title, day in session.execute(at_item.where(model.id.in_(ids))):
        leads[i] = (None, key, None, title, day)
    return leads


def _attachments(session: Session, ids: Sequence[int]) -> list[Found]:
    leads = _owners_of(session, Attachment, ids)
    rows = session.execute(
        select(Attachment.id, Attachment.name, Attachment.description, Attachment.text).where(
            Attachment.id.in_(ids)
        )
    )
    found = []
    for i, name, desc, text in rows:
        key, meeting, known, context, day = leads.get(i, NO_LEAD)
        found.append(
            Found(
                "attachment",
                i,
                0,
                context,
                day,
                name,
                f"{desc} {text}".strip(),
                key,
                meeting,
                known,
            )
        )
    return found  # fmt: skip


def _private_notes(session: Session, ids: Sequence[int]) -> list[Found]:
    leads = _owners_of(session, PrivateNote, ids)
    rows = session.execute(select(PrivateNote.id, PrivateNote.text).where(PrivateNote.id.in_(ids)))
    found = []
    for i, text in rows:
        key, meeting, known, context, day = leads.get(i, NO_LEAD)
        found.append(Found("private_note", i, 0, context, day, "", text, key, meeting, known))
    return found  # fmt: skip


_DESCRIBERS = {
    "commitment": _commitments,
    "promise": _promises,
    "note": _notes,
    "meeting": _meetings,
    "agenda_item": _agenda_items,
    "decision": _decisions,
    "attachment": _attachments,
    "private_note": _private_notes,
}
