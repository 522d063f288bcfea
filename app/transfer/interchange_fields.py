"""Reading one field of an interchange entry: each parser, and the checker that notes problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from app.core import fields
from app.core.errors import Invalid
from db.models import OWNER_KINDS

Parser = Callable[[object, str], Any]


class Checker:
    """Collects every problem with its place, so one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def entries(self, doc: dict[str, Any], section: str) -> Iterable[tuple[str, dict[str, Any]]]:
        value = doc.get(section)
        if value is None:
            return
        if not isinstance(value, list):
            self.problems.append(f"{section}: must be a list")
            return
        for i, entry in enumerate(value):
            where = f"{section}[{i}]"
            if isinstance(entry, dict):
                yield where, entry
            else:
                self.problems.append(f"{where}: must be an object")

    def take(
        self, entry: dict[str, Any], name: str, where: str, parse: Parser, required: bool = False
    ) -> Any:
        if required and (name not in entry or entry[name] is None):
            self.problems.append(f"{where}.{name}: missing")
            return None
        try:
            return parse(entry.get(name), name)
        except Invalid as exc:
            self.problems.append(f"{where}.{name}: {exc.reason}")
            return None

    def unique(
        self, seen: set[str], existing: frozenset[str], value: Any, where: str, what: str
    ) -> None:
        if value is None:
            return
        if value in seen:
            self.problems.append(f"{where}.key: {what} {value!r} appears twice in the file")
        elif value in existing:
            self.problems.append(f"{where}.key: {what} {value!r} is already in the database")
        seen.add(value)

    def ref(self, known: set[str] | frozenset[str], value: Any, where: str, what: str) -> None:
        if value is not None and value not in known:
            self.problems.append(f"{where}: no {what} {value!r}")


def choice(allowed: tuple[str, ...], default: str | None = None) -> Parser:
    def parse(value: object, name: str) -> str:
        if value is None and default is not None:
            return default
        return fields.choice(value, name, allowed)

    return parse


def text(max_len: int = 400, required: bool = False) -> Parser:
    return lambda value, name: fields.text(value, name, required=required, max_len=max_len)


def promise_target(value: object, name: str) -> tuple[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) != 1 or not {"date", "meeting"} & value.keys():
        raise Invalid(name, 'must be {"date": "YYYY-MM-DD"}, {"meeting": KEY} or null')
    if "date" in value:
        return ("date", fields.iso_date(value["date"], name))
    return ("meeting", fields.key(value["meeting"], name))


LONG_TEXT = text(fields.MAX_TEXT)
REQUIRED_LONG_TEXT = text(fields.MAX_TEXT, True)


def owner_kind(value: object, name: str) -> str | None:
    return None if value in (None, "") else fields.choice(value, name, OWNER_KINDS)
