"""The database's lists and counts as of a day agree with the rules applied one by one.

The Commitments table's order and filters, and the Overview's counts, are computed in
SQL for speed; here each is compared, on a generated record and at several days, with
what app/ledger/rules.py says of every commitment (standings of the whole record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.settings import Settings
from app.ledger import words
from app.ledger.rules import Standing
from app.ledger.standings import standings
from app.reads import standing_counts
from app.reads.commitment_list import SHOWS, ListQuery, list_order, list_page
from app.safety.opening import Database, open_database
from app.transfer.record_io import import_file
from db.engine import resolve_url
from db.status_order import SORTS
from tests.perf.generate import generate

DAYS = [dt.date(2019, 6, 30), dt.date(2024, 2, 27), dt.date(2026, 11, 30)]
SETTINGS = Settings()


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("lists")
    source = folder / "record.json"
    generate(700, source, seed=5)
    db = open_database(resolve_url(str(folder / "record.db")))
    import_file(db.sessions, Path(source))
    yield db
    db.close()


def _shown(show: str, s: Standing) -> bool:
    return {
        "open": s.row.state == "open",
        "overdue": s.overdue,
        "due_soon": s.due_soon,
        "open_ended": s.open_ended,
        "slipped": s.slips >= SETTINGS.amber_slips,
        "delivered": s.row.state == "delivered",
        "delivered_late": s.delivered_late_by is not None,
        "dropped": s.row.state == "dropped",
        "all": True,
    }[show]


RAG = {"red": 0, "amber": 1, "green": 2}
# Each column's sort key as the table used to compute it from the rows (None last).
SORT_KEYS: dict[str, Callable[[Standing], Any]] = {
    "rag": lambda s: RAG.get(s.rag or "", 3),
    "title": lambda s: s.row.title,
    "owner": lambda s: s.row.owner or "",
    "body": lambda s: s.row.body_short_name or s.row.body_name,
    "target": lambda s: s.row.target,
    "status": words.when_sort_key,
    "slips": lambda s: s.slips,
    "first_target": lambda s: s.row.first_target,
    "latest": lambda s: s.row.last_promised_on,
}


def _sorted(rows: list[Standing], sort: str, descending: bool) -> list[str]:
    key = SORT_KEYS[sort]
    present = [s for s in rows if key(s) is not None]
    missing = [s for s in rows if key(s) is None]
    present.sort(key=key, reverse=descending)  # a stable sort keeps the list's order on ties
    if descending:  # Python's reverse keeps ties in order, as Qt's stable sort did
        return [s.key for s in missing + present]
    return [s.key for s in present + missing]


@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("show", SHOWS)
def test_each_show_filter_lists_what_the_rules_say(
    record: Database, day: dt.date, show: str
) -> None:
    every = standings(record.sessions, day, SETTINGS)
    order = list_order(
        record.sessions, ListQuery(day, show, sort="title", descending=False), SETTINGS
    )
    expected = sorted(s.key for s in every if _shown(show, s))
    got = [s.key for s in list_page(record.sessions, order.ids, day, SETTINGS)]
    assert sorted(got) == expected
    assert order.total == len(every)
    assert [s.key for s in order.first] == got[: len(order.first)]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", SORTS)
def test_each_column_sorts_as_the_table_did(record: Database, sort: str, descending: bool) -> None:
    day = DAYS[1]
    every = standings(record.sessions, day, SETTINGS)  # the list's own order
    order = list_order(
        record.sessions, ListQuery(day, "all", sort=sort, descending=descending), SETTINGS
    )
    got = [s.key for s in list_page(record.sessions, order.ids, day, SETTINGS)]
    assert got == _sorted(every, sort, descending)


def test_search_body_and_owner_narrow_the_list(record: Database) -> None:
    day = DAYS[2]
    every = standings(record.sessions, day, SETTINGS)
    some = every[len(every) // 2]
    query = ListQuery(
        day, "all", body=some.row.body_key, owner=some.row.owner, text=some.row.title[3:12].upper()
    )
    order = list_order(record.sessions, query, SETTINGS)
    rows = list_page(record.sessions, order.ids, day, SETTINGS)
    assert some.key in [s.key for s in rows]
    needle = some.row.title[3:12].casefold()
    assert all(s.row.body_key == some.row.body_key and s.row.owner == some.row.owner for s in rows)
    assert all(needle in s.row.title.casefold() for s in rows)


@pytest.mark.parametrize("day", DAYS)
def test_the_counts_are_the_rules_counts(record: Database, day: dt.date) -> None:
    every = standings(record.sessions, day, SETTINGS)
    counts = standing_counts.open_counts(record.sessions, day, SETTINGS)
    assert counts.open == sum(s.row.state == "open" for s in every)
    assert counts.overdue == sum(s.overdue for s in every)
    assert counts.due_soon == sum(s.due_soon for s in every)
    assert counts.open_ended == sum(s.open_ended for s in every)
    late = standing_counts.delivered_late(record.sessions, day)
    assert late == sum(
        s.row.state == "delivered" and s.delivered_late_by is not None for s in every
    )
    assert late > 0 or day == DAYS[0]


@pytest.mark.parametrize("day", DAYS)
def test_the_most_slipped_are_the_rules_most_slipped(record: Database, day: dt.date) -> None:
    every = standings(record.sessions, day, SETTINGS)
    expected = sorted((s for s in every if s.slips >= 1), key=lambda s: -s.slips)[:5]
    got = standing_counts.most_slipped(record.sessions, day, SETTINGS)
    assert [s.key for s in got] == [s.key for s in expected]
