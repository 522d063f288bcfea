"""Checking an interchange document, entry by entry as it is read: a plan, or every problem.

The checks take one entry at a time, in the order the file gives them, keeping only what
later checks need (keys, each commitment's latest promise, agenda places), so a file of
any size is checked in flat memory. A reference to a section the file has not reached
yet is checked when the file ends. Checked rows go to the plan's spool for writing.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from app.transfer.interchange import FORMAT_VERSION, SECTIONS, ImportPlan, ImportRefused
from app.transfer.interchange_attachments import SECTION as ATTACHMENTS
from app.transfer.interchange_attachments import check_entry as check_attachment
from app.transfer.interchange_entries import EntryChecks, Existing
from app.transfer.interchange_fields import Checker
from app.transfer.json_stream import LIST, VALUE, Event
from app.transfer.spool import Spool

MISSING_VERSION = 'docket: missing; a Docket file starts with "docket": 1'


def document_events(doc: dict[str, Any]) -> Iterable[Event]:
    """A parsed document as the events a streamed file gives, its sections in writing order."""
    if "docket" in doc:
        yield "docket", VALUE, doc["docket"]
    for name in (*SECTIONS, ATTACHMENTS):
        value = doc.get(name)
        if isinstance(value, list):
            yield name, LIST, None
            for index, entry in enumerate(value):
                yield name, index, entry
        elif name in doc:
            yield name, VALUE, value


NOTHING = Existing()


def plan_import(doc: object, existing: Existing = NOTHING, *, spool: bool = False) -> ImportPlan:
    """Check a parsed document completely; raise ImportRefused listing every problem."""
    if not isinstance(doc, dict):
        raise ImportRefused(["the file must hold a JSON object (is this a Docket file?)"])
    return check_events(document_events(doc), existing, spool=spool, in_order=True)


def check_events(
    events: Iterable[Event],
    existing: Existing = NOTHING,
    *,
    spool: bool = False,
    in_order: bool = False,
) -> ImportPlan:
    """Check a document's events as they come; with `spool`, keep its rows for writing.

    `in_order`: the sections come in writing order (a parsed document's, which lists them
    so), so a reference to a section not seen is a reference to nothing, said at once.
    """
    planner = _Planner(existing, Spool() if spool else None)
    if in_order:
        planner.entries.known.done.update(SECTIONS)
    try:
        for name, index, value in events:
            planner.take(name, index, value)
        planner.finish()
    except BaseException:
        planner.plan.close()
        raise
    return planner.plan


class _Planner:
    """Routes each entry to its section's check, and keeps the version and counts."""

    def __init__(self, existing: Existing, spool: Spool | None) -> None:
        self.check = Checker()
        self.plan = ImportPlan(spool=spool)
        self.entries = EntryChecks(self.check, existing, self.plan.owner_kinds)
        self.version: object = _NO_VERSION
        self.per_entry: dict[str, Callable[[str, dict[str, Any]], dict[str, Any]]] = {
            name: getattr(self.entries, name) for name in SECTIONS
        }
        self.per_entry[ATTACHMENTS] = partial(check_attachment, self.entries)

    def take(self, name: str, index: int, value: Any) -> None:
        if name == "docket":
            self.version = value
            _check_version(value)
            return
        if name not in self.per_entry:
            return  # unknown fields are ignored
        self.entries.started(name)
        if index == VALUE:
            if value is not None:
                self.check.problems.append(f"{name}: must be a list")
            return
        if index == LIST:
            return
        where = f"{name}[{index}]"
        if not isinstance(value, dict):
            self.check.problems.append(f"{where}: must be an object")
            return
        row = self.per_entry[name](where, value)
        self.plan.sizes[name] = self.plan.sizes.get(name, 0) + (name != "owners")
        if self.plan.spool is not None and name != "owners":
            self.plan.spool.add(name, row)

    def finish(self) -> None:
        if self.version is _NO_VERSION:
            raise ImportRefused([MISSING_VERSION])
        self.entries.finish()
        if self.check.problems:
            raise ImportRefused(self.check.problems)


_NO_VERSION = object()


def _check_version(value: object) -> None:
    if type(value) is not int or value != FORMAT_VERSION:
        raise ImportRefused([f"docket: version {reprlib.repr(value)} is not supported (only 1)"])


__all__ = ["Existing", "check_events", "document_events", "plan_import"]
