"""The JSON import streams: the file read an entry at a time, in flat memory, in any order."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

import app.transfer.json_stream as json_stream
from app.core.errors import DomainError
from app.safety.opening import open_database
from app.transfer.interchange import ImportRefused
from app.transfer.interchange_read import read_file
from app.transfer.record_io import export_json, import_file, sample_path
from db.engine import resolve_url
from tests.perf.generate import generate

SAMPLE = sample_path().read_text(encoding="utf-8")


def _events_as_document(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for name, index, value in json_stream.members(path):
        if index == json_stream.VALUE:
            doc[name] = value
        elif index == json_stream.LIST:
            doc[name] = []
        else:
            doc[name].append(value)
    return doc


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_every_entry_comes_whole_across_any_read_boundary(
    tmp_path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", chunk)
    path = tmp_path / "sample.json"
    path.write_text(SAMPLE.replace("Forde", "F\u00f6rde \U0001f600"), encoding="utf-8")
    assert _events_as_document(path) == json.loads(path.read_text(encoding="utf-8"))


BROKEN = [
    b'{"docket": 1, "bodies": [',
    b'{"docket": 1,\n "bodies": [\n  {"key": "a"},\n  {"key": ]}',
    b'{"docket": 1, "bodies": [{"key": "a" "name": "A"}]}',
    b'{"docket": 1, "notes": [tru]}',
    b'{"docket": 1}\n\n  {',
    b'{"docket": 1, "bodies": [{"key": "a", "name": "A", "key": "b"}]}',
    b'{"docket": 1, "bodies": [], "bodies": []}',
    b'{"docket": 1, "bodies": [{"key": "caf\xe9"}]}',
    b'{"docket": 1' + b"0" * 5_000 + b"}",
    b'{"docket": 1, "notes": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    b'{"docket": 1, "notes": ["\x01"]}',
]


@pytest.mark.parametrize("raw", BROKEN)
def test_an_unreadable_file_is_described_as_when_read_whole(
    tmp_path: Path, raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 5)
    path = tmp_path / "broken.json"
    path.write_bytes(raw)
    with pytest.raises(DomainError) as whole:
        read_file(path)
    with pytest.raises(DomainError) as streamed:
        list(json_stream.members(path))
    assert str(streamed.value) == str(whole.value)


def test_sections_in_any_order_are_checked_and_written(tmp_path: Path) -> None:
    doc = json.loads(SAMPLE)
    # References before what they name: notes and promises first, bodies last.
    order = ["docket", "notes", "promises", "commitments", "owners", "meeting_changes"]
    order += ["agenda_items", "meetings", "bodies"]
    path = tmp_path / "reordered.json"
    path.write_text(json.dumps({name: doc[name] for name in order}), encoding="utf-8")
    db = open_database(resolve_url(str(tmp_path / "r.db")))
    try:
        import_file(db.sessions, path)
        assert json.loads(export_json(db.sessions)) == doc
    finally:
        db.close()


def test_a_reference_to_nothing_later_in_the_file_is_refused(tmp_path: Path) -> None:
    doc = json.loads(SAMPLE)
    doc["notes"][0]["commitment"] = "nothing-like-it"
    path = tmp_path / "bad.json"
    order = ["docket", "notes", *(n for n in doc if n not in ("docket", "notes"))]
    path.write_text(json.dumps({name: doc[name] for name in order}), encoding="utf-8")
    db = open_database(resolve_url(str(tmp_path / "r.db")))
    try:
        with pytest.raises(ImportRefused, match=r"notes\[0\]\.commitment: no commitment"):
            import_file(db.sessions, path)
        assert json.loads(export_json(db.sessions))["commitments"] == []
    finally:
        db.close()


def _peak_import_mb(tmp_path: Path, commitments: int) -> float:
    source = tmp_path / f"record-{commitments}.json"
    generate(commitments, source)
    db = open_database(resolve_url(str(tmp_path / f"record-{commitments}.db")))
    try:
        tracemalloc.start()
        import_file(db.sessions, source)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
        db.close()


def test_ten_times_the_record_does_not_take_ten_times_the_memory(tmp_path: Path) -> None:
    small, large = _peak_import_mb(tmp_path, 500), _peak_import_mb(tmp_path, 5_000)
    # Held whole, the file and its plan grew with it (about 9x here); streamed, only keys do.
    assert large < 2.5 * small, (small, large)


def test_the_streamed_export_is_the_document_s_text(tmp_path: Path) -> None:
    from app.core.sessions import action
    from app.transfer.interchange_export import dumps, export_document

    source = tmp_path / "record.json"
    generate(300, source)
    db = open_database(resolve_url(str(tmp_path / "r.db")))
    try:
        import_file(db.sessions, source)
        with action(db.sessions) as s:
            whole = dumps(export_document(s))
        assert export_json(db.sessions) == whole
        assert json.loads(whole)["commitments"]
    finally:
        db.close()


_MEASURE_EXPORT = """
import sys, tracemalloc
from app.safety.opening import open_database
from app.transfer.record_io import write_json
from db.engine import resolve_url
db = open_database(resolve_url(sys.argv[1]), create=False)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    tracemalloc.start()
    write_json(db.sessions, out)
    print(tracemalloc.get_traced_memory()[1] / 2**20)
db.close()
"""


def _peak_export_mb(tmp_path: Path, commitments: int) -> float:
    """The export's peak, measured in a process of its own: in a long test session other
    threads and caches would be counted with it."""
    import subprocess
    import sys

    source = tmp_path / f"out-{commitments}.json"
    generate(commitments, source)
    record = tmp_path / f"out-{commitments}.db"
    db = open_database(resolve_url(str(record)))
    try:
        import_file(db.sessions, source)
    finally:
        db.close()
    again = tmp_path / f"again-{commitments}.json"
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE_EXPORT, str(record), str(again)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    return float(done.stdout.split()[-1])


def test_exporting_ten_times_the_record_does_not_take_ten_times_the_memory(
    tmp_path: Path,
) -> None:
    small, large = _peak_export_mb(tmp_path, 500), _peak_export_mb(tmp_path, 5_000)
    assert large < 2.5 * small, (small, large)
