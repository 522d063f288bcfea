"""Keys in a real X window on a virtual screen (Xvfb): Linux desktops bind Ctrl+E and
other keys in line edits (move to the end of the line), which offscreen Qt does not, so
the window's own shortcuts are checked here where a member meets them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.safety.opening import Database

HERE = Path(__file__).parent


@pytest.fixture
def display() -> Iterator[str]:
    if not all(shutil.which(tool) for tool in ("Xvfb", "xdotool", "openbox")):
        pytest.skip("Xvfb, xdotool and openbox are not installed (.ci/run installs them)")
    for number in range(140, 160):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            break
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1024x700x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.05)
        # A window manager, as on a desktop: without one no window is ever active, and
        # the keys go to the window rather than to the field that has the keyboard.
        manager = subprocess.Popen(
            ["openbox"],
            env={**os.environ, "DISPLAY": f":{number}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        try:
            yield f":{number}"
        finally:
            manager.terminate()
            manager.wait(10)
    finally:
        server.terminate()
        server.wait(10)


@pytest.mark.sqlite_only  # the app opens the record file in another process
def test_ctrl_e_exports_from_the_as_of_field_and_the_search(
    display: str, sample_db: Database, db_path: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
    done = subprocess.run(
        [sys.executable, str(HERE / "real_window_keys.py"), str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=HERE.parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert "asOf: text kept" in done.stdout
    assert "search: text kept" in done.stdout
    assert "exports asked: 2" in done.stdout
