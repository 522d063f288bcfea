"""What a file or a private note belongs to: a meeting, an agenda item, a commitment, a
promise or a note — exactly one, named by its kind and id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy.orm import Session

from app.core.errors import Invalid, NotFound
from db.models import SUBJECT_COLUMNS, AgendaItem, Base, Commitment, Meeting, Note, Promise

MODELS: dict[str, type[Base]] = {
    "meeting": Meeting,
    "agenda_item": AgendaItem,
    "commitment": Commitment,
    "promise": Promise,
    "note": Note,
}
WORDS = {
    "meeting": "meeting",
    "agenda_item": "agenda item",
    "commitment": "commitment",
    "promise": "promise",
    "note": "note",
}


@dataclass(frozen=True)
class Subject:
    kind: str
    id: int

    KINDS: ClassVar[tuple[str, ...]] = tuple(column[:-3] for column in SUBJECT_COLUMNS)

    def __post_init__(self) -> None:
        if self.kind not in self.KINDS:
            raise Invalid("attached to", f"{self.kind!r} is not one of {', '.join(self.KINDS)}")

    @property
    def column(self) -> str:
        return f"{self.kind}_id"

    @staticmethod
    def columns() -> tuple[str, ...]:
        return SUBJECT_COLUMNS

    @classmethod
    def from_ids(cls, ids: Sequence[object]) -> Subject:
        """The subject of a row whose subject columns hold `ids` (one set, the rest NULL)."""
        for kind, value in zip(cls.KINDS, ids, strict=True):
            if value is not None:
                return cls(kind, int(value))  # type: ignore[call-overload]
        raise ValueError("a row with no subject")


def check_subject(session: Session, subject: Subject) -> None:
    if session.get(MODELS[subject.kind], subject.id) is None:
        raise NotFound(f"no {WORDS[subject.kind]} with id {subject.id}")
