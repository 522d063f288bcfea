"""`docket check`: the full verdict on a file (app/safety/verdict.py), in plain words.

Opening and `docket check` judge with the same function; check always looks as deeply
as it can. Everything it calls a problem either keeps the record from opening (damage,
not Docket's, a newer Docket's, a lost log) or opens it with a warning and an offer to
repair (broken references).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from app.core.wording import RECORD_WORDS, plural
from app.safety.seal import seal_now
from app.safety.verdict import DAMAGED, FULL, NEWER, Verdict, judge
from db import migrate
from db.sqlite_safety import BrokenReference


@dataclass(frozen=True)
class CheckReport:
    """`docket check`'s findings: a line per aspect checked, and the problems among them."""

    path: Path
    verdict: Verdict
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def describe_broken(ref: BrokenReference) -> str:
    """'a promise (row 2) names a meeting (row 999) that does not exist'."""
    row = f" (row {ref.rowid})" if ref.rowid is not None else ""
    named = f" (row {ref.parent_id})" if ref.parent_id is not None else ""
    child = RECORD_WORDS.get(ref.table, ref.table)
    parent = RECORD_WORDS.get(ref.parent, ref.parent)
    return f"{_a(child)} {child}{row} names {_a(parent)} {parent}{named} that does not exist"


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def broken_summary(broken: tuple[BrokenReference, ...]) -> str:
    """One line for a warning: how many references are broken, and the first of them."""
    first = describe_broken(broken[0])
    more = f", and {len(broken) - 1} more" if len(broken) > 1 else ""
    return f"{plural(len(broken), 'broken reference')} between records: {first}{more}"


def check_file(path: Path) -> CheckReport:
    """The full check: every page and index, every reference between records, the schema."""
    verdict = judge(path, FULL)
    if verdict.depth != FULL or verdict.problem not in (None, NEWER, DAMAGED):
        return CheckReport(path, verdict, [], [verdict.message])  # not a record to report on
    lines: list[str] = []
    problems: list[str] = []
    if verdict.damage or verdict.problem == DAMAGED:
        damage = [d for d in verdict.damage if not d.startswith("*** in database")]
        damage = damage or [verdict.detail]
        lines.append(f"Pages and indexes: {plural(len(damage), 'problem')} — the file is damaged:")
        lines.extend(f"  - {line}" for line in damage)
        problems.append("the file is damaged")
    else:
        lines.append("Pages and indexes: sound.")
    if verdict.broken:
        lines.append(f"References between records: {len(verdict.broken)} broken:")
        lines.extend(f"  - {describe_broken(ref)}" for ref in verdict.broken)
        problems.append(plural(len(verdict.broken), "broken reference"))
    elif not verdict.damage:
        lines.append("References between records: all present.")
    head = migrate.head_revision()
    if verdict.problem == NEWER:
        lines.append(f"Schema: {verdict.message}.")
        problems.append(verdict.message)
    elif verdict.revision == head:
        lines.append(f"Schema: {verdict.revision}, this Docket's own.")
    elif verdict.revision is not None:
        lines.append(
            f"Schema: {verdict.revision}; this Docket upgrades it to {head} when it opens it."
        )
    if verdict.sound:
        # The next opening need not look at it all again, if nothing wrote since.
        seal_now(path, checked=dt.date.today(), judged=verdict.state)
    return CheckReport(path, verdict, lines, problems)
