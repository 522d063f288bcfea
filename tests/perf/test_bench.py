"""The benchmark runs end to end, and its overdue floor computes exactly what Docket does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.perf.bench import main


def test_overdue_floor_writes_what_docket_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--commitments", "300", "--runs", "1", "--only", "overdue", "--keep", str(tmp_path)])
    said = capsys.readouterr().out.strip().splitlines()
    summary = json.loads(said[-1])
    results = {r["name"]: r for r in summary["results"]}
    for fmt in ("JSON", "CSV"):
        result = results[f"overdue list as {fmt}"]
        assert result["value"] > 0
        assert result["floor"] > 0
        assert result["ratio"] == pytest.approx(result["value"] / result["floor"], rel=0.01)
        assert "the floor's output is identical" in result["note"]
        assert int(result["note"].split()[0]) > 0  # something is overdue to compare
    assert "| overdue list as CSV |" in "\n".join(said)
