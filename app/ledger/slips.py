"""What each re-made promise did: slipped, reaffirmed, brought forward, dated or withdrew a date.

The rule (docs/rules.md): a later promise is a *slip* when it moves the target later than
the promise before it, or withdraws a date that had been given; the same target is a
reaffirmation, an earlier one brought forward, a date where there was none "dated".
Targets are compared as of the day the ledger is read (a meeting target at that day's
date). The as-of query (db/status.py) counts slips by the same rule in SQL; this is the
reading for a single ledger, entry by entry.
"""

from __future__ import annotations

import datetime as dt

ORIGINAL = "original promise"
SLIP = "slip"
WITHDRAWN = "date withdrawn"
REAFFIRMED = "reaffirmed"
BROUGHT_FORWARD = "brought forward"
DATED = "dated"
SLIPS = frozenset({SLIP, WITHDRAWN})


def promise_kind(before: dt.date | None, after: dt.date | None) -> str:
    """What a later promise with target `after` did to the one before it (target `before`)."""
    if before is None:
        return REAFFIRMED if after is None else DATED
    if after is None:
        return WITHDRAWN
    if after > before:
        return SLIP
    return REAFFIRMED if after == before else BROUGHT_FORWARD


def kinds(targets: list[dt.date | None]) -> list[str]:
    """The kind of each promise of a ledger, oldest first, from their targets."""
    return [
        ORIGINAL if i == 0 else promise_kind(targets[i - 1], target)
        for i, target in enumerate(targets)
    ]
