"""Fuzzing the JSON import: a mutated sample file is imported, or refused in one line, untouched;
either way the record passes the full verdict (`docket check`) after."""

from __future__ import annotations

import copy
import json
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from app.core.errors import DomainError
from app.safety.checks import check_file as check_record
from app.safety.opening import Database, open_database
from app.transfer.interchange import FIELDS
from app.transfer.record_io import check_file, export_json, import_file, load_sample, sample_path
from db.engine import resolve_url

SAMPLE: dict[str, Any] = json.loads(sample_path().read_text(encoding="utf-8"))
NAMES = sorted(
    {"docket", "target", "date", "meeting", *FIELDS, *(n for f in FIELDS.values() for n in f)}
)
AWKWARD_TEXT = [
    "",
    " ",
    "nec",
    "dfp",
    "forde-report",
    "nec-2022-01-25",
    "a key",
    "2022-02-30",
    "2022-1-1",
    "0001-01-01",
    "9999-12-31",
    "2022-01-25T10:00",
    "24:00",
    "23:59",
    "open",
    "delivered",
    "dropped",
    "held",
    "cancelled",
    "taken",
    "person",
    "organisation",
    "x" * 401,
    "y" * 10_001,
    "nul\x00",
    "line\nbreak",
    "\ufeff",
    "FREQ=SECONDLY",
    "FREQ=HOURLY;INTERVAL=1",
    "FREQ=DAILY;INTERVAL=0",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYSETPOS=366;BYYEARDAY=1,2",
    "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=1,2,3",
    "FREQ=WEEKLY;COUNT=3;UNTIL=20300101",
    "RRULE:FREQ=MONTHLY;BYDAY=-1TU",
    "DTSTART:20200101T000000\nRRULE:FREQ=SECONDLY",
]
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, -1, 2, 1_000_000, 1_000_001]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(AWKWARD_TEXT),
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(NAMES), inner, max_size=3)
    ),
    max_leaves=6,
)
RULES = st.sampled_from([t for t in AWKWARD_TEXT if "FREQ" in t]) | st.lists(
    st.sampled_from(
        [
            "FREQ=SECONDLY",
            "FREQ=MINUTELY",
            "FREQ=DAILY",
            "FREQ=WEEKLY",
            "FREQ=MONTHLY",
            "FREQ=YEARLY",
            "INTERVAL=0",
            "INTERVAL=2",
            "INTERVAL=99999999",
            "COUNT=0",
            "COUNT=3",
            "UNTIL=19991231",
            "UNTIL=20991231T000000Z",
            "BYSETPOS=366",
            "BYSETPOS=-1",
            "BYMONTH=2",
            "BYMONTHDAY=30",
            "BYMONTHDAY=31,-1",
            "BYYEARDAY=366",
            "BYWEEKNO=53",
            "BYDAY=-1TU",
            "BYDAY=5MO",
            "BYHOUR=10",
            "BYEASTER=0",
            "WKST=SU",
        ]
    ),
    min_size=1,
    max_size=5,
).map(";".join)
# Text-level damage that a parsed document cannot carry.
RAW_DAMAGE = st.sampled_from(["truncate", "huge number", "repeated field", "bytes", "deep"])


