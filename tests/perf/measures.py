"""What the benchmark measures at one size, each beside its floor from the same run."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.perf.runner import Command, Paired, fresh, paired, run
from tests.perf.shape import BRIEF_MEETING, END

HERE = Path(__file__).resolve().parent
AS_OF = END.isoformat()  # lists are read as of the record's last day, so every run agrees
OTHER_AS_OF = "2022-03-29"  # the As-of change the Commitments view is timed on


@dataclass(frozen=True)
class Target:
    """A target of the issue: `ratio` to the floor, a `most` value, or `over` the floor."""

    text: str
    ratio: float | None = None
    most: float | None = None
    over: float | None = None
    only_at: int | None = None  # the size it applies to (None: every size)

    def met(self, n: int, value: float, floor: float | None) -> bool | None:
        if self.only_at is not None and n != self.only_at:
            return None
        if self.ratio is not None and floor:
            return value <= self.ratio * floor
        if self.most is not None:
            return value <= self.most
        if self.over is not None and floor is not None:
            return value <= floor + self.over
        return None


@dataclass
class Result:
    n: int
    name: str
    unit: str  # "s" or "MB"
    value: float
    floor: float | None = None
    target: Target | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def met(self) -> bool | None:
        return self.target.met(self.n, self.value, self.floor) if self.target else None

    def as_json(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "n": self.n,
            "name": self.name,
            "unit": self.unit,
            "value": round(self.value, 4),
            "floor": None if self.floor is None else round(self.floor, 4),
            "ratio": None if ratio is None else round(ratio, 3),
            "target": self.target.text if self.target else None,
            "met": self.met,
            "note": self.note,
        }


@dataclass
class Context:
    n: int
    folder: Path
    env: dict[str, str]
    docket: list[str]
    runs: int
    source: Path  # the generated file
    record: Path = field(init=False)  # the record imported from it
    results: list[Result] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.record = self.folder / "record.db"

    def cli(self, *args: str) -> list[str]:
        return [*self.docket, "--db", str(self.record), *args]

    def script(self, name: str, *args: str) -> list[str]:
        return [sys.executable, str(HERE / name), *args]

    def add(self, result: Result) -> None:
        self.results.append(result)
        ratio = f"  ({result.ratio:.2f}× floor {result.floor:.3g})" if result.ratio else ""
        print(f"    {result.name}: {result.value:.3g} {result.unit}{ratio}", flush=True)

    def pair(self, name: str, unit: str, runs: Paired, target: Target | None, what: str) -> None:
        value = Paired.median(runs.runs, what)
        assert value is not None
        self.add(Result(self.n, name, unit, value, Paired.median(runs.floor, what), target))


def measure_import(ctx: Context) -> None:
    template = ctx.folder / "empty-template.db"
    if not template.exists():
        run(Command([*ctx.docket, "--db", str(template), "init"]), ctx.env)
    floor_db = ctx.folder / "floor.db"
    mine = Command(ctx.cli("import", str(ctx.source)), before=fresh(ctx.record))
    floor = Command(
        ctx.script("floor_import.py", str(ctx.source), str(floor_db), str(template)),
        before=fresh(floor_db),
    )
    runs = paired(mine, floor, ctx.env, ctx.runs)
    ctx.pair("import", "s", runs, Target("≤ 3× floor; < 60 s at 100,000", ratio=3.0), "seconds")
    ctx.pair("import peak memory", "MB", runs, Target("< 300 MB", most=300.0), "peak_mb")


def measure_start(ctx: Context) -> None:
    empty = ctx.folder / "empty.db"
    if not empty.exists():
        run(Command([*ctx.docket, "--db", str(empty), "init"]), ctx.env)
    floor = Command([sys.executable, "-c", "import sqlalchemy"])
    target = Target("≤ 1.3× floor", ratio=1.3)
    runs = paired(Command([*ctx.docket, "--version"]), floor, ctx.env, ctx.runs)
    ctx.pair("start: docket --version", "s", runs, target, "seconds")
    overdue = [*ctx.docket, "--db", str(empty), "overdue", "--as-of", AS_OF, "--format", "csv"]
    runs = paired(Command(overdue), floor, ctx.env, ctx.runs)
    ctx.pair("start: overdue on an empty record", "s", runs, target, "seconds")


def measure_overdue(ctx: Context) -> None:
    for fmt in ("json", "csv"):
        mine = ctx.cli("overdue", "--as-of", AS_OF, "--format", fmt)
        floor = ctx.script("floor_overdue.py", str(ctx.record), AS_OF, fmt)
        same = run(Command(mine, keep_output=True), ctx.env).output
        said = run(Command(floor, keep_output=True), ctx.env).output
        rows = len(json.loads(said)) if fmt == "json" else said.count("\r\n") - 1
        note = f"{rows:,} overdue; " + ("the floor's output is identical" if same == said else
                                         "THE FLOOR'S OUTPUT DIFFERS")  # fmt: skip
        runs = paired(Command(mine), Command(floor), ctx.env, ctx.runs)
        value, floor_value = Paired.median(runs.runs), Paired.median(runs.floor)
        assert value is not None
        target = Target("≤ 1.5× floor", ratio=1.5)
        ctx.add(
            Result(ctx.n, f"overdue list as {fmt.upper()}", "s", value, floor_value, target, note)
        )


def measure_brief(ctx: Context) -> None:
    html, pdf = ctx.folder / "brief.html", ctx.folder / "brief.pdf"
    data = ctx.folder / "brief.json"
    run(Command(ctx.cli("brief", BRIEF_MEETING, "-o", str(html))), ctx.env)
    run(Command(ctx.cli("brief", BRIEF_MEETING, "-o", str(data))), ctx.env)
    brief = json.loads(data.read_text(encoding="utf-8"))
    note = f"{len(brief['matters_arising'])} matters arising"
    mine = Command(ctx.cli("brief", BRIEF_MEETING, "-o", str(pdf)))
    floor = Command(ctx.script("floor_brief.py", str(html), str(ctx.folder / "floor.pdf")))
    runs = paired(mine, floor, ctx.env, ctx.runs)
    value = Paired.median(runs.runs)
    assert value is not None
    target = Target("≤ 1.5× floor", ratio=1.5)
    ctx.add(Result(ctx.n, "brief as PDF", "s", value, Paired.median(runs.floor), target, note))
    runs = paired(
        Command(ctx.cli("brief", BRIEF_MEETING, "-o", str(data))), None, ctx.env, ctx.runs
    )
    ctx.pair("matters arising as JSON", "s", runs, None, "seconds")


def measure_app(ctx: Context) -> None:
    shot = ctx.folder / "shot.png"
    floor = Command(ctx.script("floor_window.py", str(ctx.folder / "floor.png")))
    peaks: list[float] = []
    floor_peak = 0.0
    for view in ("overview", "commitments"):
        mine = Command(ctx.cli("gui", "--screenshot", str(shot), "--view", view, "--as-of", AS_OF))
        runs = paired(mine, floor, ctx.env, ctx.runs)
        ctx.pair(f"app: start to the {view.capitalize()} shown", "s", runs, None, "seconds")
        peaks.append(Paired.median(runs.runs, "peak_mb") or 0.0)
        floor_peak = Paired.median(runs.floor, "peak_mb") or 0.0
    target = Target("≤ floor + 150 MB", over=150.0)
    ctx.add(Result(ctx.n, "app peak memory", "MB", max(peaks), floor_peak, target))


def measure_view(ctx: Context) -> None:
    probe = Command(
        [sys.executable, "-m", "tests.perf.probe_view", str(ctx.record), AS_OF, OTHER_AS_OF],
        keep_output=True,
    )
    run(probe, ctx.env)
    found = [
        json.loads(run(probe, ctx.env).output.strip().splitlines()[-1]) for _ in range(ctx.runs)
    ]

    def median(key: str) -> float:
        values = sorted(f[key] for f in found)
        return float(values[len(values) // 2])

    rows = f"{found[0]['rows']:,} open commitments listed"
    ctx.add(Result(ctx.n, "commitments view: first rows shown", "s", median("first_rows_s"),
                   note=rows))  # fmt: skip
    ctx.add(Result(ctx.n, "commitments view: scroll to the last row", "s", median("scroll_last_s")))
    ctx.add(
        Result(
            ctx.n,
            "commitments view: As-of change",
            "s",
            median("as_of_change_s"),
            target=Target("< 0.5 s at 100,000", most=0.5, only_at=100_000),
        )
    )
    ctx.add(Result(ctx.n, "commitments view: peak memory", "MB", median("peak_mb")))


def measure_whole(ctx: Context) -> None:
    out = ctx.folder / "export.json"
    for name, argv in (
        ("export to JSON", ctx.cli("export", "-o", str(out))),
        ("docket check", ctx.cli("check")),
        ("docket backup", ctx.cli("backup", "-o", str(ctx.folder / "copy.db"))),
    ):
        before = fresh(ctx.folder / "copy.db")
        runs = paired(Command(argv, before=before), None, ctx.env, ctx.runs)
        ctx.pair(name, "s", runs, None, "seconds")
        ctx.pair(f"{name}, peak memory", "MB", runs, None, "peak_mb")
    (ctx.folder / "copy.db").unlink(missing_ok=True)


MEASURES = {
    "import": measure_import,
    "start": measure_start,
    "overdue": measure_overdue,
    "brief": measure_brief,
    "app": measure_app,
    "view": measure_view,
    "whole": measure_whole,
}
