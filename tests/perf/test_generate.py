"""The synthetic record: the same for one seed, imported whole by `docket import`, shaped as promised."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.perf.generate import generate
from tests.perf.shape import BRIEF_ITEMS, BRIEF_MEETING

N = 400


def test_the_same_seed_gives_the_same_file_and_another_seed_another(tmp_path: Path) -> None:
    one, two, other = tmp_path / "one.json", tmp_path / "two.json", tmp_path / "other.json"
    generate(N, one, seed=3)
    generate(N, two, seed=3)
    generate(N, other, seed=4)
    assert one.read_bytes() == two.read_bytes()
    assert one.read_bytes() != other.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no leftovers


def test_docket_imports_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    counts = generate(N, path)
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(tmp_path / "r.db"), "import", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"{counts['commitments']} commitments" in done.stdout
    assert f"{counts['promises']:,} promises" in done.stdout
    assert counts["meeting_changes"] > 0


def test_the_shape_is_a_committee_s(tmp_path: Path) -> None:
    path = tmp_path / "record.json"
    generate(2_000, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert 10 <= len(doc["bodies"]) <= 40
    assert 200 <= len(doc["owners"]) <= 500
    per = Counter(p["commitment"] for p in doc["promises"])
    kept, once, many = (sum(1 for n in per.values() if test(n)) for test in (
        lambda n: n == 1, lambda n: n == 2, lambda n: n >= 4))  # fmt: skip
    assert kept > 0.4 * 2_000
    assert once > 0.2 * 2_000
    assert many > 0.03 * 2_000
    statuses = Counter(c["status"] for c in doc["commitments"])
    assert statuses["delivered"] > 0.5 * 2_000
    assert statuses["dropped"] > 0
    assert statuses["open"] > 0
    with_notes = len({n["commitment"] for n in doc["notes"]})
    assert 0.25 * 2_000 < with_notes < 0.42 * 2_000
    moved = [c for c in doc["meeting_changes"] if c["previous_date"]]
    cancelled = [m for m in doc["meetings"] if m["status"] == "cancelled"]
    assert moved
    assert cancelled
    targets = Counter(
        "none" if p["target"] is None else next(iter(p["target"])) for p in doc["promises"]
    )
    assert targets["date"] > targets["meeting"] > targets["none"] > 0
    brief = [a for a in doc["agenda_items"] if a["meeting"] == BRIEF_MEETING]
    assert len(brief) == BRIEF_ITEMS
    years = {m["date"][:4] for m in doc["meetings"]}
    assert len(years) >= 8  # meetings over years, not weeks