def _places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside `node` (not the root itself)."""
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        yield (*path, key)
        yield from _places(child, (*path, key))


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    """The sample with one to four mutations: values, types, keys, dates, arrays."""
    doc = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        # A section first, then a place in it: every section gets its share of damage.
        section = draw(st.sampled_from([*FIELDS, "docket", "schedule"]))
        if section == "schedule":  # a body's rule: the way a busy CPU was found
            bodies = [b for b in doc.get("bodies") or [] if isinstance(b, dict)]
            if bodies:
                draw(st.sampled_from(bodies))["schedule"] = draw(RULES)
            continue
        if section not in doc:
            doc[section] = draw(VALUES)
            continue
        places = [(section,), *((section, *p) for p in _places(doc[section]))]
        path = draw(st.sampled_from(places))
        parent, key = _parent(doc, path), path[-1]
        how = draw(st.sampled_from(["set", "set", "drop", "add", "repeat", "wrap", "empty"]))
        if how == "set":
            parent[key] = draw(VALUES)
        elif how == "drop":
            del parent[key]
        elif how == "add" and isinstance(parent[key], dict):
            parent[key][draw(st.sampled_from(NAMES))] = draw(VALUES)
        elif how == "add" and isinstance(parent[key], list):
            parent[key].insert(draw(st.integers(0, len(parent[key]))), draw(VALUES))
        elif how == "repeat" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))  # a duplicate key, place or promise
        elif how == "wrap":
            parent[key] = [parent[key]]
        elif how == "empty" and isinstance(parent[key], list | dict):
            parent[key].clear()
    return doc


def _write(path: Path, doc: dict[str, Any], damage: str | None) -> None:
    text = json.dumps(doc, ensure_ascii=False)
    if damage == "truncate":
        text = text[: len(text) // 2]
    elif damage == "huge number":
        text = text.replace('"docket": 1', '"docket": 1' + "0" * 5_000, 1)
    elif damage == "repeated field":
        text = text.replace('"key": ', '"key": "twice", "key": ', 1)
    elif damage == "deep":
        text = text[:-1] + ', "notes": ' + "[" * 100_000 + "]" * 100_000 + "}"
    data = text.encode("utf-8")
    if damage == "bytes":
        data = data.replace(b"Forde", b"F\xffrde", 1)
    path.write_bytes(data)


def _snapshot(db: Database, path: Path) -> tuple[bytes, bytes | None]:
    """The record's committed bytes (see tests/test_interchange.py: snapshot)."""
    db.engine.dispose()
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else None


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """An empty record and one holding the sample, copied for each example."""
    folder = tmp_path_factory.mktemp("templates")
    made = {}
    for with_sample in (False, True):
        path = folder / f"record-{with_sample}.db"
        db = open_database(resolve_url(str(path)))
        if with_sample:
            load_sample(db)
        db.close()
        made[with_sample] = path
    return made


MAX_STATEMENTS = 500  # the sample imports in about 25: batched sections keep it flat
HANG_SECONDS = 120  # not a speed check: a file that never finishes fails instead of hanging


@contextmanager
def hang_guard() -> Iterator[None]:
    """Fail, rather than hang the test run, if one import never ends (an unbounded walk)."""

    def stop(_signum: int, _frame: object) -> None:
        raise AssertionError(f"an import ran past {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _one_line(exc: DomainError) -> None:
    message = str(exc)
    assert message, type(exc)
    assert "\n" not in message, message
    assert "\r" not in message, message


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    doc=mutated(),
    damage=st.none() | st.none() | RAW_DAMAGE,
    into_sample=st.sampled_from([False, False, True]),
)
def test_a_mutated_file_is_imported_or_refused_in_one_line(
    templates: dict[bool, Path], doc: dict[str, Any], damage: str | None, into_sample: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        file, record = Path(folder) / "mutated.json", Path(folder) / "docket.db"
        _write(file, doc, damage)
        try:  # the command's first step for a new record: the file on its own
            check_file(file)
        except DomainError as exc:
            _one_line(exc)
        shutil.copy(templates[into_sample], record)
        db = open_database(resolve_url(str(record)))
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        try:
            before = _snapshot(db, record)
            plan = None
            try:
                with hang_guard():
                    plan = import_file(db.sessions, file)
            except DomainError as exc:  # ImportRefused among them; anything else fails
                _one_line(exc)
                assert _snapshot(db, record) == before
            else:
                assert sum(plan.counts().values()) >= 0
            # Bounded work: a file the size of the sample never needs more statements.
            assert len(statements) <= MAX_STATEMENTS, len(statements)
            if plan is not None:
                json.loads(export_json(db.sessions))  # what was imported can be exported
            db.engine.dispose()
            assert check_record(record).problems == []  # and the record passes the full verdict
        finally:
            db.close()
